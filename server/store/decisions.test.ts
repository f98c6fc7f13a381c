import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionActorRef, DecisionRecord } from '../../shared/decision';
import type { DecisionProvenance } from '../../shared/schema/decisions';
import { STORE_KINDS, type TestStore } from './testStores';
import type { NewVersion, Store } from './types';

const mia: DecisionActorRef = { kind: 'moderator', id: 'acc-mia', displayName: 'Mia' };
const lk: DecisionActorRef = { kind: 'lenkungskreis', id: 'm-1', displayName: 'Lena' };
// The store keeps the provenance as given; its inner shape is checked elsewhere.
const provenance = (n: number) => ({ sources: [], consensus: [], participation: { picks: n } }) as unknown as DecisionProvenance;

const version = (over: Partial<NewVersion> = {}): NewVersion => ({
  contentJson: '{"a":1}',
  contentHash: 'hash-1',
  title: 'Ganztag ausbauen',
  gremium: 'Jugendhilfeausschuss',
  handedOverAt: '2026-03-02T10:00:00.000Z',
  handedOverBy: mia,
  findings: [],
  note: '',
  ...over,
});

describe.each(STORE_KINDS)('DecisionStore and SettingsStore ($name)', (kind) => {
  let organisationId = '';
  let t: TestStore;
  let store: Store;
  const sessionId = 'session-0001';

  beforeEach(async () => {
    t = await kind.open();
    store = t.store;
    const account = await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' });
    await store.sessions.create({
      id: sessionId,
      title: 'Konferenz',
      kind: 'bildungskonferenz',
      date: '2026-01-01',
      template: 'steuerungskreislauf',
      joinCode: 'ABCDEF',
      observerCode: 'ABCDEFGHJK',
      createdBy: account.id,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    mia.id = account.id;
    organisationId = account.organisationId;
  });
  afterEach(async () => {
    await t.dispose();
  });

  const draft = (id: string, createdAt = '2026-03-01T09:00:00.000Z') =>
    store.decisions.createDraft({ id, sessionId, title: 'Ganztag', gremium: 'JHA', provenance: provenance(1), createdBy: mia, createdAt });

  it('numbers drafts per year, freezes versions and moves the status by compare-and-set, logging each step', async () => {
    expect((await draft('d1')).reference).toBe('LK-2026-001');
    expect((await draft('d2', '2026-03-01T09:00:01.000Z')).reference).toBe('LK-2026-002');
    expect((await draft('d3', '2027-01-05T09:00:00.000Z')).reference).toBe('LK-2027-001');
    expect((await store.decisions.listForSession(sessionId)).map((d) => d.id)).toEqual(['d3', 'd2', 'd1']);

    expect(await store.decisions.updateProvenance('d1', provenance(2), mia, '2026-03-01T09:30:00.000Z')).toMatchObject({ provenance: provenance(2) });
    expect(await store.decisions.updateProvenance('missing', provenance(2), mia, '2026-03-01T09:30:00.000Z')).toBeUndefined();

    const frozen = await store.decisions.freezeVersion('d1', ['entwurf'], version());
    expect(frozen?.draft).toMatchObject({ status: 'uebergeben', latestVersion: 1, title: 'Ganztag ausbauen', lastHandedOverAt: '2026-03-02T10:00:00.000Z' });
    expect(frozen?.version).toEqual({ draftId: 'd1', number: 1, contentHash: 'hash-1', handedOverAt: '2026-03-02T10:00:00.000Z', handedOverBy: mia, findings: [], note: '' });
    expect(await store.decisions.freezeVersion('d1', ['entwurf'], version())).toBeUndefined();
    expect(await store.decisions.findVersion('d1', 1)).toMatchObject({ contentJson: '{"a":1}' });
    expect(await store.decisions.findVersion('d1', 2)).toBeUndefined();

    expect(await store.decisions.changeStatus('d1', 'entwurf', 'in_beratung', lk, '2026-03-03T00:00:00.000Z')).toBeUndefined();
    // Two requests moving the same draft at once: exactly one wins.
    const both = await Promise.all([
      store.decisions.changeStatus('d1', 'uebergeben', 'in_beratung', lk, '2026-03-03T00:00:00.000Z'),
      store.decisions.changeStatus('d1', 'uebergeben', 'in_beratung', lk, '2026-03-03T00:00:00.000Z'),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const decision: DecisionRecord = {
      outcome: 'beschlossen',
      decidedOn: '2026-03-10',
      resolutionText: 'Beschluss',
      conditions: '',
      version: 1,
      recordedAt: '2026-03-10T12:00:00.000Z',
      recordedBy: lk,
    };
    expect(await store.decisions.changeStatus('d1', 'in_beratung', 'beschlossen', lk, '2026-03-10T12:00:00.000Z', decision)).toMatchObject({ status: 'beschlossen', decision });

    await store.decisions.addComment({ id: 'c1', draftId: 'd1', version: 1, text: 'Bitte prüfen', author: lk, createdAt: '2026-03-04T00:00:00.000Z' });
    expect(await store.decisions.listComments('d1')).toEqual([{ id: 'c1', draftId: 'd1', version: 1, text: 'Bitte prüfen', author: lk, createdAt: '2026-03-04T00:00:00.000Z' }]);
    await store.decisions.appendAudit('d1', '2026-03-11T00:00:00.000Z', mia, 'sources_added');
    const audit = await store.decisions.listAudit('d1');
    expect(audit.map((e) => [e.action, e.fromStatus, e.toStatus, e.version])).toEqual([
      ['created', null, 'entwurf', null],
      ['sources_added', null, null, null],
      ['handed_over', 'entwurf', 'uebergeben', 1],
      ['status_changed', 'uebergeben', 'in_beratung', 1],
      ['decision_recorded', 'in_beratung', 'beschlossen', 1],
      ['commented', null, null, 1],
      ['sources_added', null, null, null],
    ]);
    expect(audit.every((e, i) => i === 0 || e.id > audit[i - 1]!.id)).toBe(true);
    expect((await store.decisions.listHandedOver(organisationId)).map((d) => d.id)).toEqual(['d1']);
    expect(await store.decisions.listHandedOver('another-organisation')).toEqual([]);

    // Frozen versions and the audit log cannot be changed, even past the store.
    await expect(t.exec("UPDATE decision_versions SET note = 'changed'")).rejects.toThrow(/immutable/);
    await expect(t.exec("UPDATE decision_audit SET action = 'created'")).rejects.toThrow(/append-only/);
  });

  it('redeems an invitation and a device link once, and finds devices by token until revoked', async () => {
    const at = '2026-03-01T00:00:00.000Z';
    const until = '2026-04-01T00:00:00.000Z';
    await store.decisions.createInvitation({ id: 'inv-1', label: 'Lena', createdBy: mia.id, createdAt: at, expiresAt: until, usedAt: null, memberId: null, withdrawnAt: null }, 'code-1');
    await store.decisions.createInvitation({ id: 'inv-2', label: 'Old', createdBy: mia.id, createdAt: at, expiresAt: '2026-03-01T00:00:01.000Z', usedAt: null, memberId: null, withdrawnAt: null }, 'code-2');
    const now = '2026-03-02T00:00:00.000Z';
    expect(await store.decisions.findOpenInvitation('code-2', now)).toBeUndefined();
    expect(await store.decisions.findOpenInvitation('code-1', now)).toMatchObject({ id: 'inv-1' });

    const member = { id: 'm-1', displayName: 'Lena', invitationId: null, createdAt: now, revokedAt: null };
    const org = { organisationId: organisationId };
    const twice = await Promise.all([
      store.decisions.redeemInvitation('code-1', now, member, 'tok-1'),
      store.decisions.redeemInvitation('code-1', now, { ...member, id: 'm-2' }, 'tok-2'),
    ]);
    expect(twice.filter(Boolean)).toEqual([{ ...member, ...org, invitationId: 'inv-1' }]);
    expect(await store.decisions.findInvitation('inv-1')).toMatchObject({ usedAt: now, memberId: 'm-1' });
    expect(await store.decisions.withdrawInvitation('inv-1', now)).toBe(false);
    expect(await store.decisions.findMemberByToken('tok-1')).toMatchObject({ id: 'm-1' });

    await store.decisions.createDeviceLink('m-1', 'link-1', now, until);
    expect(await store.decisions.findOpenDeviceLink('link-1', now)).toMatchObject({ id: 'm-1' });
    const device = { id: 'dev-2', label: 'Tablet', createdAt: '2026-03-02T01:00:00.000Z' };
    expect(await store.decisions.redeemDeviceLink('link-1', now, device, 'tok-tablet')).toMatchObject({ device: { ...device, memberId: 'm-1', revokedAt: null } });
    expect(await store.decisions.redeemDeviceLink('link-1', now, { ...device, id: 'dev-3' }, 'tok-3')).toBeUndefined();
    expect((await store.decisions.listDevices('m-1')).map((d) => [d.id, d.label])).toEqual([
      ['first-m-1', ''],
      ['dev-2', 'Tablet'],
    ]);
    expect(await store.decisions.findDeviceByToken('tok-tablet')).toMatchObject({ device: { id: 'dev-2' }, member: { id: 'm-1' } });
    expect(await store.decisions.revokeDevice('m-1', 'dev-2', now)).toBe(true);
    expect(await store.decisions.findDeviceByToken('tok-tablet')).toBeUndefined();
    expect(await store.decisions.findMemberByToken('tok-1')).toMatchObject({ id: 'm-1' });
    expect(await store.decisions.revokeMember('m-1', now)).toBe(true);
    expect(await store.decisions.findMemberByToken('tok-1')).toBeUndefined();
    expect(await store.decisions.findMember('m-1')).toMatchObject({ revokedAt: now });
    expect((await store.decisions.listInvitations(organisationId)).map((i) => i.id)).toEqual(['inv-1', 'inv-2']);
    expect(await store.decisions.listInvitations('another-organisation')).toEqual([]);
    expect((await store.decisions.listMembers(organisationId)).map((m) => m.id)).toEqual(['m-1']);
  });

  it('settings: written, overwritten and removed, per organisation', async () => {
    const o = organisationId;
    const other = await store.organisations.create({ id: 'org-other', name: 'Andere', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(await store.settings.get(o, 'privacyNotice')).toBeUndefined();
    await store.settings.set(o, 'privacyNotice', 'Text 1', 'acc-a', '2026-01-01T00:00:00.000Z');
    await store.settings.set(o, 'privacyNotice', 'Text 2', 'acc-b', '2026-01-02T00:00:00.000Z');
    await store.settings.set(other.id, 'privacyNotice', 'Anderer Text', 'acc-c', '2026-01-02T00:00:00.000Z');
    expect(await store.settings.get(o, 'privacyNotice')).toEqual({ value: 'Text 2', updatedBy: 'acc-b', updatedAt: '2026-01-02T00:00:00.000Z' });
    await store.settings.set(o, 'privacyNotice', null, 'acc-b', '2026-01-03T00:00:00.000Z');
    expect(await store.settings.get(o, 'privacyNotice')).toBeUndefined();
    expect(await store.settings.get(other.id, 'privacyNotice')).toMatchObject({ value: 'Anderer Text' });
  });
});
