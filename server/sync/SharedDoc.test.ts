/**
 * SharedDoc's batching on a real SQLite update log: relays coalesced per event-loop turn,
 * store-before-relay on that coalesced path, the cached sync-step-2 answer, group commit and
 * compaction by bytes. Peers are recording stand-ins (the wire is covered by sync.int.test.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openTempStore } from '../store/sqlite/testStore';
import type { DocStore } from '../store/types';
import type { Peer } from './Peer';
import { localRelay } from './hooks/localRelay';
import { SyncPipeline } from './pipeline';
import { MessageType, SyncStep } from './protocol';
import { SharedDoc } from './SharedDoc';

const silent = { error() {}, info() {}, warn() {}, debug() {} } as unknown as FastifyBaseLogger;
const turn = () => new Promise<void>((r) => setImmediate(r));
const settle = async () => {
  for (let i = 0; i < 5; i++) await turn();
};

interface FakePeer {
  peer: Peer;
  /** Every sync frame (step 2 or update) this peer was sent, decoded. */
  updates: { step: number; update: Uint8Array }[];
  /** Order of everything sent: 'sync' or 'awareness'. */
  kinds: string[];
  /** Every frame as sent. */
  raw: Uint8Array[];
}

function fakePeer(participantId: string): FakePeer {
  const updates: FakePeer['updates'] = [];
  const kinds: string[] = [];
  const raw: Uint8Array[] = [];
  const peer = {
    participantId,
    displayName: participantId,
    role: 'participant',
    closed: false,
    send(data: Uint8Array) {
      raw.push(data);
      const d = decoding.createDecoder(data);
      const type = decoding.readVarUint(d);
      if (type === MessageType.sync) {
        const step = decoding.readVarUint(d);
        if (step !== SyncStep.step1) updates.push({ step, update: decoding.readVarUint8Array(d) });
        kinds.push('sync');
      } else kinds.push('awareness');
    },
    close() {
      peer.closed = true;
    },
  };
  return { peer: peer as unknown as Peer, updates, kinds, raw };
}

/** A real SQLite doc store whose appends can be held back, recording each commit. */
function gatedStore(inner: DocStore) {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const commits: Uint8Array[][] = [];
  const store: DocStore = {
    load: (name) => inner.load(name),
    compact: (name, state, upto) => inner.compact(name, state, upto),
    async append(name, updates) {
      await gate;
      const seq = await inner.append(name, updates);
      commits.push(updates);
      return seq;
    },
  };
  return {
    store,
    commits,
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release: () => open(),
  };
}

/** A client doc making `n` separate edits; returns each edit's update. */
function edits(doc: Y.Doc, n: number, prefix: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const collect = (u: Uint8Array) => out.push(u);
  doc.on('update', collect);
  for (let i = 0; i < n; i++) doc.getMap('board').set(`${prefix}${i}`, { x: i });
  doc.off('update', collect);
  return out;
}

const applyAll = (doc: Y.Doc, updates: { update: Uint8Array }[]) => {
  for (const u of updates) Y.applyUpdate(doc, u.update);
};
const sameState = (a: Y.Doc, b: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(a)).equals(Buffer.from(Y.encodeStateAsUpdate(b)));

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

async function open(options: Parameters<typeof SharedDoc.load>[3] = {}) {
  const tmp = openTempStore();
  const gated = gatedStore(tmp.store.docs);
  const shared = await SharedDoc.load('bench-doc', gated.store, silent, options, new SyncPipeline([localRelay()]));
  disposers.push(async () => {
    shared.destroy();
    await tmp.dispose();
  });
  return { shared, gated, inner: tmp.store.docs };
}

