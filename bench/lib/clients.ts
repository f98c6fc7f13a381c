/**
 * One headless client per simulated participant: a real stock provider (y-websocket's
 * `WebsocketProvider` for Werkraum and the plain y-websocket server, `HocuspocusProvider` for
 * Hocuspocus, which speaks its own protocol) on its own WebSocket, as a browser tab would.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { throttleAwareness } from '../../client/data/docs/awarenessThrottle';

/**
 * How a client sends presence. Both stock providers re-send EVERY awareness change they receive,
 * other people's included, back to the server ('echo'): with N clients each presence beat comes
 * back N-1 times. Werkraum's client replaces that sender with one that sends only its own state
 * (client/data/docs/awarenessThrottle.ts), and Werkraum closes a connection that sends others' states.
 * 'own' gives every server the same offered load; 'echo' is the stock providers' behaviour.
 */
export type AwarenessMode = 'own' | 'echo';

export type ClientTarget =
  /** The y-websocket protocol (Werkraum and @y/websocket-server); `params` go into the URL. */
  | { protocol: 'y-websocket'; serverUrl: string; room: string; awareness: AwarenessMode }
  | { protocol: 'hocuspocus'; url: string; name: string; awareness: AwarenessMode };

export interface BenchClient {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  isSynced(): boolean;
  isConnected(): boolean;
  /** Close codes the server sent (each one is a disconnect the client did not ask for). */
  readonly closeCodes: number[];
  destroy(): void;
}

/** Opens a client; `params` are URL parameters (Werkraum: token and protocol version). */
export function openClient(target: ClientTarget, params: Record<string, string> = {}): BenchClient {
  return target.protocol === 'y-websocket' ? openYWebsocket(target, params) : openHocuspocus(target);
}

function openYWebsocket(target: { serverUrl: string; room: string; awareness: AwarenessMode }, params: Record<string, string>): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  });
  // Werkraum's own client code, unchanged (throttled to 4/s: no effect at one beat per second).
  const stopThrottle = target.awareness === 'own' ? throttleAwareness(provider) : () => undefined;
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    awareness: provider.awareness,
    isSynced: () => provider.synced,
    isConnected: () => provider.wsconnected,
    closeCodes,
    destroy() {
      stopThrottle();
      provider.destroy();
      doc.destroy();
    },
  };
}

function openHocuspocus(target: { url: string; name: string; awareness: AwarenessMode }): BenchClient {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.name, document: doc });
  provider.attach();
  const closeCodes: number[] = [];
  provider.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code));
  const awareness = provider.awareness;
  if (!awareness) throw new Error('Hocuspocus provider without awareness');
  if (target.awareness === 'own') {
    // The same change as Werkraum's client makes: send this client's own state only.
    const self = doc.clientID;
    awareness.off('update', provider.boundAwarenessUpdateHandler);
    awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (added.includes(self) || updated.includes(self) || removed.includes(self)) {
        provider.awarenessUpdateHandler({ added: [], updated: [self], removed: [] }, origin);
      }
    });
  }
  return {
    doc,
    awareness,
    isSynced: () => provider.isSynced,
    isConnected: () => socket.status === WebSocketStatus.Connected,
    closeCodes,
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
