import type { WebsocketProvider } from 'y-websocket';

/** At most one presence (awareness) message per this many ms; the server allows 10/s. */
export const AWARENESS_MIN_INTERVAL_MS = 250;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Replaces y-websocket's awareness sender with one that (1) sends only this client's own state,
 * and (2) sends it at most every AWARENESS_MIN_INTERVAL_MS.
 *
 * Why: the stock provider re-sends every awareness change it receives, including other people's
 * cursors, and sends one message per keystroke (the caret moves). In a room of many typists that
 * multiplies traffic and trips the server's per-connection awareness rate limit (close 4529).
 * The server relays each client's own state to everyone, so nothing is lost. A departure (local
 * state removed) is sent at once.
 *
 * Returns a function that restores nothing but stops the throttle (call before provider.destroy()).
 */
export function throttleAwareness(provider: WebsocketProvider): () => void {
  const awareness = provider.awareness;
  const selfId = provider.doc.clientID;
  const send = provider._awarenessUpdateHandler;
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    lastSent = Date.now();
    send({ added: [], updated: [selfId], removed: [] }, 'local');
  };

  const onUpdate = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    if (origin === provider) return; // came from the server: never echo it back
    if (removed.includes(selfId)) {
      if (timer) clearTimeout(timer);
      flush();
      return;
    }
    if (!added.includes(selfId) && !updated.includes(selfId)) return;
    if (timer) return; // a send is already scheduled and will carry the newest state
    const wait = AWARENESS_MIN_INTERVAL_MS - (Date.now() - lastSent);
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };

  awareness.off('update', send);
  awareness.on('update', onUpdate);
  return () => {
    if (timer) clearTimeout(timer);
    awareness.off('update', onUpdate);
  };
}
