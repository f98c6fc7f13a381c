import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WriteContext } from '../../../shared/schema/items';
import {
  addPriorityActor,
  addPriorityTopic,
  deletePriorityTopic,
  editPriorityText,
  movePriorityTopic,
  readPriorities,
  setPriorityRole,
  setVoteResult,
} from '../../../shared/schema/priorities';
import { EMPTY_PRIORITY_FILTER, PrioritiesModel, type PriorityFilter } from './priorities';

const anna: WriteContext = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna Schulamt' } };
const bernd: WriteContext = { origin: 'bernd', author: { participantId: 'p-bernd', displayName: 'Bernd Jugendhilfe' } };

function board(n: number) {
  const doc = new Y.Doc();
  const ids: string[] = [];
  doc.transact(() => {
    for (let i = 0; i < n; i++) ids.push(addPriorityTopic(doc, i % 2 ? bernd : anna, { title: `Thema ${i}` }));
  });
  return { doc, ids, model: new PrioritiesModel(doc) };
}

describe('PrioritiesModel', () => {
  it('reads the same ranking as readPriorities', () => {
    const { doc, ids, model } = board(30);
    movePriorityTopic(doc, anna, ids[20]!, 'start');
    movePriorityTopic(doc, bernd, ids[3]!, { after: ids[25]! });
    const snap = readPriorities(doc);
    const s = model.structure();
    expect(s.ranking.ids).toEqual(snap.map((x) => x.id));
    for (const topic of snap) {
      expect(s.ranking.rankOf(topic.id)).toBe(topic.rank);
      const { rank: _rank, ...item } = topic;
      expect(model.topics.get(topic.id)).toEqual(item);
    }
  });

  it('typing re-reads one topic and leaves the ranking alone', () => {
    const { doc, ids, model } = board(200);
    const first = model.structure();
    const others = ids.slice(1).map((id) => model.topics.get(id));
    let notified = 0;
    let otherNotified = 0;
    const unsub = model.topics.subscribeItem(ids[0]!, () => notified++);
    const unsubOther = model.topics.subscribeItem(ids[1]!, () => otherNotified++);
    let structureCalls = 0;
    const unsubS = model.subscribeStructure(() => structureCalls++);
    editPriorityText(doc, anna, ids[0]!, 'title', { index: 0, deleteCount: 0, insert: 'Neu: ' });
    editPriorityText(doc, anna, ids[0]!, 'description', 'Mehr Plätze');
    expect(notified).toBe(2);
    expect(otherNotified).toBe(0);
    expect(structureCalls).toBe(0);
    expect(model.topics.get(ids[0]!)?.title).toBe('Neu: Thema 0');
    for (const [i, o] of others.entries()) expect(model.topics.get(ids[i + 1]!)).toBe(o);
    const again = model.structure();
    expect(again.ranking).toBe(first.ranking);
    expect(again.ids).toBe(first.ids);
    unsub();
    unsubOther();
    unsubS();
  });

  it('a move re-derives the ranking and only the moved topic is re-read', () => {
    const { doc, ids, model } = board(10);
    const first = model.structure();
    const before = ids.map((id) => model.topics.get(id));
    movePriorityTopic(doc, anna, ids[7]!, { before: ids[2]! });
    const next = model.structure();
    expect(next.ranking).not.toBe(first.ranking);
    expect(next.ranking.ids.slice(0, 4)).toEqual([ids[0], ids[1], ids[7], ids[2]]);
    expect(next.ranking.rankOf(ids[7]!)).toBe(3);
    expect(next.ranking.rankOf(ids[2]!)).toBe(4);
    ids.forEach((id, i) => {
      if (i === 7) expect(model.topics.get(id)).not.toBe(before[i]);
      else expect(model.topics.get(id)).toBe(before[i]);
    });
  });

  it('follows deletions and remote updates', () => {
    const { doc, ids, model } = board(8);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    deletePriorityTopic(remote, bernd, ids[1]!);
    editPriorityText(remote, bernd, ids[2]!, 'title', 'Von Bernd');
    movePriorityTopic(remote, bernd, ids[5]!, 'start');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(model.topics.has(ids[1]!)).toBe(false);
    expect(model.topics.get(ids[2]!)?.title).toBe('Von Bernd');
    const s = model.structure();
    expect(s.total).toBe(7);
    expect(s.ranking.ids[0]).toBe(ids[5]);
    expect(s.ranking.rankOf(ids[1]!)).toBe(0);
    expect(s.ranking.ids).toEqual(readPriorities(doc).map((x) => x.id));
  });

  it('filters by text (accents folded), author, source, role and vote result, with counts', () => {
    const doc = new Y.Doc();
    const model = new PrioritiesModel(doc);
    const a = addPriorityTopic(doc, anna, { title: 'Übergänge gestalten', description: 'Schüler begleiten' });
    const b = addPriorityTopic(doc, bernd, { title: 'Ganztag', source: { board: 'swot', itemId: 'card-1' }, role: 'gewaehrleisterin' });
    const c = addPriorityTopic(doc, bernd, { title: 'Lernorte', source: { board: 'goals', itemId: 'goal-1' } });
    addPriorityActor(doc, anna, c, 'Volkshochschule');
    setPriorityRole(doc, anna, a, 'selbsterzeugerin');
    setVoteResult(doc, anna, b, { roundId: 'r1', method: 'punktabfrage', totals: { points: 3 }, participants: 4, outcome: null, meinungsbild: false, publishedAt: 1 });
    const shown = (f: Partial<PriorityFilter>) => model.structure({ ...EMPTY_PRIORITY_FILTER, ...f }).ids;
    expect(shown({ text: 'SCHULER' })).toEqual([a]);
    expect(shown({ text: 'uebergange' })).toEqual([]);
    expect(shown({ text: 'ubergange' })).toEqual([a]);
    expect(shown({ text: 'volkshoch' })).toEqual([c]);
    expect(shown({ author: 'p-bernd' })).toEqual([b, c]);
    expect(shown({ source: 'swot' })).toEqual([b]);
    expect(shown({ source: 'goals' })).toEqual([c]);
    expect(shown({ source: 'none' })).toEqual([a]);
    expect(shown({ role: 'open' })).toEqual([c]);
    expect(shown({ role: 'gewaehrleisterin' })).toEqual([b]);
    expect(shown({ vote: 'with' })).toEqual([b]);
    expect(shown({ vote: 'without' })).toEqual([a, c]);
    const s = model.structure({ ...EMPTY_PRIORITY_FILTER, author: 'p-bernd', vote: 'without' });
    expect([s.shown, s.total]).toEqual([1, 3]);
    // Ranks stay those of the whole ranking while a filter is on.
    expect(s.ranking.rankOf(c)).toBe(3);
    expect(model.authors()).toEqual([
      ['p-anna', 'Anna Schulamt'],
      ['p-bernd', 'Bernd Jugendhilfe'],
    ]);
  });

  it('an undo of a move is followed like any other move', () => {
    const { doc, ids, model } = board(5);
    const undo = new Y.UndoManager(doc, { trackedOrigins: new Set(['anna']) });
    movePriorityTopic(doc, anna, ids[4]!, 'start');
    expect(model.structure().ranking.ids[0]).toBe(ids[4]);
    undo.undo();
    expect(model.structure().ranking.ids).toEqual(ids);
  });
});
