/**
 * What this device remembers about the sessions it joined: the JoinResponse (with the session
 * token) and the last known public session data, so the room can open while the server is away.
 * Kept in localStorage keyed by session id; nothing here is needed by the server.
 */
import type { JoinResponse, SessionPublic } from '../../shared/api';
import { SESSION_KINDS, SESSION_ROLES } from '../../shared/domain';

const PREFIX = 'werkraum.session.';

export interface StoredSession {
  join: JoinResponse;
  session?: SessionPublic;
  /** The code this device joined with, so a person can re-join without typing it again. */
  code?: string;
  /** When the entry was last written (ms since epoch), to list recent sessions. */
  savedAt: number;
}

function isJoinResponse(v: unknown): v is JoinResponse {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.token === 'string' &&
    typeof o.sessionId === 'string' &&
    typeof o.participantId === 'string' &&
    typeof o.displayName === 'string' &&
    (SESSION_ROLES as readonly unknown[]).includes(o.role) &&
    typeof o.docs === 'object' &&
    o.docs !== null &&
    typeof (o.docs as Record<string, unknown>).notes === 'string'
  );
}

function isSessionPublic(v: unknown): v is SessionPublic {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.title === 'string' && (SESSION_KINDS as readonly unknown[]).includes(o.kind);
}

function parse(raw: string | null): StoredSession | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (!isJoinResponse(v.join)) return undefined;
    return {
      join: v.join,
      session: isSessionPublic(v.session) ? v.session : undefined,
      code: typeof v.code === 'string' ? v.code : undefined,
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return undefined;
  }
}

export function loadStoredSession(sessionId: string): StoredSession | undefined {
  try {
    const stored = parse(localStorage.getItem(PREFIX + sessionId));
    return stored && stored.join.sessionId === sessionId ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveJoin(join: JoinResponse, session?: SessionPublic, code?: string): void {
  const previous = loadStoredSession(join.sessionId);
  const entry: StoredSession = { join, session: session ?? previous?.session, code: code ?? previous?.code, savedAt: Date.now() };
  try {
    localStorage.setItem(PREFIX + join.sessionId, JSON.stringify(entry));
  } catch {
    // Without storage the room still works for this page load; a reload then asks to re-join.
  }
}

export function saveSessionInfo(session: SessionPublic): void {
  const previous = loadStoredSession(session.id);
  if (!previous) return;
  try {
    localStorage.setItem(PREFIX + session.id, JSON.stringify({ ...previous, session }));
  } catch {
    // See saveJoin.
  }
}

export function forgetSession(sessionId: string): void {
  try {
    localStorage.removeItem(PREFIX + sessionId);
  } catch {
    // Nothing to do.
  }
}

/** Sessions joined on this device, newest first. */
export function listStoredSessions(): StoredSession[] {
  const out: StoredSession[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const s = parse(localStorage.getItem(key));
      if (s) out.push(s);
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}
