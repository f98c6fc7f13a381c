import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearActionEntry, consistencyHints, editActionField, linkActionNode, readActionPlan, unlinkActionNode } from '../../../shared/schema/actions';
import { addGoal, addIndicator, deleteGoal, editGoalText, readGoalTree, reparentGoal, updateGoal } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import { actionAuthors, actionStructure, ActionPlanModel, EMPTY_ACTION_FILTER, goalOwners, GoalsIndex, NO_OWNER, type ActionFilter } from './actions';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna Schulamt' } };
const bernd: WriteContext = { origin: 'bernd', author: { participantId: 'p-bernd', displayName: 'Bernd Jugendhilfe' } };

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** A goal tree with a Leitbild, `n` strategic goals and one operative goal under each. */
function setup(n: number) {
  const goalsDoc = new Y.Doc();
  const leitbild = addGoal(goalsDoc, anna, { title: 'Bildung für alle' });
  const strategic: string[] = [];
  const operative: string[] = [];
  goalsDoc.transact(() => {
    for (let i = 0; i < n; i++) {
      const s = addGoal(goalsDoc, anna, { parentId: leitbild, title: `Strategisches Ziel ${i}`, owner: i % 2 ? 'Jugendamt' : '' });
      strategic.push(s);
      operative.push(addGoal(goalsDoc, anna, { parentId: s, title: `Operatives Ziel ${i}`, zielfeld: 'leistungen' }));
    }
  });
  const doc = new Y.Doc();
  return { goalsDoc, doc, leitbild, strategic, operative, plan: new ActionPlanModel(doc), goals: new GoalsIndex(goalsDoc) };
}

