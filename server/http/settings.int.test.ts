/**
 * The privacy notice against the real server on port 0 with a real SQLite file: public to read,
 * written only by a signed-in account, validated, kept across a restart, reset by an empty text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyNotice } from '../../shared/api';
import type { ApiErrorBody } from '../../shared/errors';
import { Limits } from '../../shared/limits';
import { cleanup, type InProcess, joinSession, login, seedSession, startServer, tempDir } from '../test/harness';

const running: InProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) cleanup(d);
});

async function start(dataDir: string): Promise<InProcess> {
  const s = await startServer({ dataDir });
  running.push(s);
  return s;
}

const put = (baseUrl: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/privacy`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('privacy notice', () => {
  it('is public to read, written by a signed-in account only, validated, kept across a restart and reset by an empty text', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    let srv = await start(dataDir);
    // Nothing written yet: the app shows its built-in notice.
    expect(await (await fetch(`${srv.baseUrl}/api/privacy`)).json()).toEqual({ text: null, updatedAt: null });

    // Neither anonymous visitors nor participants (a session token) may write it.
    const anonymous = await put(srv.baseUrl, { text: 'Gefälscht' });
    expect(anonymous.status).toBe(401);
    const { session } = await seedSession(srv.baseUrl);
    const participant = await joinSession(srv.baseUrl, session.joinCode, 'Paula');
    const asParticipant = await put(srv.baseUrl, { text: 'Gefälscht' }, { authorization: `Bearer ${participant.token}` });
    expect(asParticipant.status).toBe(401);

    const cookie = await login(srv.baseUrl);
    // Too long, or not a text: a clear error naming the field; nothing stored.
    const tooLong = await put(srv.baseUrl, { text: 'x'.repeat(Limits.privacyNoticeMaxLength + 1) }, { cookie });
    expect(tooLong.status).toBe(400);
    const tooLongBody = (await tooLong.json()) as ApiErrorBody;
    expect(tooLongBody.error.field).toBe('text');
    const notText = await put(srv.baseUrl, { text: 42 }, { cookie });
    expect(notText.status).toBe(400);
    const malformed = await fetch(`${srv.baseUrl}/api/privacy`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: '{"text":' });
    expect(malformed.status).toBe(400);
    expect(await (await fetch(`${srv.baseUrl}/api/privacy`)).json()).toEqual({ text: null, updatedAt: null });

    const text = '## Verantwortliche Stelle\r\nStadt Musterstadt, Bildungsbüro\r\n\r\n## Ihre Rechte\r\nAuskunft nach Art. 15 DSGVO';
    const written = await put(srv.baseUrl, { text: `  ${text}\n` }, { cookie });
    expect(written.status).toBe(200);
    const saved = (await written.json()) as PrivacyNotice;
    expect(saved.text).toBe(text.replace(/\r\n/g, '\n'));
    expect(Date.parse(saved.updatedAt ?? '')).not.toBeNaN();

    // Kept across a restart of the server on the same data directory.
    await srv.stop();
    running.splice(0);
    srv = await start(dataDir);
    expect(await (await fetch(`${srv.baseUrl}/api/privacy`)).json()).toEqual(saved);

    // An empty text restores the built-in notice.
    const reset = await put(srv.baseUrl, { text: '   ' }, { cookie: await login(srv.baseUrl) });
    expect(await reset.json()).toEqual({ text: null, updatedAt: null });
    expect(await (await fetch(`${srv.baseUrl}/api/privacy`)).json()).toEqual({ text: null, updatedAt: null });
  });
});
