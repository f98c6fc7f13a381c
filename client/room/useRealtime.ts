/**
 * The socket.io side of a room: the server's welcome (authoritative session data and role),
 * revocation notices, and a clock/latency round trip. The notes themselves sync over Yjs.
 */
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ErrorId } from '../../shared/errors';
import type { ClientToServerEvents, ServerToClientEvents, SessionWelcome } from '../../shared/events';
import { Paths, PROTOCOL_VERSION } from '../../shared/protocol';

export interface RealtimeState {
  welcome?: SessionWelcome;
  revoked?: string;
  /** The server refused the token (socket.io connect error with the `unauthenticated` id). */
  unauthenticated?: boolean;
  /** Round-trip time of the last ping, in ms. */
  latencyMs?: number;
}

export function useRealtime(token: string | undefined): RealtimeState {
  const [state, setState] = useState<RealtimeState>({});

  useEffect(() => {
    setState({});
    if (!token) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: Paths.socketIo,
      auth: { token, protocolVersion: PROTOCOL_VERSION },
    });
    const ping = () => {
      const clientTime = Date.now();
      socket.timeout(10_000).emit('session.ping', { clientTime }, (err, res) => {
        if (err || !res.ok) return;
        setState((s) => ({ ...s, latencyMs: Date.now() - clientTime }));
      });
    };
    socket.on('session.welcome', (welcome) => {
      setState((s) => ({ ...s, welcome, unauthenticated: false }));
      ping();
    });
    socket.on('session.revoked', (info) => setState((s) => ({ ...s, revoked: info.reason })));
    socket.on('connect_error', (err) => {
      const data = (err as Error & { data?: { id?: string } }).data;
      if (err.message === ErrorId.unauthenticated || data?.id === ErrorId.unauthenticated) {
        setState((s) => ({ ...s, unauthenticated: true }));
        // Retrying with the same token cannot succeed.
        socket.disconnect();
      }
    });
    const interval = setInterval(() => {
      if (socket.connected) ping();
    }, 30_000);
    return () => {
      clearInterval(interval);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [token]);

  return state;
}
