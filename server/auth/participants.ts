/**
 * The one way from a participant token to a participant. Every entry point that accepts a
 * participant token — the HTTP API (`Authorization: Bearer`), socket.io (`auth.token`) and the
 * Yjs endpoint (`?token=`) — asks this function, so they cannot disagree about which tokens are
 * valid (shape, hashing, revocation).
 */
import type { ParticipantRecord, Store } from '../store/types';
import { hashToken } from './tokens';

/**
 * What a token may look like. Tokens are issued as 43 base64url characters (`newToken`); the
 * range leaves room for a longer format later while keeping arbitrary input (a 64 KiB header, a
 * query string with spaces) away from hashing and the store.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/** Whether a string is shaped like a bearer token at all (no store lookup). */
export function isTokenShaped(raw: unknown): raw is string {
  return typeof raw === 'string' && TOKEN_SHAPE.test(raw);
}

/**
 * The participant a raw token belongs to, or undefined when the token is missing, malformed,
 * unknown or revoked. Only the token's hash is looked up. A failing store throws (callers answer
 * "storage unavailable" or 500 rather than "not authenticated").
 */
export async function resolveParticipant(
  store: Pick<Store, 'sessions'>,
  rawToken: string | null | undefined,
): Promise<ParticipantRecord | undefined> {
  if (!isTokenShaped(rawToken)) return undefined;
  const participant = await store.sessions.findParticipantByToken(hashToken(rawToken));
  // The store answers unrevoked participants only; checked here too, so another store
  // implementation cannot let a revoked token through.
  if (!participant || participant.revokedAt !== null) return undefined;
  return participant;
}
