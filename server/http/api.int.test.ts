/**
 * The JSON API over real HTTP against the real server on port 0 with a real SQLite file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinPreview, JoinResponse, SessionForModerator, SetupStatus, UserInfo } from '../../shared/api';
import { isJoinCodeShaped, JOIN_CODE_LENGTH, OBSERVER_CODE_LENGTH } from '../../shared/domain';
import type { ApiErrorBody } from '../../shared/errors';
import { Limits } from '../../shared/limits';
import { createServer } from '../app';
import { bootstrapAccounts } from '../auth/bootstrap';
import { type Config, loadConfig } from '../config';
import { createSqliteStore } from '../store/sqlite';
import { ADMIN, cleanup, type InProcess, login, seedSession, startServer, tempDir } from '../test/harness';
import { API_RATE_LIMITS } from './index';

const running: InProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.stop();
    cleanup(s.dataDir);
  }
});

/** The real server with the admin account from the environment (see harness). */
async function start(env: Record<string, string> = {}): Promise<InProcess> {
  const s = await startServer({ env });
  running.push(s);
  return s;
}

/** The real server with no account at all: returns the one-time setup token main.ts would print. */
async function startFresh(overrides: Partial<Config> = {}): Promise<InProcess & { setupToken: string }> {
  const dataDir = tempDir();
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      dbFile: `${dataDir}/werkraum.sqlite`,
      clientDir: undefined,
      logLevel: 'silent',
      ...overrides,
    },
  );
  const store = createSqliteStore(config.dbFile, config.sqliteSync);
  const server = await createServer(config, store);
  const { setupUrl } = await bootstrapAccounts(store, config, server.app.log);
  const port = await server.listen();
  const s = {
    server,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    stop: () => server.close(),
    setupToken: new URL(setupUrl!).searchParams.get('token')!,
  };
  running.push(s);
  return s;
}

interface Call {
  status: number;
  body: unknown;
  headers: Headers;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { json?: unknown; raw?: string; cookie?: string; bearer?: string; headers?: Record<string, string> } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = opts.raw;
  }
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function errorOf(c: Call): ApiErrorBody['error'] {
  return (c.body as ApiErrorBody).error;
}

function loginCookie(c: Call): { pair: string; attributes: string } {
  const header = c.headers.getSetCookie().find((h) => h.startsWith('werkraum_login='));
  if (!header) throw new Error('no werkraum_login cookie');
  return { pair: header.split(';')[0]!, attributes: header };
}

