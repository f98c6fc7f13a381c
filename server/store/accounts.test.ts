import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConflictError } from './errors';
import { STORE_KINDS, type TestStore } from './testStores';
import type { Store } from './types';

const hour = 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe.each(STORE_KINDS)('AccountStore ($name)', (kind) => {
  let t: TestStore;
  let store: Store;

  beforeEach(async () => {
    t = await kind.open();
    store = t.store;
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('creates an account and finds it by email and id', async () => {
    expect(await store.accounts.count()).toBe(0);
    const created = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h1' });
    expect(created).toMatchObject({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h1' });
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    expect(await store.accounts.count()).toBe(1);
    expect(await store.accounts.findByEmail('a@example.org')).toEqual(created);
    expect(await store.accounts.findById(created.id)).toEqual(created);
    expect(await store.accounts.findByEmail('b@example.org')).toBeUndefined();
    expect(await store.accounts.findById('nope')).toBeUndefined();
  });

  it('upsert updates name and password of an existing email and keeps the id', async () => {
    const first = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h1' });
    const second = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna B.', passwordHash: 'h2' });
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(await store.accounts.findById(first.id)).toMatchObject({ displayName: 'Anna B.', passwordHash: 'h2' });
    expect(await store.accounts.count()).toBe(1);
  });

  it('stores logins by hash, finds and deletes them', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    const expiresAt = iso(hour);
    await store.accounts.createLogin(acc.id, 'hash-1', expiresAt);
    expect(await store.accounts.findLogin('hash-1')).toEqual({ accountId: acc.id, expiresAt });
    expect(await store.accounts.findLogin('hash-2')).toBeUndefined();
    await store.accounts.deleteLogin('hash-1');
    expect(await store.accounts.findLogin('hash-1')).toBeUndefined();
  });

  it('sweeps expired logins when a new one is created', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.createLogin(acc.id, 'old', iso(-hour));
    expect(await store.accounts.findLogin('old')).toBeDefined();
    await store.accounts.createLogin(acc.id, 'new', iso(hour));
    expect(await store.accounts.findLogin('old')).toBeUndefined();
    expect(await store.accounts.findLogin('new')).toBeDefined();
  });

  it('consumes a setup token exactly once and never an expired one', async () => {
    await store.accounts.createSetupToken('valid', iso(24 * hour));
    await store.accounts.createSetupToken('expired', iso(-hour));
    const now = new Date().toISOString();
    expect(await store.accounts.consumeSetupToken('expired', now)).toBe(false);
    expect(await store.accounts.consumeSetupToken('unknown', now)).toBe(false);
    expect(await store.accounts.consumeSetupToken('valid', now)).toBe(true);
    expect(await store.accounts.consumeSetupToken('valid', now)).toBe(false);
  });

  it('keeps everything across a reopen of the same database', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.createLogin(acc.id, 'hash-1', iso(hour));
    const reopened = await t.reopen();
    try {
      expect(await reopened.accounts.findByEmail('a@example.org')).toEqual(acc);
      expect(await reopened.accounts.findLogin('hash-1')).toMatchObject({ accountId: acc.id });
    } finally {
      await reopened.close();
    }
  });

  it('lists accounts by display name regardless of case, then by email', async () => {
    await store.accounts.upsert({ email: 'z@example.org', displayName: 'bernd', passwordHash: 'h' });
    await store.accounts.upsert({ email: 'y@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.upsert({ email: 'b@example.org', displayName: 'Carla', passwordHash: 'h' });
    await store.accounts.upsert({ email: 'a@example.org', displayName: 'carla', passwordHash: 'h' });
    expect((await store.accounts.list()).map((a) => a.email)).toEqual(['y@example.org', 'z@example.org', 'a@example.org', 'b@example.org']);
  });

  it('reports a login token hash stored twice as StoreConflictError', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.createLogin(acc.id, 'same', iso(hour));
    await expect(store.accounts.createLogin(acc.id, 'same', iso(hour))).rejects.toBeInstanceOf(StoreConflictError);
  });
});
