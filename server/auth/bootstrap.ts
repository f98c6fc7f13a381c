import type { FastifyBaseLogger } from 'fastify';
import { Limits } from '../../shared/limits';
import type { Config } from '../config';
import type { Store } from '../store/types';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a colleague's link to set their password is valid: long enough to pass it on by mail. */
export const ACCOUNT_SETUP_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A one-time link for an existing account to set its password on the setup page (hash stored
 * only; a new link replaces the account's earlier one). `base`: the public address of the app.
 */
export async function createAccountSetupLink(store: Pick<Store, 'accounts'>, accountId: string, base: string): Promise<{ url: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + ACCOUNT_SETUP_TTL_MS).toISOString();
  await store.accounts.createSetupToken(hashToken(token), expiresAt, accountId);
  return { url: `${base.replace(/\/+$/, '')}/setup?token=${encodeURIComponent(token)}`, expiresAt };
}

/** Anything that logs like pino (app.log) or like console. */
export type BootstrapLog = Pick<FastifyBaseLogger, 'info' | 'warn'>;

/**
 * Makes sure someone can log in after start-up:
 * - with WERKRAUM_ADMIN_EMAIL/PASSWORD set, that account is created, or its password updated;
 * - otherwise, while no account exists, a one-time setup token (24 h) is created and the link to
 *   the setup page returned, for the operator to open. Only the token's hash is stored.
 */
export async function bootstrapAccounts(
  store: Store,
  config: Pick<Config, 'adminEmail' | 'adminPassword' | 'publicUrl' | 'port'>,
  log: BootstrapLog,
): Promise<{ setupUrl?: string }> {
  if (config.adminEmail && config.adminPassword) {
    const email = config.adminEmail.trim().toLowerCase();
    const existing = await store.accounts.findByEmail(email);
    if (existing && (await verifyPassword(config.adminPassword, existing.passwordHash))) {
      log.info({ email }, 'admin account from environment is up to date');
      return {};
    }
    await store.accounts.upsert({
      email,
      displayName: existing?.displayName ?? displayNameFromEmail(email),
      passwordHash: await hashPassword(config.adminPassword),
    });
    log.info({ email }, existing ? 'admin account password updated from environment' : 'admin account created from environment');
    return {};
  }

  if ((await store.accounts.count()) > 0) return {};

  const token = newToken();
  await store.accounts.createSetupToken(hashToken(token), new Date(Date.now() + SETUP_TOKEN_TTL_MS).toISOString());
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  // The link itself is a secret: the caller prints it for the operator, it is never logged here.
  log.warn('no account exists yet: open the setup link printed on the console within 24 hours');
  return { setupUrl: `${base}/setup?token=${encodeURIComponent(token)}` };
}

/** `anna.mueller-schmidt@kreis.de` → `Anna Mueller Schmidt`. */
export function displayNameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const words = local
    .split(/[._+\-\s]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const name = words.join(' ').slice(0, Limits.displayNameMaxLength).trim();
  return name || 'Admin';
}