describe('SharedDoc relay coalescing', () => {
  it('N updates arriving in one turn reach a peer as one frame; the peer ends equal to the sender; the sender gets nothing back', async () => {
    const { shared } = await open();
    const a = fakePeer('a');
    const b = fakePeer('b');
    shared.addPeer(a.peer);
    shared.addPeer(b.peer);
    const source = new Y.Doc();
    const updates = edits(source, 40, 'a');
    for (const u of updates) shared.receiveUpdate(a.peer, u);
    await settle();

    expect(b.updates.filter((f) => f.step === SyncStep.update)).toHaveLength(1);
    expect(a.updates).toHaveLength(0);
    const mirror = new Y.Doc();
    applyAll(mirror, b.updates);
    expect(sameState(mirror, source)).toBe(true);
    expect(sameState(shared.doc, source)).toBe(true);
  });

  it('two senders in one turn: each gets only the other’s updates, a third peer gets both in one frame', async () => {
    const { shared } = await open();
    const [a, b, c] = [fakePeer('a'), fakePeer('b'), fakePeer('c')];
    for (const p of [a, b, c]) shared.addPeer(p.peer);
    const da = new Y.Doc();
    const db = new Y.Doc();
    const ua = edits(da, 5, 'a');
    const ub = edits(db, 5, 'b');
    for (let i = 0; i < 5; i++) {
      shared.receiveUpdate(a.peer, ua[i]!);
      shared.receiveUpdate(b.peer, ub[i]!);
    }
    await settle();

    expect(c.updates).toHaveLength(1);
    expect(a.updates).toHaveLength(1);
    expect(b.updates).toHaveLength(1);
    const onlyB = new Y.Doc();
    applyAll(onlyB, a.updates);
    expect(sameState(onlyB, db)).toBe(true);
    const onlyA = new Y.Doc();
    applyAll(onlyA, b.updates);
    expect(sameState(onlyA, da)).toBe(true);
    const both = new Y.Doc();
    applyAll(both, c.updates);
    expect(sameState(both, shared.doc)).toBe(true);
  });

  it('a coalesced frame is never sent before the append holding its updates committed', async () => {
    const { shared, gated, inner } = await open();
    const a = fakePeer('a');
    const b = fakePeer('b');
    shared.addPeer(a.peer);
    shared.addPeer(b.peer);
    const source = new Y.Doc();
    gated.hold();
    for (const u of edits(source, 10, 'a')) shared.receiveUpdate(a.peer, u);
    // Several turns pass, presence goes out (it flushes relays first): nothing may be relayed
    // while the store has not committed.
    shared.applyAwareness(a.peer, [{ clientID: 7, clock: 1, state: { cursor: 1 } }]);
    await new Promise((r) => setTimeout(r, 80));
    expect(gated.commits).toHaveLength(0);
    expect(b.updates).toHaveLength(0);
    expect(b.kinds).toContain('awareness');
    // A joiner's sync answer holds nothing uncommitted either.
    const joiner = fakePeer('j');
    shared.addPeer(joiner.peer);
    shared.answerSyncStep1(joiner.peer, Y.encodeStateVector(new Y.Doc()));
    const early = new Y.Doc();
    applyAll(early, joiner.updates);
    expect(early.getMap('board').size).toBe(0);

    gated.release();
    await settle();
    expect(b.updates).toHaveLength(1);
    // Everything relayed is in the committed log.
    const stored = new Y.Doc();
    for (const u of (await inner.load('bench-doc')).updates) Y.applyUpdate(stored, u);
    const relayed = new Y.Doc();
    applyAll(relayed, b.updates);
    expect(relayed.getMap('board').size).toBe(10);
    expect(sameState(stored, relayed)).toBe(true);
  });

  it('relays are flushed before a presence batch, so a cursor never arrives ahead of its content', async () => {
    const { shared } = await open();
    const a = fakePeer('a');
    const b = fakePeer('b');
    shared.addPeer(a.peer);
    shared.addPeer(b.peer);
    const source = new Y.Doc();
    const [u] = edits(source, 1, 'a');
    shared.receiveUpdate(a.peer, u!);
    shared.applyAwareness(a.peer, [{ clientID: 7, clock: 1, state: { cursor: 1 } }]);
    await new Promise((r) => setTimeout(r, 80));
    expect(b.kinds.slice(-2)).toEqual(['sync', 'awareness']);
  });
});

describe('SharedDoc group commit', () => {
  it('updates received in one turn are stored in one append', async () => {
    const { shared, gated } = await open();
    const a = fakePeer('a');
    shared.addPeer(a.peer);
    for (const u of edits(new Y.Doc(), 25, 'a')) shared.receiveUpdate(a.peer, u);
    await shared.drain();
    expect(gated.commits.map((c) => c.length)).toEqual([25]);
  });
});

describe('SharedDoc sync-step-2 cache', () => {
  it('joiners with the same state vector share one answer; an update invalidates it', async () => {
    const { shared } = await open();
    const a = fakePeer('a');
    shared.addPeer(a.peer);
    const source = new Y.Doc();
    for (const u of edits(source, 3, 'a')) shared.receiveUpdate(a.peer, u);
    await shared.drain();

    const empty = Y.encodeStateVector(new Y.Doc());
    const j1 = fakePeer('j1');
    const j2 = fakePeer('j2');
    shared.answerSyncStep1(j1.peer, empty);
    shared.answerSyncStep1(j2.peer, empty);
    expect(j1.raw.at(-1)).toBe(j2.raw.at(-1)); // the same cached frame

    for (const u of edits(source, 1, 'late')) shared.receiveUpdate(a.peer, u);
    await shared.drain();
    const j3 = fakePeer('j3');
    shared.answerSyncStep1(j3.peer, empty);
    const joined = new Y.Doc();
    applyAll(joined, j3.updates);
    expect(joined.getMap('board').has('late0')).toBe(true);
    expect(sameState(joined, source)).toBe(true);

    // A joiner that already has part of the document gets exactly the rest.
    const partial = new Y.Doc();
    applyAll(partial, j1.updates);
    const j4 = fakePeer('j4');
    shared.answerSyncStep1(j4.peer, Y.encodeStateVector(partial));
    applyAll(partial, j4.updates);
    expect(sameState(partial, source)).toBe(true);
  });
});

describe('SharedDoc compaction by bytes', () => {
  it('compacts once the log since the last compaction exceeds the byte threshold, not by count', async () => {
    const { shared, inner } = await open({ compactAfterUpdates: 100_000, compactAfterBytes: 2000 });
    const a = fakePeer('a');
    shared.addPeer(a.peer);
    const source = new Y.Doc();
    // Small updates: far below the byte threshold, however many rows.
    for (const u of edits(source, 30, 's')) shared.receiveUpdate(a.peer, u);
    await shared.drain();
    expect((await inner.load('bench-doc')).rowCount).toBe(30);
    // One large update pushes the log past 2000 bytes: compacted into one row.
    source.getMap('board').set('big', 'x'.repeat(3000));
    shared.receiveUpdate(a.peer, Y.encodeStateAsUpdate(source, Y.encodeStateVector(shared.doc)));
    await shared.drain();
    const after = await inner.load('bench-doc');
    expect(after.rowCount).toBe(1);
    const restored = new Y.Doc();
    for (const u of after.updates) Y.applyUpdate(restored, u);
    expect(sameState(restored, source)).toBe(true);
  });
});
