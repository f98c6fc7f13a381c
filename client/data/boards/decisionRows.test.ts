import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraftRow, deleteDraftRow, moveDraftRow, readDecisionDraft, rowsMapName, updateDraftRow } from '../../../shared/schema/decisions';
import type { WriteContext } from '../../../shared/schema/items';
import { DraftRowsModel } from './decisionRows';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna' } };
const D = 'draft-1';

function draft(rows: number) {
  const doc = new Y.Doc();
  const costs: string[] = [];
  const goals: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < rows; i++) costs.push(addDraftRow(doc, anna, D, 'costs', { label: `Posten ${i}`, amountEur: i * 100 }));
    for (let i = 0; i < 10; i++) goals.push(addDraftRow(doc, anna, D, 'goals', { title: `Ziel ${i}` }));
    for (let i = 0; i < 30; i++) addDraftRow(doc, anna, D, 'indicators', { goalId: goals[i % 10]!, name: `Indikator ${i}` });
  });
  return { doc, costs, goals, model: new DraftRowsModel(doc, D) };
}

describe('DraftRowsModel', () => {
  it('reads the rows readDecisionDraft reads, in the same order', () => {
    const { doc, model } = draft(100);
    const live = readDecisionDraft(doc, D);
    expect(model.ids('costs')).toEqual(live.costs.map((c) => c.id));
    for (const c of live.costs) expect({ id: c.id, ...model.store('costs')!.get(c.id)!.fields }).toEqual(c);
    for (const g of live.goals) expect(model.indicatorsOf(g.id)).toEqual(g.indicators.map((i) => i.id));
  });

  it('typing into one cell of a 100-row draft re-reads that row only; the order stays the same object', () => {
    const { doc, costs, model } = draft(100);
    const store = model.store('costs')!;
    const ids = model.ids('costs');
    const before = costs.map((id) => store.get(id));
    let rowCalls = 0;
    let otherCalls = 0;
    let structureCalls = 0;
    const unsub = [
      store.subscribeItem(costs[40]!, () => rowCalls++),
      store.subscribeItem(costs[41]!, () => otherCalls++),
      model.subscribeStructure('costs', () => structureCalls++),
      model.subscribeStructure('goals', () => structureCalls++),
    ];
    for (const text of ['P', 'Pe', 'Per', 'Pers']) updateDraftRow(doc, anna, D, 'costs', costs[40]!, { label: text });
    expect(rowCalls).toBe(4);
    expect(otherCalls).toBe(0);
    expect(structureCalls).toBe(0);
    expect(model.ids('costs')).toBe(ids);
    costs.forEach((id, i) => (i === 40 ? expect(store.get(id)).not.toBe(before[i]) : expect(store.get(id)).toBe(before[i])));
    expect(store.get(costs[40]!)?.fields.label).toBe('Pers');
    unsub.forEach((u) => u());
  });

  it('a move or a new row derives the order again; indicators follow their goal', () => {
    const { doc, costs, goals, model } = draft(20);
    const ids = model.ids('costs');
    const goalIds = model.ids('goals');
    moveDraftRow(doc, anna, D, 'costs', costs[5]!, { before: costs[0]! });
    expect(model.ids('costs')).not.toBe(ids);
    expect(model.ids('costs').slice(0, 2)).toEqual([costs[5], costs[0]]);
    expect(model.ids('goals')).toBe(goalIds);
    const ind = model.indicatorsOf(goals[0]!);
    const moved = ind[0]!;
    updateDraftRow(doc, anna, D, 'indicators', moved, { goalId: goals[1]! });
    expect(model.indicatorsOf(goals[0]!)).not.toContain(moved);
    expect(model.indicatorsOf(goals[1]!)).toContain(moved);
    deleteDraftRow(doc, anna, D, 'goals', goals[1]!);
    expect(model.indicatorsOf(goals[1]!)).toEqual([]);
    expect(model.ids('goals')).not.toContain(goals[1]);
  });

  it('a collection whose name another type took reads as empty', () => {
    const doc = new Y.Doc();
    doc.getText(rowsMapName(D, 'costs'));
    const model = new DraftRowsModel(doc, D);
    expect(model.store('costs')).toBeUndefined();
    expect(model.ids('costs')).toEqual([]);
    expect(model.ids('goals')).toEqual([]);
  });
});
