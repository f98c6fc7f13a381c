import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGoal,
  addIndicator,
  boardMeasurability,
  deleteGoal,
  editGoalText,
  indentGoal,
  moveGoal,
  readGoalTree,
  reparentGoal,
  updateGoal,
  updateIndicator,
} from '../../../shared/schema/goals';
import { getItemsMap, type WriteContext } from '../../../shared/schema/items';
import { boundedTree, EMPTY_GOAL_FILTER, GOAL_DISPLAY_DEPTH, GoalsModel, type BoundedNode, type GoalFilter } from './goals';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna Schulamt' } };
const bernd: WriteContext = { origin: 'bernd', author: { participantId: 'p-bernd', displayName: 'Bernd Jugendhilfe' } };

/** A tree of `n` nodes: one Leitbild, strategic goals, operative goals below them, measures below those. */
function tree(n: number) {
  const doc = new Y.Doc();
  const ids: string[] = [];
  doc.transact(() => {
    const root = addGoal(doc, anna, { title: 'Bildung für alle' });
    ids.push(root);
    const strategic: string[] = [];
    const operative: string[] = [];
    for (let i = 1; i < n; i++) {
      const ctx = i % 2 ? bernd : anna;
      if (strategic.length < Math.max(1, Math.round(n / 50)) && (i % 10 === 1 || strategic.length === 0)) {
        strategic.push(addGoal(doc, ctx, { parentId: root, title: `Strategisches Ziel ${i}` }));
        ids.push(strategic.at(-1)!);
      } else if (operative.length < n / 5 && i % 4 !== 0) {
        operative.push(addGoal(doc, ctx, { parentId: strategic[i % strategic.length]!, title: `Operatives Ziel ${i}` }));
        ids.push(operative.at(-1)!);
      } else {
        ids.push(addGoal(doc, ctx, { parentId: operative[i % Math.max(1, operative.length)] ?? strategic[0]!, title: `Maßnahme ${i}` }));
      }
    }
  });
  return { doc, ids, model: new GoalsModel(doc) };
}

/** A chain of `depth` nodes, each the only child of the one before (a participant can write one). */
function chain(depth: number) {
  const doc = new Y.Doc();
  const items = getItemsMap(doc);
  const ids: string[] = [];
  doc.transact(() => {
    let parent: string | null = null;
    for (let i = 0; i < depth; i++) {
      const item = new Y.Map<unknown>();
      const id = `n${i}`;
      items.set(id, item);
      item.set('parentId', parent);
      item.set('order', 'a0');
      item.set('level', 'operativ');
      item.set('title', new Y.Text(`Ebene ${i + 1}`));
      ids.push(id);
      parent = id;
    }
  });
  return { doc, ids };
}

function depthOf(nodes: readonly BoundedNode[]): number {
  let max = 0;
  const stack = nodes.map((n) => ({ n, d: 1 }));
  while (stack.length > 0) {
    const { n, d } = stack.pop()!;
    max = Math.max(max, d);
    for (const c of n.children) stack.push({ n: c, d: d + 1 });
  }
  return max;
}