describe('health and errors', () => {
  it('GET /api/health answers ok, unknown API routes answer not_found as JSON', async () => {
    const srv = await start();
    expect(await call(srv.baseUrl, 'GET', '/api/health')).toMatchObject({ status: 200, body: { ok: true } });
    const missing = await call(srv.baseUrl, 'GET', '/api/nope?x=1');
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({ id: 'not_found', message: 'No route GET /api/nope' });
    expect(errorOf(await call(srv.baseUrl, 'DELETE', '/api/sessions'))).toMatchObject({ id: 'not_found' });
    expect(errorOf(await call(srv.baseUrl, 'GET', '/api'))).toMatchObject({ id: 'not_found' });
  });

  it('malformed JSON is 400 invalid_json, an oversized body 413 payload_too_large', async () => {
    const srv = await start();
    const bad = await call(srv.baseUrl, 'POST', '/api/join', { raw: '{"code": "ABC' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).id).toBe('invalid_json');
    // Prototype poisoning is refused by the parser as well.
    const poisoned = await call(srv.baseUrl, 'POST', '/api/join', { raw: '{"__proto__": {"x": 1}}' });
    expect(errorOf(poisoned).id).toBe('invalid_json');

    const big = await call(srv.baseUrl, 'POST', '/api/join', {
      json: { code: 'ABCDEF', name: 'x'.repeat(Limits.maxJsonBodyBytes) },
    });
    expect(big.status).toBe(413);
    expect(errorOf(big).id).toBe('payload_too_large');

    const xml = await call(srv.baseUrl, 'POST', '/api/join', { raw: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    expect(errorOf(xml).id).toBe('unsupported_media_type');
  });

  it('an unexpected failure is 500 internal_error without details', async () => {
    const srv = await start();
    // A closed database makes every store call throw, as a broken disk would.
    await srv.server.store.close();
    const res = await call(srv.baseUrl, 'GET', '/api/setup');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { id: 'internal_error', message: 'Internal server error' } });
  });

  it('state-changing requests from a foreign origin are refused, same origin passes', async () => {
    const srv = await start();
    const foreign = await call(srv.baseUrl, 'POST', '/api/auth/login', {
      json: ADMIN,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign).id).toBe('forbidden');
    const own = await call(srv.baseUrl, 'POST', '/api/auth/login', { json: ADMIN, headers: { origin: srv.baseUrl } });
    expect(own.status).toBe(200);
  });

  it('with a built client, unknown /api routes still answer JSON while other paths get the app shell', async () => {
    const clientDir = join(tempDir(), 'client');
    mkdirSync(clientDir);
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Werkraum</title>');
    const srv = await startFresh({ clientDir });
    const api = await call(srv.baseUrl, 'GET', '/api/nope');
    expect(api.status).toBe(404);
    expect(errorOf(api).id).toBe('not_found');
    expect(errorOf(await call(srv.baseUrl, 'POST', '/api/nope', { json: {} })).id).toBe('not_found');
    const shell = await fetch(`${srv.baseUrl}/session/abc`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('<title>Werkraum</title>');
    expect((await call(srv.baseUrl, 'GET', '/api/health')).body).toEqual({ ok: true });
    cleanup(join(clientDir, '..'));
  });

  it('responses are not cacheable', async () => {
    const srv = await start();
    const res = await call(srv.baseUrl, 'GET', '/api/health');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('setup', () => {
  it('creates the first account once, with the token from the setup link, and logs it in', async () => {
    const srv = await startFresh();
    expect((await call(srv.baseUrl, 'GET', '/api/setup')).body).toEqual({ needsSetup: true } satisfies SetupStatus);

    const input = { token: srv.setupToken, email: ' Mia@Kreis.DE ', password: 'long enough password', displayName: 'Mia' };
    const wrongToken = await call(srv.baseUrl, 'POST', '/api/setup', { json: { ...input, token: 'guessed' } });
    expect(wrongToken.status).toBe(403);
    expect(errorOf(wrongToken).id).toBe('setup_not_available');

    const shortPw = await call(srv.baseUrl, 'POST', '/api/setup', { json: { ...input, password: 'short' } });
    expect(shortPw.status).toBe(400);
    expect(errorOf(shortPw)).toMatchObject({ id: 'validation_error', field: 'password' });

    const ok = await call(srv.baseUrl, 'POST', '/api/setup', { json: input });
    expect(ok.status).toBe(201);
    const user = (ok.body as { user: UserInfo }).user;
    expect(user).toMatchObject({ email: 'mia@kreis.de', displayName: 'Mia' });
    const { pair } = loginCookie(ok);
    expect((await call(srv.baseUrl, 'GET', '/api/auth/me', { cookie: pair })).body).toEqual({ user, organisation: { id: expect.any(String), name: 'Bildungsbüro' }, role: 'admin' });

    expect((await call(srv.baseUrl, 'GET', '/api/setup')).body).toEqual({ needsSetup: false });
    const again = await call(srv.baseUrl, 'POST', '/api/setup', { json: { ...input, email: 'other@kreis.de' } });
    expect(again.status).toBe(403);
    expect(errorOf(again).id).toBe('setup_not_available');

    // The new account logs in like any other.
    const relogin = await call(srv.baseUrl, 'POST', '/api/auth/login', {
      json: { email: 'mia@kreis.de', password: 'long enough password' },
    });
    expect(relogin.status).toBe(200);
  });

  it('is not available once an account exists, even with a valid token', async () => {
    const srv = await startFresh();
    await srv.server.store.accounts.upsert({ email: 'x@example.org', displayName: 'X', passwordHash: 'h' });
    const res = await call(srv.baseUrl, 'POST', '/api/setup', {
      json: { token: srv.setupToken, email: 'a@example.org', password: 'long enough password', displayName: 'A' },
    });
    expect(res.status).toBe(403);
    expect(errorOf(res).id).toBe('setup_not_available');
  });
});

describe('login', () => {
  it('sets an httpOnly SameSite=Lax cookie for 30 days, stores only its hash; logout ends it', async () => {
    const srv = await start();
    const res = await call(srv.baseUrl, 'POST', '/api/auth/login', { json: { ...ADMIN, email: ADMIN.email.toUpperCase() } });
    expect(res.status).toBe(200);
    expect((res.body as { user: UserInfo }).user).toMatchObject({ email: ADMIN.email, displayName: 'Moderator' });
    const { pair, attributes } = loginCookie(res);
    expect(attributes).toMatch(/; HttpOnly/i);
    expect(attributes).toMatch(/; SameSite=Lax/i);
    expect(attributes).toMatch(/; Path=\//);
    expect(attributes).toMatch(/; Max-Age=2592000/);
    expect(attributes).not.toMatch(/; Secure/i);
    const token = decodeURIComponent(pair.split('=')[1]!);
    expect(await srv.server.store.accounts.findLogin(token)).toBeUndefined();

    expect((await call(srv.baseUrl, 'GET', '/api/auth/me', { cookie: pair })).status).toBe(200);
    const out = await call(srv.baseUrl, 'POST', '/api/auth/logout', { cookie: pair });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/werkraum_login=;/);
    const me = await call(srv.baseUrl, 'GET', '/api/auth/me', { cookie: pair });
    expect(me.status).toBe(401);
    expect(errorOf(me).id).toBe('unauthenticated');
    expect(errorOf(await call(srv.baseUrl, 'GET', '/api/auth/me')).id).toBe('unauthenticated');
  });

  it('marks the cookie Secure behind a trusted https proxy, and ignores untrusted forwarding headers', async () => {
    const trusting = await start({ WERKRAUM_TRUST_PROXY: 'loopback' });
    const behindProxy = await call(trusting.baseUrl, 'POST', '/api/auth/login', {
      json: ADMIN,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(loginCookie(behindProxy).attributes).toMatch(/; Secure/i);
    const direct = await start();
    const spoofed = await call(direct.baseUrl, 'POST', '/api/auth/login', {
      json: ADMIN,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(loginCookie(spoofed).attributes).not.toMatch(/; Secure/i);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const srv = await start();
    const wrongPw = await call(srv.baseUrl, 'POST', '/api/auth/login', { json: { ...ADMIN, password: 'wrong password!' } });
    const unknown = await call(srv.baseUrl, 'POST', '/api/auth/login', {
      json: { email: 'nobody@example.org', password: ADMIN.password },
    });
    for (const res of [wrongPw, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { id: 'invalid_credentials', message: 'Email or password is wrong' } });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const badEmail = await call(srv.baseUrl, 'POST', '/api/auth/login', { json: { email: 'not-an-email', password: 'x' } });
    expect(errorOf(badEmail)).toMatchObject({ id: 'validation_error', field: 'email' });
    const noBody = await call(srv.baseUrl, 'POST', '/api/auth/login');
    expect(noBody.status).toBe(400);
    expect(errorOf(noBody).id).toBe('validation_error');
  });
});

describe('sessions', () => {
  it('creates a session with fresh codes and lists it for its creator only', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const res = await call(srv.baseUrl, 'POST', '/api/sessions', {
      cookie,
      json: { title: '  Bildungskonferenz Frühjahr  ', kind: 'interfraktionelle_ag', date: '2026-04-01' },
    });
    expect(res.status).toBe(201);
    const session = (res.body as { session: SessionForModerator }).session;
    expect(session).toMatchObject({ title: 'Bildungskonferenz Frühjahr', kind: 'interfraktionelle_ag', date: '2026-04-01' });
    expect(isJoinCodeShaped(session.joinCode, JOIN_CODE_LENGTH)).toBe(true);
    expect(isJoinCodeShaped(session.observerCode, OBSERVER_CODE_LENGTH)).toBe(true);
    expect(session.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const list = await call(srv.baseUrl, 'GET', '/api/sessions', { cookie });
    expect(list.body).toEqual({ sessions: [session], colleagueSessions: [] });

    const other = await otherModerator(srv);
    // A colleague (same organisation) sees it apart, as a colleague's session, without its codes.
    const ofColleague = (await call(srv.baseUrl, 'GET', '/api/sessions', { cookie: other })).body as { sessions: unknown[]; colleagueSessions: { id: string; joinCode?: string }[] };
    expect(ofColleague.sessions).toEqual([]);
    expect(ofColleague.colleagueSessions.map((s) => s.id)).toEqual([session.id]);
    expect(ofColleague.colleagueSessions[0]!.joinCode).toBeUndefined();
    expect(errorOf(await call(srv.baseUrl, 'GET', '/api/sessions')).id).toBe('unauthenticated');
    const anon = await call(srv.baseUrl, 'POST', '/api/sessions', { json: { title: 't', kind: 'arbeitsgruppe', date: '2026-01-01' } });
    expect(anon.status).toBe(401);
  });

  it('names the offending field in validation errors', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const valid = { title: 'AG Übergang Schule–Beruf', kind: 'arbeitsgruppe', date: '2026-05-05' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, title: '   ' }, 'title'],
      [{ ...valid, title: 'x'.repeat(Limits.sessionTitleMaxLength + 1) }, 'title'],
      [{ ...valid, kind: 'lenkungskreis' }, 'kind'],
      [{ ...valid, date: '5.5.2026' }, 'date'],
      [{ title: valid.title, kind: valid.kind }, 'date'],
    ];
    for (const [json, field] of cases) {
      const res = await call(srv.baseUrl, 'POST', '/api/sessions', { cookie, json });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ id: 'validation_error', field });
      expect(errorOf(res).message).toContain(field);
    }
    const notObject = await call(srv.baseUrl, 'POST', '/api/sessions', { cookie, json: [1, 2] });
    expect(errorOf(notObject)).toEqual({ id: 'validation_error', message: expect.any(String) });
  });

  it('GET /api/sessions/:id: creator cookie, participant bearer, foreign and missing credentials', async () => {
    const srv = await start();
    const { cookie, session } = await seedSession(srv.baseUrl);
    const { session: otherSession } = await seedSession(srv.baseUrl);
    const participant = await joinOk(srv, session.joinCode, 'Anna');
    const foreign = await joinOk(srv, otherSession.joinCode, 'Fremd');
    const path = `/api/sessions/${session.id}`;

    const asModerator = await call(srv.baseUrl, 'GET', path, { cookie });
    expect(asModerator.body).toEqual({ session });

    const asParticipant = await call(srv.baseUrl, 'GET', path, { bearer: participant.token });
    expect(asParticipant.status).toBe(200);
    const { joinCode: _j, observerCode: _o, createdBy: _c, coModerators: _m, minutes: _f, ...publicView } = session;
    expect(asParticipant.body).toEqual({ session: publicView });

    const withForeignToken = await call(srv.baseUrl, 'GET', path, { bearer: foreign.token });
    expect(withForeignToken.status).toBe(403);
    expect(errorOf(withForeignToken).id).toBe('forbidden');

    const withGarbage = await call(srv.baseUrl, 'GET', path, { bearer: 'not-a-token' });
    expect(withGarbage.status).toBe(401);
    expect(errorOf(withGarbage).id).toBe('unauthenticated');

    const anonymous = await call(srv.baseUrl, 'GET', path);
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).id).toBe('unauthenticated');

    const otherCookie = await otherModerator(srv);
    const notCreator = await call(srv.baseUrl, 'GET', path, { cookie: otherCookie });
    expect(notCreator.status).toBe(403);
    expect(errorOf(notCreator).id).toBe('forbidden');

    const missing = await call(srv.baseUrl, 'GET', '/api/sessions/doesNotExist123', { cookie });
    expect(missing.status).toBe(404);
    expect(errorOf(missing).id).toBe('not_found');

    // A revoked token no longer opens anything.
    await srv.server.store.sessions.revokeParticipant(participant.participantId, new Date().toISOString());
    expect((await call(srv.baseUrl, 'GET', path, { bearer: participant.token })).status).toBe(401);
  });

  it('the creator enters the session as moderator with a token of their own', async () => {
    const srv = await start();
    const { cookie, session } = await seedSession(srv.baseUrl);
    const res = await call(srv.baseUrl, 'POST', `/api/sessions/${session.id}/enter`, { cookie });
    expect(res.status).toBe(201);
    const entered = res.body as JoinResponse;
    expect(entered).toMatchObject({
      sessionId: session.id,
      role: 'moderator',
      displayName: 'Moderator',
      docs: { notes: `${session.id}:notes` },
    });
    const asBearer = await call(srv.baseUrl, 'GET', `/api/sessions/${session.id}`, { bearer: entered.token });
    expect(asBearer.status).toBe(200);
    const stored = await srv.server.store.sessions.findParticipantByToken(entered.token);
    expect(stored).toBeUndefined(); // only the hash is stored

    const otherCookie = await otherModerator(srv);
    const foreign = await call(srv.baseUrl, 'POST', `/api/sessions/${session.id}/enter`, { cookie: otherCookie });
    expect(foreign.status).toBe(403);
    expect((await call(srv.baseUrl, 'POST', `/api/sessions/${session.id}/enter`)).status).toBe(401);
  });
});

describe('join', () => {
  it('previews and joins by join code (participant) and observer code (observer)', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const { joinCode: _j, observerCode: _o, createdBy: _c, coModerators: _m, minutes: _f, ...publicView } = session;

    // Typed the way people type: lower case, with a dash and spaces.
    const typed = ` ${session.joinCode.slice(0, 3).toLowerCase()}-${session.joinCode.slice(3)} `;
    const preview = await call(srv.baseUrl, 'GET', `/api/join/${encodeURIComponent(typed)}`);
    expect(preview.body).toEqual({ session: publicView, role: 'participant' } satisfies JoinPreview);
    const observerPreview = await call(srv.baseUrl, 'GET', `/api/join/${session.observerCode}`);
    expect(observerPreview.body).toEqual({ session: publicView, role: 'observer' });

    const joined = await call(srv.baseUrl, 'POST', '/api/join', { json: { code: typed, name: '  Anna  ' } });
    expect(joined.status).toBe(201);
    const participant = joined.body as JoinResponse;
    expect(participant).toMatchObject({
      sessionId: session.id,
      role: 'participant',
      displayName: 'Anna',
      docs: { notes: `${session.id}:notes` },
    });
    expect(participant.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const observer = await joinOk(srv, session.observerCode.toLowerCase(), 'Beobachter');
    expect(observer.role).toBe('observer');
    expect(observer.participantId).not.toBe(participant.participantId);
  });

  it('an unknown or malformed code is 404 unknown_join_code; a missing name is a validation error', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const unused = session.joinCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (const code of [unused, '0OIL01', 'ABC', 'ABCDEFGHJKM']) {
      const res = await call(srv.baseUrl, 'GET', `/api/join/${code}`);
      expect(res.status).toBe(404);
      expect(errorOf(res).id).toBe('unknown_join_code');
    }
    const post = await call(srv.baseUrl, 'POST', '/api/join', { json: { code: unused, name: 'Anna' } });
    expect(post.status).toBe(404);
    expect(errorOf(post).id).toBe('unknown_join_code');

    const noName = await call(srv.baseUrl, 'POST', '/api/join', { json: { code: session.joinCode, name: ' ' } });
    expect(errorOf(noName)).toMatchObject({ id: 'validation_error', field: 'name' });
  });

  it('refuses a client IP after too many wrong codes with 429 and Retry-After', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const unused = session.joinCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < API_RATE_LIMITS.join.maxFailures; i++) {
      expect((await call(srv.baseUrl, 'GET', `/api/join/${unused}`)).status).toBe(404);
    }
    const limited = await call(srv.baseUrl, 'GET', `/api/join/${session.joinCode}`);
    expect(limited.status).toBe(429);
    expect(errorOf(limited).id).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const limitedPost = await call(srv.baseUrl, 'POST', '/api/join', { json: { code: session.joinCode, name: 'A' } });
    expect(limitedPost.status).toBe(429);
    // Other routes are not affected.
    expect((await call(srv.baseUrl, 'GET', '/api/health')).status).toBe(200);
    expect((await call(srv.baseUrl, 'POST', '/api/auth/login', { json: ADMIN })).status).toBe(200);
  });
});

async function joinOk(srv: InProcess, code: string, name: string): Promise<JoinResponse> {
  const res = await call(srv.baseUrl, 'POST', '/api/join', { json: { code, name } });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as JoinResponse;
}

/** A second moderator account, logged in. */
async function otherModerator(srv: InProcess): Promise<string> {
  const { hashPassword } = await import('../auth/passwords');
  await srv.server.store.accounts.upsert({
    email: 'other@example.org',
    displayName: 'Other',
    passwordHash: await hashPassword('other password 123'),
  });
  const res = await call(srv.baseUrl, 'POST', '/api/auth/login', {
    json: { email: 'other@example.org', password: 'other password 123' },
  });
  return loginCookie(res).pair;
}
