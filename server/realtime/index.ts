/**
 * socket.io on the shared HTTP port: the session events that are not part of a Yjs document —
 * clock sync, revocation, people and roles, the course of the session (agenda, timers, locks,
 * speakers list) and voting rounds. Every socket authenticates with a participant token at
 * connect and lives in the room of its session; every event goes through `CommandRouter`
 * (zod parse, role check, per-session order). One concern per file:
 * `commands.ts` the handler plumbing, `participants.ts` people, `moderation.ts` the course,
 * `votes.ts` voting rounds, `state.ts` the stored course and the `session.state` snapshot,
 * `locks.ts` board locks, `presence.ts` who is connected, `tables.ts` parallel tables.
 */
import type { FastifyBaseLogger } from 'fastify';
import type http from 'node:http';
import { Server } from 'socket.io';
import type { SessionPublic } from '../../shared/api';
import { ProjectorAuth, SocketAuth, type SessionWelcome } from '../../shared/events';
import { ErrorId, type ErrorIdValue } from '../../shared/errors';
import { Limits } from '../../shared/limits';
import { MIN_PROTOCOL_VERSION, Paths } from '../../shared/protocol';
import { isOriginAllowed, requestOriginResolver } from '../auth/origin';
import { resolveParticipant } from '../auth/participants';
import { PROJECTOR_ID, projectorAccount } from '../auth/projector';
import type { Config } from '../config';
import { toSessionPublic } from '../http/views';
import type { Store } from '../store/types';
import { CommandRouter, SessionQueue } from './commands';
import { CardPolicy } from './cardPolicy';
import { BoardLocks } from './locks';
import { registerModeration, timerDue } from './moderation';
import { registerSpeakers } from './speakers';
import { disconnectSockets, participantList, registerParticipants, sendParticipantList } from './participants';
import { Presence } from './presence';
import { moderatorsRoom, participantRoom, sessionRoom } from './rooms';
import { buildState, Courses, publishState } from './state';
import { Coalescer } from './throttle';
import type { RealtimeContext, RealtimeServer, RealtimeSocket, SyncControl } from './types';
import { closeRoundOnTime, registerVotes, sendProgress, sendResults } from './votes';
import { VoteTimers } from './voteTimers';
import { registerTables, TableSeats } from './tables';

export type { RealtimeServer, RealtimeSocket } from './types';
export { sessionRoom } from './rooms';
export { TableSeats } from './tables';

export interface Realtime {
  io: RealtimeServer;
  /** Board locks, for the Yjs endpoint's `isLocked` (answers from memory). */
  locks: BoardLocks;
  /**
   * Tells every socket of this participant `session.revoked`, then disconnects them. Only the
   * sockets: revoke the token in the store as well, or the person simply reconnects.
   */
  revokeParticipant(participantId: string, reason?: string): void;
  /** Tells everyone in the session that it was renamed, archived or restored. */
  sessionUpdated(session: SessionPublic): void;
  /** The session is being deleted: tells its sockets `session.revoked`, disconnects them and forgets its course. */
  discardSession(sessionId: string): Promise<void>;
  /** Disconnects every socket and stops socket.io; leaves the HTTP server to its owner. */
  close(): Promise<void>;
}

/** How long bursts of joins, leaves and ballots are gathered into one broadcast. */
const COALESCE_MS = 100;

/** A connect error the client sees as `connect_error` with `err.data.id`. */
function connectError(id: ErrorIdValue, message: string): Error & { data: { id: ErrorIdValue } } {
  return Object.assign(new Error(message), { data: { id } });
}

/**
 * Board locks are loaded before the Yjs endpoint starts (it asks them for every update); the
 * rest of the realtime side is attached afterwards with `attachRealtime`.
 */
export function loadLocks(store: Store): Promise<BoardLocks> {
  return BoardLocks.load(store.moderation);
}

