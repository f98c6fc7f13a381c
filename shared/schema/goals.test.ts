import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addGoal,
  addIndicator,
  boardMeasurability,
  canReparent,
  childLevel,
  deleteGoal,
  editGoalText,
  indentGoal,
  measurability,
  moveGoal,
  moveIndicator,
  outdentGoal,
  readGoalTree,
  removeIndicator,
  reparentGoal,
  resolveGoalLinks,
  updateGoal,
  updateIndicator,
  type GoalTree,
} from './goals';
import type { WriteContext } from './items';

function writer(name: string): WriteContext {
  let n = 0;
  return { origin: { name }, author: { participantId: name, displayName: name }, newId: () => `${name}-${n++}` };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** The outline as indented titles, e.g. ['Leitbild', '  Ziel A']. */
function outline(tree: GoalTree): string[] {
  return tree.nodes.map((n) => `${'  '.repeat(n.depth)}${n.title}`);
}

describe('goal tree', () => {
  it('builds Leitbild → strategisch → operativ → Maßnahme with default child levels', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const leitbild = addGoal(doc, anna, { title: 'Bildung für alle' });
    const strat = addGoal(doc, anna, { parentId: leitbild, title: 'Übergänge gestalten' });
    const op = addGoal(doc, anna, { parentId: strat, title: 'Mehr Ausbildungsplätze' });
    addGoal(doc, anna, { parentId: op, title: 'Ausbildungsmesse' });
    const tree = readGoalTree(doc);
    expect(tree.nodes.map((n) => n.level)).toEqual(['leitbild', 'strategisch', 'operativ', 'massnahme']);
    expect(outline(tree)).toEqual(['Bildung für alle', '  Übergänge gestalten', '    Mehr Ausbildungsplätze', '      Ausbildungsmesse']);
    expect(tree.rootIds).toEqual([leitbild]);
    expect(tree.byId.get(strat)?.childIds).toEqual([op]);
    expect(childLevel('massnahme')).toBe('massnahme');
    expect(() => addGoal(doc, anna, { parentId: 'nope' })).toThrow(/unknown parent/);
  });

  it('refuses to move a node below itself', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const a = addGoal(doc, anna, { title: 'a' });
    const b = addGoal(doc, anna, { parentId: a, title: 'b' });
    const c = addGoal(doc, anna, { parentId: b, title: 'c' });
    expect(canReparent(resolveGoalLinks(doc), a, c)).toBe(false);
    expect(reparentGoal(doc, anna, a, c)).toBe(false);
    expect(reparentGoal(doc, anna, a, a)).toBe(false);
    expect(reparentGoal(doc, anna, c, null, 'start')).toBe(true);
    expect(outline(readGoalTree(doc))).toEqual(['c', 'a', '  b']);
  });

  it('indents, outdents and reorders like an outline', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const root = addGoal(doc, anna, { title: 'L' });
    const a = addGoal(doc, anna, { parentId: root, title: 'a' });
    const b = addGoal(doc, anna, { parentId: root, title: 'b' });
    const c = addGoal(doc, anna, { parentId: root, title: 'c' });
    expect(indentGoal(doc, anna, a)).toBe(false); // no previous sibling
    indentGoal(doc, anna, b);
    indentGoal(doc, anna, c);
    expect(outline(readGoalTree(doc))).toEqual(['L', '  a', '    b', '    c']);
    moveGoal(doc, anna, c, 'start');
    expect(outline(readGoalTree(doc))).toEqual(['L', '  a', '    c', '    b']);
    outdentGoal(doc, anna, c);
    expect(outline(readGoalTree(doc))).toEqual(['L', '  a', '    b', '  c']);
    expect(outdentGoal(doc, anna, root)).toBe(false);
  });

  it('deleting a node moves its children to its place; with descendants removes the subtree', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const root = addGoal(doc, anna, { title: 'L' });
    addGoal(doc, anna, { parentId: root, title: 'a' });
    const b = addGoal(doc, anna, { parentId: root, title: 'b' });
    addGoal(doc, anna, { parentId: b, title: 'b1' });
    addGoal(doc, anna, { parentId: b, title: 'b2' });
    const c = addGoal(doc, anna, { parentId: root, title: 'c' });
    addGoal(doc, anna, { parentId: c, title: 'c1' });
    deleteGoal(doc, anna, b);
    expect(outline(readGoalTree(doc))).toEqual(['L', '  a', '  b1', '  b2', '  c', '    c1']);
    deleteGoal(doc, anna, c, { withDescendants: true });
    expect(outline(readGoalTree(doc))).toEqual(['L', '  a', '  b1', '  b2']);
    expect(deleteGoal(doc, anna, c)).toBe(false);
  });

  it('a child added under a node deleted at the same time climbs to the nearest surviving ancestor', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = writer('anna');
    const root = addGoal(a, anna, { title: 'L' });
    const strat = addGoal(a, anna, { parentId: root, title: 'S' });
    const op = addGoal(a, anna, { parentId: strat, title: 'O' });
    sync(a, b);
    deleteGoal(a, anna, op);
    deleteGoal(a, anna, strat);
    addGoal(b, writer('ben'), { parentId: op, title: 'Maßnahme' });
    sync(a, b);
    for (const doc of [a, b]) {
      const tree = readGoalTree(doc);
      expect(outline(tree)).toEqual(['L', '  Maßnahme']);
      expect(tree.nodes[1]?.parentRepaired).toBe(true);
    }
  });

  it('concurrent re-parenting into a cycle resolves the same way on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = writer('anna');
    const root = addGoal(a, anna, { title: 'L' });
    const x = addGoal(a, anna, { parentId: root, title: 'x' });
    const y = addGoal(a, anna, { parentId: root, title: 'y' });
    sync(a, b);
    expect(reparentGoal(a, anna, x, y)).toBe(true);
    expect(reparentGoal(b, writer('ben'), y, x)).toBe(true);
    sync(a, b);
    const tree = readGoalTree(a);
    expect(readGoalTree(b).nodes).toEqual(tree.nodes);
    // The smaller id of the cycle (x = anna-1 < y = anna-2) goes to the top level, y stays below it.
    expect(outline(tree)).toEqual(['L', 'x', '  y']);
    expect(tree.byId.get(x)?.parentRepaired).toBe(true);
    // Any later move of x through the helpers writes the repaired state.
    expect(reparentGoal(a, anna, x, root)).toBe(true);
    expect(outline(readGoalTree(a))).toEqual(['L', '  x', '    y']);
  });

  it('merges concurrent edits of different indicators and fields', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = writer('anna');
    const ben = writer('ben');
    const goal = addGoal(a, anna, { level: 'operativ', title: 'Quote senken' });
    const i1 = addIndicator(a, anna, goal, { name: 'Abgänger ohne Abschluss', unit: '%' })!;
    sync(a, b);
    updateIndicator(a, anna, goal, i1, { baseline: 6.8 });
    updateIndicator(b, ben, goal, i1, { target: 4, deadline: '2028-07-31' });
    const i2 = addIndicator(b, ben, goal, { name: 'Teilnehmende', unit: 'Personen' }, 'start')!;
    editGoalText(a, anna, goal, 'description', 'bis 2028');
    sync(a, b);
    const node = readGoalTree(a).nodes[0]!;
    expect(node.indicators.map((i) => i.id)).toEqual([i2, i1]);
    expect(node.indicators[1]).toMatchObject({ baseline: 6.8, target: 4, deadline: '2028-07-31', unit: '%' });
    expect(node.description).toBe('bis 2028');
    expect(readGoalTree(b).nodes).toEqual(readGoalTree(a).nodes);
    moveIndicator(a, anna, goal, i2, 'end');
    expect(readGoalTree(a).nodes[0]?.indicators.map((i) => i.id)).toEqual([i1, i2]);
    removeIndicator(a, anna, goal, i2);
    expect(readGoalTree(a).nodes[0]?.indicators).toHaveLength(1);
    expect(() => updateIndicator(a, anna, goal, i1, { deadline: '31.07.2028' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('measurability', () => {
  const complete = { id: 'i', order: 'V', name: 'Quote', unit: '%', baseline: 10, target: 5, deadline: '2028-12-31', dataSource: 'Statistik' };

  it('lists what a goal lacks', () => {
    expect(measurability({ level: 'strategisch', owner: '', indicators: [] })).toEqual(['no_indicator', 'no_owner']);
    expect(measurability({ level: 'operativ', owner: 'Bildungsbüro', indicators: [{ ...complete, baseline: null, deadline: null }] })).toEqual([
      'no_baseline',
      'no_deadline',
    ]);
    expect(measurability({ level: 'operativ', owner: 'Bildungsbüro', indicators: [complete, { ...complete, target: null }] })).toEqual(['no_target']);
    expect(measurability({ level: 'strategisch', owner: 'Schulamt', indicators: [complete] })).toEqual([]);
  });

  it('does not measure the Leitbild or measures', () => {
    expect(measurability({ level: 'leitbild', owner: '', indicators: [] })).toEqual([]);
    expect(measurability({ level: 'massnahme', owner: '', indicators: [] })).toEqual([]);
  });

  it('counts the measurable goals of a board', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const leitbild = addGoal(doc, anna, { title: 'L' });
    const s = addGoal(doc, anna, { parentId: leitbild, owner: 'Dezernat' });
    const o = addGoal(doc, anna, { parentId: s });
    addGoal(doc, anna, { parentId: o });
    expect(boardMeasurability(doc)).toEqual({ measurable: 0, total: 2 });
    addIndicator(doc, anna, s, { name: 'Quote', baseline: 1, target: 2, deadline: '2030-01-01' });
    expect(boardMeasurability(doc)).toEqual({ measurable: 1, total: 2 });
    updateGoal(doc, anna, o, { owner: 'VHS' });
    addIndicator(doc, anna, o, { name: 'Kurse', baseline: 3, target: 9, deadline: '2027-06-30' });
    expect(boardMeasurability(readGoalTree(doc))).toEqual({ measurable: 2, total: 2 });
  });
});
