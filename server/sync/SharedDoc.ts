/**
 * One Yjs document in memory with the peers connected to it.
 *
 * The durability rule lives here: an update from a peer is validated, appended to the store,
 * and only after the store has committed it applied to the in-memory document — whose `update`
 * event relays it to the other peers. So anything any peer has received is on disk, and the
 * state that answers a sync request never holds an update that is not stored. Relays are
 * coalesced per event-loop turn (see relay()).
 */
import type { FastifyBaseLogger } from 'fastify';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { parseDocName } from '../../shared/docs';
import { Limits } from '../../shared/limits';
import { MIGRATIONS, runMigrations } from '../../shared/schema';
import type { DocStore } from '../store/types';
import type { Peer } from './Peer';
import { type AwarenessEntry, encodeAwareness, encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, encodeUpdate, validateUpdate } from './protocol';

const MIGRATION_ORIGIN = Symbol('migration');
/** Presence (awareness) changes are relayed in batches at most this often. */
const PRESENCE_FLUSH_MS = 50;
/** A connection normally has one Y.Doc, so one presence id; a few allow for reconnect races. */
const MAX_PRESENCE_IDS_PER_PEER = 4;
/** Distinct joiner state vectors whose sync-step-2 answer is kept until the next change. */
const STEP2_CACHE_ENTRIES = 4;
/** Origin of changes the server makes itself; relayed to every peer. */
const SERVER_ORIGIN = Symbol('server');

interface PendingUpdate {
  /** The peer that sent it, or SERVER_ORIGIN. */
  origin: Peer | typeof SERVER_ORIGIN;
  update: Uint8Array;
  resolve?: () => void;
  reject?: (err: unknown) => void;
}

/**
 * When the update log is compacted into one state row. Compaction re-encodes the whole state
 * (tens of milliseconds for a board of 10,000 items, blocking the event loop), so it is paid
 * for by BYTES: once the log since the last compaction is larger than both `afterBytes` and the
 * compacted state itself, the cost per stored byte stays constant however large the document
 * is. `afterUpdates` is only a cap on the row count (it bounds a document's load time).
 */
export const COMPACTION_DEFAULTS = { afterUpdates: 10_000, afterBytes: 256 * 1024 } as const;

export interface SharedDocOptions {
  /** Rows since the last compaction after which the log is compacted regardless of size. */
  compactAfterUpdates?: number;
  /** Bytes logged since the last compaction (at least the state's own size) that trigger it. */
  compactAfterBytes?: number;
  maxDocumentBytes?: number;
}