describe('ActionPlanModel and GoalsIndex', () => {
  it('read the same plan and tree as readActionPlan and readGoalTree', () => {
    const { goalsDoc, doc, strategic, operative, plan, goals } = setup(6);
    editActionField(doc, anna, strategic[0]!, 'wirkungen', 'Mehr Abschlüsse');
    linkActionNode(doc, bernd, strategic[1]!, operative[1]!);
    editActionField(doc, bernd, 'gone-goal', 'ressourcen', 'Zwei Stellen');
    addIndicator(goalsDoc, anna, strategic[2]!, { name: 'Quote', unit: '%', baseline: 40, target: 60, deadline: '2027-06-30', dataSource: 'Statistik' });
    const tree = readGoalTree(goalsDoc);
    const expected = readActionPlan(doc, tree);
    const s = actionStructure(plan, goals);
    expect([...s.current, ...s.orphans]).toEqual(expected.map((e) => e.goalId));
    for (const e of expected) {
      const mine = plan.entry(e.goalId);
      expect({ ...mine, linkedNodeIds: [...mine.linkedNodeIds].sort() }).toEqual({ ...e, linkedNodeIds: [...e.linkedNodeIds].sort() });
    }
    for (const node of tree.nodes) expect(goals.node(node.id)).toEqual(node);
    expect(goals.outline().below(strategic[0]!)).toEqual([{ id: operative[0], depth: 1 }]);
  });

  it('typing into a Zielfeld re-reads one entry and leaves the structure alone', () => {
    const { doc, strategic, plan, goals } = setup(50);
    for (const id of strategic) editActionField(doc, anna, id, 'wirkungen', `Wirkung ${id}`);
    const first = actionStructure(plan, goals);
    const others = strategic.slice(1).map((id) => plan.get(id));
    let mine = 0;
    let other = 0;
    let structure = 0;
    const offs = [plan.subscribeItem(strategic[0]!, () => mine++), plan.subscribeItem(strategic[1]!, () => other++), plan.subscribeStructure(() => structure++)];
    editActionField(doc, anna, strategic[0]!, 'wirkungen', { index: 0, deleteCount: 0, insert: 'Neu: ' });
    editActionField(doc, anna, strategic[0]!, 'prozesse', 'Jugendberufsagentur');
    expect([mine, other, structure]).toEqual([2, 0, 0]);
    expect(plan.get(strategic[0]!)?.fields.wirkungen).toBe(`Neu: Wirkung ${strategic[0]}`);
    expect(plan.get(strategic[0]!)?.fields.prozesse).toBe('Jugendberufsagentur');
    strategic.slice(1).forEach((id, i) => expect(plan.get(id)).toBe(others[i]));
    const again = actionStructure(plan, goals, EMPTY_ACTION_FILTER, first);
    expect(again.current).toBe(first.current);
    for (const off of offs) off();
  });

  it('follows remote texts of goals it has not seen, links and cleared entries', () => {
    const { doc, strategic, operative, plan } = setup(3);
    const remote = new Y.Doc();
    sync(doc, remote);
    editActionField(remote, bernd, strategic[2]!, 'ressourcen', 'Halbe Stelle');
    linkActionNode(remote, bernd, strategic[2]!, operative[2]!);
    let structure = 0;
    const off = plan.subscribeStructure(() => structure++);
    sync(remote, doc);
    expect(plan.get(strategic[2]!)?.fields.ressourcen).toBe('Halbe Stelle');
    expect(plan.get(strategic[2]!)?.linkedNodeIds).toEqual([operative[2]]);
    expect(plan.get(strategic[2]!)?.createdBy?.displayName).toBe('Bernd Jugendhilfe');
    expect(structure).toBe(1);
    // More typing from the other side reaches the same entry (the text's root type is known now).
    editActionField(remote, bernd, strategic[2]!, 'ressourcen', { index: 0, deleteCount: 0, insert: 'Eine ' });
    sync(remote, doc);
    expect(plan.get(strategic[2]!)?.fields.ressourcen).toBe('Eine Halbe Stelle');
    // A client that writes only the text (no authorship entry) is followed as well.
    remote.getText(`aktion:${strategic[1]}:prozesse`).insert(0, 'Nur Text');
    sync(remote, doc);
    expect(plan.get(strategic[1]!)?.fields.prozesse).toBe('Nur Text');
    expect(structure).toBe(2);
    remote.getText(`aktion:${strategic[1]}:prozesse`).insert(0, 'Mehr ');
    sync(remote, doc);
    expect(plan.get(strategic[1]!)?.fields.prozesse).toBe('Mehr Nur Text');
    unlinkActionNode(doc, anna, strategic[2]!, operative[2]!);
    expect(plan.get(strategic[2]!)?.linkedNodeIds).toEqual([]);
    clearActionEntry(doc, anna, strategic[2]!);
    expect(plan.get(strategic[2]!)).toBeUndefined();
    expect(plan.ids()).not.toContain(strategic[2]);
    expect(structure).toBe(3);
    off();
  });

  it('undo of a Zielfeld edit is followed', () => {
    const { doc, strategic, plan } = setup(2);
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(['anna']) });
    editActionField(doc, anna, strategic[0]!, 'wirkungen', 'Erster Entwurf');
    expect(plan.get(strategic[0]!)?.fields.wirkungen).toBe('Erster Entwurf');
    undo.undo();
    expect(plan.entry(strategic[0]!).fields.wirkungen).toBe('');
  });

  it('derives the outline only when the goal tree changed structurally', () => {
    const { goalsDoc, leitbild, strategic, operative, goals } = setup(4);
    const outline = goals.outline();
    const before = goals.node(strategic[1]!);
    editGoalText(goalsDoc, bernd, operative[0]!, 'title', 'Praktika ausbauen');
    updateGoal(goalsDoc, bernd, operative[0]!, { owner: 'IHK' });
    expect(goals.outline()).toBe(outline);
    expect(goals.node(strategic[1]!)).toBe(before);
    expect(goals.node(operative[0]!)?.title).toBe('Praktika ausbauen');
    // A new strategic goal, a node moving to another goal, a deleted goal: the outline follows.
    const added = addGoal(goalsDoc, anna, { parentId: leitbild, title: 'Neu' });
    expect(goals.outline().strategic).toEqual([...strategic, added]);
    reparentGoal(goalsDoc, anna, operative[0]!, strategic[3]!);
    expect(goals.outline().below(strategic[0]!)).toEqual([]);
    expect(goals.outline().below(strategic[3]!).map((b) => b.id)).toEqual([operative[3], operative[0]]);
    deleteGoal(goalsDoc, anna, strategic[3]!);
    const tree = readGoalTree(goalsDoc);
    expect(goals.outline().strategic).toEqual(tree.nodes.filter((n) => n.level === 'strategisch').map((n) => n.id));
    for (const node of tree.nodes) expect(goals.node(node.id)).toEqual(node);
    // The hints of an entry come out the same from the partial tree as from the whole one.
    const doc = new Y.Doc();
    linkActionNode(doc, anna, strategic[1]!, operative[0]!);
    const entry = readActionPlan(doc, tree).find((e) => e.goalId === strategic[1])!;
    expect(consistencyHints(entry, goals.partialTree([strategic[1]!, ...goals.outline().below(strategic[1]!).map((b) => b.id), ...entry.linkedNodeIds]))).toEqual(consistencyHints(entry, tree));
  });

  it('filters by text (accents folded), author, goal, owner, Zielfeld and status, with counts', () => {
    const { doc, strategic, operative, plan, goals } = setup(4);
    editActionField(doc, anna, strategic[0]!, 'wirkungen', 'Mehr Schüler mit Abschluss');
    editActionField(doc, bernd, strategic[1]!, 'ressourcen', 'Räume der VHS');
    for (const z of ['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const) editActionField(doc, bernd, strategic[3]!, z, `Text ${z}`);
    linkActionNode(doc, bernd, strategic[3]!, operative[3]!);
    const shown = (f: Partial<ActionFilter>) => actionStructure(plan, goals, { ...EMPTY_ACTION_FILTER, ...f }).current;
    expect(shown({ text: 'SCHULER' })).toEqual([strategic[0]]);
    expect(shown({ text: 'raume' })).toEqual([strategic[1]]);
    // Titles of the goal and of linked nodes are searched too.
    expect(shown({ text: 'operatives ziel 3' })).toEqual([strategic[3]]);
    expect(shown({ text: 'Strategisches Ziel 2' })).toEqual([strategic[2]]);
    expect(shown({ author: 'p-bernd' })).toEqual([strategic[1], strategic[3]]);
    expect(shown({ goal: strategic[2]! })).toEqual([strategic[2]]);
    expect(shown({ owner: 'Jugendamt' })).toEqual([strategic[1], strategic[3]]);
    expect(shown({ owner: NO_OWNER })).toEqual([strategic[0], strategic[2]]);
    expect(shown({ status: 'complete' })).toEqual([strategic[3]]);
    expect(shown({ status: 'open' })).toEqual([strategic[0], strategic[1], strategic[2]]);
    // With a Zielfeld, the text is searched in that column only.
    expect(shown({ zielfeld: 'ressourcen', text: 'schuler' })).toEqual([]);
    expect(shown({ zielfeld: 'wirkungen', text: 'schuler' })).toEqual([strategic[0]]);
    // A Zielfeld alone narrows the columns, not the sections.
    expect(shown({ zielfeld: 'prozesse' })).toEqual(strategic);
    const s = actionStructure(plan, goals, { ...EMPTY_ACTION_FILTER, author: 'p-anna' });
    expect([s.shown, s.total]).toEqual([1, 4]);
    expect(actionAuthors(plan)).toEqual([
      ['p-anna', 'Anna Schulamt'],
      ['p-bernd', 'Bernd Jugendhilfe'],
    ]);
    expect(goalOwners(goals)).toEqual(['Jugendamt']);
  });
});