describe('GoalsModel', () => {
  it('reads the same tree as readGoalTree', () => {
    const { doc, model } = tree(120);
    const snap = readGoalTree(doc);
    const s = model.structure();
    expect(s.preorder).toEqual(snap.nodes.map((n) => n.id));
    for (const node of snap.nodes) {
      expect(s.depthOf(node.id)).toBe(node.depth);
      expect(s.parentOf(node.id)).toBe(node.parentId);
      expect(s.childIds(node.id)).toEqual(node.childIds);
      const item = model.items.get(node.id)!;
      expect({ title: item.title, level: item.level, owner: item.owner, indicators: item.indicators }).toEqual({
        title: node.title,
        level: node.level,
        owner: node.owner,
        indicators: node.indicators,
      });
    }
    expect(model.measurability).toEqual(boardMeasurability(snap));
  });

  it('typing into one goal re-reads one node and leaves the structure alone', () => {
    const { doc, ids, model } = tree(500);
    const structure = model.structure();
    const view = model.view(EMPTY_GOAL_FILTER, new Set());
    const version = model.structureVersion;
    const target = ids[250]!;
    const others = ids.filter((id) => id !== target).map((id) => model.items.get(id));
    let itemCalls = 0;
    let structureCalls = 0;
    const unsubItem = model.items.subscribeItem(target, () => itemCalls++);
    const unsubStructure = model.subscribeStructure(() => structureCalls++);
    const readsBefore = model.reads;

    for (const ch of 'Neu: ') editGoalText(doc, anna, target, 'title', { index: 0, deleteCount: 0, insert: ch });

    expect(model.reads - readsBefore).toBe(5); // one read of one node per keystroke
    expect(itemCalls).toBe(5);
    expect(structureCalls).toBe(0);
    expect(model.structureVersion).toBe(version);
    expect(model.items.get(target)?.title.startsWith(' :ueN')).toBe(true);
    // The structure and every row stay the same objects: no outline row renders again.
    expect(model.structure()).toBe(structure);
    const again = model.view(EMPTY_GOAL_FILTER, new Set());
    for (const [i, row] of again.rows.entries()) expect(row).toBe(view.rows[i]);
    // Every other node keeps its snapshot.
    expect(ids.filter((id) => id !== target).map((id) => model.items.get(id))).toEqual(others);
    ids.filter((id) => id !== target).forEach((id, i) => expect(model.items.get(id)).toBe(others[i]));
    unsubItem();
    unsubStructure();
  });

  it('editing an indicator or the owner re-reads that node and updates the counter without a structure pass', () => {
    const { doc, ids, model } = tree(60);
    const goal = ids.find((id) => model.items.get(id)?.level === 'operativ')!;
    const before = model.measurability;
    let structureCalls = 0;
    const unsub = model.subscribeStructure(() => structureCalls++);
    const reads = model.reads;
    updateGoal(doc, anna, goal, { owner: 'Bildungsbüro' });
    const ind = addIndicator(doc, anna, goal, { name: 'Quote', baseline: 8, target: 4 })!;
    expect(model.measurability).toEqual(before);
    updateIndicator(doc, anna, goal, ind, { deadline: '2028-07-31' });
    expect(model.measurability).toEqual({ measurable: before.measurable + 1, total: before.total });
    expect(model.measurability).toEqual(boardMeasurability(doc));
    expect(model.reads - reads).toBe(3);
    expect(structureCalls).toBe(0);
    unsub();
  });

  it('a move derives the structure again; rows and child lists that did not change keep their identity', () => {
    const { doc, model } = tree(200);
    const s1 = model.structure();
    const v1 = model.view(EMPTY_GOAL_FILTER, new Set());
    const root = s1.rootIds[0]!;
    const [first, second, third] = s1.childIds(root);
    const untouched = s1.childIds(third!);
    expect(moveGoal(doc, anna, second!, { before: first! })).toBe(true);
    const s2 = model.structure();
    expect(s2).not.toBe(s1);
    expect(s2.childIds(root).slice(0, 2)).toEqual([second, first]);
    expect(s2.childIds(third!)).toBe(untouched);
    const v2 = model.view(EMPTY_GOAL_FILTER, new Set());
    const byId = new Map(v1.rows.map((r) => [r.id, r]));
    const kept = v2.rows.filter((r) => byId.get(r.id) === r).length;
    // Only the two swapped siblings changed their position; their subtrees and everything else kept their rows.
    expect(v2.rows.filter((r) => byId.get(r.id) !== r).map((r) => r.id).sort()).toEqual([first, second].sort());
    expect(kept).toBe(v2.rows.length - 2);
  });

  it('a level change is structural; indenting changes depth and the counter follows', () => {
    const { doc, ids, model } = tree(200);
    const versions: number[] = [model.structureVersion];
    const s = model.structure();
    const strategic = s.childIds(s.rootIds[0]!);
    updateGoal(doc, anna, strategic[1]!, { level: 'operativ' });
    versions.push(model.structureVersion);
    expect(indentGoal(doc, anna, strategic[1]!)).toBe(true);
    versions.push(model.structureVersion);
    expect(new Set(versions).size).toBe(3);
    expect(model.structure().depthOf(strategic[1]!)).toBe(2);
    expect(model.measurability).toEqual(boardMeasurability(doc));
    expect(ids.length).toBe(200);
  });

  it('collapsed nodes hide their descendants; deleting a node lets its children climb', () => {
    const { doc, model } = tree(40);
    const s = model.structure();
    const root = s.rootIds[0]!;
    const strategic = s.childIds(root)[0]!;
    const hidden = s.subtree(strategic).length - 1;
    const all = model.view(EMPTY_GOAL_FILTER, new Set());
    const folded = model.view(EMPTY_GOAL_FILTER, new Set([strategic]));
    expect(folded.rows.length).toBe(all.rows.length - hidden);
    expect(folded.rows.find((r) => r.id === strategic)).toMatchObject({ hasChildren: true, expanded: false });

    const kids = s.childIds(strategic);
    deleteGoal(doc, anna, strategic);
    const after = model.structure();
    for (const k of kids) expect(after.parentOf(k)).toBe(root);
    expect(model.view(EMPTY_GOAL_FILTER, new Set()).rows.length).toBe(all.rows.length - 1);
  });

  it('a child added under a node deleted elsewhere climbs to the nearest survivor (the removed record is structural)', () => {
    const a = new Y.Doc();
    const root = addGoal(a, anna, { title: 'L' });
    const mid = addGoal(a, anna, { parentId: root, title: 'S' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const model = new GoalsModel(b);
    const child = addGoal(a, anna, { parentId: mid, title: 'O' });
    deleteGoal(b, bernd, mid);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(model.structure().parentOf(child)).toBe(root);
    expect(model.structure().isRepaired(child)).toBe(true);
  });

  it('filters by text (accent-folded), author, level, indicators and measurability, and shows ancestors as context', () => {
    const doc = new Y.Doc();
    const root = addGoal(doc, anna, { title: 'Bildung für alle' });
    const s1 = addGoal(doc, anna, { parentId: root, title: 'Übergang Schule – Beruf' });
    const o1 = addGoal(doc, bernd, { parentId: s1, title: 'Praktika ausbauen', owner: 'Kammer' });
    addIndicator(doc, bernd, o1, { name: 'Praktikumsplätze', baseline: 10, target: 40, deadline: '2027-07-31' });
    const o2 = addGoal(doc, anna, { parentId: s1, title: 'Schüler begleiten' });
    const s2 = addGoal(doc, bernd, { parentId: root, title: 'Weiterbildung' });
    const model = new GoalsModel(doc);
    const rowsOf = (f: Partial<GoalFilter>) => {
      const v = model.view({ ...EMPTY_GOAL_FILTER, ...f }, new Set([s1]));
      return { ids: v.rows.map((r) => r.id), context: v.rows.filter((r) => r.context).map((r) => r.id), matched: v.matched, total: v.total };
    };
    // "SCHULER" finds "Schüler"; a collapsed parent does not hide a match.
    expect(rowsOf({ text: 'SCHULER' })).toEqual({ ids: [root, s1, o2], context: [root, s1], matched: 1, total: 5 });
    expect(rowsOf({ text: 'ubergang' }).ids).toEqual([root, s1]);
    expect(rowsOf({ author: 'p-bernd' })).toMatchObject({ ids: [root, s1, o1, s2], context: [root, s1], matched: 2 });
    expect(rowsOf({ level: 'operativ' }).ids).toEqual([root, s1, o1, o2]);
    expect(rowsOf({ indicators: 'with' }).ids).toEqual([root, s1, o1]);
    expect(rowsOf({ indicators: 'without' }).matched).toBe(4);
    expect(rowsOf({ measurability: 'measurable' }).ids).toEqual([root, s1, o1]);
    expect(rowsOf({ measurability: 'gaps' }).ids).toEqual([root, s1, o2, s2]);
    expect(rowsOf({ measurability: 'notMeasured' }).ids).toEqual([root]);
    expect(rowsOf({ text: 'praktikumsplatze' }).ids).toEqual([root, s1, o1]); // indicator names count
    expect(rowsOf({ text: 'nichts' })).toEqual({ ids: [], context: [], matched: 0, total: 5 });
    // Positions count the siblings shown.
    const v = model.view({ ...EMPTY_GOAL_FILTER, text: 'schüler' }, new Set());
    expect(v.rows.find((r) => r.id === s1)).toMatchObject({ posInSet: 1, setSize: 1 });
    expect(model.authors()).toEqual([
      ['p-anna', 'Anna Schulamt'],
      ['p-bernd', 'Bernd Jugendhilfe'],
    ]);
  });

  it('undo of a move restores the structure the model shows', () => {
    const { doc, model } = tree(200);
    const um = new Y.UndoManager(getItemsMap(doc), { trackedOrigins: new Set([anna.origin]) });
    const s = model.structure();
    const root = s.rootIds[0]!;
    const [first, second] = s.childIds(root);
    reparentGoal(doc, anna, second!, first!, 'end');
    expect(model.structure().parentOf(second!)).toBe(first);
    um.undo();
    expect(model.structure().parentOf(second!)).toBe(root);
    expect(model.structure().childIds(root).slice(0, 2)).toEqual([first, second]);
  });
});

describe('a 6,000-level chain', () => {
  it('is read, viewed, walked and cut for nested views without a deep recursion', () => {
    const { doc, ids } = chain(6000);
    const model = new GoalsModel(doc);
    const s = model.structure();
    expect(s.size).toBe(6000);
    expect(s.maxDepth).toBe(5999);
    expect(s.depthOf(ids[5999]!)).toBe(5999);
    expect(s.ancestors(ids[5999]!)).toHaveLength(5999);
    expect(s.subtree(ids[0]!)).toHaveLength(6000);
    const view = model.view(EMPTY_GOAL_FILTER, new Set());
    expect(view.rows).toHaveLength(6000);
    expect(view.rows.at(-1)).toMatchObject({ depth: 5999, posInSet: 1, setSize: 1 });
    // Collapsing the tenth level hides the rest.
    expect(model.view(EMPTY_GOAL_FILTER, new Set([ids[9]!])).rows).toHaveLength(10);
    // A search for the deepest node shows it with its 5,999 ancestors.
    const found = model.view({ ...EMPTY_GOAL_FILTER, text: 'Ebene 6000' }, new Set());
    expect(found.matched).toBe(1);
    expect(found.rows).toHaveLength(6000);

    const bounded = boundedTree(s, null);
    expect(depthOf(bounded)).toBe(GOAL_DISPLAY_DEPTH + 1);
    let node: BoundedNode = bounded[0]!;
    while (node.children.length > 0) node = node.children[0]!;
    expect(node).toMatchObject({ kind: 'deeper', count: 6000 - GOAL_DISPLAY_DEPTH, parentId: ids[GOAL_DISPLAY_DEPTH - 1] });

    // Typing into the deepest node still reads one node.
    const reads = model.reads;
    editGoalText(doc, anna, ids[5999]!, 'title', { index: 0, deleteCount: 0, insert: 'x' });
    expect(model.reads - reads).toBe(1);
    expect(model.structure()).toBe(s);
  });

  it('a cycle written by hand resolves without endless walks', () => {
    const { doc, ids } = chain(3000);
    (getItemsMap(doc).get(ids[0]!) as Y.Map<unknown>).set('parentId', ids[2999]);
    const model = new GoalsModel(doc);
    const s = model.structure();
    expect(s.size).toBe(3000);
    expect(s.rootIds).toHaveLength(1);
    expect(s.ancestors(s.preorder.at(-1)!)).toHaveLength(2999);
  });
});
