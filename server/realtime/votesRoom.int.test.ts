/**
 * Votes for a large room, over the wire (real server, real SQLite file, real sockets, the real
 * export worker): a secret round below the minimum of voters publishes no distribution in the
 * result, on the board or in any export; outcomes are corrected with a log that reaches the
 * drafts; rounds are re-opened, extended and closed by their timer (also across a restart); who
 * has not voted is told for named rounds only.
 */
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JoinResponse } from '../../shared/api';
import type { DecisionContent } from '../../shared/decision';
import type { DraftResponse, ExportJobResponse } from '../../shared/decisionApi';
import type { SessionKind } from '../../shared/domain';
import { addPriorityTopic, readPriorities } from '../../shared/schema';
import type { RoundResult } from '../../shared/votes';
import { api } from '../test/decisionSeed';
import { createSession, type InProcess, joinSession, login, synced, tempDir, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, eventCount, ok, type Recorded, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

interface Person {
  join: JoinResponse;
  s: Recorded;
}

async function room(srv: InProcess, names: string[], kind: SessionKind = 'bildungskonferenz') {
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie, kind);
  const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const mod: Person = { join: modJoin, s: connectSocket(srv.baseUrl, modJoin.token) };
  const people: Person[] = [];
  for (const name of names) {
    const join = await joinSession(srv.baseUrl, session.joinCode, name);
    people.push({ join, s: connectSocket(srv.baseUrl, join.token) });
  }
  await Promise.all([mod, ...people].map((p) => p.s.welcome));
  await Promise.all([mod, ...people].map((p) => stateWhere(p.s, () => true)));
  return { cookie, session, mod, people };
}

