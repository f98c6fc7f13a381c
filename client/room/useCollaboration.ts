/**
 * Owns the Yjs side of a session room: one Y.Doc for the notes, its y-websocket provider and an
 * IndexedDB copy so edits made offline survive a reload. Everything is created inside an effect
 * and destroyed in its cleanup, so React StrictMode's double mount leaves nothing behind.
 */
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { throttleAwareness } from './awarenessThrottle';
import { Paths, PROTOCOL_VERSION, YjsParams } from '../../shared/protocol';

export interface Collaboration {
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
}

declare global {
  interface Window {
    /** Test hook: e2e reads editor state through page.evaluate. Only set while a room is open. */
    __werkraum?: { doc: Y.Doc; provider: WebsocketProvider };
  }
}

function wsBase(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${Paths.yjs}`;
}

/** The IndexedDB database holding this device's copy of a document. */
export function localCacheName(docName: string): string {
  return `werkraum:${docName}`;
}

export function useCollaboration(join: JoinResponse | undefined): {
  collab: Collaboration | undefined;
  connection: ConnectionInfo;
} {
  const [collab, setCollab] = useState<Collaboration | undefined>();
  const [connection, setConnection] = useState<ConnectionInfo>({ status: 'connecting', pending: 0 });
  const token = join?.token;
  const docName = join?.docs.notes;

  useEffect(() => {
    if (!token || !docName) return;
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localCacheName(docName), doc);
    // The server decodes the path segment; encoding keeps the room name safe whatever it contains.
    const provider = new WebsocketProvider(wsBase(), encodeURIComponent(docName), doc, {
      params: { [YjsParams.token]: token, [YjsParams.protocolVersion]: String(PROTOCOL_VERSION) },
    });

    const stopThrottle = throttleAwareness(provider);

    let pending = 0;
    let everSynced = false;
    let closed: ConnectionInfo['closed'];

    const publish = () => {
      let status: ConnectionStatus;
      if (closed || !navigator.onLine) status = 'offline';
      else if (provider.wsconnected && provider.synced) status = 'connected';
      else status = everSynced ? 'reconnecting' : 'connecting';
      setConnection({ status, pending, closed });
    };

    // A change is "local" unless it came from the server (origin: provider) or the local cache.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || origin === persistence) return;
      if (provider.wsconnected && provider.synced) return;
      pending++;
      publish();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        // The sync exchange sent everything the server was missing, offline edits included.
        everSynced = true;
        pending = 0;
      }
      publish();
    };
    const onClosed = (event: { code: number; reason: string }) => {
      closed = { code: event.code, reason: event.reason };
      publish();
    };

    doc.on('update', onUpdate);
    provider.on('sync', onSync);
    provider.on('status', publish);
    provider.on('connection-close', publish);
    provider.on('closed', onClosed);
    window.addEventListener('online', publish);
    window.addEventListener('offline', publish);

    window.__werkraum = { doc, provider };
    setCollab({ doc, provider, persistence });
    publish();

    return () => {
      window.removeEventListener('online', publish);
      window.removeEventListener('offline', publish);
      doc.off('update', onUpdate);
      stopThrottle();
      provider.destroy();
      if (window.__werkraum?.doc === doc) delete window.__werkraum;
      // The editor bound to this doc unmounts in the same commit; destroying the doc after it
      // avoids a ProseMirror binding that still observes a destroyed document.
      setTimeout(() => {
        void persistence.destroy();
        doc.destroy();
      }, 0);
      setCollab(undefined);
    };
  }, [token, docName]);

  return { collab, connection };
}
