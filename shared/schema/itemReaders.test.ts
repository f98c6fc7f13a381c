import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftRow, findDraftRowsMap, readDecisionDraft, readDraftRow, rowsMapName, updateDraftRow } from './decisions';
import { addGoal, addIndicator, deleteGoal, readGoalItem, readGoalTree, reparentGoal } from './goals';
import { eachItem, getItemsMap, type WriteContext } from './items';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna' } };

describe('item-level readers agree with the whole-document readers', () => {
  it('readGoalItem reads every field readGoalTree reads; the stored parent may differ from the effective one', () => {
    const doc = new Y.Doc();
    const root = addGoal(doc, anna, { title: 'Leitbild', description: 'Wofür', owner: 'Dezernat' });
    const s = addGoal(doc, anna, { parentId: root, title: 'Ziel', targetGroup: 'Jugendliche', area: 'Nord', zielfeld: 'wirkungen' });
    const o = addGoal(doc, anna, { parentId: s, title: 'Teilziel' });
    addIndicator(doc, anna, s, { name: 'Quote', unit: '%', baseline: 8, target: 4, deadline: '2028-07-31', dataSource: 'Statistik' });
    reparentGoal(doc, anna, o, root);
    const items = getItemsMap(doc);
    items.set('odd', new Y.Map());
    (items.get('odd') as Y.Map<unknown>).set('level', 'nonsense');
    deleteGoal(doc, anna, s);
    const tree = readGoalTree(doc);
    for (const node of tree.nodes) {
      const item = readGoalItem(node.id, items.get(node.id) as Y.Map<unknown>);
      const { parentId, parentRepaired, depth, childIds, ...own } = node;
      const { storedParentId, ...rest } = item;
      expect(rest).toEqual(own);
      expect(storedParentId === parentId || parentRepaired).toBe(true);
      void depth;
      void childIds;
    }
    expect(readGoalItem('odd', items.get('odd') as Y.Map<unknown>).level).toBe('operativ');
  });

  it('readDraftRow reads the fields readDecisionDraft shows', () => {
    const doc = new Y.Doc();
    const goal = addDraftRow(doc, anna, 'd1', 'goals', { title: 'Ziel', level: 'operativ' });
    addDraftRow(doc, anna, 'd1', 'indicators', { goalId: goal, name: 'Quote', baseline: 3 });
    const cost = addDraftRow(doc, anna, 'd1', 'costs', { label: 'Personal', amountEur: 1200 });
    updateDraftRow(doc, anna, 'd1', 'costs', cost, { period: '2027' });
    const draft = readDecisionDraft(doc, 'd1');
    const costs = [...eachItem(findDraftRowsMap(doc, 'd1', 'costs')!)].map(([id, item]) => readDraftRow('costs', id, item));
    expect(costs.map((r) => ({ id: r.id, ...r.fields }))).toEqual(draft.costs);
    const goals = [...eachItem(findDraftRowsMap(doc, 'd1', 'goals')!)].map(([id, item]) => readDraftRow('goals', id, item));
    expect(goals.map((r) => ({ id: r.id, ...r.fields, indicators: draft.goals[0]!.indicators }))).toEqual(draft.goals);
    // A name declared with another type by a misbehaving client reads as absent, without throwing.
    doc.getText(rowsMapName('d2', 'costs'));
    expect(findDraftRowsMap(doc, 'd2', 'costs')).toBeUndefined();
  });
});
