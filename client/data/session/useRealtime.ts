/**
 * The socket.io side of a room: the server's welcome (authoritative session data and role),
 * revocation notices, the clock, and — through `client` — the moderation and voting state the
 * server pushes (see ./sessionClient.ts). One socket per room; the notes and
 * boards sync over Yjs.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import type { SessionWelcome } from '../../../shared/events';
import { Paths, PROTOCOL_VERSION } from '../../../shared/protocol';
import { EMPTY_SNAPSHOT, SessionClient, type RealtimeSocket, type SessionSnapshot } from './sessionClient';

export interface RealtimeState {
  welcome?: SessionWelcome;
  revoked?: string;
  /** The server refused the token (socket.io connect error with the `unauthenticated` id). */
  unauthenticated?: boolean;
  /** Round-trip time of the best clock sample, in ms. */
  latencyMs?: number;
  /** The store of moderation and votes for this room (undefined until the socket exists). */
  client?: SessionClient;
}

const noSubscribe = () => () => {};
const emptySnapshot = (): SessionSnapshot => EMPTY_SNAPSHOT;

export function useRealtime(token: string | undefined): RealtimeState {
  return useSocket(token && { token, protocolVersion: PROTOCOL_VERSION });
}

/**
 * The projector's socket ("Beamer-Ansicht"): authenticated by the moderator's login cookie, it
 * receives what everybody in the session receives and is counted nowhere (see `ProjectorAuth`).
 */
export function useProjectorRealtime(sessionId: string | undefined): RealtimeState {
  return useSocket(sessionId && { projector: true, sessionId, protocolVersion: PROTOCOL_VERSION });
}

function useSocket(auth: Record<string, unknown> | undefined | ''): RealtimeState {
  const [client, setClient] = useState<SessionClient | undefined>();
  // One socket per credential (the auth object is new on every render).
  const key = auth ? JSON.stringify(auth) : undefined;

  useEffect(() => {
    if (!key) return;
    const socket: RealtimeSocket = io({
      path: Paths.socketIo,
      auth: JSON.parse(key) as Record<string, unknown>,
      // WebSocket at once, without socket.io's long-polling start and upgrade (four round trips
      // before the first event): the room's documents need WebSockets anyway, so a network
      // without them gains nothing from the polling fallback.
      transports: ['websocket'],
    });
    const next = new SessionClient(socket);
    setClient(next);
    // As with the Yjs documents (../docs/syncedDoc.ts): an open socket is not closed by the browser when
    // the device goes offline, so it is dropped here and a new attempt started (retried with
    // socket.io's backoff); when the network is back the remaining backoff is skipped.
    let droppedOffline = false;
    const onOffline = () => {
      if (!socket.active) return; // e.g. refused for a bad token: nothing to resume
      droppedOffline = true;
      socket.disconnect();
      socket.connect();
    };
    const onOnline = () => {
      if (!droppedOffline) return;
      droppedOffline = false;
      if (socket.connected) return;
      socket.disconnect();
      socket.connect();
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      next.destroy();
      setClient(undefined);
    };
  }, [key]);

  const snap = useSyncExternalStore(client?.subscribe ?? noSubscribe, client?.getSnapshot ?? emptySnapshot);
  return {
    welcome: snap.welcome ?? undefined,
    revoked: snap.revoked ?? undefined,
    unauthenticated: snap.unauthenticated || undefined,
    latencyMs: snap.clock.rttMs ?? undefined,
    client,
  };
}