export async function attachRealtime(
  httpServer: http.Server,
  deps: { store: Store; config: Config; log: FastifyBaseLogger; sync: SyncControl; locks: BoardLocks; cardPolicy?: CardPolicy; tables?: TableSeats },
): Promise<Realtime> {
  const { store, config, log, sync, locks } = deps;
  const cardPolicy = deps.cardPolicy ?? new CardPolicy(store.moderation);
  const tables = deps.tables ?? new TableSeats(store.moderation);
  const originPolicy = { allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl };
  const ownOrigin = requestOriginResolver(config.trustProxy);

  const io: RealtimeServer = new Server(httpServer, {
    path: Paths.socketIo,
    // The Yjs endpoint shares the port: engine.io must not destroy upgrades it does not own.
    destroyUpgrade: false,
    maxHttpBufferSize: Limits.maxJsonBodyBytes,
    serveClient: false,
    // No `cors` option: same origin only. Browsers still send cross-site WebSocket handshakes,
    // so the Origin is checked here as well.
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req.headers.origin, ownOrigin(req), originPolicy);
      callback(allowed ? null : 'Origin not allowed', allowed);
    },
  });

  const coalescer = new Coalescer(COALESCE_MS);
  const queue = new SessionQueue();
  const courses = new Courses(store.moderation);
  const presence = new Presence();
  const voteTimers = new VoteTimers(store.votes);
  const report = (what: string, sessionId: string) => (err: unknown) => log.error({ err, sessionId }, `${what} failed`);
  const ctx: RealtimeContext = {
    io,
    store,
    log,
    sync,
    locks,
    tables,
    cardPolicy,
    presence,
    courses,
    queue,
    voteTimers,
    secretMinVoters: config.secretMinVoters,
    publishState: (sessionId) => publishState(ctx, sessionId),
    publishParticipants: (sessionId) =>
      coalescer.schedule(`participants:${sessionId}`, () => {
        queue.run(sessionId, () => sendParticipantList(ctx, sessionId)).catch(report('participant list', sessionId));
      }),
    publishProgress: (sessionId) =>
      coalescer.schedule(`progress:${sessionId}`, () => {
        queue.run(sessionId, () => sendProgress(ctx, sessionId)).catch(report('vote progress', sessionId));
      }),
  };
  courses.onDue = (sessionId, itemId) => timerDue(ctx, sessionId, itemId);
  await courses.restore();
  voteTimers.onDue = (sessionId, roundId) => {
    queue.run(sessionId, () => closeRoundOnTime(ctx, sessionId, roundId)).catch(report('closing a round on time', sessionId));
  };
  await voteTimers.restore();
  const router = new CommandRouter(queue, log, async (sessionId) => (await store.sessions.findById(sessionId))?.archivedAt != null);

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
    if ((socket.handshake.auth as { projector?: unknown } | undefined)?.projector !== undefined) return authenticateProjector(socket);
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
    const participant = await resolveParticipant(store, token);
    const session = participant && (await store.sessions.findById(participant.sessionId));
    const profile = participant && (await store.moderation.findParticipant(participant.id));
    if (!participant || !session || !profile) throw connectError(ErrorId.unauthenticated, 'Token not valid');

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
      actorGroup: profile.actorGroup,
      serverTime: 0,
    });
  }

  /** A session's projector: the moderator's login cookie instead of a token (see `ProjectorAuth`). */
  async function authenticateProjector(socket: RealtimeSocket): Promise<void> {
    const parsed = ProjectorAuth.safeParse(socket.handshake.auth);
    if (!parsed.success) throw connectError(ErrorId.unauthenticated, 'Malformed projector request');
    const { sessionId, protocolVersion } = parsed.data;
    if (protocolVersion < MIN_PROTOCOL_VERSION) throw connectError(ErrorId.protocolTooOld, 'Client too old, please reload');
    const account = await projectorAccount(store, socket.handshake.headers.cookie, sessionId);
    const session = account && (await store.sessions.findById(sessionId));
    if (!account || !session) throw connectError(ErrorId.unauthenticated, 'Only the moderator of this session, signed in, opens its projector');
    socket.data = { sessionId, participantId: PROJECTOR_ID, role: 'observer', displayName: account.displayName, projector: true };
    welcomes.set(socket, {
      session: toSessionPublic(session),
      projector: true,
      role: 'observer',
      participantId: PROJECTOR_ID,
      displayName: account.displayName,
      actorGroup: null,
      serverTime: 0,
    });
  }

  /** The projector sees what everybody sees and is counted nowhere: no presence, no commands but the clock. */
  function onProjector(socket: RealtimeSocket): void {
    const { sessionId } = socket.data;
    void socket.join(sessionRoom(sessionId));
    const welcome = welcomes.get(socket);
    welcomes.delete(socket);
    if (welcome) socket.emit('session.welcome', { ...welcome, serverTime: Date.now() });
    router.on(socket, 'session.ping', { who: 'anyone', serial: false }, async ({ clientTime }) => ({ clientTime, serverTime: Date.now() }));
    queue
      .run(sessionId, async () => {
        socket.emit('session.state', await buildState(ctx, sessionId));
        await sendResults(ctx, socket);
      })
      .catch(report('sending the projector its state', sessionId));
    // A fresh count for the open rounds' progress (the projector itself is not counted).
    ctx.publishProgress(sessionId);
  }

  io.on('connection', (socket) => {
    if (socket.data.projector) return onProjector(socket);
    const { sessionId, participantId } = socket.data;
    const rooms = [sessionRoom(sessionId), participantRoom(participantId)];
    if (socket.data.role === 'moderator') rooms.push(moderatorsRoom(sessionId));
    void socket.join(rooms);
    presence.add(socket);
    const welcome = welcomes.get(socket);
    welcomes.delete(socket);
    if (welcome) socket.emit('session.welcome', { ...welcome, serverTime: Date.now() });

    // The clock answers at once, outside the session's queue.
    router.on(socket, 'session.ping', { who: 'anyone', serial: false }, async ({ clientTime }) => ({ clientTime, serverTime: Date.now() }));
    registerParticipants(ctx, router, socket);
    registerModeration(ctx, router, socket);
    registerSpeakers(ctx, router, socket);
    registerVotes(ctx, router, socket);
    registerTables(ctx, router, socket);

    queue
      .run(sessionId, async () => {
        // In the queue, after any removal or role change that raced this connect: re-check.
        const profile = await store.moderation.findParticipant(participantId);
        if (!profile || profile.revokedAt !== null) {
          socket.disconnect(true);
          return;
        }
        if (profile.role !== socket.data.role) presence.setRole(sessionId, participantId, profile.role);
        socket.emit('session.state', await buildState(ctx, sessionId));
        await sendResults(ctx, socket);
        if (socket.data.role === 'moderator') socket.emit('participant.list', { participants: await participantList(ctx, sessionId) });
      })
      .catch(report('sending the session state', sessionId));
    ctx.publishParticipants(sessionId);
    ctx.publishProgress(sessionId);

    socket.on('disconnect', () => {
      presence.remove(socket);
      ctx.publishParticipants(sessionId);
      ctx.publishProgress(sessionId);
      if (!presence.hasAnyone(sessionId)) {
        queue
          .run(sessionId, async () => {
            if (!presence.hasAnyone(sessionId)) courses.release(sessionId);
          })
          .catch(report('releasing the session', sessionId));
      }
    });
  });

  return {
    io,
    locks,
    revokeParticipant(participantId, reason = 'revoked') {
      disconnectSockets(ctx, participantId, reason);
    },
    sessionUpdated(session) {
      io.to(sessionRoom(session.id)).emit('session.updated', { session });
    },
    async discardSession(sessionId) {
      await queue.run(sessionId, async () => {
        io.to(sessionRoom(sessionId)).emit('session.revoked', { reason: 'session_deleted' });
        io.in(sessionRoom(sessionId)).disconnectSockets(true);
        courses.forget(sessionId);
      });
    },
    async close() {
      coalescer.close();
      courses.close();
      voteTimers.close();
      // Not io.close(): that also closes the HTTP server, which fastify owns and closes itself.
      io.disconnectSockets(true);
      // Each connection first flushes its disconnect packet (a long-polling client receives it
      // with its next response); only stragglers are cut after a short grace.
      const deadline = Date.now() + 1000;
      while (io.engine.clientsCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      io.engine.close();
    },
  };
}
