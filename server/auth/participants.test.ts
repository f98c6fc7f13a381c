import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore } from '../store/sqlite/testStore';
import type { ParticipantRecord, Store } from '../store/types';
import { isTokenShaped, resolveParticipant } from './participants';
import { hashToken, newToken } from './tokens';

describe('resolveParticipant', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let token: string;
  let record: ParticipantRecord;

  beforeEach(async () => {
    ({ store, dispose } = openTempStore());
    const account = await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' });
    await store.sessions.create({
      id: 'session-1',
      title: 'Bildungskonferenz',
      kind: 'bildungskonferenz',
      date: '2026-03-14',
      template: 'steuerungskreislauf',
      joinCode: 'ABCDEF',
      observerCode: 'ABCDEFGHJK',
      createdBy: account.id,
      createdAt: '2026-01-01T10:00:00.000Z',
    });
    token = newToken();
    record = {
      id: 'participant-1',
      sessionId: 'session-1',
      role: 'participant',
      displayName: 'Bernd',
      accountId: null,
      createdAt: '2026-01-01T10:05:00.000Z',
      revokedAt: null,
    };
    await store.sessions.addParticipant(record, hashToken(token));
  });
  afterEach(async () => {
    await dispose();
  });

  it('finds the participant of a valid token by its hash', async () => {
    expect(await resolveParticipant(store, token)).toEqual(record);
  });

  it('answers undefined for a missing, malformed or unknown token without failing', async () => {
    for (const raw of [undefined, null, '', 'short', `${token} `, `${token}\n`, 'ä'.repeat(43), 'x'.repeat(201), newToken()]) {
      expect(await resolveParticipant(store, raw)).toBeUndefined();
    }
    // The hash of a valid token is not a token.
    expect(await resolveParticipant(store, hashToken(token))).toBeUndefined();
  });

  it('answers undefined once the participant is revoked', async () => {
    await store.sessions.revokeParticipant(record.id, '2026-01-01T11:00:00.000Z');
    expect(await resolveParticipant(store, token)).toBeUndefined();
  });

  it('passes a store failure on instead of calling the token invalid', async () => {
    await store.close();
    await expect(resolveParticipant(store, token)).rejects.toThrow();
  });

  it('knows the shape of issued tokens', () => {
    expect(isTokenShaped(newToken())).toBe(true);
    expect(isTokenShaped('abc')).toBe(false);
    expect(isTokenShaped(42)).toBe(false);
  });
});
