import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LoginRequest, type MeResponse, SetupRequest, type SetupStatus, type UserInfo } from '../../shared/api';
import { ErrorId } from '../../shared/errors';
import { hashPassword, NO_PASSWORD, verifyDummyPassword, verifyPassword } from '../auth/passwords';
import { hashToken, newToken } from '../auth/tokens';
import type { Account } from '../store/types';
import { clearLoginCookie, currentAccount, LOGIN_COOKIE, LOGIN_TTL_MS, setLoginCookie } from './authn';
import type { ApiContext } from './context';
import { ApiError, parseInput, unauthenticated } from './errors';
import { limitAttempts } from './rateLimit';
import { toUserInfo } from './views';

/**
 * First-run setup, a colleague's one-time link to set their password (the same /setup flow with a
 * token bound to their account), login, logout and "who am I" for staff accounts.
 */
export function registerAuthRoutes(api: FastifyInstance, { store, limiters, config }: ApiContext): void {
  async function startLogin(req: FastifyRequest, reply: FastifyReply, account: Account): Promise<void> {
    const token = newToken();
    await store.accounts.createLogin(account.id, hashToken(token), new Date(Date.now() + LOGIN_TTL_MS).toISOString());
    setLoginCookie(req, reply, token, config.publicUrl);
  }

  api.get<{ Querystring: { token?: string } }>('/setup', limitAttempts(limiters.setup, 'setup'), async (req): Promise<SetupStatus> => {
    const needsSetup = (await store.accounts.count()) === 0;
    const token = typeof req.query.token === 'string' && req.query.token.length <= 200 ? req.query.token : undefined;
    const bound = token ? await store.accounts.findSetupToken(hashToken(token), new Date().toISOString()) : undefined;
    const account = bound?.accountId ? await store.accounts.findById(bound.accountId) : undefined;
    return account ? { needsSetup, account: { email: account.email, displayName: account.displayName } } : { needsSetup };
  });

  api.post('/setup', limitAttempts(limiters.setup, 'setup'), async (req, reply): Promise<{ user: UserInfo }> => {
    const input = parseInput(SetupRequest, req.body);
    const notAvailable = () =>
      new ApiError(403, ErrorId.setupNotAvailable, 'Setup is only possible once, with a valid setup link');
    const tokenHash = hashToken(input.token);
    const bound = await store.accounts.findSetupToken(tokenHash, new Date().toISOString());
    if (bound?.accountId) {
      // A colleague's link: sets the password (and name) of the account it was made for; the
      // account's email stays what the administrator entered.
      const passwordHash = await hashPassword(input.password);
      const used = await store.accounts.consumeSetupToken(tokenHash, new Date().toISOString());
      const account = used?.accountId ? await store.accounts.findById(used.accountId) : undefined;
      if (!account || !(await store.accounts.setPassword(account.id, input.displayName, passwordHash))) throw notAvailable();
      req.log.info({ accountId: account.id }, 'password set through a one-time link');
      const updated = { ...account, displayName: input.displayName, passwordHash };
      await startLogin(req, reply, updated);
      reply.code(201);
      return { user: toUserInfo(updated) };
    }
    if ((await store.accounts.count()) > 0) throw notAvailable();
    const passwordHash = await hashPassword(input.password);
    // Checked again after the slow hash: only the first of two concurrent setups may win. The
    // count, the token and the insert run without an await on a slow operation in between.
    if ((await store.accounts.count()) > 0) throw notAvailable();
    const used = await store.accounts.consumeSetupToken(tokenHash, new Date().toISOString());
    if (!used || used.accountId !== null) throw notAvailable();
    const account = await store.accounts.upsert({ email: input.email, displayName: input.displayName, passwordHash });
    req.log.info({ accountId: account.id }, 'first account created through setup');
    await startLogin(req, reply, account);
    reply.code(201);
    return { user: toUserInfo(account) };
  });

  api.post('/auth/login', limitAttempts(limiters.login, 'login'), async (req, reply): Promise<{ user: UserInfo }> => {
    const input = parseInput(LoginRequest, req.body);
    const account = await store.accounts.findByEmail(input.email);
    // Unknown email and wrong password take the same time and give the same answer.
    const ok = account && account.passwordHash !== NO_PASSWORD
      ? await verifyPassword(input.password, account.passwordHash)
      : await verifyDummyPassword(input.password);
    if (!account || !ok) throw new ApiError(401, ErrorId.invalidCredentials, 'Email or password is wrong');
    await startLogin(req, reply, account);
    return { user: toUserInfo(account) };
  });

  api.post('/auth/logout', async (req, reply) => {
    const token = req.cookies[LOGIN_COOKIE];
    if (token) await store.accounts.deleteLogin(hashToken(token));
    clearLoginCookie(req, reply, config.publicUrl);
    return reply.code(204).send();
  });

  api.get('/auth/me', async (req): Promise<MeResponse> => {
    const account = await currentAccount(req, store);
    if (!account) throw unauthenticated('Please log in');
    const organisation = await store.organisations.findById(account.organisationId);
    if (!organisation) throw unauthenticated('Please log in');
    return { user: toUserInfo(account), organisation: { id: organisation.id, name: organisation.name }, role: account.role };
  });
}
