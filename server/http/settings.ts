/**
 * Each organisation's settings its staff change in the app: the privacy notice. Reading it is
 * public (the join page links it before anyone has an account or token); writing it needs a
 * signed-in account and changes only that account's organisation's notice.
 *
 * Whose notice a reader gets: the organisation of the session of `?code=` (join or observer code:
 * the join page's link), else of the caller's participant token, else of the caller's login;
 * without any of these, the installation's only organisation's — with several organisations
 * there is no telling which one is meant, and the built-in notice applies (`text: null`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type PrivacyNotice, UpdatePrivacyNoticeRequest } from '../../shared/api';
import { isJoinCodeShaped, JOIN_CODE_LENGTH, normalizeJoinCode, OBSERVER_CODE_LENGTH } from '../../shared/domain';
import { resolveParticipant } from '../auth/participants';
import { bearerToken, currentAccount, requireAccount } from './authn';
import type { ApiContext } from './context';
import { parseInput } from './errors';
import { limitAttempts } from './rateLimit';

export function registerSettingsRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  const read = async (organisationId: string | undefined): Promise<PrivacyNotice> => {
    const stored = organisationId === undefined ? undefined : await store.settings.get(organisationId, 'privacyNotice');
    return { text: stored?.value ?? null, updatedAt: stored?.updatedAt ?? null };
  };

  const organisationOfReader = async (req: FastifyRequest<{ Querystring: { code?: string } }>): Promise<string | undefined> => {
    const code = typeof req.query.code === 'string' ? normalizeJoinCode(req.query.code) : undefined;
    if (code !== undefined && code !== '') {
      const session = isJoinCodeShaped(code, JOIN_CODE_LENGTH)
        ? await store.sessions.findByJoinCode(code)
        : isJoinCodeShaped(code, OBSERVER_CODE_LENGTH)
          ? await store.sessions.findByObserverCode(code)
          : undefined;
      if (session) return session.organisationId;
    }
    const token = bearerToken(req);
    const participant = token ? await resolveParticipant(store, token) : undefined;
    if (participant) return (await store.sessions.findById(participant.sessionId))?.organisationId;
    const account = await currentAccount(req, store);
    if (account) return account.organisationId;
    const organisations = await store.organisations.list();
    return organisations.length === 1 ? organisations[0]!.id : undefined;
  };

  // A code is tried like joining does: one budget for both.
  api.get<{ Querystring: { code?: string } }>('/privacy', limitAttempts(ctx.limiters.join, 'join'), async (req): Promise<PrivacyNotice> => read(await organisationOfReader(req)));

  api.put('/privacy', async (req): Promise<PrivacyNotice> => {
    const account = await requireAccount(req, store);
    const { text } = parseInput(UpdatePrivacyNoticeRequest, req.body);
    // Line ends as typed on any system; an empty notice restores the built-in one.
    const value = text.replace(/\r\n?/g, '\n').trim();
    await store.settings.set(account.organisationId, 'privacyNotice', value === '' ? null : value, account.id, new Date().toISOString());
    return read(account.organisationId);
  });
}
