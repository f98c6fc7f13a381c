/**
 * The Yjs endpoint: `/yjs/<docName>?token=…&v=…`, speaking the standard y-websocket protocol so
 * the stock `WebsocketProvider` works unchanged.
 *
 * What happens to a connection and its messages is decided by an ordered list of hooks
 * (`pipeline.ts`, one file per concern under `hooks/`). A connection is authenticated and its
 * document fully loaded before a single byte of content is sent; failures close it with a code
 * from shared/closeCodes.ts (4401/4403 stop the stock client's retries). Frames that arrive
 * meanwhile are buffered and handled in order afterwards.
 *
 * Server code reads and changes documents through `read` and `change`, which load a document the
 * same way a connection does (migrations, repair) and let it unload again.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { parseDocName } from '../../shared/docs';
import { Limits } from '../../shared/limits';
import { Paths } from '../../shared/protocol';
import type { OriginPolicy } from '../auth/origin';
import type { Config } from '../config';
import type { Store } from '../store/types';
import { authenticate } from './hooks/authenticate';
import { localRelay } from './hooks/localRelay';
import { migrations } from './hooks/migrations';
import { presence } from './hooks/presence';
import { rateLimit } from './hooks/rateLimit';
import { schemaCheck, type SchemaCheckOptions } from './hooks/schemaCheck';
import { loadTables, type TableAccess, writeAccess } from './hooks/writeAccess';
import { Peer } from './Peer';
import { type CloseCodeValue, type SyncHook, SyncPipeline } from './pipeline';
import { ProtocolError, decodeClientMessage } from './protocol';
import { SharedDoc, type SharedDocOptions } from './SharedDoc';

export interface SyncServerOptions extends SharedDocOptions {
  store: Store;
  log: FastifyBaseLogger;
  /** Which browser origins may open a connection (the own origin always may). */
  originPolicy: OriginPolicy;
  /** Which peers' X-Forwarded-Proto/-Host count when deciding the own origin (WERKRAUM_TRUST_PROXY). */
  trustProxy?: Config['trustProxy'];
  /** Interval of the keep-alive ping; a peer that missed one pong is dropped. */
  pingIntervalMs?: number;
  /**
   * Whether a document is locked by the moderation (read-only for everyone but moderators).
   * Asked for every update, so it must answer synchronously from memory.
   */
  isLocked?: (docName: string) => boolean;
  /** Who sits at a parallel table: loaded before a table document's connection is accepted, then asked from memory. */
  tables?: TableAccess;
  /** Session settings the document rules depend on (see `hooks/schemaCheck.ts`). */
  sessionPolicy?: SchemaCheckOptions['sessionPolicy'];
  /** The hooks, in order; defaults to `defaultHooks(options)`. */
  hooks?: readonly SyncHook[];
}

/** Werkraum's Yjs endpoint, hook by hook (the order matters within each stage). */
export function defaultHooks(options: Pick<SyncServerOptions, 'store' | 'log' | 'originPolicy' | 'trustProxy' | 'isLocked' | 'sessionPolicy' | 'tables'>): SyncHook[] {
  return [
    ...(options.tables ? [loadTables(options.tables)] : []),
    authenticate({ store: options.store, originPolicy: options.originPolicy, log: options.log, trustProxy: options.trustProxy }),
    rateLimit(),
    migrations({ log: options.log }),
    writeAccess({ isLocked: options.isLocked, tables: options.tables }),
    schemaCheck({ log: options.log, sessionPolicy: options.sessionPolicy }),
    presence(),
    localRelay(),
  ];
}