export class SharedDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly peers = new Set<Peer>();
  /** Set once the document starts unloading; no peer may attach after that. */
  closing = false;

  private lastSeq = 0;
  private rowsSinceCompaction = 0;
  private storedBytes = 0;
  /** Size of the state row written by the last compaction (the first stored row at load). */
  private stateBytes = 0;
  private pending: PendingUpdate[] = [];
  private flushing: Promise<void> | null = null;
  private readonly awarenessOwner = new Map<number, Peer>();
  private awarenessChanged = new Set<number>();
  private awarenessFlushScheduled = false;
  /** Stored and applied updates not yet relayed (see relay()), with the peer each came from. */
  private relayQueue: { origin: unknown; update: Uint8Array }[] = [];
  private relayScheduled: NodeJS.Immediate | null = null;
  /**
   * Sync-step-2 answers by the joiner's state vector (its bytes as a latin1 string), valid until
   * the document changes. Encoding the full state of a large board takes tens of milliseconds;
   * fresh clients (empty state vector) and clients reconnecting together after a restart (one
   * shared state vector) then cost one encode, not one each.
   */
  private readonly step2Cache = new Map<string, Uint8Array>();
  private readonly compactAfter: number;
  private readonly compactAfterBytes: number;
  private readonly maxBytes: number;

  private constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly log: FastifyBaseLogger,
    options: SharedDocOptions,
  ) {
    this.compactAfter = options.compactAfterUpdates ?? COMPACTION_DEFAULTS.afterUpdates;
    this.compactAfterBytes = options.compactAfterBytes ?? COMPACTION_DEFAULTS.afterBytes;
    this.maxBytes = options.maxDocumentBytes ?? Limits.maxDocumentBytes;
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.step2Cache.clear();
      this.relay(update, origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
      this.scheduleAwarenessFlush();
    });
  }

  /**
   * Loads a document completely from the store and runs pending schema migrations (their
   * changes are stored before anyone sees them). Throws if the store cannot be read or holds
   * data that does not apply: the caller must then refuse connections, never serve an empty doc.
   */
  static async load(name: string, store: DocStore, log: FastifyBaseLogger, options: SharedDocOptions = {}): Promise<SharedDoc> {
    const shared = new SharedDoc(name, store, log, options);
    const stored = await store.load(name);
    shared.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(shared.doc, update, MIGRATION_ORIGIN);
    }, MIGRATION_ORIGIN);
    shared.lastSeq = stored.lastSeq;
    shared.rowsSinceCompaction = stored.rowCount;
    shared.storedBytes = stored.byteSize;
    // After a compaction the first row is the state row; otherwise it is a small first update.
    shared.stateBytes = stored.updates[0]?.byteLength ?? 0;

    const kind = parseDocName(name)?.kind;
    if (kind) {
      const migrationUpdates: Uint8Array[] = [];
      const collect = (u: Uint8Array) => migrationUpdates.push(u);
      shared.doc.on('update', collect);
      const ran = runMigrations(shared.doc, MIGRATIONS[kind], MIGRATION_ORIGIN);
      shared.doc.off('update', collect);
      if (migrationUpdates.length > 0) {
        shared.lastSeq = await store.append(name, migrationUpdates);
        shared.rowsSinceCompaction += migrationUpdates.length;
        log.info({ doc: name, migrations: ran }, 'document migrated');
      }
    }
    if (shared.needsCompaction()) await shared.compact();
    return shared;
  }

  /** Attaches a peer: sends the server's sync step 1 and the current presence states. */
  addPeer(peer: Peer): void {
    this.peers.add(peer);
    peer.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    const owned = [...this.awarenessOwner].filter(([, p]) => p === peer).map(([id]) => id);
    for (const id of owned) this.awarenessOwner.delete(id);
    if (owned.length > 0) removeAwarenessStates(this.awareness, owned, null);
  }

  /** Answers a peer's sync step 1 with everything it lacks. */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    const key = Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString('latin1');
    let answer = this.step2Cache.get(key);
    if (!answer) {
      answer = encodeSyncStep2(this.doc, stateVector);
      if (this.step2Cache.size >= STEP2_CACHE_ENTRIES) this.step2Cache.delete(this.step2Cache.keys().next().value!);
      this.step2Cache.set(key, answer);
    }
    peer.send(answer);
  }

  /**
   * Accepts a document update from a peer: stored first, then applied and relayed. Throws a
   * ProtocolError (and keeps nothing) if the update is malformed — the caller closes that peer.
   * Updates of peers without write access never reach this method.
   */
  receiveUpdate(peer: Peer, update: Uint8Array): void {
    const { empty } = validateUpdate(update);
    if (empty) return;
    if (this.storedBytes + update.byteLength > this.maxBytes) {
      peer.close(CloseCode.documentTooLarge);
      return;
    }
    this.enqueue({ origin: peer, update });
  }

  /**
   * Applies a change made by the server itself (e.g. publishing a result into a board) under
   * the same rule as a peer's update: computed on a copy, stored, then applied and relayed.
   * Resolves once the change is stored; rejects if storing failed (nothing was applied).
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
      const before = Y.encodeStateVector(scratch);
      scratch.transact(() => change(scratch), SERVER_ORIGIN);
      const update = Y.encodeStateAsUpdate(scratch, before);
      if (validateUpdate(update).empty) return;
      await new Promise<void>((resolve, reject) => this.enqueue({ origin: SERVER_ORIGIN, update, resolve, reject }));
    } finally {
      scratch.destroy();
    }
  }

  private enqueue(item: PendingUpdate): void {
    this.storedBytes += item.update.byteLength;
    this.pending.push(item);
    // Group commit: the batch starts one macrotask later and so takes everything that arrived
    // in this event-loop turn (fewer, larger transactions; the loop is not held by one burst).
    if (!this.flushing) this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flush()).finally(() => (this.flushing = null));
  }

  /**
   * Applies a peer's presence update. The stock y-websocket client echoes every presence change
   * it receives, so an update may carry other people's states: only entries for client ids this
   * peer owns (or newly claims with a newer clock) are applied; echoes are dropped silently.
   * `ownEntries` picks the entries to apply; `applyAwareness` applies them.
   */
  ownEntries(peer: Peer, entries: AwarenessEntry[]): AwarenessEntry[] {
    const own: AwarenessEntry[] = [];
    let claimed = this.ownedBy(peer);
    for (const e of entries) {
      const owner = this.awarenessOwner.get(e.clientID);
      // The same person on a new connection (the old one not yet noticed dead) takes over.
      if (owner === peer || (owner !== undefined && owner.participantId === peer.participantId && owner !== peer)) {
        own.push(e);
      } else if (owner === undefined && e.state !== null && e.clock > (this.awareness.meta.get(e.clientID)?.clock ?? 0)) {
        if (claimed >= MAX_PRESENCE_IDS_PER_PEER) continue;
        claimed++;
        own.push(e);
      }
    }
    return own;
  }

  applyAwareness(peer: Peer, own: AwarenessEntry[]): void {
    if (own.length === 0) return;
    for (const e of own) if (e.state === null) this.awarenessOwner.delete(e.clientID);
    for (const e of own) if (e.state !== null) this.awarenessOwner.set(e.clientID, peer);
    applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), peer);
  }

  private ownedBy(peer: Peer): number {
    let n = 0;
    for (const p of this.awarenessOwner.values()) if (p === peer) n++;
    return n;
  }

  sendAllAwareness(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()];
    peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Resolves once every received update is stored and applied. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushRelays();
  }

  /** Replaces the stored update log by one state row. Call only when drained. */
  async compact(): Promise<void> {
    if (this.lastSeq === 0 || this.rowsSinceCompaction <= 1) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    await this.store.compact(this.name, state, this.lastSeq);
    this.rowsSinceCompaction = 1;
    this.storedBytes = state.byteLength;
    this.stateBytes = state.byteLength;
  }

  destroy(): void {
    this.flushRelays();
    this.step2Cache.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private needsCompaction(): boolean {
    if (this.rowsSinceCompaction <= 1) return false;
    if (this.rowsSinceCompaction > this.compactAfter) return true;
    return this.storedBytes - this.stateBytes > Math.max(this.compactAfterBytes, this.stateBytes);
  }

  stats(): { peers: number; rowsSinceCompaction: number; storedBytes: number; lastSeq: number } {
    return { peers: this.peers.size, rowsSinceCompaction: this.rowsSinceCompaction, storedBytes: this.storedBytes, lastSeq: this.lastSeq };
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        this.lastSeq = await this.store.append(this.name, batch.map((b) => b.update));
      } catch (err) {
        // Nothing of this batch was applied or relayed; the senders still hold it and send it
        // again when they reconnect.
        this.log.error({ err, doc: this.name }, 'storing updates failed');
        for (const b of batch) {
          this.storedBytes -= b.update.byteLength;
          if (b.origin !== SERVER_ORIGIN) b.origin.close(CloseCode.storageUnavailable);
          b.reject?.(err);
        }
        continue;
      }
      this.rowsSinceCompaction += batch.length;
      for (const b of batch) {
        try {
          Y.applyUpdate(this.doc, b.update, b.origin);
        } catch (err) {
          this.log.error({ err, doc: this.name }, 'a stored update failed to apply');
        }
        b.resolve?.();
      }
      if (this.needsCompaction()) {
        try {
          await this.compact();
        } catch (err) {
          this.log.error({ err, doc: this.name }, 'compaction failed; the update log is kept');
        }
      }
    }
  }

  /**
   * Relays are coalesced: an applied update is only queued here, and one macrotask later
   * (setImmediate, i.e. after everything that arrived in the same event-loop turn) the queue
   * goes out as ONE merged frame per peer instead of one frame per update per peer. Each write
   * to a socket is a syscall; under load that fan-out was the server's largest cost.
   *
   * Durability is untouched: the doc's `update` event, and so this queue, only ever sees updates
   * the store has committed. A peer never gets its own updates back: a peer that contributed to
   * the batch gets the merge of the others' updates only (or nothing).
   */
  private relay(update: Uint8Array, origin: unknown): void {
    if (origin === MIGRATION_ORIGIN) return;
    this.relayQueue.push({ origin, update });
    this.relayScheduled ??= setImmediate(() => this.flushRelays());
  }

  /** Sends every queued relay now (also called before presence goes out, and by drain()). */
  private flushRelays(): void {
    if (this.relayScheduled) clearImmediate(this.relayScheduled);
    this.relayScheduled = null;
    const queue = this.relayQueue;
    if (queue.length === 0) return;
    this.relayQueue = [];
    if (this.peers.size === 0) return;
    const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    const message = encodeUpdate(merge(queue.map((q) => q.update)));
    const contributors = new Set<unknown>();
    for (const q of queue) contributors.add(q.origin);
    for (const peer of this.peers) {
      if (!contributors.has(peer)) {
        peer.send(message);
        continue;
      }
      const others = queue.filter((q) => q.origin !== peer).map((q) => q.update);
      if (others.length > 0) peer.send(encodeUpdate(merge(others)));
    }
  }

  /**
   * Presence changes are batched: at most one message per PRESENCE_FLUSH_MS carries every
   * changed state. This bounds what each client receives — and, since the stock client echoes
   * what it receives, what it sends back.
   */
  private scheduleAwarenessFlush(): void {
    if (this.awarenessFlushScheduled) return;
    this.awarenessFlushScheduled = true;
    setTimeout(() => {
      this.awarenessFlushScheduled = false;
      const changed = [...this.awarenessChanged];
      this.awarenessChanged = new Set();
      if (changed.length === 0 || this.peers.size === 0) return;
      // Content first: a cursor may point into text that was just relayed.
      this.flushRelays();
      const message = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
      for (const peer of this.peers) peer.send(message);
    }, PRESENCE_FLUSH_MS);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
