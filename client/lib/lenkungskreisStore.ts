/**
 * The Lenkungskreis member's bearer token on this device, kept in localStorage like participant
 * tokens (sessionStore.ts). A member has no account: losing the token means asking for a new
 * invitation, so it is removed only when the server no longer accepts it or the person signs out.
 */
import type { LenkungskreisMember } from '../../shared/decisionApi';

const KEY = 'werkraum.lenkungskreis';

export interface StoredMember {
  token: string;
  member: LenkungskreisMember;
}

function isMember(v: unknown): v is LenkungskreisMember {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.displayName === 'string' && typeof o.createdAt === 'string';
}

/** Parses what was stored; anything malformed reads as "no member" rather than throwing. */
export function parseStoredMember(raw: string | null): StoredMember | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (typeof v.token !== 'string' || v.token === '' || !isMember(v.member)) return undefined;
    return { token: v.token, member: { ...v.member, revokedAt: v.member.revokedAt ?? null } };
  } catch {
    return undefined;
  }
}

export function loadMember(): StoredMember | undefined {
  try {
    return parseStoredMember(localStorage.getItem(KEY));
  } catch {
    return undefined;
  }
}

export function saveMember(stored: StoredMember): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Without storage the member stays signed in for this page load only.
  }
}

export function forgetMember(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to do.
  }
}
