/**
 * socket.io on the shared HTTP port: session events that are not part of a Yjs document
 * (clock sync, revocation; later timers, votes). Every socket authenticates with a participant
 * token at connect and lives in the room of its session.
 */
import type { FastifyBaseLogger } from 'fastify';
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  SessionPingPayload,
  SocketAuth,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionWelcome,
  type SocketData,
} from '../../shared/events';
import { ErrorId, type ErrorIdValue } from '../../shared/errors';
import { Limits } from '../../shared/limits';
import { MIN_PROTOCOL_VERSION, Paths } from '../../shared/protocol';
import { isOriginAllowed } from '../auth/origin';
import { hashToken } from '../auth/tokens';
import type { Config } from '../config';
import type { Store } from '../store/types';
import { toSessionPublic } from '../http/views';

type InterServerEvents = Record<string, never>;
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface Realtime {
  io: RealtimeServer;
  /**
   * Tells every socket of this participant `session.revoked`, then disconnects them. Only the
   * sockets: revoke the token in the store as well, or the person simply reconnects.
   */
  revokeParticipant(participantId: string, reason?: string): void;
  /** Disconnects every socket and stops socket.io; leaves the HTTP server to its owner. */
  close(): Promise<void>;
}

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
const participantRoom = (participantId: string) => `participant:${participantId}`;

/** A connect error the client sees as `connect_error` with `err.data.id`. */
function connectError(id: ErrorIdValue, message: string): Error & { data: { id: ErrorIdValue } } {
  return Object.assign(new Error(message), { data: { id } });
}

export function attachRealtime(
  httpServer: http.Server,
  deps: { store: Store; config: Config; log: FastifyBaseLogger },
): Realtime {
  const { store, config, log } = deps;
  const originPolicy = { allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl };

  const io: RealtimeServer = new Server(httpServer, {
    path: Paths.socketIo,
    // The Yjs endpoint shares the port: engine.io must not destroy upgrades it does not own.
    destroyUpgrade: false,
    maxHttpBufferSize: Limits.maxJsonBodyBytes,
    serveClient: false,
    // No `cors` option: same origin only. Browsers still send cross-site WebSocket handshakes,
    // so the Origin is checked here as well.
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req.headers.origin, req.headers.host, originPolicy);
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });

  const welcomes = new WeakMap<RealtimeSocket, SessionWelcome>();

  io.use((socket, next) => {
    authenticate(socket).then(
      () => next(),
      (err: unknown) => {
        if (err instanceof Error && 'data' in err) return next(err);
        log.error({ err }, 'socket.io authentication failed unexpectedly');
        next(connectError(ErrorId.internal, 'Internal server error'));
      },
    );
  });

  async function authenticate(socket: RealtimeSocket): Promise<void> {
    const parsed = SocketAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      // A client from before protocol versions sends none: it must reload, not re-join.
      const versionBad = parsed.error.issues.some((i) => i.path[0] === 'protocolVersion');
      throw versionBad
        ? connectError(ErrorId.protocolTooOld, 'Client too old, please reload')
        : connectError(ErrorId.unauthenticated, 'Missing or malformed token');
    }
    const { token, protocolVersion } = parsed.data;
    if (protocolVersion < MIN_PROTOCOL_VERSION) {
      throw connectError(ErrorId.protocolTooOld, 'Client too old, please reload');
    }
    const participant = await store.sessions.findParticipantByToken(hashToken(token));
    const session = participant && (await store.sessions.findById(participant.sessionId));
    if (!participant || !session) throw connectError(ErrorId.unauthenticated, 'Token not valid');

    socket.data = {
      sessionId: session.id,
      participantId: participant.id,
      role: participant.role,
      displayName: participant.displayName,
    };
    welcomes.set(socket, {
      session: toSessionPublic(session),
      role: participant.role,
      participantId: participant.id,
      displayName: participant.displayName,
      actorGroup: null,
      serverTime: 0,
    });
  }

  io.on('connection', (socket) => {
    const { sessionId, participantId } = socket.data;
    void socket.join([sessionRoom(sessionId), participantRoom(participantId)]);
    const welcome = welcomes.get(socket);
    welcomes.delete(socket);
    if (welcome) socket.emit('session.welcome', { ...welcome, serverTime: Date.now() });

    // Payload and ack come from the network: typed as unknown and checked before use.
    socket.on('session.ping', (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as Parameters<ClientToServerEvents['session.ping']>[1];
      const parsed = SessionPingPayload.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
        reply({ ok: false, error: { id: ErrorId.validation, message: `${where}${issue?.message ?? 'invalid payload'}` } });
        return;
      }
      reply({ ok: true, clientTime: parsed.data.clientTime, serverTime: Date.now() });
    });
  });

  return {
    io,
    revokeParticipant(participantId, reason = 'revoked') {
      const room = participantRoom(participantId);
      io.to(room).emit('session.revoked', { reason });
      // engine.io flushes the queued event before it closes the transport.
      io.in(room).disconnectSockets(true);
    },
    async close() {
      // Not io.close(): that also closes the HTTP server, which fastify owns and closes itself.
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
