import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WriteContext } from '../../../shared/schema/items';
import {
  addSwotCard,
  addSwotCluster,
  deleteSwotCard,
  editSwotCardText,
  mergeSwotCards,
  moveSwotCard,
  readSwot,
  setSwotClusterCollapsed,
  updateSwotCard,
} from '../../../shared/schema/swot';
import { EMPTY_SWOT_FILTER, NO_CLUSTER, SwotModel } from './swot';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna Schulamt' } };
const bernd: WriteContext = { origin: 'bernd', author: { participantId: 'p-bernd', displayName: 'Bernd Jugendhilfe' } };

function board(n: number) {
  const doc = new Y.Doc();
  const ids: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < n; i++) ids.push(addSwotCard(doc, i % 2 ? bernd : anna, { quadrant: (['staerken', 'schwaechen', 'chancen', 'risiken'] as const)[i % 4]!, text: `Karte ${i}` }));
  });
  return { doc, ids, model: new SwotModel(doc) };
}

describe('SwotModel', () => {
  it('reads the same board as readSwot', () => {
    const { doc, model } = board(40);
    const cluster = addSwotCluster(doc, anna, 'staerken', 'Gruppe A');
    updateSwotCard(doc, anna, readSwot(doc).cards[0]!.id, { clusterId: cluster });
    const s = model.structure();
    const snap = readSwot(doc);
    for (const q of ['staerken', 'schwaechen', 'chancen', 'risiken'] as const) {
      const expected = snap.cards.filter((c) => c.quadrant === q);
      const loose = expected.filter((c) => c.clusterId === null).map((c) => c.id);
      const clustered = expected.filter((c) => c.clusterId !== null).map((c) => c.id);
      expect(s.quadrants[q].ids).toEqual([...loose, ...clustered]);
      expect(s.quadrants[q].total).toBe(expected.length);
    }
    expect(s.total).toBe(41 - 1);
  });

  it('typing re-reads one card and leaves the structure alone', () => {
    const { doc, ids, model } = board(1000);
    const first = model.structure();
    const before = model.structureVersion;
    const others = ids.slice(1, 50).map((id) => model.cards.get(id));
    let notified = 0;
    const unsub = model.cards.subscribeItem(ids[0]!, () => notified++);
    let structureCalls = 0;
    const unsubS = model.subscribeStructure(() => structureCalls++);
    editSwotCardText(doc, anna, ids[0]!, { index: 0, deleteCount: 0, insert: 'Neu: ' });
    expect(notified).toBe(1);
    expect(structureCalls).toBe(0);
    expect(model.structureVersion).toBe(before);
    expect(model.cards.get(ids[0]!)?.text).toBe('Neu: Karte 0');
    // Every other card keeps its snapshot object (so its component does not render again).
    expect(ids.slice(1, 50).map((id) => model.cards.get(id))).toEqual(others);
    for (const [i, o] of others.entries()) expect(model.cards.get(ids[i + 1]!)).toBe(o);
    // The quadrants keep their identity when derived again.
    const again = model.structure();
    expect(again.quadrants.staerken).toBe(first.quadrants.staerken);
    unsub();
    unsubS();
  });

  it('a move re-derives only the quadrants it touched', () => {
    const { doc, ids, model } = board(20);
    const first = model.structure();
    moveSwotCard(doc, anna, ids[0]!, 'risiken', 'end');
    const next = model.structure();
    expect(next.quadrants.staerken).not.toBe(first.quadrants.staerken);
    expect(next.quadrants.risiken.ids.at(-1)).toBe(ids[0]);
    expect(next.quadrants.chancen).toBe(first.quadrants.chancen);
    expect(next.quadrants.schwaechen).toBe(first.quadrants.schwaechen);
  });

  it('follows deletions and remote updates', () => {
    const { doc, ids, model } = board(8);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    deleteSwotCard(remote, bernd, ids[1]!);
    editSwotCardText(remote, bernd, ids[2]!, 'Von Bernd');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(model.cards.has(ids[1]!)).toBe(false);
    expect(model.cards.get(ids[2]!)?.text).toBe('Von Bernd');
    expect(model.structure().total).toBe(7);
    expect(model.cards.ids()).not.toContain(ids[1]);
  });

  it('filters by text (accents folded), author, quadrant, cluster and evidence', () => {
    const doc = new Y.Doc();
    const model = new SwotModel(doc);
    const a = addSwotCard(doc, anna, { quadrant: 'staerken', text: 'Schülerinnen lernen in der Bibliothek' });
    const b = addSwotCard(doc, bernd, { quadrant: 'chancen', text: 'Förderprogramm', evidence: { indicator: 'Quote', value: 1, unit: '%', year: 2024, source: 'Land' } });
    const c = addSwotCard(doc, bernd, { quadrant: 'staerken', text: 'Kooperation' });
    const g = addSwotCluster(doc, anna, 'staerken', 'Lernorte');
    updateSwotCard(doc, anna, c, { clusterId: g });
    const shown = (f: Partial<typeof EMPTY_SWOT_FILTER>) => {
      const s = model.structure({ ...EMPTY_SWOT_FILTER, ...f });
      return Object.values(s.quadrants).flatMap((q) => q.ids);
    };
    expect(shown({ text: 'SCHULER' })).toEqual([a]);
    expect(shown({ author: 'p-bernd' }).sort()).toEqual([b, c].sort());
    expect(shown({ quadrant: 'chancen' })).toEqual([b]);
    expect(shown({ cluster: g })).toEqual([c]);
    expect(shown({ cluster: NO_CLUSTER }).sort()).toEqual([a, b].sort());
    expect(shown({ evidence: 'with' })).toEqual([b]);
    expect(shown({ evidence: 'without' }).sort()).toEqual([a, c].sort());
    const s = model.structure({ ...EMPTY_SWOT_FILTER, text: 'förder' });
    expect([s.shown, s.total]).toEqual([1, 3]);
    expect(s.quadrants.staerken.total).toBe(2);
  });

  it('merging keeps both authors and the evidence, in one undo step', () => {
    const doc = new Y.Doc();
    const model = new SwotModel(doc);
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(['mod']) });
    const keep = addSwotCard(doc, anna, { quadrant: 'schwaechen', text: 'Zu wenig Ganztagsplätze' });
    const dup = addSwotCard(doc, bernd, {
      quadrant: 'schwaechen',
      text: 'Ganztag reicht nicht',
      evidence: { indicator: 'Versorgungsquote', value: 48, unit: '%', year: 2025, source: 'Jugendamt' },
    });
    const mod: WriteContext = { origin: 'mod', author: { participantId: 'p-mod', displayName: 'Moderation' } };
    expect(mergeSwotCards(doc, mod, keep, [dup])).toEqual([dup]);
    const card = model.cards.get(keep)!;
    expect(model.cards.has(dup)).toBe(false);
    expect(card.createdBy.displayName).toBe('Anna Schulamt');
    expect(card.mergedFrom.map((m) => [m.createdBy.displayName, m.text])).toEqual([['Bernd Jugendhilfe', 'Ganztag reicht nicht']]);
    expect(card.evidence?.indicator).toBe('Versorgungsquote');
    undo.undo();
    expect(model.cards.has(dup)).toBe(true);
    expect(model.cards.get(keep)?.mergedFrom).toEqual([]);
  });

  it('collapsing a cluster is part of the structure', () => {
    const doc = new Y.Doc();
    const model = new SwotModel(doc);
    const g = addSwotCluster(doc, anna, 'risiken', 'Finanzen');
    const v = model.structureVersion;
    setSwotClusterCollapsed(doc, anna, g, true);
    expect(model.structureVersion).not.toBe(v);
    expect(model.structure().quadrants.risiken.groups[1]?.cluster?.collapsed).toBe(true);
  });
});
