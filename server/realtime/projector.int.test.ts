/**
 * The projector ("Beamer-Ansicht") over the wire: it connects with the moderator's login cookie
 * instead of a participant token, gets what the room gets (state, progress, published results),
 * reads the boards read-only, and is counted nowhere — not in presence, not among the eligible
 * voters, not in the moderators' participant list — and shows no presence of its own.
 */
import { WebsocketProvider } from 'y-websocket';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { addSwotCard, readSwot } from '../../shared/schema';
import { hashPassword } from '../auth/passwords';
import { createSession, joinSession, login, sleep, synced, useRealServers, waitFor, type InProcess } from '../test/harness';
import { enterAsModerator, ok, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket, connectProjector } = useSockets();

/** A read-only projector connection to a Yjs document, with the moderator's cookie. */
function projectorDoc(srv: InProcess, docName: string, cookie: string | undefined) {
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie, origin: srv.baseUrl } : { origin: srv.baseUrl } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(srv.wsUrl, docName, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    params: { projector: '1', v: String(PROTOCOL_VERSION) },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return { doc, provider, closes, destroy: () => (provider.destroy(), doc.destroy()) };
}

async function otherModeratorCookie(srv: InProcess): Promise<string> {
  await srv.server.store.accounts.upsert({ email: 'other@example.org', displayName: 'Other', passwordHash: await hashPassword('other password 123') });
  const res = await fetch(`${srv.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'other@example.org', password: 'other password 123' }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('projector', () => {
  it('follows the room with the moderator’s cookie and is counted nowhere', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
    const mod = connectSocket(srv.baseUrl, modJoin.token);
    const people = [];
    for (const name of ['Anna', 'Bernd', 'Clara']) {
      const join = await joinSession(srv.baseUrl, session.joinCode, name);
      people.push({ join, s: connectSocket(srv.baseUrl, join.token) });
    }
    await Promise.all([mod, ...people.map((p) => p.s)].map((s) => stateWhere(s, () => true)));
    const { round } = await ok(mod, 'vote.open', { config: { method: 'meinungsbild', title: 'Frage', options: [{ label: 'A' }] } });
    await stateWhere(mod, (s) => s.rounds[0]?.eligible === 3);

    const projector = connectProjector(srv.baseUrl, session.id, cookie);
    const welcome = await projector.welcome;
    expect(welcome).toMatchObject({ projector: true, role: 'observer', session: { id: session.id, title: session.title } });
    expect(JSON.stringify(welcome)).not.toContain(session.joinCode);
    const first = await stateWhere(projector, (s) => s.rounds.length === 1);
    expect(first.rounds[0]).toMatchObject({ voted: 0, eligible: 3 });

    // Progress and the published result reach the projector; the eligible count stays 3.
    await ok(people[0]!.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } });
    await waitFor(() => projector.received('vote.progress').some((p) => p.voted === 1 && p.eligible === 3), 'progress on the projector');
    await ok(mod, 'vote.close', { roundId: round.id });
    await waitFor(() => projector.received('vote.result').length === 1, 'result on the projector');
    expect(projector.received('vote.result')[0]).toEqual(people[1]!.s.received('vote.result').at(-1));

    // Not a person: not in the moderators' list, not online anywhere.
    await sleep(250);
    const list = mod.received('participant.list').at(-1)!.participants;
    expect(list).toHaveLength(4);
    expect(list.map((p) => p.participantId)).not.toContain('projector');

    // Commands other than the clock are not heard (no acknowledgement).
    const pong = await ok(projector, 'session.ping', { clientTime: 1 });
    expect(pong.clientTime).toBe(1);
    const silent = await projector.socket
      .timeout(400)
      .emitWithAck('agenda.add', { title: 'x', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 5 })
      .then(
        () => 'answered',
        () => 'silent',
      );
    expect(silent).toBe('silent');
    expect(mod.state()!.agenda).toHaveLength(0);

    // Agenda changes follow.
    const { itemId } = await ok(mod, 'agenda.add', { title: 'Stärken', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 5 });
    await ok(mod, 'agenda.goto', { itemId });
    await stateWhere(projector, (s) => s.currentItemId === itemId);
  });

  it('is refused without the session creator’s login', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const refused = async (c: string | undefined, sessionId = session.id) => {
      const p = connectProjector(srv.baseUrl, sessionId, c);
      const err = (await p.welcome.then(
        () => null,
        (e: unknown) => e,
      )) as (Error & { data?: { id?: string } }) | null;
      return err?.data?.id ?? 'connected';
    };
    expect(await refused(undefined)).toBe('unauthenticated');
    expect(await refused('werkraum_login=forged-token-1234567890abcdefghijklmnop')).toBe('unauthenticated');
    expect(await refused(await otherModeratorCookie(srv))).toBe('unauthenticated');
    expect(await refused(cookie, 'nosuchsession')).toBe('unauthenticated');
    expect(await refused(cookie)).toBe('connected');
  });

  it('reads a board read-only and shows no presence of its own', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const a = client(srv.wsUrl, anna.docs.swot, anna.token);
    await synced(a);
    addSwotCard(a.doc, { origin: 'a', author: { participantId: anna.participantId, displayName: 'Anna' } }, { quadrant: 'staerken', text: 'Gute Kitas' });

    const p = projectorDoc(srv, anna.docs.swot, cookie);
    try {
      await synced({ provider: p.provider } as Parameters<typeof synced>[0]);
      await waitFor(() => readSwot(p.doc).cards.some((c) => c.text === 'Gute Kitas'), 'the card on the projector');
      // Live: a new card arrives.
      addSwotCard(a.doc, { origin: 'a', author: { participantId: anna.participantId, displayName: 'Anna' } }, { quadrant: 'schwaechen', text: 'Wenig Plätze' });
      await waitFor(() => readSwot(p.doc).cards.length === 2, 'a live card on the projector');

      // Its own edits and presence go nowhere.
      addSwotCard(p.doc, { origin: 'p', author: { participantId: 'projector', displayName: 'X' } }, { quadrant: 'staerken', text: 'vom Beamer' });
      p.provider.awareness.setLocalState({ user: { name: 'Beamer' } });
      await sleep(500);
      expect(readSwot(a.doc).cards.map((c) => c.text)).not.toContain('vom Beamer');
      const others = [...a.provider.awareness.getStates().entries()].filter(([id]) => id !== a.doc.clientID);
      expect(others).toEqual([]);
    } finally {
      p.destroy();
    }

    // Without the login, or for a private document: closed before any content.
    const anon = projectorDoc(srv, anna.docs.swot, undefined);
    await waitFor(() => anon.closes.length > 0, 'refused');
    expect(anon.closes[0]).toBe(CloseCode.unauthenticated.code);
    expect(readSwot(anon.doc).cards).toHaveLength(0);
    anon.destroy();
    const priv = projectorDoc(srv, anna.privateDocs!.drafts, cookie);
    await waitFor(() => priv.closes.length > 0, 'refused');
    expect(priv.closes[0]).toBe(CloseCode.forbidden.code);
    priv.destroy();
  });
});
