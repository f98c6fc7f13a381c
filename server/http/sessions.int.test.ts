/**
 * Session management over real HTTP, socket.io and Yjs against the real server with a real SQLite
 * file: template agendas, rename, archive and restore, duplicate, delete (nothing of the session
 * left in the file), co-moderators and their projector.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { AccountsResponse, JoinResponse, SessionContents, SessionForModerator } from '../../shared/api';
import { CloseCode } from '../../shared/closeCodes';
import type { DraftResponse } from '../../shared/decisionApi';
import type { ApiErrorBody } from '../../shared/errors';
import { templateAgenda } from '../../shared/sessionTemplates';
import { getNotesFragment } from '../../shared/schema/notes';
import { addSwotCard, readSwot } from '../../shared/schema/swot';
import { hashPassword } from '../auth/passwords';
import { seedDecisionSession } from '../test/decisionSeed';
import { api } from '../test/decisionSeed';
import { type InProcess, joinSession, login, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket, connectProjector } = useSockets();

const errorId = (r: { body: unknown }) => (r.body as ApiErrorBody).error?.id;

async function create(srv: InProcess, cookie: string, body: Record<string, unknown> = {}): Promise<SessionForModerator> {
  const r = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', '/sessions', { cookie }, { title: 'Bildungskonferenz Übergang', kind: 'bildungskonferenz', date: '2026-11-26', ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.session;
}

/** A second staff account of the installation, logged in. */
async function secondAccount(srv: InProcess, email = 'kollegin@example.org'): Promise<{ cookie: string; id: string }> {
  const account = await srv.server.store.accounts.upsert({ email, displayName: 'Kollegin Kaya', passwordHash: await hashPassword('another long password') });
  const res = await fetch(`${srv.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'another long password' }) });
  expect(res.status).toBe(200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, id: account.id };
}

describe('templates', () => {
  it('pre-fill the agenda with the steering-cycle items of their boards', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const full = await create(srv, cookie, { template: 'steuerungskreislauf', prefillAgenda: true });
    const mod = await enterAsModerator(srv.baseUrl, cookie, full.id);
    const state = await stateWhere(connectSocket(srv.baseUrl, mod.token), (s) => s.agenda.length > 0);
    expect(state.agenda.map((i) => [i.phase, i.board])).toEqual([
      ['wo_stehen_wir', 'swot'],
      ['wo_wollen_wir_hin', 'priorities'],
      ['wo_wollen_wir_hin', 'goals'],
      ['wie_kommen_wir_ans_ziel', 'actions'],
      ['wie_ueberpruefen_wir', 'goals'],
    ]);
    for (const item of state.agenda) {
      expect(item.plannedMinutes).toBeGreaterThan(0);
      expect(item.timer).toEqual({ status: 'idle', durationMs: item.plannedMinutes * 60_000 });
    }
    expect(new Set(state.agenda.map((i) => i.id)).size).toBe(5);

    const canvas = await create(srv, cookie, { template: 'gesamtkonzept', prefillAgenda: true });
    const canvasMod = await enterAsModerator(srv.baseUrl, cookie, canvas.id);
    const canvasState = await stateWhere(connectSocket(srv.baseUrl, canvasMod.token), (s) => s.agenda.length > 0);
    expect(canvasState.agenda.map((i) => i.board)).toEqual(['canvas']);

    // Without `prefillAgenda` the agenda starts empty.
    const empty = await create(srv, cookie, { template: 'steuerungskreislauf' });
    expect(await srv.server.store.moderation.loadCourse(empty.id)).toBeUndefined();
  });

  it('every template that names boards has an item for each of its boards', () => {
    for (const [template, boards] of [
      ['swot', ['swot']],
      ['priorities', ['priorities']],
      ['goals', ['goals', 'goals']],
      ['actions', ['actions']],
    ] as const) {
      expect(templateAgenda(template).map((i) => i.board)).toEqual(boards);
    }
  });
});

describe('rename, archive, restore', () => {
  it('renames for everyone in the room, archives read-only, restores', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await create(srv, cookie);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const annaSocket = connectSocket(srv.baseUrl, anna.token);
    await annaSocket.welcome;

    const renamed = await api<{ session: SessionForModerator }>(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, { title: 'Bildungskonferenz Frühjahr' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.session.title).toBe('Bildungskonferenz Frühjahr');
    await waitFor(() => annaSocket.received('session.updated').some((u) => u.session.title === 'Bildungskonferenz Frühjahr'), 'rename reaches the room');
    expect((await api<{ session: { title: string } }>(srv.baseUrl, 'GET', `/sessions/${session.id}`, { bearer: anna.token })).body.session.title).toBe('Bildungskonferenz Frühjahr');

    const bad = await api(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, { title: '' });
    expect([bad.status, errorId(bad)]).toEqual([400, 'validation_error']);
    const nothing = await api(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, {});
    expect(nothing.status).toBe(400);

    // Archive while Anna edits the SWOT board: her connection is closed to be re-opened read-only.
    const swot = client(srv.wsUrl, anna.docs.swot, anna.token);
    await synced(swot);
    const archived = await api<{ session: SessionForModerator }>(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.session.archivedAt).not.toBeNull();
    await waitFor(() => annaSocket.received('session.updated').some((u) => u.session.archivedAt !== null), 'archive reaches the room');
    await waitFor(() => swot.closes.includes(CloseCode.sessionChanged.code), 'Yjs connection re-opened');
    await synced(swot);
    // Now read-only: her edit is dropped by the server (a second client never sees it).
    swot.doc.getMap('probe').set('x', 1);
    const check = client(srv.wsUrl, anna.docs.swot, anna.token);
    await synced(check);
    await new Promise((r) => setTimeout(r, 300));
    expect(check.doc.getMap('probe').get('x')).toBeUndefined();
    // socket.io commands are refused, joining is refused, the session stays in the list, marked.
    expect(await refusedWith(annaSocket, 'participant.setActorGroup', { actorGroup: 'schule' })).toBe('session_archived');
    const join = await api(srv.baseUrl, 'POST', '/join', {}, { code: session.joinCode, name: 'Bernd' });
    expect([join.status, errorId(join)]).toEqual([409, 'session_archived']);
    const list = await api<{ sessions: SessionForModerator[] }>(srv.baseUrl, 'GET', '/sessions', { cookie });
    expect(list.body.sessions.find((s) => s.id === session.id)?.archivedAt).not.toBeNull();

    const restored = await api<{ session: SessionForModerator }>(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie }, { archived: false });
    expect(restored.body.session.archivedAt).toBeNull();
    expect((await api(srv.baseUrl, 'POST', '/join', {}, { code: session.joinCode, name: 'Bernd' })).status).toBe(201);
    const anna2 = connectSocket(srv.baseUrl, anna.token);
    await anna2.welcome;
    await ok(anna2, 'participant.setActorGroup', { actorGroup: 'schule' });
  });

  it('only moderators of the session rename, archive or duplicate it; only its creator deletes it', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await create(srv, cookie);
    const other = await secondAccount(srv);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    for (const [method, path, body] of [
      ['PATCH', `/sessions/${session.id}`, { title: 'Gekapert' }],
      ['PATCH', `/sessions/${session.id}`, { archived: true }],
      ['POST', `/sessions/${session.id}/duplicate`, {}],
      ['GET', `/sessions/${session.id}/contents`, undefined],
      ['DELETE', `/sessions/${session.id}`, undefined],
      ['POST', `/sessions/${session.id}/moderators`, { accountId: other.id }],
    ] as const) {
      const foreign = await api(srv.baseUrl, method, path, { cookie: other.cookie }, body);
      expect([method, path, foreign.status]).toEqual([method, path, 403]);
      const participant = await api(srv.baseUrl, method, path, { bearer: anna.token }, body);
      expect(participant.status).toBe(401);
      const nobody = await api(srv.baseUrl, method, path, {}, body);
      expect(nobody.status).toBe(401);
    }
    expect((await api(srv.baseUrl, 'DELETE', '/sessions/does-not-exist', { cookie })).status).toBe(404);
    const still = await srv.server.store.sessions.findById(session.id);
    expect([still?.title, still?.archivedAt]).toEqual(['Bildungskonferenz Übergang', null]);
  });
});

describe('duplicate', () => {
  it('copies title, kind, agenda and — when asked — the boards, with new codes', async () => {
    const srv = await start();
    const s = await seedDecisionSession(srv, client, connectSocket);
    await api(srv.baseUrl, 'PATCH', `/sessions/${s.session.id}`, { cookie: s.cookie }, { minutes: { place: 'Rathaus', minuteTaker: 'Özlem Şahin', startTime: '09:00', endTime: '12:00' } });
    const plain = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${s.session.id}/duplicate`, { cookie: s.cookie }, {});
    expect(plain.status).toBe(201);
    const copy = plain.body.session;
    // Place and minute-taker come along; the times are the new session's own.
    expect(copy.minutes).toEqual({ place: 'Rathaus', minuteTaker: 'Özlem Şahin', startTime: null, endTime: null });
    expect(copy).toMatchObject({ title: `${s.session.title} (Kopie)`, kind: s.session.kind, template: s.session.template, archivedAt: null });
    expect(copy.id).not.toBe(s.session.id);
    expect(copy.joinCode).not.toBe(s.session.joinCode);
    expect(copy.observerCode).not.toBe(s.session.observerCode);
    const original = (await srv.server.store.moderation.loadCourse(s.session.id))!.agenda;
    const copied = (await srv.server.store.moderation.loadCourse(copy.id))!.agenda;
    expect(copied.map((i) => [i.title, i.phase, i.board, i.plannedMinutes])).toEqual(original.map((i) => [i.title, i.phase, i.board, i.plannedMinutes]));
    expect(copied.every((i) => i.timer.status === 'idle' && !original.some((o) => o.id === i.id))).toBe(true);
    // Without content: the boards are empty.
    const copyMod = await enterAsModerator(srv.baseUrl, s.cookie, copy.id);
    const emptySwot = client(srv.wsUrl, copyMod.docs.swot, copyMod.token);
    await synced(emptySwot);
    expect(readSwot(emptySwot.doc).cards).toHaveLength(0);

    const full = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${s.session.id}/duplicate`, { cookie: s.cookie }, { copyContent: true });
    const fullMod = await enterAsModerator(srv.baseUrl, s.cookie, full.body.session.id);
    const swot = client(srv.wsUrl, fullMod.docs.swot, fullMod.token);
    await synced(swot);
    expect(readSwot(swot.doc).cards.map((c) => c.text)).toEqual(['Übergangsquote in Ausbildung unter Landesschnitt']);
    // Votes and drafts stay with the original.
    const contents = await api<SessionContents>(srv.baseUrl, 'GET', `/sessions/${full.body.session.id}/contents`, { cookie: s.cookie });
    expect(contents.body).toMatchObject({ rounds: 0, drafts: 0 });
    // A title at the limit stays within it.
    await api(srv.baseUrl, 'PATCH', `/sessions/${s.session.id}`, { cookie: s.cookie }, { title: 'T'.repeat(200) });
    const long = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${s.session.id}/duplicate`, { cookie: s.cookie }, {});
    expect([...long.body.session.title].length).toBe(200);
    expect(long.body.session.title.endsWith(' (Kopie)')).toBe(true);
  });
});

