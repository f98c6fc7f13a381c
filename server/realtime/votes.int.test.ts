/**
 * Voting rounds over the wire: real server, real SQLite file, real socket.io-client sockets and
 * real y-websocket clients. Nothing is mocked.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JoinResponse } from '../../shared/api';
import type { SessionKind } from '../../shared/domain';
import { addPriorityTopic, readPriorities } from '../../shared/schema';
import { MEINUNGSBILD_LABEL, type RoundConfig, type RoundResult } from '../../shared/votes';
import { createSession, type InProcess, joinSession, login, rawConnect, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, eventCount, ok, type Recorded, refusedWith, send, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

interface Person {
  join: JoinResponse;
  s: Recorded;
}

async function room(kind: SessionKind = 'bildungskonferenz', names = ['Anna', 'Bernd', 'Cem'], srv?: InProcess) {
  srv ??= await start();
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie, kind);
  const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const mod: Person = { join: modJoin, s: connectSocket(srv.baseUrl, modJoin.token) };
  const people: Person[] = [];
  for (const name of names) {
    const join = await joinSession(srv.baseUrl, session.joinCode, name);
    people.push({ join, s: connectSocket(srv.baseUrl, join.token) });
  }
  const obsJoin = await joinSession(srv.baseUrl, session.observerCode, 'Presse');
  const observer: Person = { join: obsJoin, s: connectSocket(srv.baseUrl, obsJoin.token) };
  await Promise.all([mod, observer, ...people].map((p) => p.s.welcome));
  await Promise.all([mod, observer, ...people].map((p) => stateWhere(p.s, () => true)));
  return { srv, cookie, session, mod, observer, people };
}

const punkt = (over: Partial<RoundConfig> = {}): RoundConfig =>
  ({ method: 'punktabfrage', title: 'Schwerpunkte', options: [{ label: 'Ganztag' }, { label: 'Übergänge' }, { label: 'Sprache' }], dotsPerPerson: 3, maxPerOption: 2, ...over }) as RoundConfig;

function sqlite(srv: InProcess) {
  return new Database(join(srv.dataDir, 'werkraum.sqlite'), { readonly: true });
}

function fileBytes(srv: InProcess): string {
  const file = join(srv.dataDir, 'werkraum.sqlite');
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('voting rounds', () => {
  it('while a secret round is open, no frame reaching anybody else carries ballot content; after close the store holds no person–choice link', async () => {
    // The installation's lowest minimum (2), so that the two ballots' tally is published.
    const { srv, mod, observer, people } = await room('bildungskonferenz', undefined, await start({ env: { WERKRAUM_SECRET_MIN_VOTERS: '2' } }));
    const [anna, bernd, cem] = people as [Person, Person, Person];

    // A priority topic on the board, which one option links to.
    const board = client(srv.wsUrl, mod.join.docs.priorities, mod.join.token);
    await synced(board);
    const topicId = addPriorityTopic(board.doc, { origin: 'm', author: { participantId: mod.join.participantId, displayName: mod.join.displayName } }, { title: 'Ganztag' });

    // The others' Yjs connections, recorded frame by frame: priorities (where results land) and notes.
    const yjsFrames = [bernd, cem, observer, mod].flatMap((p) =>
      [p.join.docs.priorities, p.join.docs.notes].map((d) => rawConnect(`${srv.wsUrl}/${d}?token=${p.join.token}&v=1`)),
    );
    const cemBoard = client(srv.wsUrl, cem.join.docs.priorities, cem.join.token);
    await synced(cemBoard);

    const { round: konsens } = await ok(mod.s, 'vote.open', {
      config: { method: 'konsenscheck', title: 'Leitziel', options: [{ label: 'Ganztag', source: { board: 'priorities', itemId: topicId } }, { label: 'Sprache' }] },
    });
    const { round: dots } = await ok(mod.s, 'vote.open', { config: punkt() });
    expect(konsens).toMatchObject({ method: 'konsenscheck', named: false, voted: 0, eligible: 3, nonBinding: false });
    await stateWhere(cem.s, (s) => s.rounds.length === 2);

    const annaSecret = 'GEHEIMNIS-ANNA-4711';
    const berndSecret = 'GEHEIMNIS-BERND-0815';
    await ok(anna.s, 'vote.cast', { roundId: konsens.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' }, o2: { level: 'zustimmung' } } } });
    // Anna changes her mind: the second ballot replaces the first.
    expect(
      await ok(anna.s, 'vote.cast', {
        roundId: konsens.id,
        ballot: { method: 'konsenscheck', levels: { o1: { level: 'veto', reason: annaSecret }, o2: { level: 'zustimmung' } } },
      }),
    ).toEqual({ replaced: true });
    await ok(bernd.s, 'vote.cast', {
      roundId: konsens.id,
      ballot: { method: 'konsenscheck', levels: { o1: { level: 'leichte_bedenken', reason: berndSecret }, o2: { level: 'schwere_bedenken' } } },
    });
    await ok(anna.s, 'vote.cast', { roundId: dots.id, ballot: { method: 'punktabfrage', dots: { o1: 2, o3: 1 } } });
    await ok(bernd.s, 'vote.cast', { roundId: dots.id, ballot: { method: 'punktabfrage', dots: { o2: 2 } } });
    // Her own ballot comes back to Anna alone (after a reload, say).
    expect(await ok(anna.s, 'ballot.get', { roundId: dots.id })).toEqual({ ballot: { method: 'punktabfrage', dots: { o1: 2, o3: 1 } } });
    expect(await ok(cem.s, 'ballot.get', { roundId: dots.id })).toEqual({ ballot: null });

    // Progress is coalesced and sent to everyone in the session; wait until each has it.
    await waitFor(
      () => [bernd, cem, observer, mod].every((x) => x.s.received('vote.progress').some((p) => p.roundId === konsens.id && p.voted === 2 && p.eligible === 3)),
      'progress 2 of 3 at everyone',
    );
    // The recording works: Anna's own socket did carry her ballot (the ballot.get answer), raw
    // packets included, and the others' sockets and Yjs connections received frames.
    expect(anna.s.packets.some((p) => p.includes('"dots":{"o1":2,"o3":1}'))).toBe(true);
    expect(cem.s.packets.some((p) => p.includes('vote.progress'))).toBe(true);
    for (const conn of yjsFrames) expect(conn.frames.length).toBeGreaterThan(0);
    const ballotContent = [annaSecret, berndSecret, '"levels"', '"dots"', 'zustimmung', 'veto', 'bedenken'];
    for (const [who, p] of [['Bernd', bernd], ['Cem', cem], ['observer', observer], ['moderator', mod]] as const) {
      const seen = p.s.everything();
      for (const needle of ballotContent) {
        if (who === 'Bernd' && needle === berndSecret) continue;
        expect(seen.includes(needle), `${who} received ${needle}`).toBe(false);
      }
      expect(p.s.received('vote.progress').length).toBeGreaterThan(0);
    }
    for (const conn of yjsFrames) {
      const bytes = Buffer.concat(conn.frames).toString('latin1');
      for (const needle of [annaSecret, berndSecret, '"levels"', '"dots"']) expect(bytes.includes(needle)).toBe(false);
    }
    // While open, the ballots are in the store (and only there).
    {
      const db = sqlite(srv);
      expect((db.prepare('SELECT COUNT(*) AS n FROM vote_ballots').get() as { n: number }).n).toBe(4);
      db.close();
    }

    // Close: everybody gets the result, the board topic shows it, the ballots are gone.
    const { result } = await ok(mod.s, 'vote.close', { roundId: konsens.id });
    await ok(mod.s, 'vote.close', { roundId: dots.id });
    await eventCount(cem.s, 'vote.result', 2);
    const published = cem.s.received('vote.result').find((r) => r.roundId === konsens.id)!;
    expect(published).toEqual(result);
    expect(result.voters).toBe(2);
    if (result.tally?.method !== 'konsenscheck') throw new Error('method');
    expect(result.tally.options[0]!.counts).toEqual({ zustimmung: 0, leichte_bedenken: 1, schwere_bedenken: 0, veto: 1 });
    expect(result.tally.options[0]!.objections).toEqual([
      { level: 'veto', reason: annaSecret },
      { level: 'leichte_bedenken', reason: berndSecret },
    ]);
    const resultText = JSON.stringify(cem.s.received('vote.result'));
    for (const p of [anna, bernd]) {
      expect(resultText.includes(p.join.participantId)).toBe(false);
      expect(resultText.includes(p.join.displayName)).toBe(false);
    }
    await waitFor(() => readPriorities(cemBoard.doc)[0]?.voteResult !== null, 'vote result on the board');
    expect(readPriorities(cemBoard.doc)[0]!.voteResult).toMatchObject({
      roundId: konsens.id,
      method: 'konsenscheck',
      totals: { zustimmung: 0, leichte_bedenken: 1, schwere_bedenken: 0, veto: 1 },
      participants: 2,
      outcome: null,
      meinungsbild: false,
    });
    await stateWhere(cem.s, (s) => s.rounds.length === 0);

    const db = sqlite(srv);
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM vote_ballots').get() as { n: number }).n).toBe(0);
      const took = db.prepare('SELECT round_id, participant_id FROM vote_participation ORDER BY round_id, participant_id').all() as { participant_id: string }[];
      expect(took.map((r) => r.participant_id).sort()).toEqual([anna, anna, bernd, bernd].map((p) => p.join.participantId).sort());
      const stored = db.prepare("SELECT result_json FROM vote_rounds WHERE status = 'closed'").all() as { result_json: string }[];
      expect(stored).toHaveLength(2);
      for (const { result_json } of stored) {
        for (const p of [anna, bernd]) expect(result_json.includes(p.join.participantId)).toBe(false);
      }
    } finally {
      db.close();
    }
    // Not even in free pages or the write-ahead log.
    const bytes = fileBytes(srv);
    for (const needle of ['"levels":{', '"dots":{']) expect(bytes.includes(needle)).toBe(false);
  });

  it('one ballot per participant and round: a second one replaces the first, the count stays 1', async () => {
    const { srv, mod, people } = await room();
    const [anna, bernd] = people as [Person, Person];
    const { round } = await ok(mod.s, 'vote.open', { config: punkt() });
    expect(await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } })).toEqual({ replaced: false });
    expect(await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o2: 2, o3: 1 } } })).toEqual({ replaced: true });
    await waitFor(() => bernd.s.received('vote.progress').some((p) => p.voted === 1), 'progress');
    await new Promise((r) => setTimeout(r, 300));
    expect(bernd.s.received('vote.progress').every((p) => p.voted <= 1)).toBe(true);
    const db = sqlite(srv);
    expect((db.prepare('SELECT COUNT(*) AS n FROM vote_participation').get() as { n: number }).n).toBe(1);
    db.close();
    const { result } = await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(result.voters).toBe(1);
    // One secret ballot: its content is never published.
    expect(result).toMatchObject({ withheld: true, tally: null, online: null, byGroup: null });
    expect(JSON.stringify(result)).not.toContain('"dots"');
  });

  it('a ballot withdrawn by a demotion or a removal leaves the database file and the write-ahead log at once', async () => {
    const { srv, mod, people } = await room();
    const [anna, bernd, cem] = people as [Person, Person, Person];
    const { round } = await ok(mod.s, 'vote.open', {
      config: { method: 'konsenscheck', title: 'Leitziel', options: [{ label: 'Ganztag' }, { label: 'Sprache' }] },
    });
    const secrets = { anna: 'BEGRUENDUNG-ANNA-1111', bernd: 'BEGRUENDUNG-BERND-2222', cem: 'BEGRUENDUNG-CEM-3333' };
    for (const [p, reason] of [[anna, secrets.anna], [bernd, secrets.bernd], [cem, secrets.cem]] as const) {
      await ok(p.s, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'veto', reason }, o2: { level: 'zustimmung' } } } });
    }
    // The recording works: while cast, each ballot is in the file (database or write-ahead log).
    for (const secret of Object.values(secrets)) expect(fileBytes(srv).includes(secret), secret).toBe(true);

    // Bernd becomes an observer: his ballot is withdrawn, and no byte of it stays behind,
    // although the round is still open (no close, no checkpoint by anybody else).
    await ok(mod.s, 'participant.setRole', { participantId: bernd.join.participantId, role: 'observer' });
    let bytes = fileBytes(srv);
    expect(bytes.includes(secrets.bernd)).toBe(false);
    expect(bytes.includes(secrets.anna)).toBe(true);

    // Cem is removed: the same.
    await ok(mod.s, 'participant.remove', { participantId: cem.join.participantId });
    bytes = fileBytes(srv);
    expect(bytes.includes(secrets.cem)).toBe(false);
    expect(bytes.includes(secrets.anna)).toBe(true);

    const db = sqlite(srv);
    try {
      expect((db.prepare("SELECT status FROM vote_rounds WHERE id = ?").get(round.id) as { status: string }).status).toBe('open');
      expect(db.prepare('SELECT participant_id FROM vote_ballots').all()).toEqual([{ participant_id: anna.join.participantId }]);
      expect(db.prepare('SELECT participant_id FROM vote_participation').all()).toEqual([{ participant_id: anna.join.participantId }]);
    } finally {
      db.close();
    }
    const { result } = await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(result.voters).toBe(1);
  });

  it('refuses what a participant may not do, each with an error id from shared/errors.ts', async () => {
    const { srv, cookie, mod, observer, people } = await room();
    const [anna, , cem] = people as [Person, Person, Person];
    const { round } = await ok(mod.s, 'vote.open', { config: punkt() });
    const cast = (p: Person, dots: Record<string, number>, roundId = round.id) => refusedWith(p.s, 'vote.cast', { roundId, ballot: { method: 'punktabfrage', dots } });

    expect(await cast(anna, { o1: 2, o2: 2 })).toBe('dot_budget_exceeded');
    expect(await cast(anna, { o1: 3 })).toBe('dot_budget_exceeded');
    expect(await cast(anna, { o9: 1 })).toBe('invalid_ballot');
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } })).toBe('invalid_ballot');
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o1: -1 } } })).toBe('validation_error');
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: 'x'.repeat(100), ballot: {} })).toBe('validation_error');
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: 'no-such-round' , ballot: { method: 'punktabfrage', dots: { o1: 1 } } })).toBe('not_found');
    expect(await cast(observer, { o1: 1 })).toBe('not_eligible');
    expect(await cast(mod, { o1: 1 })).toBe('not_eligible');
    expect(await refusedWith(anna.s, 'vote.open', { config: punkt() })).toBe('not_moderator');
    expect(await refusedWith(anna.s, 'vote.close', { roundId: round.id })).toBe('not_moderator');

    // A round of another session.
    const other = await createSession(srv.baseUrl, cookie);
    const otherMod = await enterAsModerator(srv.baseUrl, cookie, other.id);
    const otherModSocket = connectSocket(srv.baseUrl, otherMod.token);
    await otherModSocket.welcome;
    const { round: foreign } = await ok(otherModSocket, 'vote.open', { config: punkt() });
    expect(await cast(anna, { o1: 1 }, foreign.id)).toBe('wrong_session');
    expect(await refusedWith(anna.s, 'ballot.get', { roundId: foreign.id })).toBe('wrong_session');
    expect(await refusedWith(mod.s, 'vote.close', { roundId: foreign.id })).toBe('wrong_session');

    // A removed participant: disconnected at once, and the token no longer opens a socket.
    await ok(cem.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } });
    const gone = new Promise<string>((resolve) => cem.s.socket.once('disconnect', resolve));
    await ok(mod.s, 'participant.remove', { participantId: cem.join.participantId });
    expect(await gone).toBe('io server disconnect');
    expect(cem.s.received('session.revoked')).toEqual([{ reason: 'removed' }]);
    const again = connectSocket(srv.baseUrl, cem.join.token);
    const err = (await again.welcome.catch((e: unknown) => e)) as Error & { data?: { id?: string } };
    expect(err.data?.id).toBe('unauthenticated');
    // Cem's ballot was withdrawn with him.
    await waitFor(() => anna.s.received('vote.progress').some((p) => p.roundId === round.id && p.voted === 0), 'ballot withdrawn');

    // After close, nothing more.
    await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(await cast(anna, { o1: 1 })).toBe('round_closed');
    expect(await refusedWith(mod.s, 'vote.close', { roundId: round.id })).toBe('round_closed');
    expect(await refusedWith(mod.s, 'vote.setManual', { roundId: round.id, manual: null })).toBe('round_closed');
  });

  it('an interfraktionelle Arbeitsgruppe takes Meinungsbilder only, labels them, and marks no outcome', async () => {
    const { mod, people } = await room('interfraktionelle_ag');
    const [anna, bernd, cem] = people as [Person, Person, Person];
    for (const config of [
      punkt(),
      { method: 'widerstandsabfrage', title: 't', options: [{ label: 'A' }] },
      { method: 'konsenscheck', title: 't', options: [{ label: 'A' }] },
      { method: 'meinungsbild', title: 't', options: [{ label: 'A' }], named: true },
    ]) {
      expect(await refusedWith(mod.s, 'vote.open', { config })).toBe('method_not_allowed');
    }
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 'Schulentwicklungsplan', options: [{ label: 'Ganztag ausbauen' }] } });
    expect(round).toMatchObject({ nonBinding: true, label: MEINUNGSBILD_LABEL });
    for (const [p, o] of [[anna, 'dafuer'], [bernd, 'dafuer'], [cem, 'unentschieden']] as const) {
      await ok(p.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: o } } });
    }
    const { result } = await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(result).toMatchObject({ nonBinding: true, label: 'Meinungsbild — unverbindlich', voters: 3, outcomes: [] });
    expect(result.tally).toEqual({ method: 'meinungsbild', voters: 3, options: [{ optionId: 'o1', counts: { dafuer: 2, unentschieden: 1, dagegen: 0 } }] });
    expect(await refusedWith(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o1', outcome: 'konsens' })).toBe('method_not_allowed');
  });

  it('marks an outcome with the recorded objections and the participants count, stores it and shows it on the board', async () => {
    const { srv, mod, people } = await room();
    const [anna, bernd, cem] = people as [Person, Person, Person];
    const board = client(srv.wsUrl, mod.join.docs.priorities, mod.join.token);
    await synced(board);
    const topicId = addPriorityTopic(board.doc, { origin: 'm', author: { participantId: mod.join.participantId, displayName: mod.join.displayName } }, { title: 'Ganztag' });
    const { round } = await ok(mod.s, 'vote.open', {
      config: { method: 'konsenscheck', title: 'Ganztag', options: [{ label: 'Ganztag', source: { board: 'priorities', itemId: topicId } }] },
    });
    expect(await refusedWith(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o1', outcome: 'konsens' })).toBe('round_open');
    await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' } } } });
    await ok(bernd.s, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'leichte_bedenken', reason: 'Raumfrage offen' } } } });
    await ok(cem.s, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' } } } });
    await ok(mod.s, 'vote.close', { roundId: round.id });

    expect(await refusedWith(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o7', outcome: 'konsens' })).toBe('not_found');
    expect(await refusedWith(anna.s, 'outcome.mark', { roundId: round.id, optionId: 'o1', outcome: 'konsens' })).toBe('not_moderator');
    const { result } = await ok(mod.s, 'outcome.mark', {
      roundId: round.id,
      optionId: 'o1',
      outcome: 'konsens_mit_bedenken',
      objections: [{ level: 'leichte_bedenken', reason: 'Finanzierung ab 2028 klären' }],
    });
    expect(result.outcomes).toEqual([
      {
        optionId: 'o1',
        outcome: 'konsens_mit_bedenken',
        objections: [
          { level: 'leichte_bedenken', reason: 'Raumfrage offen' },
          { level: 'leichte_bedenken', reason: 'Finanzierung ab 2028 klären', manual: true },
        ],
        participants: 3,
        markedAt: expect.any(Number),
      },
    ]);
    await waitFor(() => anna.s.received('vote.result').some((r) => r.outcomes.length === 1), 'the marked result to reach everyone');
    await waitFor(() => readPriorities(board.doc)[0]?.voteResult?.outcome === 'konsens_mit_bedenken', 'outcome on the board');
    expect(readPriorities(board.doc)[0]!.voteResult).toMatchObject({ participants: 3, totals: { zustimmung: 2, leichte_bedenken: 1 } });
    const db = sqlite(srv);
    try {
      expect(db.prepare('SELECT option_id, outcome, participants, objections_json FROM vote_outcomes').all()).toEqual([
        { option_id: 'o1', outcome: 'konsens_mit_bedenken', participants: 3, objections_json: JSON.stringify(result.outcomes[0]!.objections) },
      ]);
    } finally {
      db.close();
    }

    // A Meinungsbild is never an outcome, not even in a Bildungskonferenz.
    const { round: mb } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 't', options: [{ label: 'A' }] } });
    await ok(mod.s, 'vote.close', { roundId: mb.id });
    expect(await refusedWith(mod.s, 'outcome.mark', { roundId: mb.id, optionId: 'o1', outcome: 'konsens' })).toBe('method_not_allowed');
  });

  it('named rounds name the voters; hand/paper votes count in the total and show apart; groups below 3 are merged', async () => {
    const { mod, people } = await room('arbeitsgruppe', ['Anna', 'Bernd', 'Cem', 'Dora', 'Emil']);
    const groups = ['schule', 'schule', 'schule', 'politik', null] as const;
    for (const [i, p] of people.entries()) {
      await ok(p.s, 'participant.setActorGroup', { actorGroup: groups[i] });
      expect(p.s.received('participant.updated').length).toBeGreaterThanOrEqual(groups[i] === null ? 0 : 1);
    }
    const resist = (o1: number, o2: number) => ({ method: 'widerstandsabfrage', resistance: { o1, o2, status_quo: 10 } });

    const { round: secret } = await ok(mod.s, 'vote.open', { config: { method: 'widerstandsabfrage', title: 'Varianten', options: [{ label: 'A' }, { label: 'B' }] } });
    expect(secret.options.map((o) => o.id)).toEqual(['o1', 'o2', 'status_quo']);
    for (const [i, p] of people.entries()) await ok(p.s, 'vote.cast', { roundId: secret.id, ballot: resist(i, 10 - i) });
    expect(await refusedWith(mod.s, 'vote.setManual', { roundId: secret.id, manual: { method: 'widerstandsabfrage', voters: 1, distribution: { o1: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } } })).toBe('invalid_ballot');
    await ok(mod.s, 'vote.setManual', {
      roundId: secret.id,
      manual: { method: 'widerstandsabfrage', voters: 2, note: 'Papier', distribution: { o1: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], o2: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] } },
    });
    await stateWhere(people[0]!.s, (s) => s.rounds.some((r) => r.id === secret.id && r.hasManual));
    const { result } = await ok(mod.s, 'vote.close', { roundId: secret.id });
    expect(result.voters).toBe(7);
    expect(result.ballots).toBeNull();
    expect(result.manual?.note).toBe('Papier');
    if (result.tally?.method !== 'widerstandsabfrage' || result.online?.method !== 'widerstandsabfrage') throw new Error('method');
    expect(result.online.options.map((o) => o.total)).toEqual([0 + 1 + 2 + 3 + 4, 10 + 9 + 8 + 7 + 6, 50]);
    expect(result.tally.options.map((o) => o.total)).toEqual([10 + 20, 40, 50]);
    expect(result.tally.ranking).toEqual(['o1', 'o2', 'status_quo']);
    // schule 3 shown; politik (1) and the one without a group (1) are Sonstige (2), too few, so
    // the smallest shown group joins them: everyone is under Sonstige.
    expect(result.byGroup?.map((g) => [g.group, g.voters])).toEqual([['sonstige', 5]]);

    const { round: named } = await ok(mod.s, 'vote.open', { config: { method: 'punktabfrage', title: 'Namentlich', named: true, options: [{ label: 'A' }], dotsPerPerson: 1, maxPerOption: 1 } });
    expect(named.named).toBe(true);
    await ok(people[1]!.s, 'vote.cast', { roundId: named.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } });
    await ok(people[0]!.s, 'vote.cast', { roundId: named.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } });
    const { result: namedResult } = await ok(mod.s, 'vote.close', { roundId: named.id });
    expect(namedResult.ballots?.map((b) => [b.displayName, b.actorGroup, b.ballot])).toEqual([
      ['Anna', 'schule', { method: 'punktabfrage', dots: { o1: 1 } }],
      ['Bernd', 'schule', { method: 'punktabfrage', dots: { o1: 1 } }],
    ]);
  });

  it('a late joiner gets the open rounds in session.state and every closed result, and cancel discards a round', async () => {
    const { srv, session, mod, people } = await room();
    const [anna] = people as [Person];
    const { round: first } = await ok(mod.s, 'vote.open', { config: punkt({ title: 'Erste' }) });
    await ok(anna.s, 'vote.cast', { roundId: first.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } });
    await ok(mod.s, 'vote.close', { roundId: first.id });
    const { round: second } = await ok(mod.s, 'vote.open', { config: punkt({ title: 'Zweite' }) });
    const { round: third } = await ok(mod.s, 'vote.open', { config: punkt({ title: 'Dritte' }) });
    await ok(anna.s, 'vote.cast', { roundId: third.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } });
    await ok(mod.s, 'vote.cancel', { roundId: third.id });
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: third.id, ballot: { method: 'punktabfrage', dots: { o1: 1 } } })).toBe('round_closed');

    const late = await joinSession(srv.baseUrl, session.joinCode, 'Spät');
    const s = connectSocket(srv.baseUrl, late.token);
    const state = await stateWhere(s, () => true);
    expect(state.rounds.map((r) => [r.id, r.title, r.voted])).toEqual([[second.id, 'Zweite', 0]]);
    await eventCount(s, 'vote.result', 1);
    expect(s.received('vote.result').map((r: RoundResult) => r.title)).toEqual(['Erste']);
    expect(await send(s, 'vote.cast', { roundId: second.id, ballot: { method: 'punktabfrage', dots: { o2: 1 } } })).toEqual({ ok: true, replaced: false });
  });
});
