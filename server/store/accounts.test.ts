import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConflictError } from './errors';
import { STORE_KINDS, type TestStore } from './testStores';
import { DEFAULT_ORGANISATION_NAME, type Store } from './types';

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
    expect(await store.accounts.consumeSetupToken('expired', now)).toBeUndefined();
    expect(await store.accounts.consumeSetupToken('unknown', now)).toBeUndefined();
    expect(await store.accounts.findSetupToken('valid', now)).toMatchObject({ accountId: null });
    expect(await store.accounts.consumeSetupToken('valid', now)).toMatchObject({ accountId: null });
    expect(await store.accounts.consumeSetupToken('valid', now)).toBeUndefined();
    expect(await store.accounts.findSetupToken('valid', now)).toBeUndefined();
  });

  it('binds a setup token to an account; a newer link of the account replaces the older one', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.createSetupToken('first', iso(hour), acc.id);
    await store.accounts.createSetupToken('second', iso(hour), acc.id);
    const now = new Date().toISOString();
    expect(await store.accounts.findSetupToken('first', now)).toBeUndefined();
    expect(await store.accounts.consumeSetupToken('second', now)).toMatchObject({ accountId: acc.id });
    expect(await store.accounts.consumeSetupToken('second', now)).toBeUndefined();
  });

  it('puts a new account without organisation into the first organisation (created once) as admin', async () => {
    expect(await store.organisations.list()).toEqual([]);
    const a = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    const b = await store.accounts.upsert({ email: 'b@example.org', displayName: 'Bert', passwordHash: 'h' });
    const organisations = await store.organisations.list();
    expect(organisations).toHaveLength(1);
    expect(organisations[0]!.name).toBe(DEFAULT_ORGANISATION_NAME);
    expect(a).toMatchObject({ organisationId: organisations[0]!.id, role: 'admin' });
    expect(b.organisationId).toBe(a.organisationId);
    // Updating an existing account keeps its organisation and role.
    const other = await store.organisations.create({ id: 'org-b', name: 'Bildungsbüro B', createdAt: iso(0) });
    const again = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h2', organisationId: other.id, role: 'staff' });
    expect(again).toMatchObject({ organisationId: a.organisationId, role: 'admin' });
  });

  it('keeps organisations apart: listing, creating with a taken email, renaming', async () => {
    const orgA = await store.organisations.create({ id: 'org-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
    const orgB = await store.organisations.create({ id: 'org-b', name: 'B', createdAt: '2026-01-02T00:00:00.000Z' });
    const anna = await store.accounts.create({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h', organisationId: orgA.id, role: 'admin' });
    await store.accounts.create({ email: 'b@example.org', displayName: 'Bert', passwordHash: 'h', organisationId: orgB.id, role: 'admin' });
    await store.accounts.create({ email: 'c@example.org', displayName: 'Carla', passwordHash: 'h', organisationId: orgA.id, role: 'staff' });
    expect((await store.accounts.listInOrganisation(orgA.id)).map((a) => a.email)).toEqual(['a@example.org', 'c@example.org']);
    expect((await store.accounts.listInOrganisation(orgB.id)).map((a) => a.email)).toEqual(['b@example.org']);
    await expect(store.accounts.create({ email: 'a@example.org', displayName: 'X', passwordHash: 'h', organisationId: orgB.id, role: 'staff' })).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.accounts.findById(anna.id)).toEqual(anna);
    expect(await store.organisations.rename(orgA.id, 'Bildungsbüro Musterstadt')).toBe(true);
    expect(await store.organisations.rename('missing', 'X')).toBe(false);
    expect(await store.organisations.findById(orgA.id)).toMatchObject({ name: 'Bildungsbüro Musterstadt' });
    expect((await store.organisations.list()).map((o) => o.id)).toEqual([orgA.id, orgB.id]);
  });

  it('never leaves an organisation without an administrator', async () => {
    const org = await store.organisations.create({ id: 'org-a', name: 'A', createdAt: iso(0) });
    const anna = await store.accounts.create({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h', organisationId: org.id, role: 'admin' });
    const bert = await store.accounts.create({ email: 'b@example.org', displayName: 'Bert', passwordHash: 'h', organisationId: org.id, role: 'staff' });
    expect(await store.accounts.setRole(anna.id, 'staff')).toBe('last_admin');
    expect((await store.accounts.findById(anna.id))!.role).toBe('admin');
    expect(await store.accounts.setRole(bert.id, 'admin')).toBe('changed');
    expect(await store.accounts.setRole(anna.id, 'staff')).toBe('changed');
    expect(await store.accounts.setRole(bert.id, 'staff')).toBe('last_admin');
    expect(await store.accounts.setRole('missing', 'staff')).toBe('not_found');
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
    const last = await store.accounts.upsert({ email: 'a@example.org', displayName: 'carla', passwordHash: 'h' });
    expect((await store.accounts.listInOrganisation(last.organisationId)).map((a) => a.email)).toEqual(['y@example.org', 'z@example.org', 'a@example.org', 'b@example.org']);
  });

  it('reports a login token hash stored twice as StoreConflictError', async () => {
    const acc = await store.accounts.upsert({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h' });
    await store.accounts.createLogin(acc.id, 'same', iso(hour));
    await expect(store.accounts.createLogin(acc.id, 'same', iso(hour))).rejects.toBeInstanceOf(StoreConflictError);
  });
});