describe('delete', () => {
  it('removes every stored row and document of the session, and closes its connections', async () => {
    const srv = await start();
    const s = await seedDecisionSession(srv, client, connectSocket);
    const draft = await api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${s.session.id}/decisions`, { bearer: s.mod.token }, { picks: [{ board: 'goals', itemId: s.ids.goal }] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    // A private drafts document, and a second session that must stay whole.
    const privateDrafts = client(srv.wsUrl, s.people[0]!.privateDocs.drafts, s.people[0]!.token);
    await synced(privateDrafts);
    privateDrafts.doc.getMap('meta').set('touched', 1);
    const keep = await create(srv, s.cookie, { title: 'Bleibt' });
    const keepMod = await enterAsModerator(srv.baseUrl, s.cookie, keep.id);
    const keepNotes = client(srv.wsUrl, keepMod.docs.notes, keepMod.token);
    await synced(keepNotes);

    const live = client(srv.wsUrl, s.people[1]!.docs.swot, s.people[1]!.token);
    await synced(live);
    const socket = connectSocket(srv.baseUrl, s.people[1]!.token);
    await socket.welcome;

    const contents = await api<SessionContents>(srv.baseUrl, 'GET', `/sessions/${s.session.id}/contents`, { cookie: s.cookie });
    expect(contents.body.participants).toBe(5);
    expect(contents.body.rounds).toBe(1);
    expect(contents.body.drafts).toBe(1);
    expect(contents.body.documents).toBeGreaterThanOrEqual(5);

    const deleted = await api<{ deleted: SessionContents }>(srv.baseUrl, 'DELETE', `/sessions/${s.session.id}`, { cookie: s.cookie });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toMatchObject({ participants: 5, rounds: 1, drafts: 1 });
    await waitFor(() => live.closes.includes(CloseCode.unauthenticated.code), 'Yjs connection closed');
    await waitFor(() => socket.received('session.revoked').length > 0, 'socket told');

    // Tokens are gone everywhere.
    expect((await api(srv.baseUrl, 'GET', `/sessions/${s.session.id}`, { bearer: s.mod.token })).status).toBe(401);
    expect((await api(srv.baseUrl, 'GET', `/sessions/${s.session.id}`, { cookie: s.cookie })).status).toBe(404);
    expect((await api(srv.baseUrl, 'GET', `/join/${s.session.joinCode}`)).status).toBe(404);

    // Stop the server (documents would be compacted on shutdown) and search the SQLite file itself.
    const ids = [s.session.id, draft.body.draft.id, s.round.roundId, s.mod.participantId, ...s.people.map((p: JoinResponse) => p.participantId)];
    await srv.stop();
    const db = new Database(join(srv.dataDir, 'werkraum.sqlite'), { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
        for (const id of ids) {
          const where = columns.map((c) => `CAST("${c}" AS TEXT) LIKE '%' || @id || '%'`).join(' OR ');
          const n = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get({ id }) as { n: number }).n;
          expect([table, id, n]).toEqual([table, id, 0]);
        }
      }
      // The other session is untouched.
      expect((db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id = ?').get(keep.id) as { n: number }).n).toBe(1);
      expect((db.prepare("SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?").get(`${keep.id}:notes`) as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe('delete, byte for byte', () => {
  it('leaves none of the session\'s texts and names in the SQLite file or its WAL, while the server runs', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    // Canaries: text nobody else writes, in the title, a participant's name, the notes and a board.
    const gone = 'Kanarienvogel-Qx7Zr';
    const kept = 'Dauerhaft-Wm4Pk';
    const files = () => {
      const dbFile = join(srv.dataDir, 'werkraum.sqlite');
      const parts = [dbFile, `${dbFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
      return Buffer.concat(parts);
    };
    const occurrences = (bytes: Buffer, text: string) => {
      let n = 0;
      for (let at = bytes.indexOf(text); at >= 0; at = bytes.indexOf(text, at + 1)) n++;
      return n;
    };

    async function fill(title: string, canary: string) {
      const session = await create(srv, cookie, { title: `${title} ${canary}` });
      const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
      const person = await joinSession(srv.baseUrl, session.joinCode, `Person ${canary}`);
      const notes = client(srv.wsUrl, person.docs.notes, person.token);
      await synced(notes);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Notiz ${canary} `.repeat(40))]);
      getNotesFragment(notes.doc).insert(0, [p]);
      const swot = client(srv.wsUrl, person.docs.swot, person.token);
      await synced(swot);
      const ctx = { origin: 'test', author: { participantId: person.participantId, displayName: person.displayName } };
      for (let i = 0; i < 30; i++) addSwotCard(swot.doc, ctx, { quadrant: 'staerken', text: `Karte ${i} ${canary}` });
      // Both documents reached the server (a second reader sees them).
      const probe = client(srv.wsUrl, mod.docs.swot, mod.token);
      await synced(probe);
      await waitFor(() => readSwot(probe.doc).cards.length === 30, 'cards stored');
      probe.destroy();
      return { session, notes, swot };
    }

    const doomed = await fill('Wird gelöscht', gone);
    await fill('Bleibt', kept);
    expect(occurrences(files(), gone), 'the canary is on disk before the deletion').toBeGreaterThan(0);

    const deleted = await api<{ deleted: SessionContents }>(srv.baseUrl, 'DELETE', `/sessions/${doomed.session.id}`, { cookie });
    expect(deleted.status).toBe(200);
    await waitFor(() => doomed.swot.closes.includes(CloseCode.unauthenticated.code), 'connection closed');

    const after = files();
    expect(occurrences(after, gone), 'bytes of the deleted session in the database file and its WAL').toBe(0);
    // The scan does find what is still stored: the other session's canary.
    expect(occurrences(after, kept)).toBeGreaterThan(0);
    expect(existsSync(join(srv.dataDir, 'werkraum.sqlite-wal')) ? readFileSync(join(srv.dataDir, 'werkraum.sqlite-wal')).length : 0).toBe(0);
  });
});

describe('co-moderators', () => {
  it('moderate the room and open the projector; only the creator adds or removes them', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await create(srv, cookie);
    const kaya = await secondAccount(srv);
    const third = await secondAccount(srv, 'dritte@example.org');

    const accounts = await api<AccountsResponse>(srv.baseUrl, 'GET', '/accounts', { cookie });
    expect(accounts.body.accounts.map((a) => a.email).sort()).toEqual(['dritte@example.org', 'kollegin@example.org', 'moderator@example.org']);
    expect(JSON.stringify(accounts.body)).not.toContain('passwordHash');

    // Before: Kaya is nobody here.
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/enter`, { cookie: kaya.cookie })).status).toBe(403);
    const refusedProjector = connectProjector(srv.baseUrl, session.id, kaya.cookie);
    await waitFor(() => refusedProjector.socket.disconnected && refusedProjector.events.length === 0, 'projector refused', 5000).catch(() => undefined);
    expect(refusedProjector.socket.connected).toBe(false);

    const added = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie }, { accountId: kaya.id });
    expect(added.status).toBe(200);
    expect(added.body.session.coModerators.map((m) => m.displayName)).toEqual(['Kollegin Kaya']);
    const self = await api(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie }, { accountId: added.body.session.createdBy });
    expect([self.status, errorId(self)]).toEqual([409, 'already_moderator']);
    const unknown = await api(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie }, { accountId: 'nobody' });
    expect([unknown.status, errorId(unknown)]).toEqual([400, 'validation_error']);

    // Kaya lists, sees the codes, enters as moderator and moderates over socket.io.
    const list = await api<{ sessions: SessionForModerator[] }>(srv.baseUrl, 'GET', '/sessions', { cookie: kaya.cookie });
    expect(list.body.sessions.map((s) => s.joinCode)).toEqual([session.joinCode]);
    const entered = await api<JoinResponse>(srv.baseUrl, 'POST', `/sessions/${session.id}/enter`, { cookie: kaya.cookie });
    expect([entered.status, entered.body.role]).toEqual([201, 'moderator']);
    const kayaSocket = connectSocket(srv.baseUrl, entered.body.token);
    await kayaSocket.welcome;
    await ok(kayaSocket, 'agenda.add', { title: 'Von Kaya', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 10 });
    // The projector opens with her login (socket.io and Yjs).
    const projector = connectProjector(srv.baseUrl, session.id, kaya.cookie);
    const welcome = await projector.welcome;
    expect(welcome.projector).toBe(true);
    await stateWhere(projector, (st) => st.agenda.some((i) => i.title === 'Von Kaya'));
    // She renames, archives and duplicates, but neither deletes nor chooses co-moderators.
    expect((await api(srv.baseUrl, 'PATCH', `/sessions/${session.id}`, { cookie: kaya.cookie }, { title: 'Umbenannt von Kaya' })).status).toBe(200);
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/duplicate`, { cookie: kaya.cookie }, {})).status).toBe(201);
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/moderators`, { cookie: kaya.cookie }, { accountId: third.id })).status).toBe(403);
    expect((await api(srv.baseUrl, 'DELETE', `/sessions/${session.id}`, { cookie: kaya.cookie })).status).toBe(403);
    // A third account still has no access.
    expect((await api(srv.baseUrl, 'GET', `/sessions/${session.id}`, { cookie: third.cookie })).status).toBe(403);

    // Removed: no more access.
    const removed = await api<{ session: SessionForModerator }>(srv.baseUrl, 'DELETE', `/sessions/${session.id}/moderators/${kaya.id}`, { cookie });
    expect(removed.body.session.coModerators).toEqual([]);
    expect((await api(srv.baseUrl, 'POST', `/sessions/${session.id}/enter`, { cookie: kaya.cookie })).status).toBe(403);
    expect((await api(srv.baseUrl, 'DELETE', `/sessions/${session.id}/moderators/${kaya.id}`, { cookie })).status).toBe(404);
  });
});
