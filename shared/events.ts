/**
 * The socket.io event contract. Event names follow `resource.verb`. Every client→server payload
 * has a zod schema that the server parses before anything else; types alone are not validation.
 */
import { z } from 'zod';
import type { SessionPublic } from './api';
import type { SessionRole } from './domain';
import type { ErrorIdValue } from './errors';

/** Sent as socket.io `auth` on connect. */
export const SocketAuth = z.object({
  token: z.string().min(1).max(200),
  protocolVersion: z.number().int().nonnegative(),
});
export type SocketAuth = z.infer<typeof SocketAuth>;

export const SessionPingPayload = z.object({ clientTime: z.number().finite() });
export type SessionPingPayload = z.infer<typeof SessionPingPayload>;

/** Every acknowledgement is either `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { id: ErrorIdValue; message: string } };

export interface SessionWelcome {
  session: SessionPublic;
  role: SessionRole;
  participantId: string;
  displayName: string;
  serverTime: number;
}

export interface ClientToServerEvents {
  /** Round trip: the server answers with its clock, used to estimate the clock offset. */
  'session.ping': (payload: SessionPingPayload, ack: (res: Ack<{ clientTime: number; serverTime: number }>) => void) => void;
}

export interface ServerToClientEvents {
  /** Sent once after a successful connect. */
  'session.welcome': (welcome: SessionWelcome) => void;
  /** The person's access was revoked or changed; the client must re-join or reload. */
  'session.revoked': (info: { reason: string }) => void;
}

/** Data the server keeps on each socket after authentication. */
export interface SocketData {
  sessionId: string;
  participantId: string;
  role: SessionRole;
  displayName: string;
}
