/**
 * A scripted participant in Node: the stock y-websocket `WebsocketProvider` (with `ws` as its
 * WebSocket), as the browser uses it, on one document of a session. Presence is sent the way
 * Werkraum's own client sends it: only this client's own state (the stock provider re-sends every
 * state it receives, which the server would count against the sender's presence budget).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface YClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close codes the server sent (a close the client did not ask for). */
  readonly closeCodes: number[];
  synced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

export function connectDoc(wsUrl: string, docName: string, token: string, protocolVersion: number): YClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, v: String(protocolVersion) },
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const awareness = provider.awareness;
  const self = doc.clientID;
  const send = provider._awarenessUpdateHandler;
  awareness.off('update', send);
  const ownOnly = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === provider) return;
    if (added.includes(self) || updated.includes(self) || removed.includes(self)) send({ added: [], updated: [self], removed: [] }, origin);
  };
  awareness.on('update', ownOnly);
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    async synced(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!provider.synced) {
        if (Date.now() > deadline) throw new Error(`${docName}: not synced after ${timeoutMs} ms (close codes: ${closeCodes.join(', ') || 'none'})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    destroy() {
      awareness.off('update', ownOnly);
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` holds (polled), or throws naming `what`. */
export async function until(check: () => boolean, what: string, timeoutMs: number, stepMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