async function produce(srv: InProcess, path: string, auth: { cookie?: string; bearer?: string }, body: unknown): Promise<Buffer> {
  const created = await api<ExportJobResponse>(srv.baseUrl, 'POST', path, auth, body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  let job = created.body.job;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 25));
    job = (await api<ExportJobResponse>(srv.baseUrl, 'GET', `/exports/${job.id}`, auth)).body.job;
  }
  expect(job.status, job.error ?? '').toBe('done');
  const headers: Record<string, string> = auth.cookie ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.bearer}` };
  return Buffer.from(await (await fetch(`${srv.baseUrl}${job.downloadUrl}`, { headers })).arrayBuffer());
}

async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  // Paragraphs and table cells as lines of plain text.
  return xml
    .replace(/<\/w:p>|<\/w:tc>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

function pdfText(bytes: Buffer): string {
  const file = join(tempDir('werkraum-pdf-'), 'x.pdf');
  writeFileSync(file, bytes);
  // Lines joined: a sentence may wrap anywhere.
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/-\n(?=[a-zäöü])/g, '').replace(/\s+/g, ' ');
}

/** What a published distribution of a Widerstandsabfrage would say in any output. */
const DISTRIBUTION = [/Widerstand gesamt/, /im Mittel/, /Rang \d+ von/, /Geringster Widerstand/];

describe('votes for a large room', () => {
  it('a secret round with two voters shows no distribution anywhere: result, board, DOCX, PDF, JSON, Markdown, OParl, Protokoll', async () => {
    // Eight exports on a busy machine: a generous render timeout.
    const srv = await start({ env: { WERKRAUM_EXPORT_TIMEOUT_MS: '120000' } });
    const { cookie, session, mod, people } = await room(srv, ['Anna', 'Bernd', 'Cem']);
    const [anna, bernd, cem] = people as [Person, Person, Person];
    await ok(anna.s, 'participant.setActorGroup', { actorGroup: 'jugendhilfe' });
    await ok(bernd.s, 'participant.setActorGroup', { actorGroup: 'verwaltung' });
    const board = client(srv.wsUrl, mod.join.docs.priorities, mod.join.token);
    await synced(board);
    const topic = addPriorityTopic(board.doc, { origin: 'm', author: { participantId: mod.join.participantId, displayName: mod.join.displayName } }, { title: 'Ganztag ausbauen' });

    const { round } = await ok(mod.s, 'vote.open', {
      config: { method: 'widerstandsabfrage', title: 'Varianten Ganztag', options: [{ label: 'Ganztag ausbauen', source: { board: 'priorities', itemId: topic } }, { label: 'Hort erhalten' }] },
    });
    await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'widerstandsabfrage', resistance: { o1: 7, o2: 1, status_quo: 4 } } });
    await ok(bernd.s, 'vote.cast', { roundId: round.id, ballot: { method: 'widerstandsabfrage', resistance: { o1: 9, o2: 2, status_quo: 6 } } });
    const { result } = await ok(mod.s, 'vote.close', { roundId: round.id });

    // The one published result: the number of voters, nothing else.
    expect(result).toMatchObject({ voters: 2, withheld: true, minVoters: 3, tally: null, online: null, manual: null, byGroup: null, ballots: null });
    await eventCount(cem.s, 'vote.result', 1);
    const seen = cem.s.received('vote.result')[0]!;
    expect(seen).toEqual(result);
    expect(JSON.stringify(seen)).not.toMatch(/"distribution"|"total"|"ranking"|"mean"/);
    // A late joiner gets the same.
    const late = connectSocket(srv.baseUrl, (await joinSession(srv.baseUrl, session.joinCode, 'Dora')).token);
    await eventCount(late, 'vote.result', 1);
    expect(late.received('vote.result')[0]).toEqual(result);
    // The board's slot carries the number of voters, no totals.
    await waitFor(() => readPriorities(board.doc)[0]?.voteResult !== null, 'the board slot');
    expect(readPriorities(board.doc)[0]!.voteResult).toMatchObject({ participants: 2, totals: {} });
    // An outcome can still be recorded (the room saw the discussion), but no objection comes from the withheld ballots.
    await ok(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o1', outcome: 'konsens' });

    // A draft from it, handed over, then every export.
    const bearer = { bearer: mod.join.token };
    const created = await api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${session.id}/decisions`, bearer, {
      title: 'Ganztag',
      picks: [{ roundId: round.id, optionId: 'o1' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.draft.id;
    const record = created.body.draft.provenance.consensus[0]!;
    expect(record).toMatchObject({ participants: 2, result: { method: 'withheld', minVoters: 3 }, outcome: 'konsens' });
    expect(record.summary).toContain('zu wenige für eine geheime Auswertung');
    // The participation table shows no group of one (Jugendhilfe 1 / Verwaltung 1): all four are "Sonstige".
    expect(created.body.draft.content.participation).toMatchObject({ people: 4, byActorGroup: [{ group: 'sonstige', count: 4 }], withoutGroup: 0 });

    const outputs: Record<string, string> = {};
    outputs.docx = await docxText(await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'docx', version: 'current' }));
    outputs.pdf = pdfText(await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'pdf', version: 'current' }));
    outputs.md = (await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'md', version: 'current' })).toString('utf8');
    const json = (await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'json', version: 'current' })).toString('utf8');
    outputs.json = json;
    outputs.protokollDocx = await docxText(await produce(srv, `/sessions/${session.id}/exports`, { cookie }, { format: 'docx' }));
    outputs.protokollPdf = pdfText(await produce(srv, `/sessions/${session.id}/exports`, { cookie }, { format: 'pdf' }));

    for (const [name, text] of Object.entries(outputs)) {
      for (const pattern of DISTRIBUTION) expect(text, `${name} shows ${pattern}`).not.toMatch(pattern);
      expect(text, `${name} lists a group of one`).not.toMatch(/Jugendhilfe|Verwaltung/);
    }
    for (const name of ["docx", "pdf", "md", "protokollDocx", "protokollPdf"]) expect(outputs[name], name).toMatch(/geheime Auswertung/);
    const content = (JSON.parse(json) as { content: DecisionContent }).content;
    expect(content.consensus.map((c) => c.result)).toEqual([{ method: 'withheld', minVoters: 3 }]);

    // OParl needs a version: hand over (the Verbindlichkeitsstufe is set first).
    const dc = client(srv.wsUrl, mod.join.docs.decisions, mod.join.token);
    await synced(dc);
    const { setDraftChoices } = await import('../../shared/schema');
    setDraftChoices(dc.doc, { origin: 'm', author: { participantId: mod.join.participantId, displayName: mod.join.displayName } }, draftId, { verbindlichkeitsstufe: 'lose_koordination' });
    let handedOver = 0;
    for (let i = 0; i < 100 && handedOver !== 201; i++) {
      handedOver = (await api(srv.baseUrl, 'POST', `/decisions/${draftId}/handover`, bearer, {})).status;
      if (handedOver !== 201) await new Promise((r) => setTimeout(r, 50));
    }
    expect(handedOver).toBe(201);
    const oparl = (await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'oparl' })).toString('utf8');
    for (const pattern of DISTRIBUTION) expect(oparl).not.toMatch(pattern);
    const frozen = (await produce(srv, `/decisions/${draftId}/exports`, bearer, { format: 'json' })).toString('utf8');
    expect(frozen).toMatch(/"method": ?"withheld"/);
  }, 300_000);

  it('a higher minimum from the installation (WERKRAUM_SECRET_MIN_VOTERS) withholds a round of four', async () => {
    const srv = await start({ env: { WERKRAUM_SECRET_MIN_VOTERS: '5' } });
    const { mod, people } = await room(srv, ['A', 'B', 'C', 'D']);
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 't', options: [{ label: 'X' }] } });
    for (const p of people) await ok(p.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } });
    const { result } = await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(result).toMatchObject({ voters: 4, withheld: true, minVoters: 5, tally: null });
  });

  it('an outcome is corrected or withdrawn only with a reason; the log, the board, the draft and its audit follow', async () => {
    const srv = await start();
    const { session, mod, people } = await room(srv, ['Anna', 'Bernd', 'Cem']);
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'konsenscheck', title: 'Leitziele', options: [{ label: 'Sprache' }, { label: 'Ganztag' }] } });
    for (const p of people) {
      await ok(p.s, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' }, o2: { level: 'leichte_bedenken', reason: 'Räume' } } } });
    }
    await ok(mod.s, 'vote.close', { roundId: round.id });
    // Recorded on the wrong option first.
    await ok(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o2', outcome: 'konsens' });
    const bearer = { bearer: mod.join.token };
    const created = await api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${session.id}/decisions`, bearer, { picks: [{ roundId: round.id, optionId: 'o2' }] });
    expect(created.status).toBe(201);
    const draftId = created.body.draft.id;

    expect(await refusedWith(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o2', outcome: 'konsens_mit_bedenken' })).toBe('validation_error');
    expect(await refusedWith(people[0]!.s, 'outcome.mark', { roundId: round.id, optionId: 'o2', outcome: 'dissens', reason: 'x' })).toBe('not_moderator');
    const { result: corrected } = await ok(mod.s, 'outcome.mark', { roundId: round.id, optionId: 'o2', outcome: 'konsens_mit_bedenken', reason: 'Bedenken zu Räumen übersehen' });
    expect(corrected.outcomes.map((m) => [m.optionId, m.outcome])).toEqual([['o2', 'konsens_mit_bedenken']]);
    expect(corrected.outcomeLog).toEqual([
      { optionId: 'o2', action: 'marked', outcome: 'konsens', previous: null, reason: null, at: expect.any(Number) },
      { optionId: 'o2', action: 'corrected', outcome: 'konsens_mit_bedenken', previous: 'konsens', reason: 'Bedenken zu Räumen übersehen', at: expect.any(Number) },
    ]);
    await waitFor(() => people[1]!.s.received('vote.result').some((r: RoundResult) => r.outcomeLog?.length === 2), 'the correction reaches everyone');

    // The draft that uses the record shows the corrected outcome with its correction, and its audit says so.
    const draft = await api<DraftResponse>(srv.baseUrl, 'GET', `/decisions/${draftId}`, bearer);
    const rec = draft.body.draft.provenance.consensus[0]!;
    expect(rec.outcome).toBe('konsens_mit_bedenken');
    expect(rec.corrections).toEqual([{ previous: 'konsens', outcome: 'konsens_mit_bedenken', reason: 'Bedenken zu Räumen übersehen', at: expect.stringMatching(/T/) }]);
    expect(rec.summary).toContain('Ergebnis korrigiert');
    const audit = await api<{ events: { action: string }[] }>(srv.baseUrl, 'GET', `/decisions/${draftId}/audit`, bearer);
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e) => e.action)).toContain('outcome_corrected');

    // Withdrawn: the option has no outcome any more, the log keeps what it had.
    expect(await refusedWith(mod.s, 'outcome.withdraw', { roundId: round.id, optionId: 'o2', reason: '' })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'outcome.withdraw', { roundId: round.id, optionId: 'o1', reason: 'falsch' })).toBe('not_found');
    const { result: withdrawn } = await ok(mod.s, 'outcome.withdraw', { roundId: round.id, optionId: 'o2', reason: 'Falsche Option' });
    expect(withdrawn.outcomes).toEqual([]);
    expect(withdrawn.outcomeLog?.at(-1)).toMatchObject({ optionId: 'o2', action: 'withdrawn', outcome: null, previous: 'konsens_mit_bedenken', reason: 'Falsche Option' });
    const after = await api<DraftResponse>(srv.baseUrl, 'GET', `/decisions/${draftId}`, bearer);
    expect(after.body.draft.provenance.consensus[0]!.outcome).toBeNull();
    const audit2 = await api<{ events: { action: string }[] }>(srv.baseUrl, 'GET', `/decisions/${draftId}/audit`, bearer);
    expect(audit2.body.events.map((e) => e.action)).toContain('outcome_withdrawn');
  });

  it('re-open asks a closed round again; extend moves the timer; a named round tells who has not voted, a secret one does not', async () => {
    const srv = await start();
    const { mod, people } = await room(srv, ['Anna', 'Bernd', 'Cem']);
    const [anna, bernd] = people as [Person, Person, Person];
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'punktabfrage', title: 'Schwerpunkte', options: [{ label: 'A' }, { label: 'B' }], dotsPerPerson: 2, maxPerOption: 2 } });
    expect(round.closesAt).toBeNull();
    expect(await refusedWith(mod.s, 'vote.reopen', { roundId: round.id })).toBe('round_open');
    expect(await refusedWith(mod.s, 'vote.pending', { roundId: round.id })).toBe('method_not_allowed');

    const before = Date.now();
    const { closesAt } = await ok(mod.s, 'vote.extend', { roundId: round.id, seconds: 120 });
    expect(closesAt).toBeGreaterThanOrEqual(before + 120_000);
    await stateWhere(anna.s, (s) => s.rounds.some((r) => r.id === round.id && r.closesAt === closesAt));
    const { closesAt: later } = await ok(mod.s, 'vote.extend', { roundId: round.id, seconds: 60 });
    expect(later).toBe(closesAt + 60_000);
    expect(await refusedWith(mod.s, 'vote.extend', { roundId: round.id, seconds: 5 })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'vote.extend', { roundId: round.id, seconds: 7200 })).toBe('validation_error');
    expect(await refusedWith(anna.s, 'vote.extend', { roundId: round.id, seconds: 60 })).toBe('not_moderator');

    await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o1: 2 } } });
    await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(await refusedWith(mod.s, 'vote.extend', { roundId: round.id, seconds: 60 })).toBe('round_closed');
    const { round: again } = await ok(mod.s, 'vote.reopen', { roundId: round.id, durationSeconds: 600 });
    expect(again).toMatchObject({ title: 'Schwerpunkte', reopenedFrom: round.id, voted: 0, method: 'punktabfrage', dotsPerPerson: 2 });
    expect(again.id).not.toBe(round.id);
    expect(again.options.map((o) => o.label)).toEqual(['A', 'B']);
    expect(again.closesAt! - again.openedAt).toBe(600_000);
    await ok(mod.s, 'vote.cancel', { roundId: again.id });

    const { round: named } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 'Namentlich', named: true, options: [{ label: 'A' }] } });
    await ok(bernd.s, 'vote.cast', { roundId: named.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } });
    const { pending } = await ok(mod.s, 'vote.pending', { roundId: named.id });
    expect(pending.map((p) => p.displayName)).toEqual(['Anna', 'Cem']);
    expect(await refusedWith(anna.s, 'vote.pending', { roundId: named.id })).toBe('not_moderator');
  });

  it('the server closes a round when its timer runs out, also when it restarted meanwhile', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const { mod, people } = await room(first, ['Anna', 'Bernd', 'Cem']);
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 'Zeit', options: [{ label: 'A' }] }, durationSeconds: 10 });
    // vote.open takes the timer in the config.
    expect(round.closesAt).toBeNull();
    const { round: timed } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 'Mit Zeit', options: [{ label: 'A' }], durationSeconds: 10 } });
    expect(timed.closesAt! - timed.openedAt).toBe(10_000);
    for (const p of people) await ok(p.s, 'vote.cast', { roundId: timed.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dagegen' } } });
    await first.stop();

    const second = await start({ dataDir });
    const s = connectSocket(second.baseUrl, mod.join.token);
    await waitFor(() => s.received('vote.result').some((r: RoundResult) => r.roundId === timed.id), 'the timed round closed by the server', 20_000);
    const result = s.received('vote.result').find((r: RoundResult) => r.roundId === timed.id)!;
    expect(result.closedAt).toBeGreaterThanOrEqual(timed.closesAt!);
    expect(result).toMatchObject({ voters: 3, withheld: false });
    // The round without a timer stays open.
    const state = await stateWhere(s, (st) => st.rounds.length > 0);
    expect(state.rounds.map((r) => r.id)).toEqual([round.id]);
  }, 60_000);
});

describe('a dot vote into the priorities', () => {
  it('takes a closed Punktabfrage ranking over into the priorities board; other topics follow; refused before closing and for other methods', async () => {
    const srv = await start();
    const { mod, people } = await room(srv, ['Anna', 'Bernd', 'Cem']);
    const board = client(srv.wsUrl, mod.join.docs.priorities, mod.join.token);
    await synced(board);
    const ctx = { origin: 'm', author: { participantId: mod.join.participantId, displayName: mod.join.displayName } };
    const [a, b, c] = ['Sprache', 'Ganztag', 'Übergang'].map((title) => addPriorityTopic(board.doc, ctx, { title })) as [string, string, string];
    const { round } = await ok(mod.s, 'vote.open', {
      config: {
        method: 'punktabfrage',
        title: 'Schwerpunkte',
        options: [{ label: 'Sprache', source: { board: 'priorities', itemId: a } }, { label: 'Übergang', source: { board: 'priorities', itemId: c } }],
        dotsPerPerson: 3,
        maxPerOption: 3,
      },
    });
    for (const p of people) await ok(p.s, 'vote.cast', { roundId: round.id, ballot: { method: 'punktabfrage', dots: { o2: 3 } } });
    expect(await refusedWith(mod.s, 'vote.applyRanking', { roundId: round.id })).toBe('round_open');
    await ok(mod.s, 'vote.close', { roundId: round.id });
    expect(await refusedWith(people[0]!.s, 'vote.applyRanking', { roundId: round.id })).toBe('not_moderator');
    expect(await ok(mod.s, 'vote.applyRanking', { roundId: round.id })).toEqual({ moved: 2 });
    // Übergang (9 dots) first, Sprache (0) second, Ganztag (not in the round) after them.
    await waitFor(() => readPriorities(board.doc)[0]?.id === c, 'the new order on the board');
    expect(readPriorities(board.doc).map((t) => t.id)).toEqual([c, a, b]);

    const { round: mb } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 't', options: [{ label: 'Sprache', source: { board: 'priorities', itemId: a } }] } });
    await ok(mod.s, 'vote.close', { roundId: mb.id });
    expect(await refusedWith(mod.s, 'vote.applyRanking', { roundId: mb.id })).toBe('method_not_allowed');
  });
});
