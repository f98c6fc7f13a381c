import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreConflictError } from './errors';
import { STORE_KINDS, type TestStore } from './testStores';
import { EMPTY_SESSION_MINUTES, type NewSessionRecord, type ParticipantRecord, type Store } from './types';

describe.each(STORE_KINDS)('SessionStore ($name)', (kind) => {
  let t: TestStore;
  let store: Store;
  let accountId: string;

  const session = (over: Partial<NewSessionRecord> = {}): NewSessionRecord => ({
    id: 'session-0001',
    title: 'Bildungskonferenz 2025',
    kind: 'bildungskonferenz',
    date: '2025-03-14',
    template: 'steuerungskreislauf',
    joinCode: 'ABCDEF',
    observerCode: 'ABCDEFGHJK',
    createdBy: accountId,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...over,
  });

  const participant = (over: Partial<ParticipantRecord> = {}): ParticipantRecord => ({
    id: 'participant-1',
    sessionId: 'session-0001',
    role: 'participant',
    displayName: 'Bernd',
    accountId: null,
    createdAt: '2025-01-01T10:05:00.000Z',
    revokedAt: null,
    ...over,
  });

  let organisationId: string;

  beforeEach(async () => {
    t = await kind.open();
    store = t.store;
    ({ id: accountId, organisationId } = await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' }));
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('creates a session and finds it by id, join code and observer code', async () => {
    const s = session();
    await store.sessions.create(s);
    expect(await store.sessions.findById(s.id)).toEqual({ ...s, organisationId, archivedAt: null, coModeratorIds: [], minutes: EMPTY_SESSION_MINUTES });
    expect(await store.sessions.findByJoinCode('ABCDEF')).toEqual({ ...s, organisationId, archivedAt: null, coModeratorIds: [], minutes: EMPTY_SESSION_MINUTES });
    expect(await store.sessions.findByObserverCode('ABCDEFGHJK')).toEqual({ ...s, organisationId, archivedAt: null, coModeratorIds: [], minutes: EMPTY_SESSION_MINUTES });
    // A join code is not an observer code and vice versa.
    expect(await store.sessions.findByObserverCode('ABCDEF')).toBeUndefined();
    expect(await store.sessions.findByJoinCode('ABCDEFGHJK')).toBeUndefined();
    expect(await store.sessions.findById('missing')).toBeUndefined();
  });

  it('stores the minutes facts and clears them again', async () => {
    const s = session();
    await store.sessions.create(s);
    const minutes = { place: 'Rathaus Köln, Raum 1.12', minuteTaker: 'Özlem Şahin', startTime: '09:30', endTime: '12:15' };
    expect(await store.sessions.setMinutes(s.id, minutes)).toBe(true);
    expect((await store.sessions.findById(s.id))!.minutes).toEqual(minutes);
    expect(await store.sessions.setMinutes(s.id, EMPTY_SESSION_MINUTES)).toBe(true);
    expect((await store.sessions.findById(s.id))!.minutes).toEqual(EMPTY_SESSION_MINUTES);
    expect(await store.sessions.setMinutes('missing', minutes)).toBe(false);
  });

  it('reports a colliding join or observer code as StoreConflictError', async () => {
    await store.sessions.create(session());
    const joinClash = store.sessions.create(session({ id: 'session-0002', observerCode: 'ZZZZZZZZZZ' }));
    await expect(joinClash).rejects.toBeInstanceOf(StoreConflictError);
    await expect(joinClash).rejects.toMatchObject({ constraint: 'sessions.join_code' });
    const observerClash = store.sessions.create(session({ id: 'session-0003', joinCode: 'ZZZZZZ' }));
    await expect(observerClash).rejects.toMatchObject({ constraint: 'sessions.observer_code' });
  });

  it('lists the sessions of one account, newest date first', async () => {
    const other = await store.accounts.upsert({ email: 'o@example.org', displayName: 'Olaf', passwordHash: 'h' });
    await store.sessions.create(session({ id: 'session-old1', date: '2024-01-01', joinCode: 'AAAAAA', observerCode: 'AAAAAAAAAA' }));
    await store.sessions.create(session({ id: 'session-new1', date: '2025-06-01', joinCode: 'BBBBBB', observerCode: 'BBBBBBBBBB' }));
    await store.sessions.create(
      session({ id: 'session-foreign', createdBy: other.id, joinCode: 'CCCCCC', observerCode: 'CCCCCCCCCC' }),
    );
    const listed = await store.sessions.listForAccount(accountId);
    expect(listed.map((s) => s.id)).toEqual(['session-new1', 'session-old1']);
    expect(await store.sessions.listForAccount('nobody')).toEqual([]);
  });

  it('adds participants and finds them by token hash until revoked', async () => {
    await store.sessions.create(session());
    const p = participant();
    const m = participant({ id: 'moderator-1', role: 'moderator', accountId, displayName: 'Mia' });
    await store.sessions.addParticipant(p, 'token-hash-p');
    await store.sessions.addParticipant(m, 'token-hash-m');
    expect(await store.sessions.findParticipantByToken('token-hash-p')).toEqual(p);
    expect(await store.sessions.findParticipantByToken('token-hash-m')).toEqual(m);
    expect(await store.sessions.findParticipantByToken('unknown')).toBeUndefined();

    await store.sessions.revokeParticipant(p.id, '2025-01-01T11:00:00.000Z');
    expect(await store.sessions.findParticipantByToken('token-hash-p')).toBeUndefined();
    expect(await store.sessions.findParticipantByToken('token-hash-m')).toEqual(m);
  });

  it('refuses a participant of a session that does not exist', async () => {
    await expect(store.sessions.addParticipant(participant({ sessionId: 'nope-nope' }), 'h')).rejects.toThrow(/foreign key/i);
  });
});
