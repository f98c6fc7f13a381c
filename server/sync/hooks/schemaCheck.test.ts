/**
 * The schema hook inside a real SharedDoc on a real SQLite update log: honest updates are stored,
 * a hostile one closes its sender with 4422 and leaves nothing behind (not in the live document,
 * not in the store), repeated refusals turn into 4529, and an invalid stored document is
 * repaired on load.
 */
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes';
import { Limits } from '../../../shared/limits';
import { addSwotCard, getItemsMap, getNotesFragment, readSwot } from '../../../shared/schema';
import { openTempStore } from '../../store/sqlite/testStore';
import { SyncPipeline } from '../pipeline';
import { SharedDoc, ServerChangeRefused } from '../SharedDoc';
import { fakePeer } from '../testPeer';
import { migrations } from './migrations';
import { schemaCheck } from './schemaCheck';

const silent = { error() {}, info() {}, warn() {}, debug() {} } as unknown as FastifyBaseLogger;
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

async function open(name: string, now = () => Date.now(), seed?: Uint8Array) {
  const tmp = openTempStore();
  if (seed) await tmp.store.docs.append(name, [seed]);
  const shared = await SharedDoc.load(name, tmp.store.docs, silent, {}, new SyncPipeline([migrations({ log: silent }), schemaCheck({ log: silent, now })]));
  disposers.push(async () => {
    shared.destroy();
    await tmp.dispose();
  });
  const stored = async () => {
    const d = new Y.Doc();
    for (const u of (await tmp.store.docs.load(name)).updates) Y.applyUpdate(d, u);
    return d;
  };
  return { shared, stored };
}

const anna = { origin: 'a', author: { participantId: 'p-anna', displayName: 'Anna' } };

/** The update a client makes from the server's current state. */
function clientEdit(shared: SharedDoc, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(shared.doc));
  const sv = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  return Y.encodeStateAsUpdate(doc, sv);
}

describe('schemaCheck hook', () => {
  it('stores an honest update; refuses a hostile one whole (4422) and keeps the accepted copy consistent', async () => {
    const { shared, stored } = await open('session-0001:swot');
    const peer = fakePeer('p-anna', { displayName: 'Anna' });
    shared.receiveUpdate(peer, clientEdit(shared, (d) => addSwotCard(d, anna, { quadrant: 'chancen', text: 'gut' })));
    await shared.drain();
    expect(readSwot(shared.doc).cards).toHaveLength(1);

    const mallory = fakePeer('p-mallory', { displayName: 'Mallory' });
    // A valid card and an invalid key in one update: nothing of it is kept.
    shared.receiveUpdate(mallory, clientEdit(shared, (d) => {
      addSwotCard(d, { origin: 'm', author: { participantId: 'p-mallory', displayName: 'Mallory' } }, { quadrant: 'risiken', text: 'auch gut' });
      getItemsMap(d).set('bad id!', 1);
    }));
    await shared.drain();
    expect(mallory.closedWith).toEqual([CloseCode.contentRefused.code]);
    expect(readSwot(shared.doc).cards).toHaveLength(1);
    expect(readSwot(await stored()).cards).toHaveLength(1);

    // The next honest update still applies (the accepted copy was rebuilt).
    shared.receiveUpdate(peer, clientEdit(shared, (d) => addSwotCard(d, anna, { quadrant: 'staerken', text: 'noch eine' })));
    await shared.drain();
    expect(readSwot(await stored()).cards.map((c) => c.text).sort()).toEqual(['gut', 'noch eine']);
    expect(peer.closedWith).toEqual([]);
  });

  it('refuses further updates of a participant with many refusals in a minute (4529), until the minute is over', async () => {
    let t = 1_000_000;
    const { shared } = await open('session-0001:swot', () => t);
    const bad = () => clientEdit(shared, (d) => getItemsMap(d).set('bad id!', 1));
    const codes: number[] = [];
    for (let i = 0; i <= Limits.refusalsPerMinute; i++) {
      const p = fakePeer('p-mallory');
      shared.receiveUpdate(p, bad());
      codes.push(...p.closedWith);
    }
    expect(codes.at(-1)).toBe(CloseCode.rateLimited.code);
    expect(codes.slice(0, -1).every((c) => c === CloseCode.contentRefused.code)).toBe(true);
    t += 61_000;
    const later = fakePeer('p-mallory');
    shared.receiveUpdate(later, bad());
    expect(later.closedWith).toEqual([CloseCode.contentRefused.code]);
  });

  it('checks the server’s own changes for structure too: a refused one is not stored', async () => {
    const { shared, stored } = await open('session-0001:swot');
    await expect(shared.applyServerChange((d) => getItemsMap(d).set('bad id!', 1))).rejects.toBeInstanceOf(ServerChangeRefused);
    await expect(shared.applyServerChange(() => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await shared.applyServerChange((d) => addSwotCard(d, anna, { quadrant: 'chancen', text: 'vom Server' }));
    expect(readSwot(await stored()).cards.map((c) => c.text)).toEqual(['vom Server']);
  });

  it('repairs an invalid stored document on load, stores the repair, and does not walk it again', async () => {
    const bad = new Y.Doc();
    getNotesFragment(bad).insert(0, [new Y.XmlText('bare')]);
    const { shared, stored } = await open('session-0001:notes', undefined, Y.encodeStateAsUpdate(bad));
    expect(getNotesFragment(shared.doc).toString()).toBe('<paragraph>bare</paragraph>');
    const s = await stored();
    expect(getNotesFragment(s).toString()).toBe('<paragraph>bare</paragraph>');
    expect(s.getMap('meta').get('validatedRules')).toBe(1);
  });
});
