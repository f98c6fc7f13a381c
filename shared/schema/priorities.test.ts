import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getItem, getItemsMap, type WriteContext } from './items';
import {
  addPriorityActor,
  addPriorityTopic,
  deletePriorityTopic,
  editPriorityText,
  movePriorityTopic,
  readPriorities,
  removePriorityActor,
  setPriorityRole,
  setVoteResult,
  type VoteResult,
} from './priorities';

function writer(name: string): WriteContext {
  let n = 0;
  return { origin: { name }, author: { participantId: name, displayName: name }, newId: () => `${name}-${n++}` };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const titles = (doc: Y.Doc) => readPriorities(doc).map((t) => t.title);

const result: VoteResult = {
  roundId: 'round-1',
  method: 'konsensstufen',
  totals: { zustimmung: 14, bedenken: 3, veto: 0 },
  participants: 17,
  outcome: 'konsens_mit_bedenken',
  meinungsbild: false,
  publishedAt: 1_700_000_000_000,
};

describe('priorities board', () => {
  it('ranks topics and moves them', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const a = addPriorityTopic(doc, anna, { title: 'Übergang Schule–Beruf' });
    const b = addPriorityTopic(doc, anna, { title: 'Frühkindliche Bildung' });
    addPriorityTopic(doc, anna, { title: 'Lebenslanges Lernen', placement: { after: a } });
    expect(titles(doc)).toEqual(['Übergang Schule–Beruf', 'Lebenslanges Lernen', 'Frühkindliche Bildung']);
    movePriorityTopic(doc, anna, b, 'start');
    expect(readPriorities(doc).map((t) => [t.rank, t.title])).toEqual([
      [1, 'Frühkindliche Bildung'],
      [2, 'Übergang Schule–Beruf'],
      [3, 'Lebenslanges Lernen'],
    ]);
  });

  it('two people moving the same topic at once never duplicate it', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anna = writer('anna');
    const ids = ['1', '2', '3', '4'].map((t) => addPriorityTopic(a, anna, { title: t }));
    sync(a, b);
    movePriorityTopic(a, anna, ids[3]!, 'start');
    movePriorityTopic(b, writer('ben'), ids[3]!, { after: ids[1]! });
    sync(a, b);
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a).filter((t) => t === '4')).toHaveLength(1);
    expect(titles(a)).toHaveLength(4);
  });

  it('keeps a source link, the role and text fields', () => {
    const doc = new Y.Doc();
    const anna = writer('anna');
    const id = addPriorityTopic(doc, anna, { title: 'Sprachförderung', source: { board: 'swot', itemId: 'card-1' } });
    setPriorityRole(doc, anna, id, 'gewaehrleisterin');
    editPriorityText(doc, anna, id, 'description', 'Kitas und Grundschulen');
    expect(readPriorities(doc)[0]).toMatchObject({
      source: { board: 'swot', itemId: 'card-1' },
      role: 'gewaehrleisterin',
      description: 'Kitas und Grundschulen',
    });
    expect(() => addPriorityTopic(doc, anna, { source: { board: 'swot', itemId: 'x:y' } })).toThrow();
  });

  it('keeps actors added concurrently, once each, lead first', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addPriorityTopic(a, writer('anna'), { title: 'x', actors: ['Schulamt'] });
    sync(a, b);
    addPriorityActor(a, writer('anna'), id, 'VHS');
    addPriorityActor(b, writer('ben'), id, 'Jugendhilfe');
    addPriorityActor(b, writer('ben'), id, 'vhs ');
    sync(a, b);
    const actors = readPriorities(a)[0]?.actors;
    expect(actors).toHaveLength(3);
    expect(actors?.[0]).toBe('Schulamt');
    expect(actors?.map((x) => x.toLowerCase()).sort()).toEqual(['jugendhilfe', 'schulamt', 'vhs']);
    expect(readPriorities(b)).toEqual(readPriorities(a));
    expect(addPriorityActor(a, writer('anna'), id, 'SCHULAMT')).toBe(false);
    removePriorityActor(a, writer('anna'), id, 'VHS');
    expect(readPriorities(a)[0]?.actors).not.toContain('VHS');
  });

  it('stores a validated vote result and reads malformed ones as none', () => {
    const doc = new Y.Doc();
    const id = addPriorityTopic(doc, writer('anna'), { title: 'x' });
    const server = writer('server');
    setVoteResult(doc, server, id, result);
    expect(readPriorities(doc)[0]?.voteResult).toEqual(result);
    expect(readPriorities(doc)[0]?.updatedBy.participantId).toBe('anna');
    expect(() => setVoteResult(doc, server, id, { ...result, outcome: 'mehrheit' } as unknown as VoteResult)).toThrow();
    getItem(getItemsMap(doc), id)!.set('voteResult', { roundId: 'x' });
    expect(readPriorities(doc)[0]?.voteResult).toBeNull();
  });

  it('deletes a topic', () => {
    const doc = new Y.Doc();
    const id = addPriorityTopic(doc, writer('anna'), { title: 'x' });
    expect(deletePriorityTopic(doc, writer('anna'), id)).toBe(true);
    expect(deletePriorityTopic(doc, writer('anna'), id)).toBe(false);
    expect(readPriorities(doc)).toEqual([]);
  });
});
