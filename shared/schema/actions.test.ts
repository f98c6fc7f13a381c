import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clearActionEntry,
  consistencyHints,
  editActionField,
  ensureActionEntry,
  getActionText,
  linkActionNode,
  readActionPlan,
  unlinkActionNode,
} from './actions';
import { addGoal, readGoalTree } from './goals';
import type { WriteContext } from './items';

function writer(name: string): WriteContext {
  let n = 0;
  return { origin: { name }, author: { participantId: name, displayName: name }, newId: () => `${name}-${n++}`, now: () => 5000 };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('action plan', () => {
  it('keeps both texts when two people start the same Zielfeld at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    editActionField(a, writer('anna'), 'goal-1', 'wirkungen', 'Jugendliche im Quartier Nord');
    editActionField(b, writer('ben'), 'goal-1', 'wirkungen', 'Abbrüche senken');
    editActionField(b, writer('ben'), 'goal-1', 'ressourcen', '2 Stellen');
    sync(a, b);
    const entry = readActionPlan(a)[0]!;
    expect(entry.fields.wirkungen).toContain('Jugendliche im Quartier Nord');
    expect(entry.fields.wirkungen).toContain('Abbrüche senken');
    expect(entry.fields.ressourcen).toBe('2 Stellen');
    expect(readActionPlan(b)).toEqual(readActionPlan(a));
  });

  it('links goal-tree nodes as a set and lists them in outline order', () => {
    const goalsDoc = new Y.Doc();
    const anna = writer('anna');
    const leitbild = addGoal(goalsDoc, anna, { title: 'L' });
    const strat = addGoal(goalsDoc, anna, { parentId: leitbild, title: 'S' });
    const op1 = addGoal(goalsDoc, anna, { parentId: strat, title: 'O1' });
    const op2 = addGoal(goalsDoc, anna, { parentId: strat, title: 'O2', placement: 'start' });
    const tree = readGoalTree(goalsDoc);

    const a = new Y.Doc();
    const b = new Y.Doc();
    linkActionNode(a, anna, strat, op1);
    linkActionNode(b, writer('ben'), strat, op1);
    linkActionNode(b, writer('ben'), strat, op2);
    sync(a, b);
    expect(readActionPlan(a, tree)[0]?.linkedNodeIds).toEqual([op2, op1]);
    expect(unlinkActionNode(a, anna, strat, op2)).toBe(true);
    expect(unlinkActionNode(a, anna, strat, op2)).toBe(false);
    expect(readActionPlan(a, tree)[0]?.linkedNodeIds).toEqual([op1]);
  });

  it('lists every strategic goal in outline order, then orphaned entries', () => {
    const goalsDoc = new Y.Doc();
    const anna = writer('anna');
    const leitbild = addGoal(goalsDoc, anna, { title: 'L' });
    const s1 = addGoal(goalsDoc, anna, { parentId: leitbild, title: 'S1' });
    const s2 = addGoal(goalsDoc, anna, { parentId: leitbild, title: 'S2', placement: 'start' });
    const tree = readGoalTree(goalsDoc);
    const doc = new Y.Doc();
    editActionField(doc, anna, s1, 'prozesse', 'Runder Tisch');
    editActionField(doc, anna, 'deleted-goal', 'leistungen', 'alt');
    expect(readActionPlan(doc, tree).map((e) => e.goalId)).toEqual([s2, s1, 'deleted-goal']);
    expect(readActionPlan(doc).map((e) => e.goalId)).toEqual(['anna-1', 'deleted-goal'].sort());
    expect(readActionPlan(doc, tree)[0]).toMatchObject({ goalId: s2, createdBy: null, fields: { wirkungen: '', leistungen: '', prozesse: '', ressourcen: '' } });
    expect(readActionPlan(doc, tree)[1]).toMatchObject({ createdBy: { participantId: 'anna' }, updatedAt: 5000 });
  });

  it('hints at empty Zielfelder and links that do not fit the tree', () => {
    const goalsDoc = new Y.Doc();
    const anna = writer('anna');
    const leitbild = addGoal(goalsDoc, anna, { title: 'L' });
    const s1 = addGoal(goalsDoc, anna, { parentId: leitbild });
    const s2 = addGoal(goalsDoc, anna, { parentId: leitbild });
    const inside = addGoal(goalsDoc, anna, { parentId: s1 });
    const outside = addGoal(goalsDoc, anna, { parentId: s2 });
    const tree = readGoalTree(goalsDoc);
    const doc = new Y.Doc();
    editActionField(doc, anna, s1, 'wirkungen', 'x');
    editActionField(doc, anna, s1, 'leistungen', '   ');
    linkActionNode(doc, anna, s1, inside);
    linkActionNode(doc, anna, s1, outside);
    linkActionNode(doc, anna, s1, 'vanished');
    const entry = readActionPlan(doc, tree).find((e) => e.goalId === s1)!;
    expect(consistencyHints(entry, tree)).toEqual([
      { kind: 'empty_zielfeld', zielfeld: 'leistungen' },
      { kind: 'empty_zielfeld', zielfeld: 'prozesse' },
      { kind: 'empty_zielfeld', zielfeld: 'ressourcen' },
      { kind: 'link_outside_goal', nodeId: outside },
      { kind: 'dangling_link', nodeId: 'vanished' },
    ]);
    const empty = readActionPlan(doc, tree).find((e) => e.goalId === s2)!;
    expect(consistencyHints(empty)).toEqual([
      { kind: 'empty_zielfeld', zielfeld: 'wirkungen' },
      { kind: 'empty_zielfeld', zielfeld: 'leistungen' },
      { kind: 'empty_zielfeld', zielfeld: 'prozesse' },
      { kind: 'empty_zielfeld', zielfeld: 'ressourcen' },
      { kind: 'no_linked_nodes' },
    ]);
    const orphan = { ...entry, goalId: leitbild };
    expect(consistencyHints(orphan, tree)).toContainEqual({ kind: 'goal_not_strategic' });
    expect(consistencyHints({ ...entry, goalId: 'gone' }, tree)).toContainEqual({ kind: 'goal_missing' });
  });

  it('clearing an entry empties it, keeps concurrent typing, and undo (document scope) restores it', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = writer('anna');
    const undo = new Y.UndoManager(a, { trackedOrigins: new Set([anna.origin]), captureTimeout: 0 });
    ensureActionEntry(a, anna, 'g');
    editActionField(a, anna, 'g', 'wirkungen', 'alt');
    linkActionNode(a, anna, 'g', 'n');
    sync(a, b);
    undo.clear();
    clearActionEntry(a, anna, 'g');
    expect(readActionPlan(a)).toEqual([]);
    undo.undo();
    expect(readActionPlan(a)[0]).toMatchObject({ fields: { wirkungen: 'alt' }, linkedNodeIds: ['n'] });
    undo.redo();
    getActionText(b, 'g', 'wirkungen').insert(3, ' und neu');
    sync(a, b);
    expect(readActionPlan(a)[0]?.fields.wirkungen).toBe(' und neu');
    expect(readActionPlan(b)).toEqual(readActionPlan(a));
    expect(() => getActionText(a, 'bad:id', 'wirkungen')).toThrow(/invalid goal id/);
  });
});
