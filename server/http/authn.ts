import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../auth/tokens';
import type { Account, Store } from '../store/types';
import { unauthenticated } from './errors';

/** The login cookie of moderators. Its value is a bearer secret; only its hash is stored. */
export const LOGIN_COOKIE = 'werkraum_login';
export const LOGIN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Whether the login cookie is marked `Secure`: when the public address is https, or when the
 * request came over https — directly, or through a proxy trusted with X-Forwarded-Proto
 * (WERKRAUM_TRUST_PROXY; fastify's `req.protocol`). Behind a proxy that is not trusted the
 * server cannot tell, so PUBLIC_URL decides.
 */
export function loginCookieSecure(req: FastifyRequest, publicUrl: string | undefined): boolean {
  return req.protocol === 'https' || (publicUrl?.toLowerCase().startsWith('https:') ?? false);
}

export function setLoginCookie(req: FastifyRequest, reply: FastifyReply, token: string, publicUrl: string | undefined): void {
  reply.setCookie(LOGIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: loginCookieSecure(req, publicUrl),
    path: '/',
    maxAge: LOGIN_TTL_MS / 1000,
  });
}

export function clearLoginCookie(req: FastifyRequest, reply: FastifyReply, publicUrl: string | undefined): void {
  reply.clearCookie(LOGIN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: loginCookieSecure(req, publicUrl), path: '/' });
}

/** The account behind the login cookie, or undefined when there is none or it expired. */
export async function currentAccount(req: FastifyRequest, store: Store): Promise<Account | undefined> {
  const token = req.cookies[LOGIN_COOKIE];
  if (!token) return undefined;
  const tokenHash = hashToken(token);
  const login = await store.accounts.findLogin(tokenHash);
  if (!login) return undefined;
  if (login.expiresAt <= new Date().toISOString()) {
    await store.accounts.deleteLogin(tokenHash);
    return undefined;
  }
  return store.accounts.findById(login.accountId);
}

export async function requireAccount(req: FastifyRequest, store: Store): Promise<Account> {
  const account = await currentAccount(req, store);
  if (!account) throw unauthenticated('Please log in');
  return account;
}

/** The token of `Authorization: Bearer <token>`, if the request carries one. */
export function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
