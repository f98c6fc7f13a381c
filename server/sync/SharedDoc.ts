/**
 * One Yjs document in memory with the peers connected to it.
 *
 * Two replicas of the document are kept:
 * - `doc`, the live document: exactly what the store has committed. It answers sync requests,
 *   and its `update` event feeds the relay hooks; so anything any peer has received is on disk.
 * - the accepted document (created on the first change): the live document plus the updates
 *   that passed the checks and wait to be stored. Every update is applied here first, in one
 *   transaction, and the `checkContent` hooks look at that transaction (the document rules): a
 *   refused update is discarded whole — nothing of it is stored or relayed — and the accepted
 *   document is rebuilt from the live one and the queue (rare). Server changes run directly on
 *   it, so they are computed on the latest state and checked like any update.
 *
 * An accepted update is appended to the store (the updates of one event-loop turn are
 * committed together) and only then applied to the live document and relayed.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { parseDocName, type AnyDocKind } from '../../shared/docs';
import { Limits } from '../../shared/limits';
import { SERVER_SENDER, type Sender } from '../../shared/schema/rules';
import type { DocStore } from '../store/types';
import type { Peer } from './Peer';
import { type HookRefusal, SyncPipeline } from './pipeline';
import { type AwarenessEntry, ProtocolError, encodeAwareness, encodeAwarenessEntries, encodeSyncStep1, encodeSyncStep2, validateUpdate } from './protocol';

/** Origin of the stored updates applied at load (nobody is connected yet: nothing to relay). */
const LOAD_ORIGIN = Symbol('load');
/** Origin of a peer's update applied to the accepted document, under check. */
const CHECKED_UPDATE = Symbol('checked-update');
/** Origin of a server change made on the accepted document, under check. */
const CHECKED_SERVER_CHANGE = Symbol('checked-server-change');
/** Presence (awareness) changes are relayed in batches at most this often. */
const PRESENCE_FLUSH_MS = 50;
/** A connection normally has one Y.Doc, so one presence id; a few allow for reconnect races. */
const MAX_PRESENCE_IDS_PER_PEER = 4;
/** After the first peer attached, the accepted document is built this much later (see addPeer). */
const PREBUILD_DELAY_MS = 200;
/** Distinct joiner state vectors whose sync-step-2 answer is kept until the next change. */
const STEP2_CACHE_ENTRIES = 4;
/** Origin of changes the server makes itself, in the live document; relayed to every peer. */
export const SERVER_ORIGIN = Symbol('server');

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

/** The sender of a peer's changes, as the document rules see it. */
export function senderOf(peer: Peer): Sender {
  return { kind: 'participant', participantId: peer.participantId, displayName: peer.displayName, role: peer.role };
}

/** Thrown by applyServerChange when a hook refused the change (a server bug, never stored). */
export class ServerChangeRefused extends Error {
  constructor(readonly refusal: HookRefusal) {
    super(`server change refused by ${refusal.hook}: ${refusal.reason}`);
  }
}

export class SharedDoc {
  /** The live document: what the store has committed. */
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly peers = new Set<Peer>();
  /** The document's kind, or undefined for a name Werkraum does not know (tests only). */
  readonly kind: AnyDocKind | undefined;
  /** Set once the document starts unloading; no peer may attach after that. */
  closing = false;