export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly pipeline: SyncPipeline;
  private readonly docs = new Map<string, Promise<SharedDoc>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly peers = new Set<Peer>();
  private readonly pending = new Set<WebSocket>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;
  /** Sessions deleted while this server ran: their documents are never loaded again. */
  private readonly discarded = new Set<string>();

  constructor(private readonly options: SyncServerOptions) {
    this.pipeline = new SyncPipeline(options.hooks ?? defaultHooks(options));
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Limits.hardMaxFrameBytes, perMessageDeflate: false });
    this.pingTimer = setInterval(() => this.ping(), options.pingIntervalMs ?? 30_000);
    this.pingTimer.unref();
  }

  /** Takes over an HTTP upgrade request for a path under /yjs/. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.onConnection(ws, req).catch((err: unknown) => {
        this.options.log.error({ err }, 'connection setup failed');
        ws.close(CloseCode.storageUnavailable.code, CloseCode.storageUnavailable.reason);
      });
    });
  }

  /** Applies a role change to the participant's open connections at once. */
  setParticipantRole(participantId: string, role: Peer['role']): void {
    for (const peer of this.peers) if (peer.participantId === participantId) peer.role = role;
  }

  /** Closes every connection of a participant at once (their token was revoked or role changed). */
  disconnectParticipant(participantId: string, code: CloseCodeValue = CloseCode.unauthenticated): number {
    let n = 0;
    for (const peer of this.peers) {
      if (peer.participantId === participantId) {
        peer.close(code);
        n++;
      }
    }
    return n;
  }

  /**
   * Closes every connection to the session's documents with `code` (a code outside 4400–4499 makes
   * clients reconnect, and be authenticated afresh: e.g. read-only once the session is archived).
   */
  closeSession(sessionId: string, code: CloseCodeValue): number {
    let n = 0;
    for (const peer of this.peers) {
      if (peer.sessionId === sessionId) {
        peer.close(code);
        n++;
      }
    }
    return n;
  }

  /**
   * Before a session is deleted: closes its connections (4401), waits for pending writes, and drops
   * its documents from memory without compacting them back into the store; from now on none of
   * them loads again. Delete the stored rows afterwards.
   */
  async discardSession(sessionId: string): Promise<void> {
    this.discarded.add(sessionId);
    this.closeSession(sessionId, CloseCode.unauthenticated);
    const ofSession = (name: string) => parseDocName(name)?.sessionId === sessionId;
    for (const [name, loading] of [...this.docs]) {
      if (!ofSession(name)) continue;
      const shared = await loading.catch(() => undefined);
      if (this.docs.get(name) === loading) this.docs.delete(name);
      if (!shared || shared.closing) continue;
      shared.closing = true;
      await shared.drain();
      shared.destroy();
    }
    await Promise.all([...this.unloading].filter(([name]) => ofSession(name)).map(([, p]) => p));
  }

  /**
   * Changes a document on behalf of the server: computed on the latest accepted state, checked
   * by the document rules (trusted for authorship and server-only fields), stored before it is
   * relayed like any update. Loads the document if nobody has it open (with its migrations and
   * repair), and lets it unload again afterwards. Rejects when the change throws or is refused.
   */
  async change(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
    const shared = await this.open(docName);
    try {
      await shared.applyServerChange(change);
    } finally {
      this.maybeUnload(shared);
    }
  }

  /**
   * Reads a document: loads it through the same path as a connection (migrations, repair), runs
   * `reader` on the stored state (do not keep the document: it may unload afterwards; copy what
   * you need) and lets it unload again.
   */
  async read<T>(docName: string, reader: (doc: Y.Doc) => T): Promise<T> {
    const shared = await this.open(docName);
    try {
      return reader(shared.doc);
    } finally {
      this.maybeUnload(shared);
    }
  }

  private async open(docName: string): Promise<SharedDoc> {
    const parsed = parseDocName(docName);
    if (!parsed) throw new Error(`unknown document name: ${JSON.stringify(docName)}`);
    if (this.discarded.has(parsed.sessionId)) throw new Error(`the session of ${JSON.stringify(docName)} was deleted`);
    let shared: SharedDoc;
    do shared = await this.getDoc(docName);
    while (shared.closing);
    return shared;
  }

  /** Documents currently in memory (for tests and metrics). */
  async loadedDocs(): Promise<Map<string, SharedDoc>> {
    const out = new Map<string, SharedDoc>();
    for (const [name, p] of this.docs) {
      const d = await p.catch(() => undefined);
      if (d) out.set(name, d);
    }
    return out;
  }

  /** Whether a document is in memory (loading, loaded or unloading). */
  isLoaded(name: string): boolean {
    return this.docs.has(name) || this.unloading.has(name);
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Closes every connection (clients retry), stores and compacts every document. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.pingTimer);
    for (const ws of this.pending) ws.close(CloseCode.shuttingDown.code, CloseCode.shuttingDown.reason);
    for (const peer of this.peers) peer.close(CloseCode.shuttingDown);
    const docs = await Promise.all([...this.docs.values()].map((p) => p.catch(() => undefined)));
    for (const doc of docs) {
      if (!doc) continue;
      await doc.drain();
      try {
        await doc.compact();
      } catch (err) {
        this.options.log.error({ err, doc: doc.name }, 'compaction at shutdown failed; the update log is kept');
      }
      doc.destroy();
    }
    await Promise.all(this.unloading.values());
    this.docs.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async onConnection(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const log = this.options.log;
    ws.binaryType = 'nodebuffer';
    ws.on('error', (err) => log.debug({ err }, 'websocket error'));
    this.pending.add(ws);
    const buffered: RawData[] = [];
    let peer: Peer | undefined;
    let shared: SharedDoc | undefined;
    let chain = Promise.resolve();
    const refuse = (code: CloseCodeValue) => {
      this.pending.delete(ws);
      ws.close(code.code, code.reason);
    };
    ws.on('message', (data) => {
      if (!peer) {
        buffered.push(data);
        if (buffered.length > Limits.messageBurst) refuse(CloseCode.rateLimited);
        return;
      }
      const p = peer;
      const s = shared!;
      chain = chain.then(() => this.onMessage(p, s, data));
    });
    ws.on('close', () => {
      this.pending.delete(ws);
      if (peer && shared) this.detach(peer, shared);
    });

    const url = new URL(req.url ?? '/', 'http://localhost');
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(Paths.yjs.length + 1));
    } catch {
      return refuse(CloseCode.unknownDocument);
    }
    const parsed = parseDocName(docName);
    if (!parsed) return refuse(CloseCode.unknownDocument);
    const who = await this.pipeline.authenticate({ req, url, docName, doc: parsed });
    if ('hook' in who) {
      log.debug({ doc: docName, hook: who.hook, reason: who.reason }, 'connection refused');
      return refuse(who.close ?? CloseCode.forbidden);
    }
    if (this.discarded.has(parsed.sessionId)) return refuse(CloseCode.unauthenticated);
    if (ws.readyState !== ws.OPEN) {
      this.pending.delete(ws);
      return;
    }

    try {
      // Re-check after the await: the document may have started unloading in between.
      do shared = await this.getDoc(docName);
      while (shared.closing);
    } catch (err) {
      log.error({ err, doc: docName }, 'document could not be loaded; connection refused');
      return refuse(CloseCode.storageUnavailable);
    }
    this.pending.delete(ws);
    if (ws.readyState !== ws.OPEN || this.closing) {
      if (this.closing) ws.close(CloseCode.shuttingDown.code, CloseCode.shuttingDown.reason);
      this.maybeUnload(shared);
      return;
    }
    peer = new Peer(ws, docName, who.sessionId, who.id, who.role, who.displayName, who.projector ?? false);
    this.peers.add(peer);
    ws.on('pong', () => (peer!.alive = true));
    shared.addPeer(peer);
    const p = peer;
    const s = shared;
    for (const data of buffered) chain = chain.then(() => this.onMessage(p, s, data));
    buffered.length = 0;
  }

  private async onMessage(peer: Peer, shared: SharedDoc, raw: RawData): Promise<void> {
    if (peer.closed) return;
    const data = toUint8Array(raw);
    const refused = this.pipeline.message(peer, data);
    if (refused) return this.closeWith(peer, refused.close, refused.reason);
    try {
      const msg = decodeClientMessage(data);
      switch (msg.type) {
        case 'syncStep1':
          shared.answerSyncStep1(peer, msg.stateVector);
          break;
        case 'update':
          // The stock client answers every sync request with an update, mostly empty: only
          // one that carries content is checked (write access, document rules) and stored.
          shared.receiveUpdate(peer, msg.update);
          break;
        case 'awareness': {
          // Only a peer's own presence counts; echoes of others' states are dropped.
          const own = shared.ownEntries(peer, msg.entries);
          const checked = this.pipeline.awareness(shared, peer, own);
          if (!Array.isArray(checked)) {
            this.options.log.info({ doc: peer.docName, participant: peer.participantId, hook: checked.hook, rule: checked.reason }, 'presence refused');
            return this.closeWith(peer, checked.close, checked.reason);
          }
          shared.applyAwareness(peer, checked);
          break;
        }
        case 'queryAwareness':
          shared.sendAllAwareness(peer);
          break;
      }
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.options.log.info({ doc: peer.docName, reason: err.message }, 'malformed message; connection closed');
        return peer.close(CloseCode.badRequest);
      }
      this.options.log.error({ err, doc: peer.docName }, 'message handling failed');
      peer.close(CloseCode.badRequest);
    }
  }

  private closeWith(peer: Peer, code: CloseCodeValue | undefined, reason: string): void {
    if (!code) return;
    this.options.log.debug({ doc: peer.docName, participant: peer.participantId, reason }, 'connection closed');
    peer.close(code);
  }

  private detach(peer: Peer, shared: SharedDoc): void {
    peer.closed = true;
    this.peers.delete(peer);
    shared.removePeer(peer);
    this.maybeUnload(shared);
  }

  /** Loads a document once, however many connections ask for it at the same time. */
  private async getDoc(name: string): Promise<SharedDoc> {
    for (;;) {
      const unloading = this.unloading.get(name);
      if (unloading) await unloading;
      const existing = this.docs.get(name);
      if (existing) {
        const doc = await existing;
        if (!doc.closing) return doc;
        continue;
      }
      const loading = SharedDoc.load(name, this.options.store.docs, this.options.log, this.options, this.pipeline);
      this.docs.set(name, loading);
      loading.catch(() => {
        if (this.docs.get(name) === loading) this.docs.delete(name);
      });
      return loading;
    }
  }

  /** A document leaves memory (stored and compacted) once its last peer has gone. */
  private maybeUnload(shared: SharedDoc): void {
    if (shared.peers.size > 0 || shared.closing || this.closing) return;
    const run = async () => {
      await shared.drain();
      if (shared.peers.size > 0 || shared.closing || this.closing) return;
      shared.closing = true;
      this.docs.delete(shared.name);
      try {
        await shared.compact();
      } catch (err) {
        this.options.log.error({ err, doc: shared.name }, 'compaction on unload failed; the update log is kept');
      }
      shared.destroy();
    };
    const p = run().finally(() => {
      if (this.unloading.get(shared.name) === p) this.unloading.delete(shared.name);
    });
    this.unloading.set(shared.name, p);
  }

  private ping(): void {
    for (const peer of this.peers) {
      if (!peer.alive) {
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      peer.ws.ping();
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
