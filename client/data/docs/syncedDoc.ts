/**
 * Opens one Werkraum Yjs document the way every part of the room needs it: a Y.Doc, the stock
 * y-websocket provider (token and protocol version as URL parameters) and an IndexedDB copy, so
 * edits made offline survive a reload. Everything is created inside an effect and destroyed in
 * its cleanup, so React StrictMode's double mount leaves nothing behind.
 *
 * Offline: browsers do not close open WebSockets when the device loses its network (Chromium
 * keeps them until TCP gives up, minutes later). The live connection is therefore dropped on the
 * window's `offline` event (the provider keeps retrying, which fails fast without network) and
 * retried at once on `online`, so changes are counted as unsent right away instead of vanishing
 * into a dead socket. `navigator.onLine` only decides what the indicator says: a server on the
 * same machine stays reachable even when the browser believes it is offline. The count of unsent changes is kept per document (unsent.ts) and
 * survives a reload.
 */
import { useEffect, useMemo, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/closeCodes';
import { Paths, PROTOCOL_VERSION, YjsParams } from '../../../shared/protocol';
import { throttleAwareness } from './awarenessThrottle';
import { markForeground, readUnsent, writeUnsent } from './unsent';
import { perfMark } from '../../lib/perfMark';

export interface SyncedDoc {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ConnectionInfo {
  status: ConnectionStatus;
  /** Local document changes made since the last confirmed sync with the server. */
  pending: number;
  /** Set when the server closed the connection for good (4400–4499); the provider stops retrying. */
  closed?: { code: number; reason: string };
  /**
   * How many of this device's edits the server refused as invalid content (close code 4422) since
   * the page loaded. Each time, the local copy was dropped and the document loaded afresh.
   */
  refused?: number;
}

export const INITIAL_CONNECTION: ConnectionInfo = Object.freeze({ status: 'connecting', pending: 0 });

export function wsBase(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${Paths.yjs}`;
}

/** The IndexedDB database holding this device's copy of a document. */
export function localCacheName(docName: string): string {
  return `werkraum:${docName}`;
}

/** A document, its IndexedDB copy and its provider, connecting at once. */
function openDocParts(name: string, token: string): SyncedDoc {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localCacheName(name), doc);
  // The server decodes the path segment; encoding keeps the room name safe whatever it contains.
  const provider = new WebsocketProvider(wsBase(), encodeURIComponent(name), doc, {
    params: { [YjsParams.token]: token, [YjsParams.protocolVersion]: String(PROTOCOL_VERSION) },
  });
  return { name, doc, provider, persistence };
}

/** Documents opened before a hook asked for them (preopen.ts), by name. */
const preopened = new Map<string, { parts: SyncedDoc; token: string; timer: ReturnType<typeof setTimeout> }>();
/** A pre-opened document nobody adopted in this time is closed again (the person went elsewhere). */
const ADOPT_WITHIN_MS = 20_000;

/**
 * Starts opening `name` now (connection, first sync, IndexedDB copy), for `useSyncedDoc` to adopt
 * when it asks for the same name with the same token.
 */
export function preopenDoc(name: string, token: string): void {
  if (preopened.has(name)) return;
  const parts = openDocParts(name, token);
  const drop = () => {
    if (preopened.get(name)?.parts !== parts) return;
    clearTimeout(timer);
    preopened.delete(name);
    closeDocParts(parts);
  };
  const timer = setTimeout(drop, ADOPT_WITHIN_MS);
  // Closed for good before anyone adopted it (a revoked token, a locked board): the hook opens
  // the document itself and hears the reason.
  parts.provider.once('closed', drop);
  preopened.set(name, { parts, token, timer });
}

/** The pre-opened document `name` for `token`, handed over once (then it is the caller's). */
function adoptPreopened(name: string, token: string): SyncedDoc | undefined {
  const entry = preopened.get(name);
  if (!entry) return undefined;
  preopened.delete(name);
  clearTimeout(entry.timer);
  if (entry.token === token) return entry.parts;
  closeDocParts(entry.parts);
  return undefined;
}

function closeDocParts({ provider, persistence, doc }: SyncedDoc): void {
  provider.destroy();
  void persistence.destroy();
  doc.destroy();
}

const STATUS_RANK: Record<ConnectionStatus, number> = { connected: 0, connecting: 1, reconnecting: 2, offline: 3 };

/**
 * One indicator for several documents: the worst status, the sum of unsent changes, and the
 * first permanent close (a bad token closes every document the same way).
 */
export function combineConnections(list: readonly ConnectionInfo[]): ConnectionInfo {
  let status: ConnectionStatus = 'connected';
  let pending = 0;
  let closed: ConnectionInfo['closed'];
  let refused = 0;
  for (const c of list) {
    if (STATUS_RANK[c.status] > STATUS_RANK[status]) status = c.status;
    pending += c.pending;
    closed ??= c.closed;
    refused += c.refused ?? 0;
  }
  return { status, pending, ...(closed ? { closed } : {}), ...(refused > 0 ? { refused } : {}) };
}

/**
 * Opens `docName` with `token` (nothing while either is undefined) and reports its connection.
 * The returned document is destroyed when the name or token changes or the component unmounts.
 * With `background`, the document is only opened to send changes left unsent (UnsentDocs.tsx)
 * and does not count as shown on the page.
 */
export function useSyncedDoc(
  docName: string | undefined,
  token: string | undefined,
  { background = false }: { background?: boolean } = {},
): { synced: SyncedDoc | undefined; connection: ConnectionInfo } {
  const [synced, setSynced] = useState<SyncedDoc | undefined>();
  const [connection, setConnection] = useState<ConnectionInfo>(INITIAL_CONNECTION);
  /** Bumped to open the document afresh (after an edit was refused on a locked board). */
  const [generation, setGeneration] = useState(0);
  /** Edits the server refused as invalid content; outlives the reopened document. */
  const [refused, setRefused] = useState(0);

  useEffect(() => {
    if (!token || !docName) return;
    const unmark = background ? () => {} : markForeground(docName);
    perfMark(background ? 'doc-open-background' : 'doc-open');
    // The first opening of a page may find its document already connecting (preopen.ts); a
    // reopening (generation > 0) starts afresh.
    const adopted = generation === 0 && !background ? adoptPreopened(docName, token) : undefined;
    const { doc, persistence, provider } = adopted ?? openDocParts(docName, token);
    const stopThrottle = throttleAwareness(provider);

    // Changes left unsent by an earlier page load (or a board that was closed) still count.
    let pending = readUnsent(docName);
    const setPending = (n: number) => {
      pending = n;
      writeUnsent(docName, n);
    };
    let everSynced = false;
    let closed: ConnectionInfo['closed'];

    const publish = () => {
      let status: ConnectionStatus;
      if (closed || !navigator.onLine) status = 'offline';
      else if (provider.wsconnected && provider.synced) status = 'connected';
      else status = everSynced ? 'reconnecting' : 'connecting';
      setConnection(closed ? { status, pending, closed } : { status, pending });
    };

    // A change is "local" unless it came from the server (origin: provider) or the local cache.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === persistence) return;
      if (provider.wsconnected && provider.synced) return;
      setPending(pending + 1);
      publish();
    };
    // The IndexedDB copy loads asynchronously. Until it has, a sync with the server says nothing
    // about the changes stored on this device; once it has, the provider sends them on its own.
    let localLoaded = false;
    const onSync = (isSynced: boolean) => {
      if (isSynced) {
        perfMark(background ? 'doc-synced-background' : 'doc-synced');
        // The sync exchange sent everything the server was missing, offline edits included.
        everSynced = true;
        if (localLoaded) setPending(0);
      }
      publish();
    };
    const onLocalLoaded = () => {
      perfMark(background ? 'doc-local-background' : 'doc-local');
      localLoaded = true;
      if (provider.wsconnected && provider.synced) setPending(0);
      publish();
    };
    const onClosed = (event: { code: number; reason: string }) => {
      const locked = event.code === CloseCode.documentLocked.code;
      const invalid = event.code === CloseCode.contentRefused.code;
      if (locked || invalid) {
        // An edit hit a board the moderation had locked, or carried content the document may not
        // hold. This copy holds a change the server refused, which every later change would
        // depend on (and which would be refused again): drop it, offline copy included, and load
        // the document anew.
        if (invalid) setRefused((n) => n + 1);
        setPending(0);
        void persistence.clearData().finally(() => setGeneration((g) => g + 1));
        return;
      }
      closed = { code: event.code, reason: event.reason };
      publish();
    };

    const onOffline = () => {
      if (closed || !provider.shouldConnect) return;
      // Drops the socket at once (a close handshake cannot complete without network) and starts
      // a new attempt, which then fails and is retried with the provider's backoff.
      provider.disconnect();
      provider.connect();
      publish();
    };
    const onOnline = () => {
      // Skip the remaining backoff. A server that closed the connection for good is not asked again.
      if (!closed) provider.connect();
      publish();
    };

    doc.on('update', onUpdate);
    // An adopted document may have loaded its copy and synced already.
    if (persistence.synced) onLocalLoaded();
    else persistence.once('synced', onLocalLoaded);
    if (provider.synced) onSync(true);
    provider.on('sync', onSync);
    provider.on('status', publish);
    provider.on('connection-close', publish);
    provider.on('closed', onClosed);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);

    setSynced({ name: docName, doc, provider, persistence });
    publish();

    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      unmark();
      doc.off('update', onUpdate);
      stopThrottle();
      provider.destroy();
      // Editors bound to this doc unmount in the same commit; destroying the doc after them
      // avoids a ProseMirror binding that still observes a destroyed document.
      setTimeout(() => {
        void persistence.destroy();
        doc.destroy();
      }, 0);
      setSynced(undefined);
      setConnection(INITIAL_CONNECTION);
    };
  }, [token, docName, generation, background]);

  const shown = useMemo(() => (refused > 0 ? { ...connection, refused } : connection), [connection, refused]);
  return { synced, connection: shown };
}
