import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore } from '../store/sqlite/testStore';
import type { Store } from '../store/types';
import { bootstrapAccounts, displayNameFromEmail } from './bootstrap';
import { verifyPassword } from './passwords';
import { hashToken } from './tokens';

const silent = { info: () => {}, warn: () => {} };
const noAdmin = { adminEmail: undefined, adminPassword: undefined, publicUrl: undefined, port: 3000 };

describe('bootstrapAccounts', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(() => {
    ({ store, dispose } = openTempStore());
  });
  afterEach(async () => {
    await dispose();
  });

  it('returns a setup link with a working one-time token when no account exists', async () => {
    const { setupUrl } = await bootstrapAccounts(store, noAdmin, silent);
    expect(setupUrl).toMatch(/^http:\/\/localhost:3000\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const token = new URL(setupUrl!).searchParams.get('token')!;
    const now = new Date().toISOString();
    expect(await store.accounts.consumeSetupToken(hashToken(token), now)).toMatchObject({ accountId: null });
    expect(await store.accounts.consumeSetupToken(hashToken(token), now)).toBeUndefined();
    // The token expires after 24 hours.
    const { setupUrl: second } = await bootstrapAccounts(store, noAdmin, silent);
    const token2 = new URL(second!).searchParams.get('token')!;
    const tomorrow = new Date(Date.now() + 24 * 3600_000 + 1000).toISOString();
    expect(await store.accounts.consumeSetupToken(hashToken(token2), tomorrow)).toBeUndefined();
  });

  it('uses PUBLIC_URL for the setup link', async () => {
    const { setupUrl } = await bootstrapAccounts(store, { ...noAdmin, publicUrl: 'https://werkraum.kreis.de' }, silent);
    expect(setupUrl?.startsWith('https://werkraum.kreis.de/setup?token=')).toBe(true);
  });

  it('returns no link once an account exists', async () => {
    await store.accounts.upsert({ email: 'a@example.org', displayName: 'A', passwordHash: 'x' });
    expect(await bootstrapAccounts(store, noAdmin, silent)).toEqual({});
  });

  it('creates the admin account from the environment and updates its password later', async () => {
    const env = { ...noAdmin, adminEmail: 'Anna.Mueller@Kreis.de', adminPassword: 'first-password' };
    expect(await bootstrapAccounts(store, env, silent)).toEqual({});
    const created = await store.accounts.findByEmail('anna.mueller@kreis.de');
    expect(created?.displayName).toBe('Anna Mueller');
    expect(await verifyPassword('first-password', created!.passwordHash)).toBe(true);

    // Same password: nothing changes.
    await bootstrapAccounts(store, env, silent);
    expect((await store.accounts.findById(created!.id))?.passwordHash).toBe(created!.passwordHash);

    await bootstrapAccounts(store, { ...env, adminPassword: 'second-password' }, silent);
    const updated = await store.accounts.findById(created!.id);
    expect(updated?.displayName).toBe('Anna Mueller');
    expect(await verifyPassword('second-password', updated!.passwordHash)).toBe(true);
    expect(await store.accounts.count()).toBe(1);
  });
});

describe('displayNameFromEmail', () => {
  it('turns the local part into words', () => {
    expect(displayNameFromEmail('anna.mueller-schmidt@kreis.de')).toBe('Anna Mueller Schmidt');
    expect(displayNameFromEmail('bildungsbuero@stadt.de')).toBe('Bildungsbuero');
    expect(displayNameFromEmail('..@x.de')).toBe('Admin');
  });
});
