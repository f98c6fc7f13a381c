/**
 * Organisations in the SQLite store: the migration that puts an installation's existing data into
 * one organisation, and the organisation scoping of sessions, Lenkungskreis invitations, members,
 * handed-over drafts and settings.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrganisationWithAdmin, OrganisationSetupError } from '../../auth/organisations';
import { NO_PASSWORD } from '../../auth/passwords';
import { hashToken } from '../../auth/tokens';
import { createSqliteStore } from './index';
import { SQLITE_MIGRATIONS } from './schema';
import { openTempStore } from './testStore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const session = (id: string, createdBy: string, code: string) => ({
  id,
  title: `Konferenz ${id}`,
  kind: 'bildungskonferenz' as const,
  date: '2026-11-26',
  template: 'steuerungskreislauf' as const,
  joinCode: code,
  observerCode: `${code}XXXX`,
  createdBy,
  createdAt: '2026-11-26T10:00:00.000Z',
});

describe('organisations in the SQLite store', () => {
  it('migrates an installation without organisations into one "Bildungsbüro" with its accounts as admins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'werkraum-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'old.sqlite');
    // The schema as it was before organisations, with data in it.
    const before = SQLITE_MIGRATIONS.length - 1;
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    for (const sql of SQLITE_MIGRATIONS.slice(0, before)) db.exec(sql);
    db.pragma(`user_version = ${before}`);
    db.prepare("INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES ('acc-1', 'a@example.org', 'Anna', 'h', '2025-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES ('acc-2', 'b@example.org', 'Bert', 'h', '2025-01-01T00:00:00.000Z')").run();
    db.prepare(
      "INSERT INTO sessions (id, title, kind, date, join_code, observer_code, created_by, created_at) VALUES ('s-1', 'Alt', 'bildungskonferenz', '2025-02-02', 'AAAAAA', 'AAAAAAAAAA', 'acc-2', '2025-01-02T00:00:00.000Z')",
    ).run();
    db.prepare(
      "INSERT INTO lenkungskreis_invitations (id, code_hash, label, created_by, created_at, expires_at) VALUES ('inv-1', 'code', 'Dezernentin', 'acc-1', '2025-01-02T00:00:00.000Z', '2099-01-01T00:00:00.000Z')",
    ).run();
    db.prepare("INSERT INTO lenkungskreis_members (id, display_name, token_hash, invitation_id, created_at) VALUES ('m-1', 'Dora', 'tok', 'inv-1', '2025-01-03T00:00:00.000Z')").run();
    db.prepare("INSERT INTO settings (key, value, updated_by, updated_at) VALUES ('privacyNotice', 'Unser Hinweis', 'acc-1', '2025-01-04T00:00:00.000Z')").run();
    db.close();

    const store = createSqliteStore(file, 'normal');
    try {
      const organisations = await store.organisations.list();
      expect(organisations.map((o) => o.name)).toEqual(['Bildungsbüro']);
      const orgId = organisations[0]!.id;
      expect(await store.accounts.findById('acc-1')).toMatchObject({ organisationId: orgId, role: 'admin' });
      expect(await store.accounts.findById('acc-2')).toMatchObject({ organisationId: orgId, role: 'admin' });
      expect((await store.sessions.findById('s-1'))!.organisationId).toBe(orgId);
      expect((await store.decisions.findInvitation('inv-1'))!.organisationId).toBe(orgId);
      expect((await store.decisions.findMember('m-1'))!.organisationId).toBe(orgId);
      expect(await store.settings.get(orgId, 'privacyNotice')).toMatchObject({ value: 'Unser Hinweis' });
      // A new account without organisation joins the migrated one.
      expect((await store.accounts.upsert({ email: 'c@example.org', displayName: 'C', passwordHash: 'h' })).organisationId).toBe(orgId);
    } finally {
      await store.close();
    }
  });

  it('scopes sessions, invitations, members, handed-over drafts and settings to their organisation', async () => {
    const { store, dispose } = openTempStore();
    try {
      await store.organisations.create({ id: 'org-a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
      await store.organisations.create({ id: 'org-b', name: 'B', createdAt: '2026-01-02T00:00:00.000Z' });
      const anna = await store.accounts.create({ email: 'a@example.org', displayName: 'Anna', passwordHash: 'h', organisationId: 'org-a', role: 'admin' });
      const bert = await store.accounts.create({ email: 'b@example.org', displayName: 'Bert', passwordHash: 'h', organisationId: 'org-b', role: 'admin' });
      await store.sessions.create(session('s-a', anna.id, 'AAAAAA'));
      await store.sessions.create(session('s-b', bert.id, 'BBBBBB'));
      expect((await store.sessions.findById('s-a'))!.organisationId).toBe('org-a');
      expect((await store.sessions.listInOrganisation('org-a')).map((s) => s.id)).toEqual(['s-a']);
      expect((await store.sessions.listInOrganisation('org-b')).map((s) => s.id)).toEqual(['s-b']);

      const invitation = (id: string, createdBy: string) => ({ id, label: id, createdBy, createdAt: '2026-01-03T00:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z', usedAt: null, memberId: null, withdrawnAt: null });
      expect((await store.decisions.createInvitation(invitation('inv-a', anna.id), 'code-a')).organisationId).toBe('org-a');
      await store.decisions.createInvitation(invitation('inv-b', bert.id), 'code-b');
      expect((await store.decisions.listInvitations('org-a')).map((i) => i.id)).toEqual(['inv-a']);
      const now = new Date().toISOString();
      const member = await store.decisions.redeemInvitation('code-b', now, { id: 'm-b', displayName: 'Dora', invitationId: null, createdAt: now, revokedAt: null }, 'tok-b');
      expect(member?.organisationId).toBe('org-b');
      expect((await store.decisions.findMemberByToken('tok-b'))?.organisationId).toBe('org-b');
      expect(await store.decisions.listMembers('org-a')).toEqual([]);
      expect((await store.decisions.listMembers('org-b')).map((m) => m.id)).toEqual(['m-b']);

      const draft = await store.decisions.createDraft({
        id: 'd-a',
        sessionId: 's-a',
        title: 'Vorlage A',
        gremium: 'Lenkungskreis',
        provenance: { sources: [], consensus: [], participation: { people: 0, byActorGroup: [], withoutGroup: 0, observers: 0, maxVoters: 0 } },
        createdBy: { kind: 'moderator', id: anna.id, displayName: 'Anna' },
        createdAt: now,
      });
      await store.decisions.freezeVersion(draft.id, ['entwurf'], {
        contentJson: '{}',
        contentHash: 'x',
        title: 'Vorlage A',
        gremium: 'Lenkungskreis',
        handedOverAt: now,
        handedOverBy: { kind: 'moderator', id: anna.id, displayName: 'Anna' },
        findings: [],
        note: '',
      });
      expect((await store.decisions.listHandedOver('org-a')).map((d) => d.id)).toEqual(['d-a']);
      expect(await store.decisions.listHandedOver('org-b')).toEqual([]);

      await store.settings.set('org-a', 'privacyNotice', 'Hinweis A', anna.id, now);
      expect(await store.settings.get('org-a', 'privacyNotice')).toMatchObject({ value: 'Hinweis A' });
      expect(await store.settings.get('org-b', 'privacyNotice')).toBeUndefined();
    } finally {
      await dispose();
    }
  });
});

describe('createOrganisationWithAdmin (the operators’ command)', () => {
  it('creates the organisation and its administrator with a one-time link, and refuses a taken email without writing anything', async () => {
    const { store, dispose } = openTempStore();
    try {
      const created = await createOrganisationWithAdmin(store, { name: ' Bildungsbüro Musterstadt ', adminEmail: 'Anna@Kreis.de', adminName: 'Anna Muster' }, 'https://werkraum.example/');
      expect(created.organisation.name).toBe('Bildungsbüro Musterstadt');
      expect(created.admin).toMatchObject({ email: 'anna@kreis.de', role: 'admin', organisationId: created.organisation.id, passwordHash: NO_PASSWORD });
      const url = new URL(created.url);
      expect(`${url.origin}${url.pathname}`).toBe('https://werkraum.example/setup');
      const token = url.searchParams.get('token')!;
      expect(await store.accounts.findSetupToken(hashToken(token), new Date().toISOString())).toMatchObject({ accountId: created.admin.id });

      await expect(createOrganisationWithAdmin(store, { name: 'Zweites', adminEmail: 'anna@kreis.de', adminName: 'Anna' }, 'https://werkraum.example')).rejects.toBeInstanceOf(OrganisationSetupError);
      await expect(createOrganisationWithAdmin(store, { name: '', adminEmail: 'b@kreis.de', adminName: 'B' }, 'https://werkraum.example')).rejects.toThrow(/name/);
      expect((await store.organisations.list()).map((o) => o.name)).toEqual(['Bildungsbüro Musterstadt']);
    } finally {
      await dispose();
    }
  });
});
