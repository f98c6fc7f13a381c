/**
 * Organisations against the real server on port 0 with a real SQLite file: two organisations on
 * one installation see and change nothing of each other — every registered HTTP route with
 * parameters is called by organisation B's staff, Lenkungskreis member and participant with
 * organisation A's ids (the routes are collected from the server, not listed here, so new routes
 * are covered as they come) —, a Lenkungskreis member sees only its organisation's drafts, an
 * account cannot open another organisation's session live, staff management (administrators
 * only, never without an administrator, a one-time setup link), taking over a colleague's
 * session, and the privacy notice per organisation.
 */
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { MeResponse, SessionForModerator, SessionsResponse, StaffResponse, StaffSetupLink } from '../../shared/api';
import type { DraftListResponse } from '../../shared/decisionApi';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { hashPassword } from '../auth/passwords';
import { api } from '../test/decisionSeed';
import { ADMIN, createSession, type InProcess, joinSession, login, useRealServers, waitFor } from '../test/harness';
import { useSockets } from '../test/sockets';

const { start } = useRealServers();
const { connectProjector } = useSockets();

const CANARY = 'Kanarienvogel-Organisation-A-7f3c';
const PASSWORD = 'ein langes passwort 123';

async function loginAs(srv: InProcess, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${srv.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** A second organisation with an administrator who can log in. */
async function secondOrganisation(srv: InProcess, name = 'Bildungsbüro B', email = 'admin-b@example.org') {
  const store = srv.server.store;
  const organisation = await store.organisations.create({ id: `org-${email}`, name, createdAt: new Date().toISOString() });
  const admin = await store.accounts.create({ email, displayName: 'Bea B', passwordHash: await hashPassword(PASSWORD), organisationId: organisation.id, role: 'admin' });
  return { organisation, admin, cookie: await loginAs(srv, email) };
}

/** A Lenkungskreis member of the organisation of `cookie`'s account: invitation and redemption over the API. */
async function lenkungskreisMember(srv: InProcess, cookie: string, name: string) {
  const inv = await api<{ code: string; invitation: { id: string } }>(srv.baseUrl, 'POST', '/lenkungskreis/invitations', { cookie }, { label: name });
  expect(inv.status).toBe(201);
  const joined = await api<{ token: string; member: { id: string } }>(srv.baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name });
  expect(joined.status).toBe(201);
  return { invitationId: inv.body.invitation.id, token: joined.body.token, memberId: joined.body.member.id };
}

/** A decision draft of the session, handed over (written to the store as the workflow would). */
async function handedOverDraft(srv: InProcess, sessionId: string, accountId: string, title: string) {
  const now = new Date().toISOString();
  const actor = { kind: 'moderator' as const, id: accountId, displayName: 'Moderation' };
  const draft = await srv.server.store.decisions.createDraft({
    id: `draft-${sessionId}`,
    sessionId,
    title,
    gremium: 'Lenkungskreis',
    provenance: { sources: [], consensus: [], participation: { people: 0, byActorGroup: [], withoutGroup: 0, observers: 0, maxVoters: 0 } },
    createdBy: actor,
    createdAt: now,
  });
  const frozen = await srv.server.store.decisions.freezeVersion(draft.id, ['entwurf'], {
    contentJson: JSON.stringify({ title }),
    contentHash: 'hash',
    title,
    gremium: 'Lenkungskreis',
    handedOverAt: now,
    handedOverBy: actor,
    findings: [],
    note: '',
  });
  expect(frozen).toBeDefined();
  return draft;
}

/** Organisation A (the installation's first: the harness's admin) with a canary in everything it owns. */
async function seedOrganisationA(srv: InProcess) {
  const store = srv.server.store;
  const cookie = await login(srv.baseUrl);
  const admin = (await store.accounts.findByEmail(ADMIN.email))!;
  const colleague = await store.accounts.create({ email: 'kollegin-a@example.org', displayName: `Kollegin ${CANARY}`, passwordHash: await hashPassword(PASSWORD), organisationId: admin.organisationId, role: 'staff' });
  const session = await createSession(srv.baseUrl, cookie);
  expect((await api(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, { title: CANARY })).status).toBe(200);
  expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie }, { accountId: colleague.id })).status).toBe(200);
  const draft = await handedOverDraft(srv, session.id, admin.id, `Vorlage ${CANARY}`);
  const member = await lenkungskreisMember(srv, cookie, `Dezernentin ${CANARY}`);
  const openInvitation = await api<{ invitation: { id: string } }>(srv.baseUrl, 'POST', '/lenkungskreis/invitations', { cookie }, { label: `Offen ${CANARY}` });
  const job = await api<{ job: { id: string } }>(srv.baseUrl, 'POST', `/sessions/${session.id}/exports`, { cookie }, { format: 'md' });
  expect(job.status).toBe(202);
  expect((await api(srv.baseUrl, 'PUT', '/privacy', { cookie }, { text: `Hinweis ${CANARY}` })).status).toBe(200);
  return { cookie, admin, colleague, session, draft, member, invitationId: openInvitation.body.invitation.id, jobId: job.body.job.id };
}