  private accepted: Y.Doc | null = null;
  private prebuild: NodeJS.Timeout | null = null;
  /** The change being applied to the accepted document and what the hooks said about it. */
  private checking: { sender: Sender; peer?: Peer; update?: Uint8Array; refusal?: HookRefusal } | null = null;
  private lastSeq = 0;
  private rowsSinceCompaction = 0;
  private storedBytes = 0;
  /** Size of the state row written by the last compaction (the first stored row at load). */
  private stateBytes = 0;
  private pending: PendingUpdate[] = [];
  /** The batch the store is committing right now (accepted, not yet live). */
  private inflight: PendingUpdate[] = [];
  private flushing: Promise<void> | null = null;
  private readonly awarenessOwner = new Map<number, Peer>();
  private awarenessChanged = new Set<number>();
  private awarenessFlushScheduled = false;
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
    readonly log: FastifyBaseLogger,
    options: SharedDocOptions,
    readonly pipeline: SyncPipeline,
  ) {
    this.kind = parseDocName(name)?.kind;
    this.compactAfter = options.compactAfterUpdates ?? COMPACTION_DEFAULTS.afterUpdates;
    this.compactAfterBytes = options.compactAfterBytes ?? COMPACTION_DEFAULTS.afterBytes;
    this.maxBytes = options.maxDocumentBytes ?? Limits.maxDocumentBytes;
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.step2Cache.clear();
      if (origin !== LOAD_ORIGIN) this.pipeline.relay(this, update, origin);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
      this.scheduleAwarenessFlush();
    });
  }

  /**
   * Loads a document completely from the store and runs the `load` hooks (migrations, repair:
   * their changes are stored before anyone sees them). Throws if the store cannot be read or
   * holds data that does not apply: the caller must then refuse connections, never serve an
   * empty doc.
   */
  static async load(name: string, store: DocStore, log: FastifyBaseLogger, options: SharedDocOptions = {}, pipeline = new SyncPipeline()): Promise<SharedDoc> {
    const shared = new SharedDoc(name, store, log, options, pipeline);
    const stored = await store.load(name);
    shared.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(shared.doc, update, LOAD_ORIGIN);
    }, LOAD_ORIGIN);
    shared.lastSeq = stored.lastSeq;
    shared.rowsSinceCompaction = stored.rowCount;
    shared.storedBytes = stored.byteSize;
    // After a compaction the first row is the state row; otherwise it is a small first update.
    shared.stateBytes = stored.updates[0]?.byteLength ?? 0;
    try {
      await pipeline.load(shared);
      if (shared.needsCompaction()) await shared.compact();
    } catch (err) {
      shared.destroy();
      throw err;
    }
    return shared;
  }

  /**
   * Attaches a peer: sends the server's sync step 1 and the current presence states. The first
   * peer also schedules building the accepted document (one more full apply of the document),
   * so that the first edit does not wait for it; its sync answer goes out first.
   */
  addPeer(peer: Peer): void {
    this.peers.add(peer);
    if (!this.accepted && !this.prebuild) {
      this.prebuild = setTimeout(() => {
        this.prebuild = null;
        if (this.peers.size > 0 && !this.closing && !this.doc.isDestroyed) this.acceptedDoc();
      }, PREBUILD_DELAY_MS);
      this.prebuild.unref();
    }
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
   * Accepts a document update from a peer: checked, stored, then applied and relayed. Throws a
   * ProtocolError (and keeps nothing) if the update is malformed — the caller closes that peer.
   * A refused update closes the peer with the hook's code (or is dropped silently).
   */
  receiveUpdate(peer: Peer, update: Uint8Array): void {
    const { empty } = validateUpdate(update);
    if (empty) return;
    if (this.storedBytes + update.byteLength > this.maxBytes) {
      peer.close(CloseCode.documentTooLarge);
      return;
    }
    const refusal = this.pipeline.checkUpdate(this, peer, update) ?? this.accept(update, peer);
    if (refusal) return this.refuse(peer, refusal);
    this.enqueue({ origin: peer, update });
  }

  private refuse(peer: Peer, refusal: HookRefusal): void {
    if (!refusal.close) {
      this.log.debug({ doc: this.name, participant: peer.participantId, hook: refusal.hook, rule: refusal.reason }, 'update dropped');
      return;
    }
    this.log.info({ doc: this.name, participant: peer.participantId, hook: refusal.hook, rule: refusal.reason, code: refusal.close.code }, 'update refused');
    peer.close(refusal.close);
  }

  /** Applies a peer's update to the accepted document under check; the refusal, if any. */
  private accept(update: Uint8Array, peer: Peer): HookRefusal | undefined {
    const accepted = this.acceptedDoc();
    this.checking = { sender: senderOf(peer), peer, update };
    try {
      Y.applyUpdate(accepted, update, CHECKED_UPDATE);
    } catch (err) {
      this.checking = null;
      this.resetAccepted();
      throw new ProtocolError(`update does not apply: ${err instanceof Error ? err.message : String(err)}`);
    }
    const store = accepted.store;
    const refusal =
      this.checking.refusal ??
      (store.pendingStructs !== null || store.pendingDs !== null
        ? { close: CloseCode.contentRefused, reason: 'update depends on changes the server does not have', hook: 'sync' }
        : undefined);
    this.checking = null;
    if (refusal) this.resetAccepted();
    return refusal;
  }

  /**
   * Applies a change made by the server itself (e.g. publishing a result into a board) under
   * the same rules as a peer's update: computed on the accepted state, checked (trusted for
   * authorship and server-only fields), stored, then applied and relayed. Resolves once the
   * change is stored; rejects if the change threw, was refused (ServerChangeRefused) or could
   * not be stored — nothing of it is kept then.
   */
  async applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    const accepted = this.acceptedDoc();
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown) => {
      if (origin === CHECKED_SERVER_CHANGE) update = u;
    };
    accepted.on('update', capture);
    this.checking = { sender: SERVER_SENDER };
    let thrown: { err: unknown } | undefined;
    try {
      accepted.transact(() => change(accepted), CHECKED_SERVER_CHANGE);
    } catch (err) {
      thrown = { err };
    } finally {
      accepted.off('update', capture);
    }
    const refusal = this.checking?.refusal;
    this.checking = null;
    if (thrown || refusal) {
      this.resetAccepted();
      if (thrown) throw thrown.err;
      this.log.error({ doc: this.name, hook: refusal!.hook, rule: refusal!.reason }, 'a server change was refused');
      throw new ServerChangeRefused(refusal!);
    }
    if (update === null) return;
    const stored = update;
    await new Promise<void>((resolve, reject) => this.enqueue({ origin: SERVER_ORIGIN, update: stored, resolve, reject }));
  }

  /** The accepted document, created from the live one and the queue when needed. */
  private acceptedDoc(): Y.Doc {
    if (this.accepted) return this.accepted;
    const accepted = new Y.Doc({ gc: true });
    accepted.on('afterTransaction', (tr: Y.Transaction) => this.onAcceptedTransaction(tr));
    Y.applyUpdate(accepted, Y.encodeStateAsUpdate(this.doc));
    for (const p of [...this.inflight, ...this.pending]) Y.applyUpdate(accepted, p.update);
    this.accepted = accepted;
    return accepted;
  }

  private onAcceptedTransaction(tr: Y.Transaction): void {
    const c = this.checking;
    if (!c || c.refusal || (tr.origin !== CHECKED_UPDATE && tr.origin !== CHECKED_SERVER_CHANGE)) return;
    try {
      c.refusal = this.pipeline.checkContent(this, { transaction: tr, sender: c.sender, peer: c.peer, update: c.update });
    } catch (err) {
      this.log.error({ err, doc: this.name }, 'checking an update failed; it is refused');
      c.refusal = { close: CloseCode.contentRefused, reason: 'check failed', hook: 'sync' };
    }
  }

  /** Drops the accepted document; the next change rebuilds it from the live one and the queue. */
  private resetAccepted(): void {
    this.accepted?.destroy();
    this.accepted = null;
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
   * `ownEntries` picks the entries to apply; the `awareness` hooks check and stamp them;
   * `applyAwareness` applies them.
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

  /** Resolves once every received update is stored and applied, and relayed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.pipeline.flush(this);
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
    if (this.prebuild) clearTimeout(this.prebuild);
    this.pipeline.flush(this);
    this.step2Cache.clear();
    this.awareness.destroy();
    this.doc.destroy();
    this.resetAccepted();
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
      this.inflight = batch;
      try {
        this.lastSeq = await this.store.append(this.name, batch.map((b) => b.update));
      } catch (err) {
        // Nothing of this batch was applied or relayed, and what was queued after it may depend
        // on it: all of it is dropped. The senders still hold their updates and send them again
        // when they reconnect; server changes reject.
        this.log.error({ err, doc: this.name }, 'storing updates failed');
        const dropped = [...batch, ...this.pending];
        this.pending = [];
        this.inflight = [];
        this.resetAccepted();
        for (const b of dropped) {
          this.storedBytes -= b.update.byteLength;
          if (b.origin !== SERVER_ORIGIN) b.origin.close(CloseCode.storageUnavailable);
          b.reject?.(err);
        }
        continue;
      }
      this.inflight = [];
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
      this.pipeline.flush(this);
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
