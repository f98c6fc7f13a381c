/**
 * The export of everything stored about one participant (Art. 15/20 DSGVO), against the real
 * server, real SQLite file, real socket.io and y-websocket clients: it holds the person's own
 * items, named ballots and open ballots, and nothing of anyone else; only the person's token opens it.
 */
import { describe, expect, it } from 'vitest';
import { addSwotCard } from '../../shared/schema/swot';
import { editActionField } from '../../shared/schema/actions';
import type { RoundConfig } from '../../shared/votes';
import { createSession, joinSession, login, synced, useRealServers } from '../test/harness';
import { enterAsModerator, ok, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

/** The export's JSON, loosely typed for reading in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const punkt = (over: Partial<RoundConfig> = {}): RoundConfig =>
  ({ method: 'punktabfrage', title: 'Schwerpunkte', options: [{ label: 'Ganztag' }, { label: 'Übergänge' }], dotsPerPerson: 2, maxPerOption: 2, ...over }) as RoundConfig;

describe('personal data export', () => {
  it('lists the person’s own items and ballots, nothing of anyone else, and only for the person’s own token', async () => {
    const srv = await start({ env: { WERKRAUM_SECRET_MIN_VOTERS: '2' } });
    const cookie = await login(srv.baseUrl);
    const session = await createSession(srv.baseUrl, cookie);
    const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna Schulamt');
    const bernd = await joinSession(srv.baseUrl, session.joinCode, 'Bernd Jugendhilfe');
    const [mod, annaS, berndS] = [modJoin, anna, bernd].map((j) => connectSocket(srv.baseUrl, j.token));
    await Promise.all([mod!, annaS!, berndS!].map((s) => stateWhere(s, () => true)));

    // Both write cards; Anna also writes into the action plan.
    const annaSwot = client(srv.wsUrl, anna.docs.swot, anna.token);
    const berndSwot = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    const annaActions = client(srv.wsUrl, anna.docs.actions, anna.token);
    await Promise.all([synced(annaSwot), synced(berndSwot), synced(annaActions)]);
    const as = (j: typeof anna) => ({ origin: j.participantId, author: { participantId: j.participantId, displayName: j.displayName } });
    const annaCard = addSwotCard(annaSwot.doc, as(anna), { quadrant: 'staerken', text: 'ANNA-KARTE Viele Ganztagsschulen' });
    addSwotCard(berndSwot.doc, as(bernd), { quadrant: 'schwaechen', text: 'BERND-KARTE Wenig Kita-Plätze' });
    editActionField(annaActions.doc, as(anna), 'ziel-1', 'wirkungen', 'ANNA-WIRKUNG Mehr Abschlüsse');

    // A named round, closed; and a secret one still open with Anna's ballot in it.
    const { round: named } = await ok(mod!, 'vote.open', { config: punkt({ title: 'Namentlich', named: true }) });
    await stateWhere(annaS!, (s) => s.rounds.some((r) => r.id === named.id));
    await ok(annaS!, 'vote.cast', { roundId: named.id, ballot: { method: 'punktabfrage', dots: { o1: 2 } } });
    await ok(berndS!, 'vote.cast', { roundId: named.id, ballot: { method: 'punktabfrage', dots: { o2: 1 } } });
    await ok(mod!, 'vote.close', { roundId: named.id });
    const { round: secret } = await ok(mod!, 'vote.open', { config: punkt({ title: 'Geheim' }) });
    await stateWhere(annaS!, (s) => s.rounds.some((r) => r.id === secret.id));
    await ok(annaS!, 'vote.cast', { roundId: secret.id, ballot: { method: 'punktabfrage', dots: { o2: 2 } } });

    // Wait until the server has stored the writes (the export reads the stored documents).
    const fetchData = (token?: string) => fetch(`${srv.baseUrl}/api/me/data`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    let data: Loose = {};
    for (let i = 0; i < 50; i++) {
      data = (await (await fetchData(anna.token)).json()) as Loose;
      if (data.boards?.swot?.length === 1 && data.boards?.actions?.length === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetchData(anna.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="werkraum-meine-daten-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    expect(data.person).toMatchObject({ participantId: anna.participantId, displayName: 'Anna Schulamt', role: 'participant' });
    expect(data.session).toMatchObject({ id: session.id });
    expect(data.boards.swot.map((c: { id: string }) => c.id)).toEqual([annaCard]);
    expect(data.boards.swot[0].text).toBe('ANNA-KARTE Viele Ganztagsschulen');
    expect(data.boards.actions[0]).toMatchObject({ goalId: 'ziel-1', fields: { wirkungen: 'ANNA-WIRKUNG Mehr Abschlüsse' } });
    const rounds = Object.fromEntries((data.rounds as { title: string }[]).map((r) => [r.title, r]));
    expect(rounds.Namentlich).toMatchObject({ named: true, status: 'closed', tookPart: true, yourBallot: { method: 'punktabfrage', dots: { o1: 2 } } });
    expect(rounds.Geheim).toMatchObject({ named: false, status: 'open', yourBallot: { method: 'punktabfrage', dots: { o2: 2 } } });
    expect(data.notAttributable).toEqual(['notes', 'canvas']);
    // Nothing of Bernd's.
    const text = JSON.stringify(data);
    expect(text).not.toContain('BERND-KARTE');
    expect(text).not.toContain(bernd.participantId);
    expect(text).not.toContain('Bernd');

    // Only with the person's own, valid token.
    expect((await fetchData()).status).toBe(401);
    expect((await fetchData('x'.repeat(43))).status).toBe(401);
    // With only the login cookie: the account's data.
    const asAccount = await fetch(`${srv.baseUrl}/api/me/data`, { headers: { cookie } });
    expect(asAccount.headers.get('content-disposition')).toMatch(/werkraum-meine-kontodaten-/);
    const account = (await asAccount.json()) as Loose;
    expect(account.account).toMatchObject({ email: 'moderator@example.org', role: 'admin' });
    expect(account.organisation).toMatchObject({ name: 'Bildungsbüro' });
    expect(account.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(account)).not.toMatch(/scrypt|argon|\$2[aby]\$/);
    expect(account.sessions).toEqual([expect.objectContaining({ id: session.id, moderation: 'created' })]);
    const asModerator = (await (await fetchData(modJoin.token)).json()) as Loose;
    expect(asModerator.person.participantId).toBe(modJoin.participantId);
    expect(JSON.stringify(asModerator)).not.toContain('ANNA-KARTE');
  });
});
