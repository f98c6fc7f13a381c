/**
 * The Yjs endpoint: `/yjs/<docName>?token=…&v=…`, speaking the standard y-websocket protocol so
 * the stock `WebsocketProvider` works unchanged.
 *
 * A connection is authenticated and its document fully loaded before a single byte of content is
 * sent; failures close it with a code from shared/closeCodes.ts (4401/4403 stop the stock
 * client's retries). Frames that arrive meanwhile are buffered and handled in order afterwards.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { parseDocName } from '../../shared/docs';
import { canEdit } from '../../shared/domain';
import { Limits } from '../../shared/limits';
import { MIN_PROTOCOL_VERSION, Paths, YjsParams } from '../../shared/protocol';
import { type OriginPolicy, isOriginAllowed } from '../auth/origin';
import { hashToken } from '../auth/tokens';
import type { Store } from '../store/types';
import { Peer } from './Peer';
import { ProtocolError, decodeClientMessage, validateUpdate } from './protocol';
import { SharedDoc, type SharedDocOptions } from './SharedDoc';

export interface SyncServerOptions extends SharedDocOptions {
  store: Store;
  log: FastifyBaseLogger;
  /** Which browser origins may open a connection (the own host always may). */
  originPolicy: OriginPolicy;
  /** Interval of the keep-alive ping; a peer that missed one pong is dropped. */
  pingIntervalMs?: number;
  /**
   * Whether a document is locked by the moderation (read-only for everyone but moderators).
   * Asked for every update, so it must answer synchronously from memory.
   */
  isLocked?: (docName: string) => boolean;
}

export class SyncServer {
  private readonly wss: WebSocketServer;
  private readonly docs = new Map<string, Promise<SharedDoc>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly peers = new Set<Peer>();
  private readonly pending = new Set<WebSocket>();
  private readonly pingTimer: NodeJS.Timeout;
  private closing = false;

  constructor(private readonly options: SyncServerOptions) {
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

  private mayWrite(peer: Peer): boolean {
    if (!canEdit(peer.role)) return false;
    if (peer.role === 'moderator') return true;
    return !(this.options.isLocked?.(peer.docName) ?? false);
  }

  /** Closes every connection of a participant at once (their token was revoked or role changed). */
  disconnectParticipant(participantId: string, code = CloseCode.unauthenticated): number {
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
   * Changes a document on behalf of the server (stored before it is relayed, like any update).
   * Loads the document if nobody has it open, and lets it unload again afterwards.
   */
  async change(docName: string, change: (doc: Y.Doc) => void): Promise<void> {
    let shared: SharedDoc;
    do shared = await this.getDoc(docName);
    while (shared.closing);
    try {
      await shared.applyServerChange(change);
    } finally {
      this.maybeUnload(shared);
    }
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
    const refuse = (code: { code: number; reason: string }) => {
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
    if (!isOriginAllowed(req.headers.origin, req.headers.host, this.options.originPolicy)) return refuse(CloseCode.forbidden);
    let requested: string;
    try {
      requested = decodeURIComponent(url.pathname.slice(Paths.yjs.length + 1));
    } catch {
      return refuse(CloseCode.unknownDocument);
    }
    const parsed = parseDocName(requested);
    if (!parsed) return refuse(CloseCode.unknownDocument);
    const v = url.searchParams.get(YjsParams.protocolVersion);
    if (v !== null && !(Number(v) >= MIN_PROTOCOL_VERSION)) return refuse(CloseCode.protocolTooOld);
    const token = url.searchParams.get(YjsParams.token);
    if (!token) return refuse(CloseCode.unauthenticated);

    let participant;
    try {
      participant = await this.options.store.sessions.findParticipantByToken(hashToken(token));
    } catch (err) {
      log.error({ err }, 'token lookup failed');
      return refuse(CloseCode.storageUnavailable);
    }
    if (!participant) return refuse(CloseCode.unauthenticated);
    if (participant.sessionId !== parsed.sessionId) return refuse(CloseCode.forbidden);
    // A private document (e.g. someone's SWOT drafts) opens for its owner only.
    if (parsed.owner !== undefined && parsed.owner !== participant.id) return refuse(CloseCode.forbidden);
    if (ws.readyState !== ws.OPEN) {
      this.pending.delete(ws);
      return;
    }

    const docName = requested;
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
    peer = new Peer(ws, docName, participant.sessionId, participant.id, participant.role);
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
    if (data.byteLength > Limits.maxFrameBytes) return peer.close(CloseCode.payloadTooLarge);
    if (!peer.messages.take()) return peer.close(CloseCode.rateLimited);
    try {
      const msg = decodeClientMessage(data);
      switch (msg.type) {
        case 'syncStep1':
          shared.answerSyncStep1(peer, msg.stateVector);
          break;
        case 'update':
          // Read-only roles, and everyone but moderators on a locked board: their updates are
          // never applied, stored or relayed. An editor whose edit hit a lock is closed, so their
          // client reloads the document instead of diverging from it.
          if (this.mayWrite(peer)) shared.receiveUpdate(peer, msg.update);
          // (The stock client answers every sync request with an update, mostly empty: only one
          // that carries content counts as an edit.)
          else if (canEdit(peer.role) && !validateUpdate(msg.update).empty) return peer.close(CloseCode.documentLocked);
          break;
        case 'awareness':
          // Only a peer's own presence changes count against its presence budget; echoes of
          // others' states (which the stock client sends) are dropped.
          const own = shared.ownEntries(peer, msg.entries);
          if (own.length > 0 && !peer.presence.take()) return peer.close(CloseCode.rateLimited);
          shared.applyAwareness(peer, own);
          break;
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
      const loading = SharedDoc.load(name, this.options.store.docs, this.options.log, this.options);
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
