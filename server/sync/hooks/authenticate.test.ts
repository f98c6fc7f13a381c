import type { FastifyBaseLogger } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/closeCodes';
import { parseDocName } from '../../../shared/docs';
import { hashToken } from '../../auth/tokens';
import { openTempStore } from '../../store/sqlite/testStore';
import type { Store } from '../../store/types';
import { authenticate } from './authenticate';

const silent = { error() {}, info() {}, warn() {}, debug() {} } as unknown as FastifyBaseLogger;
const SESSION = 'session-0001';
/** Shaped like an issued token (43 base64url characters). */
const ANNA = 'tokenAnna_0123456789abcdefghijklmnopqrstuvw';

describe('authenticate hook (real SQLite store)', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = openTempStore());
    const accountId = (await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' })).id;
    for (const [id, code] of [
      [SESSION, 'ABCDEF'],
      ['session-0002', 'GHJKLM'],
    ] as const) {
      await store.sessions.create({ id, title: 'Konferenz', kind: 'bildungskonferenz', date: '2026-11-26', template: 'steuerungskreislauf', joinCode: code, observerCode: `${code}XXXX`, createdBy: accountId, createdAt: '2026-11-26T10:00:00.000Z' });
    }
    await store.sessions.addParticipant({ id: 'participant-anna', sessionId: SESSION, role: 'participant', displayName: 'Anna', accountId: null, createdAt: '2026-11-26T10:05:00.000Z', revokedAt: null }, hashToken(ANNA));
  });
  afterEach(async () => {
    await dispose();
  });

  const ask = (docName: string, query: string, origin?: string) => {
    const url = new URL(`http://localhost/yjs/${docName}?${query}`);
    const req = { headers: { host: 'werkraum.example', ...(origin ? { origin } : {}) }, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
    return authenticate({ store, originPolicy: { allowedOrigins: [] }, log: silent }).authenticate!({ req, url, docName, doc: parseDocName(docName)! });
  };

  it('turns a valid token into the participant, with the name the store holds', async () => {
    expect(await ask(`${SESSION}:notes`, `token=${ANNA}&v=1`, 'https://werkraum.example')).toEqual({ id: 'participant-anna', sessionId: SESSION, role: 'participant', displayName: 'Anna' });
    expect(await ask(`${SESSION}:drafts:participant-anna`, `token=${ANNA}`)).toMatchObject({ id: 'participant-anna' });
  });

  it('refuses with the documented close codes', async () => {
    expect(await ask(`${SESSION}:notes`, 'v=1')).toMatchObject({ close: CloseCode.unauthenticated });
    expect(await ask(`${SESSION}:notes`, 'token=wrong')).toMatchObject({ close: CloseCode.unauthenticated });
    expect(await ask('session-0002:notes', `token=${ANNA}`)).toMatchObject({ close: CloseCode.forbidden });
    expect(await ask(`${SESSION}:drafts:participant-bern`, `token=${ANNA}`)).toMatchObject({ close: CloseCode.forbidden });
    expect(await ask(`${SESSION}:notes`, `token=${ANNA}`, 'https://evil.example')).toMatchObject({ close: CloseCode.forbidden });
    // Same host, other port: another origin.
    expect(await ask(`${SESSION}:notes`, `token=${ANNA}`, 'http://werkraum.example:8080')).toMatchObject({ close: CloseCode.forbidden });
    // Shaped like no token at all (never hashed, never looked up).
    expect(await ask(`${SESSION}:notes`, `token=${'x'.repeat(300)}`)).toMatchObject({ close: CloseCode.unauthenticated });
    expect(await ask(`${SESSION}:notes`, `token=${ANNA}&v=0`)).toMatchObject({ close: CloseCode.protocolTooOld });
  });
});
