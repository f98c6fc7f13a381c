/** Types the realtime modules share. */
import type { FastifyBaseLogger } from 'fastify';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/events';
import type { Store } from '../store/types';
import type { SyncServer } from '../sync/SyncServer';
import type { SessionQueue } from './commands';
import type { CardPolicy } from './cardPolicy';
import type { BoardLocks } from './locks';
import type { Presence } from './presence';
import type { Courses } from './state';
import type { TableSeats } from './tables';
import type { VoteTimers } from './voteTimers';

type InterServerEvents = Record<string, never>;
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** What the realtime side may ask of the Yjs endpoint. */
export type SyncControl = Pick<SyncServer, 'change' | 'read' | 'disconnectParticipant' | 'setParticipantRole'>;

/** Everything an event handler needs, built once per server. */
export interface RealtimeContext {
  io: RealtimeServer;
  store: Store;
  log: FastifyBaseLogger;
  sync: SyncControl;
  locks: BoardLocks;
  /** Who sits at which parallel table (the Yjs endpoint asks it, from memory). */
  tables: TableSeats;
  /** "Only authors and the moderation delete cards", per session (the Yjs endpoint asks it too). */
  cardPolicy: CardPolicy;
  presence: Presence;
  courses: Courses;
  queue: SessionQueue;
  voteTimers: VoteTimers;
  /** WERKRAUM_SECRET_MIN_VOTERS: voters a secret round needs before its distribution is published. */
  secretMinVoters: number;
  /** Bumps the session's state version and sends everyone in it the new `session.state`. */
  publishState(sessionId: string): Promise<void>;
  /** Sends the session's moderators a fresh `participant.list` (coalesced). */
  publishParticipants(sessionId: string): void;
  /** Sends `vote.progress` for every open round of the session (coalesced). */
  publishProgress(sessionId: string): void;
}
