/**
 * The projector ("Beamer-Ansicht"): a second screen of a session's moderator that follows the room
 * without being a person in it. It has no participant token; it connects with the moderator's
 * login cookie, is read-only (role observer), is not counted in presence or as eligible voter,
 * and sends no presence of its own. This is the one check socket.io and the Yjs endpoint ask.
 */
import { LOGIN_COOKIE } from '../http/authn';
import { type Account, isSessionModerator, type Store } from '../store/types';
import { hashToken } from './tokens';

/** The participant id a projector connection carries (no participant has it: ids are random). */
export const PROJECTOR_ID = 'projector';

/** The value of one cookie in a raw `Cookie` header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The moderator account a projector of `sessionId` belongs to: the login cookie of an account
 * that moderates the session — its creator or a co-moderator —, unexpired (as for `GET /api/sessions/:id` with its codes). Undefined
 * otherwise; a failing store throws.
 */
export async function projectorAccount(store: Pick<Store, 'accounts' | 'sessions'>, cookieHeader: string | undefined, sessionId: string): Promise<Account | undefined> {
  const token = cookieValue(cookieHeader, LOGIN_COOKIE);
  if (!token || token.length > 200) return undefined;
  const login = await store.accounts.findLogin(hashToken(token));
  if (!login || login.expiresAt <= new Date().toISOString()) return undefined;
  const session = await store.sessions.findById(sessionId);
  if (!session || !isSessionModerator(session, login.accountId)) return undefined;
  const account = await store.accounts.findById(login.accountId);
  // Co-moderators are colleagues; checked again so that no account reaches across organisations.
  return account && account.organisationId === session.organisationId ? account : undefined;
}