describe('organisations', () => {
  it('keeps organisation A out of reach of B’s staff, Lenkungskreis and participants on every route with parameters', async () => {
    const srv = await start();
    const a = await seedOrganisationA(srv);
    const b = await secondOrganisation(srv);
    const bSession = await createSession(srv.baseUrl, b.cookie);
    const bMember = await lenkungskreisMember(srv, b.cookie, 'Mitglied B');
    const bParticipant = await joinSession(srv.baseUrl, bSession.joinCode, 'Paula B');

    // A's ids, by the parameter's name and the route it is in. A route with a parameter that is
    // not known here fails the test: add it, so that no route goes unchecked.
    const valueFor = (url: string, name: string): string => {
      if (name === 'id' && url.startsWith('/api/sessions/')) return a.session.id;
      if (name === 'id' && url.startsWith('/api/lenkungskreis/invitations/')) return a.invitationId;
      if (name === 'id' && url.startsWith('/api/lenkungskreis/members/')) return a.member.memberId;
      if (name === 'id' && url.startsWith('/api/lenkungskreis/me/devices/')) return `first-${a.member.memberId}`;
      if (name === 'id' && url.startsWith('/api/organisation/staff/')) return a.colleague.id;
      if (name === 'accountId') return a.colleague.id;
      if (name === 'draftId') return a.draft.id;
      if (name === 'number') return '1';
      if (name === 'jobId') return a.jobId;
      if (name === 'kind' && url.includes('/boards/:kind/')) return 'swot';
      throw new Error(`no value of organisation A for :${name} in ${url}`);
    };
    // Routes whose parameter is a secret code, not an id: whoever holds the code is meant to use it.
    const capabilityRoutes = new Set(['/api/join/:code', '/api/lenkungskreis/join/:code', '/api/lenkungskreis/device/:code']);
    // Bodies that pass validation, so the access check is what answers (B's own ids where an id is asked).
    const bodies: Record<string, unknown> = {
      'POST /api/decisions/:draftId/exports': { format: 'md' },
      'POST /api/sessions/:id/exports': { format: 'md' },
      'POST /api/sessions/:id/moderators': { accountId: b.admin.id },
      'PATCH /api/organisation/staff/:id': { role: 'admin' },
      'PATCH /api/sessions/:id': { title: 'Übernommen' },
      'POST /api/decisions/:draftId/comments': { text: 'Kommentar' },
      'POST /api/decisions/:draftId/status': { to: 'in_beratung' },
    };

    // The OParl endpoint is public by design and publishes only what is marked öffentlich, of every
    // organisation (server/decisions/oparl.int.test.ts crawls it for anything else).
    const isPublic = (url: string) => url.startsWith('/api/oparl/');
    const routes = srv.server.routes.filter((r) => r.url.includes('/:') && r.url.startsWith('/api/') && !capabilityRoutes.has(r.url) && !isPublic(r.url));
    expect(routes.length).toBeGreaterThan(30);
    const callers = [
      { who: 'staff of B', auth: { cookie: b.cookie }, allowed: [403, 404] },
      { who: 'Lenkungskreis member of B', auth: { bearer: bMember.token }, allowed: [401, 403, 404] },
      { who: 'participant of B', auth: { bearer: bParticipant.token }, allowed: [401, 403, 404] },
    ];
    const leaks: string[] = [];
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(valueFor(route.url, name))).slice('/api'.length);
      const key = `${route.method} ${route.url}`;
      const body = route.method === 'GET' || route.method === 'HEAD' ? undefined : (bodies[key] ?? {});
      for (const caller of callers) {
        const res = await api(srv.baseUrl, route.method, path, caller.auth, body);
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        if (!caller.allowed.includes(res.status) || text.includes(CANARY) || text.includes(a.session.joinCode)) {
          leaks.push(`${key} as ${caller.who}: ${res.status} ${text.slice(0, 200)}`);
        }
      }
    }
    expect(leaks).toEqual([]);

    // The lists of B hold nothing of A either.
    for (const path of ['/sessions', '/accounts', '/lenkungskreis/invitations', '/lenkungskreis/members', '/organisation', '/organisation/staff', '/privacy', '/me/data', '/auth/me']) {
      const res = await api(srv.baseUrl, 'GET', path, { cookie: b.cookie });
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.body), path).not.toContain(CANARY);
    }
    const inbox = await api<DraftListResponse>(srv.baseUrl, 'GET', '/lenkungskreis/inbox', { bearer: bMember.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.drafts).toEqual([]);

    // Nothing of A changed.
    const store = srv.server.store;
    const session = (await store.sessions.findById(a.session.id))!;
    expect(session).toMatchObject({ title: CANARY, archivedAt: null, coModeratorIds: [a.colleague.id] });
    expect((await store.decisions.findInvitation(a.invitationId))!.withdrawnAt).toBeNull();
    expect((await store.decisions.findMember(a.member.memberId))!.revokedAt).toBeNull();
    expect((await store.decisions.findDraft(a.draft.id))!.status).toBe('uebergeben');
    expect((await store.accounts.findById(a.colleague.id))!.role).toBe('staff');
    expect((await store.decisions.listComments(a.draft.id)).length).toBe(0);
    expect((await store.settings.get(a.admin.organisationId, 'privacyNotice'))!.value).toBe(`Hinweis ${CANARY}`);
    expect((await store.sessions.listForAccount(b.admin.id)).map((s) => s.id)).toEqual([bSession.id]);
  });

  it('shows a Lenkungskreis member only the handed-over drafts of its own organisation', async () => {
    const srv = await start();
    const a = await seedOrganisationA(srv);
    const b = await secondOrganisation(srv);
    const bSession = await createSession(srv.baseUrl, b.cookie);
    const bDraft = await handedOverDraft(srv, bSession.id, b.admin.id, 'Vorlage B');
    const bMember = await lenkungskreisMember(srv, b.cookie, 'Mitglied B');

    const inboxA = await api<DraftListResponse>(srv.baseUrl, 'GET', '/lenkungskreis/inbox', { bearer: a.member.token });
    expect(inboxA.body.drafts.map((d) => d.id)).toEqual([a.draft.id]);
    const inboxB = await api<DraftListResponse>(srv.baseUrl, 'GET', '/lenkungskreis/inbox', { bearer: bMember.token });
    expect(inboxB.body.drafts.map((d) => d.id)).toEqual([bDraft.id]);

    expect((await api(srv.baseUrl, 'GET', `/decisions/${a.draft.id}/versions`, { bearer: a.member.token })).status).toBe(200);
    expect((await api(srv.baseUrl, 'GET', `/decisions/${a.draft.id}/versions`, { bearer: bMember.token })).status).toBe(404);
    const refused = await api(srv.baseUrl, 'GET', `/decisions/${a.draft.id}`, { bearer: bMember.token });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(CANARY);
    expect((await api(srv.baseUrl, 'GET', `/decisions/${bDraft.id}`, { bearer: a.member.token })).status).toBe(404);

    // Every staff account of the organisation manages its Lenkungskreis access, no one else's.
    const colleagueCookie = await loginAs(srv, a.colleague.email);
    const members = await api<{ members: { id: string }[] }>(srv.baseUrl, 'GET', '/lenkungskreis/members', { cookie: colleagueCookie });
    expect(members.body.members.map((m) => m.id)).toEqual([a.member.memberId]);
    const invitations = await api<{ invitations: { id: string }[] }>(srv.baseUrl, 'GET', '/lenkungskreis/invitations', { cookie: colleagueCookie });
    expect(invitations.body.invitations.map((i) => i.id).sort()).toEqual([a.invitationId, a.member.invitationId].sort());
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/invitations/${a.invitationId}`, { cookie: colleagueCookie })).status).toBe(204);
    expect((await api(srv.baseUrl, 'DELETE', `/lenkungskreis/members/${bMember.memberId}`, { cookie: colleagueCookie })).status).toBe(404);
    expect((await srv.server.store.decisions.findMember(bMember.memberId))!.revokedAt).toBeNull();
  });

  it('refuses an account of another organisation live, even one that was made co-moderator behind the API’s back', async () => {
    const srv = await start();
    const a = await seedOrganisationA(srv);
    const b = await secondOrganisation(srv);
    // Co-moderators are colleagues; a row that says otherwise must not open the session to B.
    await srv.server.store.sessions.addCoModerator(a.session.id, b.admin.id, b.admin.id, new Date().toISOString());

    const refusedSocket = async (cookie: string) => {
      const p = connectProjector(srv.baseUrl, a.session.id, cookie);
      const err = (await p.welcome.then(
        () => null,
        (e: unknown) => e,
      )) as (Error & { data?: { id?: string } }) | null;
      return err?.data?.id ?? 'connected';
    };
    expect(await refusedSocket(b.cookie)).toBe('unauthenticated');
    expect(await refusedSocket(a.cookie)).toBe('connected');

    // The Yjs endpoint asks the same question for a projector.
    const closes: number[] = [];
    const cookie = b.cookie;
    class CookieSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin: srv.baseUrl } });
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(srv.wsUrl, `${a.session.id}:swot`, doc, {
      WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
      params: { projector: '1', v: String(PROTOCOL_VERSION) },
      disableBc: true,
      maxBackoffTime: 200,
    });
    provider.on('connection-close', (event) => {
      if (event) closes.push(event.code);
    });
    try {
      await waitFor(() => closes.length > 0, 'the projector connection of B refused');
      expect(closes[0]).toBe(4401);
      expect(provider.synced).toBe(false);
    } finally {
      provider.destroy();
      doc.destroy();
    }

    // And over HTTP the session does not exist for B.
    for (const [method, path] of [['GET', `/sessions/${a.session.id}`], ['POST', `/sessions/${a.session.id}/enter`], ['POST', `/sessions/${a.session.id}/take-over`]] as const) {
      const res = await api(srv.baseUrl, method, path, { cookie: b.cookie });
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(CANARY);
    }
  });

  it('lets administrators manage staff: roles, never without an administrator, a one-time setup link', async () => {
    const srv = await start();
    const adminCookie = await login(srv.baseUrl);
    const me = await api<MeResponse>(srv.baseUrl, 'GET', '/auth/me', { cookie: adminCookie });
    expect(me.body).toMatchObject({ user: { email: ADMIN.email }, organisation: { name: 'Bildungsbüro' }, role: 'admin' });

    const renamed = await api(srv.baseUrl, 'PATCH', '/organisation', { cookie: adminCookie }, { name: 'Bildungsbüro Musterstadt' });
    expect(renamed.body).toMatchObject({ organisation: { name: 'Bildungsbüro Musterstadt' } });
    expect((await api(srv.baseUrl, 'PATCH', '/organisation', { cookie: adminCookie }, { name: '   ' })).status).toBe(400);

    const added = await api<StaffSetupLink>(srv.baseUrl, 'POST', '/organisation/staff', { cookie: adminCookie }, { email: 'Karla@Example.org', displayName: 'Karla Kollegin' });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ email: 'karla@example.org', role: 'staff', passwordSet: false });
    expect(Date.parse(added.body.expiresAt)).toBeGreaterThan(Date.now());
    const token = new URL(added.body.url).searchParams.get('token')!;
    expect(new URL(added.body.url).pathname).toBe('/setup');
    // The link's token is stored only as a hash.
    expect(JSON.stringify(await srv.server.store.accounts.findSetupToken(token, new Date().toISOString()))).toBeUndefined();

    // The same email again, in this or any organisation: refused with a clear id.
    const taken = await api<{ error: { id: string } }>(srv.baseUrl, 'POST', '/organisation/staff', { cookie: adminCookie }, { email: 'karla@example.org', displayName: 'Doppelt' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe('email_taken');

    // Before the link is used, no password logs in.
    expect((await api(srv.baseUrl, 'POST', '/auth/login', {}, { email: 'karla@example.org', password: '!' })).status).toBe(401);
    expect((await api(srv.baseUrl, 'POST', '/auth/login', {}, { email: 'karla@example.org', password: PASSWORD })).status).toBe(401);

    // The setup page learns whose link it is, and the link works once.
    const status = await api(srv.baseUrl, 'GET', `/setup?token=${encodeURIComponent(token)}`);
    expect(status.body).toEqual({ needsSetup: false, account: { email: 'karla@example.org', displayName: 'Karla Kollegin' } });
    const setup = await api(srv.baseUrl, 'POST', '/setup', {}, { token, email: 'karla@example.org', password: PASSWORD, displayName: 'Karla K.' });
    expect(setup.status).toBe(201);
    expect(setup.body).toMatchObject({ user: { email: 'karla@example.org', displayName: 'Karla K.' } });
    const again = await api<{ error: { id: string } }>(srv.baseUrl, 'POST', '/setup', {}, { token, email: 'karla@example.org', password: 'ein anderes passwort 1', displayName: 'X' });
    expect(again.status).toBe(403);
    expect(again.body.error.id).toBe('setup_not_available');
    const karlaCookie = await loginAs(srv, 'karla@example.org');
    expect((await api<MeResponse>(srv.baseUrl, 'GET', '/auth/me', { cookie: karlaCookie })).body).toMatchObject({ role: 'staff', organisation: { name: 'Bildungsbüro Musterstadt' } });

    // Staff do not manage staff.
    for (const [method, path, body] of [
      ['GET', '/organisation/staff', undefined],
      ['POST', '/organisation/staff', { email: 'x@example.org', displayName: 'X' }],
      ['PATCH', `/organisation/staff/${added.body.member.id}`, { role: 'admin' }],
      ['POST', `/organisation/staff/${added.body.member.id}/setup-link`, undefined],
      ['PATCH', '/organisation', { name: 'Übernommen' }],
    ] as const) {
      const res = await api<{ error: { id: string } }>(srv.baseUrl, method, path, { cookie: karlaCookie }, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.id).toBe('role_required');
    }

    // The last administrator cannot step down; with a second one they can.
    const staff = await api<StaffResponse>(srv.baseUrl, 'GET', '/organisation/staff', { cookie: adminCookie });
    const adminId = staff.body.staff.find((s) => s.email === ADMIN.email)!.id;
    expect(staff.body.staff.map((s) => [s.email, s.role, s.passwordSet])).toEqual([
      ['karla@example.org', 'staff', true],
      [ADMIN.email, 'admin', true],
    ]);
    const last = await api<{ error: { id: string } }>(srv.baseUrl, 'PATCH', `/organisation/staff/${adminId}`, { cookie: adminCookie }, { role: 'staff' });
    expect(last.status).toBe(409);
    expect(last.body.error.id).toBe('last_admin');
    expect((await api(srv.baseUrl, 'PATCH', `/organisation/staff/${added.body.member.id}`, { cookie: adminCookie }, { role: 'admin' })).status).toBe(200);
    expect((await api(srv.baseUrl, 'PATCH', `/organisation/staff/${adminId}`, { cookie: adminCookie }, { role: 'staff' })).status).toBe(200);
    // Now the former administrator is staff and the colleague manages staff.
    expect((await api(srv.baseUrl, 'GET', '/organisation/staff', { cookie: adminCookie })).status).toBe(403);
    expect((await api(srv.baseUrl, 'GET', '/organisation/staff', { cookie: karlaCookie })).status).toBe(200);
    expect((await api(srv.baseUrl, 'PATCH', `/organisation/staff/${added.body.member.id}`, { cookie: karlaCookie }, { role: 'staff' })).status).toBe(409);

    // A new link replaces the old one.
    const first = await api<StaffSetupLink>(srv.baseUrl, 'POST', `/organisation/staff/${adminId}/setup-link`, { cookie: karlaCookie });
    const second = await api<StaffSetupLink>(srv.baseUrl, 'POST', `/organisation/staff/${adminId}/setup-link`, { cookie: karlaCookie });
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
    expect((await api(srv.baseUrl, 'POST', '/setup', {}, { token: tokenOf(first.body.url), email: ADMIN.email, password: PASSWORD, displayName: 'Admin' })).status).toBe(403);
    expect((await api(srv.baseUrl, 'POST', '/setup', {}, { token: tokenOf(second.body.url), email: ADMIN.email, password: PASSWORD, displayName: 'Admin' })).status).toBe(201);
    await loginAs(srv, ADMIN.email);
  });

  it('lets colleagues of one organisation co-moderate and take over each other’s sessions', async () => {
    const srv = await start();
    const adminCookie = await login(srv.baseUrl);
    const admin = (await srv.server.store.accounts.findByEmail(ADMIN.email))!;
    const kaya = await srv.server.store.accounts.create({ email: 'kaya@example.org', displayName: 'Kaya', passwordHash: await hashPassword(PASSWORD), organisationId: admin.organisationId, role: 'staff' });
    const kayaCookie = await loginAs(srv, kaya.email);
    const b = await secondOrganisation(srv);
    const session = await createSession(srv.baseUrl, adminCookie);

    // The picker lists colleagues only; an account of another organisation cannot be added.
    const accounts = await api<{ accounts: { id: string }[] }>(srv.baseUrl, 'GET', '/accounts', { cookie: adminCookie });
    expect(accounts.body.accounts.map((x) => x.id).sort()).toEqual([admin.id, kaya.id].sort());
    const foreign = await api<{ error: { field?: string } }>(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie: adminCookie }, { accountId: b.admin.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.field).toBe('accountId');

    // Kaya's dashboard: none of her own, the colleague's session listed apart, without codes.
    const before = await api<SessionsResponse>(srv.baseUrl, 'GET', '/sessions', { cookie: kayaCookie });
    expect(before.body.sessions).toEqual([]);
    expect(before.body.colleagueSessions.map((s) => [s.id, s.createdBy?.id])).toEqual([[session.id, admin.id]]);
    expect(JSON.stringify(before.body.colleagueSessions)).not.toContain(session.joinCode);
    expect((await api(srv.baseUrl, 'GET', `/sessions/${session.id}`, { cookie: kayaCookie })).status).toBe(403);

    const taken = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${session.id}/take-over`, { cookie: kayaCookie });
    expect(taken.status).toBe(200);
    expect(taken.body.session.coModerators.map((m) => m.id)).toEqual([kaya.id]);
    expect(taken.body.session.joinCode).toBe(session.joinCode);
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/take-over`, { cookie: kayaCookie })).status).toBe(409);
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/enter`, { cookie: kayaCookie })).status).toBe(201);
    const after = await api<SessionsResponse>(srv.baseUrl, 'GET', '/sessions', { cookie: kayaCookie });
    expect(after.body.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(after.body.colleagueSessions).toEqual([]);
    // The creator keeps what only the creator may do.
    expect((await api(srv.baseUrl, 'DELETE', `/sessions/${session.id}`, { cookie: kayaCookie })).status).toBe(403);
    // Another organisation cannot take it over.
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/take-over`, { cookie: b.cookie })).status).toBe(404);
  });

  it('keeps a privacy notice per organisation: the join page gets the one of the session’s organisation', async () => {
    const srv = await start();
    const adminCookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, adminCookie);
    await api(srv.baseUrl, 'PUT', '/privacy', { cookie: adminCookie }, { text: 'Hinweis A' });
    // One organisation: its notice for everyone.
    expect((await api(srv.baseUrl, 'GET', '/privacy')).body).toMatchObject({ text: 'Hinweis A' });

    const b = await secondOrganisation(srv);
    const bSession = await createSession(srv.baseUrl, b.cookie);
    expect((await api(srv.baseUrl, 'GET', '/privacy', { cookie: b.cookie })).body).toMatchObject({ text: null });
    await api(srv.baseUrl, 'PUT', '/privacy', { cookie: b.cookie }, { text: 'Hinweis B' });
    expect((await api(srv.baseUrl, 'GET', '/privacy', { cookie: adminCookie })).body).toMatchObject({ text: 'Hinweis A' });
    expect((await api(srv.baseUrl, 'GET', '/privacy', { cookie: b.cookie })).body).toMatchObject({ text: 'Hinweis B' });
    expect((await api(srv.baseUrl, 'GET', `/privacy?code=${session.joinCode}`)).body).toMatchObject({ text: 'Hinweis A' });
    expect((await api(srv.baseUrl, 'GET', `/privacy?code=${bSession.observerCode}`)).body).toMatchObject({ text: 'Hinweis B' });
    const participant = await joinSession(srv.baseUrl, bSession.joinCode, 'Paula');
    expect((await api(srv.baseUrl, 'GET', '/privacy', { bearer: participant.token })).body).toMatchObject({ text: 'Hinweis B' });
    // Several organisations and no telling which: the built-in notice.
    expect((await api(srv.baseUrl, 'GET', '/privacy')).body).toEqual({ text: null, updatedAt: null });
  });
});
