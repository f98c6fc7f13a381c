/**
 * Test support for the schema's convergence tests, after Yjs's own `tests/testHelper.js`
 * (`applyRandomTests`): a seeded PRNG and a simulated network of replicas with disconnects,
 * reordered and duplicated delivery. Only tests import this file.
 */
import * as Y from 'yjs';

/** mulberry32: a tiny, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }
  word(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzäöüß ';
    let s = '';
    const n = 1 + this.int(5);
    for (let i = 0; i < n; i++) s += letters[this.int(letters.length)];
    return s;
  }
}

const REMOTE = Symbol('remote');

/**
 * K replicas connected peer to peer. Every local update is queued for every other replica;
 * `step` delivers one queued update, picked at random (so updates arrive out of order) and
 * sometimes delivered twice. An offline replica neither receives nor sends; what it writes
 * meanwhile waits in its outbox until it reconnects.
 */
export class Network {
  readonly docs: Y.Doc[] = [];
  private readonly online: boolean[] = [];
  private readonly inbox: Uint8Array[][] = [];
  private readonly outbox: Uint8Array[][] = [];

  constructor(
    readonly size: number,
    private readonly rng: Rng,
  ) {
    for (let i = 0; i < size; i++) {
      const doc = new Y.Doc({ guid: `replica-${i}` }); // a fixed guid spares a crypto call per doc
      doc.clientID = i + 1; // deterministic, so a seed reproduces Yjs's conflict resolution too
      this.docs.push(doc);
      this.online.push(true);
      this.inbox.push([]);
      this.outbox.push([]);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        if (this.online[i]) this.broadcast(i, update);
        else this.outbox[i]?.push(update);
      });
    }
  }

  private broadcast(from: number, update: Uint8Array): void {
    for (let j = 0; j < this.size; j++) if (j !== from) this.inbox[j]?.push(update);
  }

  isOnline(i: number): boolean {
    return this.online[i] === true;
  }

  setOnline(i: number, online: boolean): void {
    if (this.online[i] === online) return;
    this.online[i] = online;
    if (online) {
      const queued = this.outbox[i] ?? [];
      this.outbox[i] = [];
      for (const u of this.shuffled(queued)) this.broadcast(i, u);
    }
  }

  private shuffled<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Delivers one random pending update to a random online replica; false if none is pending. */
  step(): boolean {
    const candidates = [];
    for (let i = 0; i < this.size; i++) if (this.online[i] && (this.inbox[i]?.length ?? 0) > 0) candidates.push(i);
    const i = this.rng.pick(candidates);
    if (i === undefined) return false;
    const box = this.inbox[i] as Uint8Array[];
    const k = this.rng.int(box.length);
    const update = box[k] as Uint8Array;
    if (!this.rng.bool(0.1)) box.splice(k, 1); // else: delivered again later (duplicate)
    Y.applyUpdate(this.docs[i] as Y.Doc, update, REMOTE);
    return true;
  }

  /**
   * Everyone reconnects and syncs the way a y-websocket client does on connect: state vector
   * against state vector, through one hub (the server). Queued updates are then redundant; a few
   * of them still arrive afterwards, as late duplicates.
   */
  flush(): void {
    for (let i = 0; i < this.size; i++) this.setOnline(i, true);
    const hub = this.docs[this.rng.int(this.size)] as Y.Doc;
    for (const doc of this.shuffled(this.docs)) Y.applyUpdate(hub, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(hub)), REMOTE);
    for (const doc of this.shuffled(this.docs)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(doc)), REMOTE);
    for (let late = 0; late < 5 && this.step(); late++);
    for (let i = 0; i < this.size; i++) this.inbox[i] = [];
  }

  /** Throws unless every replica holds exactly the same updates and nothing is pending. */
  assertSynced(): void {
    const first = this.docs[0] as Y.Doc;
    const sv = Y.encodeStateVector(first).toString();
    for (const doc of this.docs) {
      if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) throw new Error(`replica ${doc.clientID} has pending updates`);
      if (Y.encodeStateVector(doc).toString() !== sv) throw new Error(`replica ${doc.clientID} has a different state vector`);
    }
  }
}
