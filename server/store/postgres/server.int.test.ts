/**
 * The real server on PostgreSQL (DATABASE_URL): real HTTP, a stock y-websocket client, real
 * socket.io clients, a real database (server/test/postgres.ts). Nothing is mocked.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getNotesFragment } from '../../../shared/schema/notes';
import type { RoundConfig } from '../../../shared/votes';
import { createSession, joinSession, login, synced, useRealServers, waitFor } from '../../test/harness';
import { createTestDatabase } from '../../test/postgresTestDb';
import { enterAsModerator, ok, stateWhere, useSockets } from '../../test/sockets';

const { start, client, stop } = useRealServers();
const { connectSocket } = useSockets();

let databaseUrl: string;
let sql: pg.Client;
beforeAll(async () => {
  databaseUrl = (await createTestDatabase()).url;
  sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
});
afterAll(async () => {
  await sql.end();
});

const count = async (query: string, params: unknown[] = []) => Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);
const textOf = (doc: Y.Doc) => getNotesFragment(doc).toString();

describe('the server on PostgreSQL', () => {
  it('stores an edit before anyone receives it, keeps it across a restart, and leaves no ballot after a secret round', async () => {
    const first = await start({ databaseUrl });
    const cookie = await login(first.baseUrl);
    const session = await createSession(first.baseUrl, cookie);
    const anna = await joinSession(first.baseUrl, session.joinCode, 'Anna');
    const bernd = await joinSession(first.baseUrl, session.joinCode, 'Bernd');

    // Anna types; Bernd's stock client receives it — by then it is committed (read over another connection).
    const writer = client(first.wsUrl, anna.docs.notes, anna.token);
    const reader = client(first.wsUrl, bernd.docs.notes, bernd.token);
    await Promise.all([synced(writer), synced(reader)]);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Ganztag ausbauen')]);
    getNotesFragment(writer.doc).insert(0, [p]);
    await waitFor(() => textOf(reader.doc).includes('Ganztag ausbauen'), 'the edit relayed');
    expect(await count('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = $1', [anna.docs.notes])).toBeGreaterThan(0);
    const expected = textOf(writer.doc);

    // A secret round: the ballots exist while it is open, and not after it is closed.
    const mod = await enterAsModerator(first.baseUrl, cookie, session.id);
    const modSocket = connectSocket(first.baseUrl, mod.token);
    const voters = [anna, bernd].map((j) => connectSocket(first.baseUrl, j.token));
    await Promise.all([modSocket, ...voters].map((s) => stateWhere(s, () => true)));
    const config = { method: 'punktabfrage', title: 'Schwerpunkte', options: [{ label: 'Ganztag' }, { label: 'Sprache' }], dotsPerPerson: 3, maxPerOption: 3 } as RoundConfig;
    const { round } = await ok(modSocket, 'vote.open', { config });
    expect(round.named).toBe(false);
    await ok(voters[0]!, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o1: 3 } } });
    await ok(voters[1]!, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o2: 2 } } });
    expect(await count('SELECT COUNT(*) AS n FROM vote_ballots')).toBe(2);
    await ok(modSocket, 'vote.close', { roundId: round.id });
    expect(await count('SELECT COUNT(*) AS n FROM vote_ballots')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM vote_participation WHERE round_id = $1', [round.id])).toBe(2);
    // Not even in the table's pages (dead row versions).
    const pages = await sql.query<{ page: Buffer }>(
      "SELECT get_raw_page('vote_ballots', 'main', n::int) AS page FROM generate_series(0, pg_relation_size('vote_ballots') / current_setting('block_size')::int - 1) AS n",
    );
    expect(pages.rows.map((r) => r.page.toString('latin1')).join('')).not.toContain('"dots"');
    for (const s of [modSocket, ...voters]) s.socket.disconnect();

    // A new server on the same database serves the same text.
    await stop(first);
    const second = await start({ databaseUrl });
    const again = client(second.wsUrl, anna.docs.notes, anna.token);
    await synced(again);
    expect(textOf(again.doc)).toBe(expected);
    expect(textOf(again.doc)).toContain('Ganztag ausbauen');
  });
});
