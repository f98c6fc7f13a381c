/**
 * Hardening of the HTTP side against the real server on port 0 with a real SQLite file: what
 * reaches the log, the security headers, media types, the login cookie behind a proxy, the Origin
 * check, names and titles with bidi controls, and whose Lenkungskreis invitations and members a
 * moderator may manage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connectIo } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/errors';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { createServer } from '../app';
import { bootstrapAccounts } from '../auth/bootstrap';
import { loadConfig } from '../config';
import { createSqliteStore } from '../store/sqlite';
import { enterAsModerator, ok, send, stateWhere, useSockets } from '../test/sockets';
import { ADMIN, cleanup, createSession, type InProcess, joinSession, login, opened, rawConnect, tempDir } from '../test/harness';

const running: InProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.stop();
    cleanup(s.dataDir);
  }
});

interface StartOptions {
  env?: Record<string, string>;
  /** Collects every log line (the level comes from env.LOG_LEVEL, default silent). */
  log?: string[];
  clientFiles?: Record<string, string>;
}

/** The real server with the admin account from the environment, optionally logging and serving a client. */
async function start(options: StartOptions = {}): Promise<InProcess & { setupUrl: string | undefined }> {
  const dataDir = tempDir();
  let clientDir: string | undefined;
  if (options.clientFiles) {
    clientDir = join(dataDir, 'client');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    for (const [name, body] of Object.entries(options.clientFiles)) writeFileSync(join(clientDir, name), body);
  }
  const config = loadConfig(
    { WERKRAUM_ADMIN_EMAIL: ADMIN.email, WERKRAUM_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', ...options.env },
    { port: 0, host: '127.0.0.1', dataDir, dbFile: join(dataDir, 'werkraum.sqlite'), clientDir },
  );
  const store = createSqliteStore(config.dbFile, config.sqliteSync);
  const lines = options.log;
  const server = await createServer(config, store, lines ? { logStream: { write: (line: string) => lines.push(line) } } : {});
  const { setupUrl } = await bootstrapAccounts(store, config, server.app.log);
  const port = await server.listen();
  const s = {
    server,
    dataDir,
    setupUrl,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    stop: () => server.close(),
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
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    body = opts.raw;
  }
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // not JSON (the app shell)
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const errorOf = (c: Call): ApiErrorBody['error'] => (c.body as ApiErrorBody).error;

describe('the log', () => {
  it('never holds a join code, an invitation code, a token or a setup link, at any level', async () => {
    const log: string[] = [];
    const srv = await start({ log, env: { LOG_LEVEL: 'trace' } });
    const cookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const invitation = (await call(srv.baseUrl, 'POST', '/api/lenkungskreis/invitations', { cookie, json: { label: 'Dezernentin' } })).body as { code: string };
    const setupToken = 'S3tupT0kenThatMustNotBeLogged_0123456789ab';

    // The preview requests carry the codes in their paths.
    expect((await call(srv.baseUrl, 'GET', `/api/join/${session.joinCode}`)).status).toBe(200);
    expect((await call(srv.baseUrl, 'GET', `/api/join/${session.observerCode.toLowerCase()}?utm=${session.observerCode}`)).status).toBe(200);
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${invitation.code}`)).status).toBe(200);
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${invitation.code}x`)).status).toBe(404);
    // Client routes with secrets (no client is served here: fastify's own not-found message).
    expect((await call(srv.baseUrl, 'GET', `/join/${session.joinCode}`)).status).toBe(404);
    expect((await call(srv.baseUrl, 'GET', `/setup?token=${setupToken}`)).status).toBe(404);
    expect((await call(srv.baseUrl, 'GET', `/lenkungskreis/einladung?code=${invitation.code}`)).status).toBe(404);
    // A token in a query string and in a header, and a malformed URL that fastify complains about.
    await call(srv.baseUrl, 'GET', `/api/sessions/${session.id}?token=${anna.token}`, { bearer: anna.token });
    await call(srv.baseUrl, 'GET', `/api/join/%E0%A4%A${session.joinCode}`);
    // A Yjs connection with its token in the query.
    const conn = rawConnect(`${srv.wsUrl}/${anna.docs.notes}?token=${anna.token}&v=${PROTOCOL_VERSION}`);
    await opened(conn);
    conn.ws.close();
    await conn.closed;

    const text = log.join('');
    // The requests were logged (at trace level, fastify logs each one), with the secrets replaced.
    expect(text).toContain('"url":"/api/join/[redacted]"');
    expect(text).toContain('"url":"/api/lenkungskreis/join/[redacted]"');
    expect(text).toContain('/setup?token=[redacted]');
    for (const secret of [session.joinCode, session.observerCode, session.observerCode.toLowerCase(), invitation.code, anna.token, setupToken, cookie.split('=')[1]!]) {
      expect(text.includes(secret), `log contains ${secret}`).toBe(false);
    }
  });

  it('at the default level as well', async () => {
    const log: string[] = [];
    const srv = await start({ log, env: { LOG_LEVEL: 'info' } });
    const cookie = await login(srv.baseUrl);
    const invitation = (await call(srv.baseUrl, 'POST', '/api/lenkungskreis/invitations', { cookie, json: {} })).body as { code: string };
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${invitation.code}`)).status).toBe(200);
    const text = log.join('');
    expect(text).toContain('/api/lenkungskreis/join/[redacted]');
    expect(text).not.toContain(invitation.code);
  });
});

describe('security headers', () => {
  const client = {
    'index.html': '<!doctype html><title>Werkraum</title><script type="module" src="/assets/index-abc.js"></script>',
    'sw.js': 'importScripts("/workbox-d8ed3718.js");',
    'workbox-d8ed3718.js': '// workbox',
    'assets/index-abc.js': 'console.log(1)',
  };

  it('the app shell, the service worker and every file carry a strict CSP and frame protection', async () => {
    const srv = await start({ clientFiles: client });
    const host = new URL(srv.baseUrl).host;
    for (const path of ['/', '/index.html', '/s/abc/b/swot', '/join/ABCDEF', '/sw.js', '/workbox-d8ed3718.js', '/assets/index-abc.js']) {
      const res = await fetch(srv.baseUrl + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self';");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain(`connect-src 'self' ws://${host} wss://${host}`);
      expect(csp, path).toContain("img-src 'self' data: blob:");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
    }
  });

  it('API answers, errors included, load nothing and may not be framed', async () => {
    const srv = await start({ clientFiles: client });
    const cookie = await login(srv.baseUrl);
    for (const res of [
      await call(srv.baseUrl, 'GET', '/api/health'),
      await call(srv.baseUrl, 'GET', '/api/nope'),
      await call(srv.baseUrl, 'GET', '/api/sessions', { cookie }),
      await call(srv.baseUrl, 'POST', '/api/join', { raw: '{', headers: { 'content-type': 'application/json' } }),
    ]) {
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('with PUBLIC_URL, the sockets allowed are those of the public address', async () => {
    const srv = await start({ clientFiles: client, env: { PUBLIC_URL: 'https://werkraum.kreis.de' } });
    const res = await fetch(`${srv.baseUrl}/`);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' ws://werkraum.kreis.de wss://werkraum.kreis.de;");
  });
});

describe('the Origin check', () => {
  /** A socket.io handshake over long-polling (where custom headers can be set); resolves with whether it got in. */
  async function socketGetsIn(baseUrl: string, token: string, headers: Record<string, string>): Promise<boolean> {
    const socket = connectIo(baseUrl, {
      path: '/socket.io',
      auth: { token, protocolVersion: PROTOCOL_VERSION },
      transports: ['polling'],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    try {
      return await new Promise<boolean>((resolve) => {
        socket.once('session.welcome', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
    } finally {
      socket.disconnect();
    }
  }

  it('compares the scheme too: an http page may not act on a server reached over https', async () => {
    // Behind a trusted TLS proxy the server knows it is reached over https.
    const srv = await start({ env: { WERKRAUM_TRUST_PROXY: 'loopback' } });
    const host = new URL(srv.baseUrl).host;
    const viaProxy = { 'x-forwarded-proto': 'https' };
    const login = (origin: string) => call(srv.baseUrl, 'POST', '/api/auth/login', { json: ADMIN, headers: { ...viaProxy, origin } });
    const downgraded = await login(`http://${host}`);
    expect(downgraded.status).toBe(403);
    expect(errorOf(downgraded).id).toBe('forbidden');
    expect((await login(`https://${host}`)).status).toBe(200);
    expect((await login(`https://${host.replace(/:\d+$/, ':1')}`)).status).toBe(403);

    const cookie = await loginCookieOf(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    expect(await socketGetsIn(srv.baseUrl, anna.token, { ...viaProxy, origin: `http://${host}` })).toBe(false);
    expect(await socketGetsIn(srv.baseUrl, anna.token, { ...viaProxy, origin: `https://${host}` })).toBe(true);
  });

  it('the host of PUBLIC_URL counts with the scheme of PUBLIC_URL only', async () => {
    const srv = await start({ env: { PUBLIC_URL: 'https://werkraum.kreis.de' } });
    const login = (origin: string) => call(srv.baseUrl, 'POST', '/api/auth/login', { json: ADMIN, headers: { origin } });
    expect((await login('http://werkraum.kreis.de')).status).toBe(403);
    expect((await login('https://werkraum.kreis.de')).status).toBe(200);

    const cookie = await loginCookieOf(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    expect(await socketGetsIn(srv.baseUrl, anna.token, { origin: 'http://werkraum.kreis.de' })).toBe(false);
    expect(await socketGetsIn(srv.baseUrl, anna.token, { origin: 'https://werkraum.kreis.de' })).toBe(true);
  });
});

/** Logs the admin in and returns the cookie pair and the Set-Cookie attributes. */
async function loginWith(baseUrl: string, headers: Record<string, string> = {}): Promise<{ pair: string; attributes: string; logout: Call }> {
  const res = await call(baseUrl, 'POST', '/api/auth/login', { json: ADMIN, headers });
  const header = res.headers.getSetCookie().find((h) => h.startsWith('werkraum_login='));
  if (!header) throw new Error(`no login cookie (${res.status})`);
  const pair = header.split(';')[0]!;
  const logout = await call(baseUrl, 'POST', '/api/auth/logout', { cookie: pair, headers });
  return { pair, attributes: header, logout };
}

async function loginCookieOf(baseUrl: string): Promise<string> {
  const res = await call(baseUrl, 'POST', '/api/auth/login', { json: ADMIN });
  return res.headers.getSetCookie().find((h) => h.startsWith('werkraum_login='))!.split(';')[0]!;
}

describe('the login cookie', () => {
  it('is Secure behind a proxy with the default trust setting when PUBLIC_URL is https', async () => {
    const srv = await start({ env: { PUBLIC_URL: 'https://werkraum.kreis.de' } });
    // The proxy ends TLS and forwards plain http; the server does not trust its headers.
    const { attributes, logout } = await loginWith(srv.baseUrl, { 'x-forwarded-proto': 'https' });
    expect(attributes).toMatch(/; Secure/i);
    expect(logout.headers.getSetCookie().join()).toMatch(/werkraum_login=;.*Secure/i);
    // Without any forwarding header as well: PUBLIC_URL decides.
    expect((await loginWith(srv.baseUrl)).attributes).toMatch(/; Secure/i);
  });

  it('is Secure through a trusted https proxy without PUBLIC_URL, and not on plain http', async () => {
    const trusting = await start({ env: { WERKRAUM_TRUST_PROXY: 'loopback' } });
    expect((await loginWith(trusting.baseUrl, { 'x-forwarded-proto': 'https' })).attributes).toMatch(/; Secure/i);
    expect((await loginWith(trusting.baseUrl)).attributes).not.toMatch(/; Secure/i);
    const plain = await start({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    expect((await loginWith(plain.baseUrl)).attributes).not.toMatch(/; Secure/i);
  });
});

describe('media types', () => {
  it('a text/plain or form body is 415 unsupported_media_type, whatever it contains', async () => {
    const srv = await start();
    const session = await createSession(srv.baseUrl, await loginCookieOf(srv.baseUrl));
    const body = JSON.stringify({ code: session.joinCode, name: 'Anna' });
    for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await call(srv.baseUrl, 'POST', '/api/join', { raw: body, headers: { 'content-type': contentType } });
      expect(res.status, contentType).toBe(415);
      expect(errorOf(res), contentType).toEqual({ id: 'unsupported_media_type', message: 'Send the request body as application/json' });
    }
    // Nobody was admitted by any of them; the same body as JSON works.
    expect(await srv.server.store.moderation.listParticipants(session.id)).toHaveLength(0);
    expect((await call(srv.baseUrl, 'POST', '/api/join', { raw: body, headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(201);
  });
});

describe('names and titles with bidirectional control characters', () => {
  const { connectSocket } = useSockets();
  // "Protokoll" + RIGHT-TO-LEFT OVERRIDE + "fdp.exe" reads as "Protokollexe.pdf".
  const spoofed = 'Protokoll\u202Efdp.exe';

  it('are refused by the API with validation_error naming the field, and nothing is stored', async () => {
    const srv = await start();
    const cookie = await loginCookieOf(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);

    const join = await call(srv.baseUrl, 'POST', '/api/join', { json: { code: session.joinCode, name: `Anna\u2067` } });
    expect(join.status).toBe(400);
    expect(errorOf(join)).toMatchObject({ id: 'validation_error', field: 'name' });
    expect(await srv.server.store.moderation.listParticipants(session.id)).toHaveLength(0);

    const created = await call(srv.baseUrl, 'POST', '/api/sessions', { cookie, json: { title: spoofed, kind: 'arbeitsgruppe', date: '2026-12-01' } });
    expect(created.status).toBe(400);
    expect(errorOf(created)).toMatchObject({ id: 'validation_error', field: 'title' });
    expect(errorOf(created).message).toContain('bidirectional control characters');
    const sessions = (await call(srv.baseUrl, 'GET', '/api/sessions', { cookie })).body as { sessions: unknown[] };
    expect(sessions.sessions).toHaveLength(1);

    const invitation = await call(srv.baseUrl, 'POST', '/api/lenkungskreis/invitations', { cookie, json: { label: `Dezernentin\u200F` } });
    expect(errorOf(invitation)).toMatchObject({ id: 'validation_error', field: 'label' });
    const ok = (await call(srv.baseUrl, 'POST', '/api/lenkungskreis/invitations', { cookie, json: { label: 'Dezernentin' } })).body as { code: string };
    const member = await call(srv.baseUrl, 'POST', '/api/lenkungskreis/join', { json: { code: ok.code, name: spoofed } });
    expect(errorOf(member)).toMatchObject({ id: 'validation_error', field: 'name' });
    // The invitation was not used up by the refused attempt.
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${ok.code}`)).status).toBe(200);
  });

  it('are refused over socket.io for agenda items and voting rounds', async () => {
    const srv = await start();
    const cookie = await loginCookieOf(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const mod = connectSocket(srv.baseUrl, (await enterAsModerator(srv.baseUrl, cookie, session.id)).token);
    await mod.welcome;
    const refusals = [
      await send(mod, 'agenda.add', { title: spoofed, phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 }),
      await send(mod, 'vote.open', { config: { method: 'konsenscheck', title: spoofed, options: [{ label: 'Ganztag' }] } }),
      await send(mod, 'vote.open', { config: { method: 'konsenscheck', title: 'Leitziel', options: [{ label: `Ganztag\u202D` }] } }),
    ];
    for (const res of refusals) {
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatchObject({ id: 'validation_error', message: expect.stringContaining('bidirectional control characters') as unknown });
    }
    const state = await stateWhere(mod, () => true);
    expect(state.agenda).toHaveLength(0);
    expect(state.rounds).toHaveLength(0);
    await ok(mod, 'agenda.add', { title: 'Begrüßung', phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 });
    await stateWhere(mod, (s) => s.agenda.length === 1, 'agenda item');
  });
});

describe('Lenkungskreis invitations and members', () => {
  /** An account of a second organisation, logged in (colleagues of one organisation share Lenkungskreis access). */
  async function otherModerator(srv: InProcess): Promise<string> {
    const { hashPassword } = await import('../auth/passwords');
    const organisation = await srv.server.store.organisations.create({ id: 'zweite-organisation', name: 'Zweites Bildungsbüro', createdAt: new Date().toISOString() });
    await srv.server.store.accounts.create({ email: 'zweite@example.org', displayName: 'Zweite', passwordHash: await hashPassword('zweites passwort 123'), organisationId: organisation.id, role: 'admin' });
    const res = await call(srv.baseUrl, 'POST', '/api/auth/login', { json: { email: 'zweite@example.org', password: 'zweites passwort 123' } });
    return res.headers.getSetCookie().find((h) => h.startsWith('werkraum_login='))!.split(';')[0]!;
  }

  async function invite(srv: InProcess, cookie: string, label: string): Promise<{ id: string; code: string }> {
    const res = await call(srv.baseUrl, 'POST', '/api/lenkungskreis/invitations', { cookie, json: { label } });
    expect(res.status).toBe(201);
    const body = res.body as { invitation: { id: string }; code: string };
    return { id: body.invitation.id, code: body.code };
  }

  async function redeem(srv: InProcess, code: string, name: string): Promise<{ id: string; token: string }> {
    const res = await call(srv.baseUrl, 'POST', '/api/lenkungskreis/join', { json: { code, name } });
    expect(res.status).toBe(201);
    const body = res.body as { token: string; member: { id: string } };
    return { id: body.member.id, token: body.token };
  }

  const labels = async (srv: InProcess, cookie: string) =>
    ((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/invitations', { cookie })).body as { invitations: { label: string }[] }).invitations.map((i) => i.label).sort();
  const memberNames = async (srv: InProcess, cookie: string) =>
    ((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/members', { cookie })).body as { members: { displayName: string }[] }).members.map((m) => m.displayName).sort();

  it('each organisation lists, withdraws and revokes only its own', async () => {
    const srv = await start();
    const first = await loginCookieOf(srv.baseUrl);
    const second = await otherModerator(srv);

    const firstOpen = await invite(srv, first, 'Erste: offen');
    const firstUsed = await invite(srv, first, 'Erste: eingelöst');
    const secondOpen = await invite(srv, second, 'Zweite: offen');
    const secondUsed = await invite(srv, second, 'Zweite: eingelöst');
    const dezernentin = await redeem(srv, firstUsed.code, 'Dezernentin');
    const amtsleiter = await redeem(srv, secondUsed.code, 'Amtsleiter');

    // Lists: each sees their own.
    expect(await labels(srv, first)).toEqual(['Erste: eingelöst', 'Erste: offen']);
    expect(await labels(srv, second)).toEqual(['Zweite: eingelöst', 'Zweite: offen']);
    expect(await memberNames(srv, first)).toEqual(['Dezernentin']);
    expect(await memberNames(srv, second)).toEqual(['Amtsleiter']);

    // Another organisation's invitation and member do not exist for them: 404, nothing changes.
    const withdrawForeign = await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/invitations/${secondOpen.id}`, { cookie: first });
    expect(withdrawForeign.status).toBe(404);
    expect(errorOf(withdrawForeign).id).toBe('not_found');
    const revokeForeign = await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/members/${amtsleiter.id}`, { cookie: first });
    expect(revokeForeign.status).toBe(404);
    expect(errorOf(revokeForeign).id).toBe('not_found');
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${secondOpen.code}`)).status).toBe(200);
    expect((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/me', { bearer: amtsleiter.token })).status).toBe(200);

    // Their own: withdrawn and revoked.
    expect((await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/invitations/${firstOpen.id}`, { cookie: first })).status).toBe(204);
    expect((await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/members/${dezernentin.id}`, { cookie: first })).status).toBe(204);
    expect((await call(srv.baseUrl, 'GET', `/api/lenkungskreis/join/${firstOpen.code}`)).status).toBe(404);
    expect((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/me', { bearer: dezernentin.token })).status).toBe(401);
    expect(await labels(srv, first)).toEqual(['Erste: eingelöst']);

    // The second moderator still manages theirs.
    expect((await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/invitations/${secondOpen.id}`, { cookie: second })).status).toBe(204);
    expect((await call(srv.baseUrl, 'DELETE', `/api/lenkungskreis/members/${amtsleiter.id}`, { cookie: second })).status).toBe(204);
    expect((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/me', { bearer: amtsleiter.token })).status).toBe(401);
    // Unknown ids and no cookie as before.
    expect((await call(srv.baseUrl, 'DELETE', '/api/lenkungskreis/members/nobody', { cookie: second })).status).toBe(404);
    expect((await call(srv.baseUrl, 'GET', '/api/lenkungskreis/members')).status).toBe(401);
  });
});
