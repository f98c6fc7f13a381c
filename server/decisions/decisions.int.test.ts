/**
 * Decision drafts over the wire: a seeded session (boards through real y-websocket clients,
 * a Konsenscheck through real socket.io), the real HTTP API and a real SQLite file.
 */
import { createHash } from 'node:crypto';
import { richPlainText } from '../../shared/richText';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type DecisionAuditEvent } from '../../shared/decision';
import type {
  CheckResponse,
  CompareResponse,
  CreatedInvitation,
  DraftListResponse,
  DraftResponse,
  HandoverResponse,
  LenkungskreisJoinResponse,
  RecordDecisionResponse,
  VersionResponse,
} from '../../shared/decisionApi';
import type { ApiErrorBody } from '../../shared/errors';
import type * as Y from 'yjs';
import { addDraftRow, editDraftText, readDecisionDraft, readDraftStatusSignals, setDraftChoices } from '../../shared/schema';
import { api, seedDecisionSession, type Seeded } from '../test/decisionSeed';
import { synced, useRealServers, waitFor } from '../test/harness';
import { useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

async function seeded(): Promise<Seeded> {
  return seedDecisionSession(await start(), client, connectSocket);
}

const errorId = (r: { body: unknown }) => (r.body as ApiErrorBody).error?.id;

async function createDraft(s: Seeded) {
  const r = await api<DraftResponse>(s.srv.baseUrl, 'POST', `/sessions/${s.session.id}/decisions`, { bearer: s.mod.token }, {
    picks: [{ roundId: s.round.roundId, optionId: 'o1' }, { board: 'goals', itemId: s.ids.goal }, { board: 'swot', itemId: s.ids.card }, { board: 'actions', itemId: s.ids.goal }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.draft;
}

/** Edits the live draft as a moderator's browser would, and waits until the server stored it. */
async function editLive(s: Seeded, draftId: string, edit: (doc: Y.Doc) => void) {
  const c = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
  await synced(c);
  edit(c.doc);
  const probe = client(s.srv.wsUrl, s.mod.docs.decisions, s.mod.token);
  await synced(probe);
  await waitFor(() => canonicalJson(readDecisionDraft(probe.doc, draftId)) === canonicalJson(readDecisionDraft(c.doc, draftId)), 'edit stored');
  c.destroy();
  probe.destroy();
}

/** Edits as the moderator: authorship must name the connection's participant. */
const ctxFor = (s: { mod: { participantId: string; displayName: string } }) => ({ origin: 'm', author: { participantId: s.mod.participantId, displayName: s.mod.displayName } });

describe('decision drafts', () => {
  it('assembles a draft from consensus outcomes and board items, keeping every source link and consensus record', async () => {
    const s = await seeded();
    const draft = await createDraft(s);
    expect(draft.status).toBe('entwurf');
    expect(draft.reference).toMatch(/^LK-\d{4}-001$/);
    expect(draft.docName).toBe(`${s.session.id}:decisions`);

    const sources = draft.provenance.sources.map((x) => `${x.ref.board}:${x.ref.itemId}`);
    expect(sources).toEqual([`priorities:${s.ids.topic}`, `goals:${s.ids.goal}`, `goals:${s.ids.measure}`, `swot:${s.ids.card}`, `actions:${s.ids.goal}`]);
    const records = draft.provenance.consensus;
    expect(records.map((r) => r.id).sort()).toEqual([`${s.round.roundId}:o1`, `${s.round.roundId}:o2`]);
    const topicRecord = records.find((r) => r.optionId === 'o1')!;
    expect(topicRecord).toMatchObject({
      method: 'konsenscheck',
      outcome: 'konsens_mit_bedenken',
      participants: 3,
      result: { method: 'konsenscheck', zustimmung: 2, leichte_bedenken: 1, schwere_bedenken: 0, veto: 0 },
      objections: [{ level: 'leichte_bedenken', reason: 'Finanzierung ab 2028 offen' }],
      source: { board: 'priorities', itemId: s.ids.topic },
    });
    expect(records.find((r) => r.optionId === 'o2')!.objections).toEqual([{ level: 'schwere_bedenken', reason: 'Zielwert zu ehrgeizig' }]);
    // Secret round: nobody's name in any record.
    expect(JSON.stringify(records)).not.toMatch(/Anna|Bernd|Cem/);

    const c = draft.content;
    expect(c.topics).toEqual([expect.objectContaining({ title: 'Übergang Schule–Beruf', source: { board: 'priorities', itemId: s.ids.topic }, consensusIds: [topicRecord.id] })]);
    expect(c.goals).toHaveLength(1);
    expect(c.goals[0]).toMatchObject({ title: 'Übergangsquote erhöhen', owner: 'Bildungsbüro', source: { board: 'goals', itemId: s.ids.goal }, consensusIds: [`${s.round.roundId}:o2`] });
    expect(c.goals[0]!.indicators).toEqual([expect.objectContaining({ name: 'Übergangsquote', baseline: 61.5, target: 70, deadline: '2028-07-31' })]);
    expect(c.measures.map((m) => [m.zielfeld, m.source?.board])).toEqual([
      ['leistungen', 'goals'],
      ['wirkungen', 'actions'],
      ['leistungen', 'actions'],
      ['prozesse', 'actions'],
      ['ressourcen', 'actions'],
    ]);
    expect(c.measures[0]!.goalId).toBe(c.goals[0]!.id);
    expect(c.evidence[0]).toMatchObject({ quadrant: 'schwaechen', value: 61.5, source: { board: 'swot', itemId: s.ids.card } });
    expect(c.responsibilities.map((r) => r.actor)).toEqual(['Jugendberufsagentur', 'Schulamt']);
    expect(c.municipalRole).toBe('gewaehrleisterin');
    expect(c.participation).toMatchObject({ people: 3, observers: 1, maxVoters: 3, withoutGroup: 0 });
    // Schule 2 and Jugendhilfe 1 are both below three: shown together as "Sonstige", never a group of one.
    expect(c.participation.byActorGroup).toEqual([{ group: 'sonstige', label: 'Sonstige', count: 3 }]);
    expect(c.beschlussvorschlag.content.length).toBeGreaterThan(1);
    // What the check finds on the fresh draft: no Verbindlichkeitsstufe (blocking), no costs, no timeline.
    const check = await api<CheckResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}/check`, { bearer: s.people[0]!.token });
    expect(check.body.canHandOver).toBe(false);
    expect(check.body.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['verbindlichkeitsstufe_missing', 'no_cost_estimate', 'no_timeline', 'consensus_not_recorded']));
    // Items nobody voted on are named: the SWOT card, the measure, the action plan.
    expect(check.body.findings.filter((f) => f.id === 'consensus_not_recorded').map((f) => f.itemId)).toEqual([`goals:${s.ids.measure}`, `swot:${s.ids.card}`, `actions:${s.ids.goal}`]);

    // The session sees it; another session's people and unknown callers do not.
    const list = await api<DraftListResponse>(s.srv.baseUrl, 'GET', `/sessions/${s.session.id}/decisions`, { bearer: s.observer.token });
    expect(list.body.drafts.map((d) => d.id)).toEqual([draft.id]);
    expect((await api(s.srv.baseUrl, 'GET', `/decisions/${draft.id}`)).status).toBe(401);
    // Picking an unknown item is refused with its index.
    const bad = await api(s.srv.baseUrl, 'POST', `/decisions/${draft.id}/sources`, { bearer: s.mod.token }, { picks: [{ board: 'swot', itemId: 'gibt-es-nicht' }] });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { id: 'unknown_source', field: 'picks.0' } });
    // Participants read but do not create or hand over.
    const refused = await api(s.srv.baseUrl, 'POST', `/sessions/${s.session.id}/decisions`, { bearer: s.people[0]!.token }, { picks: [] });
    expect(refused.status).toBe(403);
    expect(errorId(refused)).toBe('role_required');
  });

  it('hand-over freezes a version: later edits do not change it, the next hand-over is a new version', async () => {
    const s = await seeded();
    const draft = await createDraft(s);
    const incomplete = await api(s.srv.baseUrl, 'POST', `/decisions/${draft.id}/handover`, { cookie: s.cookie }, {});
    expect(incomplete.status).toBe(409);
    expect(errorId(incomplete)).toBe('draft_incomplete');

    await editLive(s, draft.id, (doc) => {
      setDraftChoices(doc, ctxFor(s), draft.id, { verbindlichkeitsstufe: 'vertragliche_kooperation' });
      addDraftRow(doc, ctxFor(s), draft.id, 'costs', { label: 'Koordinationsstelle', category: 'personal', amountEur: 68000, period: 'jährlich', fundedBy: 'Landkreis' });
      addDraftRow(doc, ctxFor(s), draft.id, 'milestones', { title: 'Start der Praktikumsbörse', date: '2027-03-01' });
    });
    const first = await api<HandoverResponse>(s.srv.baseUrl, 'POST', `/decisions/${draft.id}/handover`, { cookie: s.cookie }, { note: 'Zur Sitzung am 10.12.' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.version).toMatchObject({ number: 1, note: 'Zur Sitzung am 10.12.', handedOverBy: { kind: 'moderator', displayName: expect.any(String) } });
    expect(first.body.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body.draft.status).toBe('uebergeben');

    const v1 = (await api<VersionResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}/versions/1`, { bearer: s.mod.token })).body.version;
    expect(createHash('sha256').update(canonicalJson(v1.content)).digest('hex')).toBe(v1.contentHash);
    expect(v1.content.costs[0]).toMatchObject({ amountEur: 68000 });

    // Edits after the hand-over change the live draft only.
    await editLive(s, draft.id, (doc) => editDraftText(doc, ctxFor(s), draft.id, 'title', 'Übergang Schule–Beruf gemeinsam gestalten'));
    const again = (await api<VersionResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}/versions/1`, { bearer: s.mod.token })).body.version;
    expect(again).toEqual(v1);
    const live = (await api<DraftResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}`, { bearer: s.mod.token })).body.draft;
    expect(live.content.title).toBe('Übergang Schule–Beruf gemeinsam gestalten');
    const cmp = await api<CompareResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}/compare?from=1&to=current`, { bearer: s.mod.token });
    expect(cmp.body.changes.map((x) => x.field)).toEqual(['title']);
    expect(cmp.body.changes[0]).toMatchObject({ kind: 'value', before: v1.content.title, after: 'Übergang Schule–Beruf gemeinsam gestalten' });

    const second = await api<HandoverResponse>(s.srv.baseUrl, 'POST', `/decisions/${draft.id}/handover`, { bearer: s.mod.token }, {});
    expect(second.body.version.number).toBe(2);
    expect(second.body.version.contentHash).not.toBe(v1.contentHash);
    expect((await api<VersionResponse>(s.srv.baseUrl, 'GET', `/decisions/${draft.id}/versions/1`, { bearer: s.mod.token })).body.version).toEqual(v1);
    // Handing over unchanged content again gives the same hash: the hash is the content's.
    const third = await api<HandoverResponse>(s.srv.baseUrl, 'POST', `/decisions/${draft.id}/handover`, { bearer: s.mod.token }, {});
    expect(third.body.version.contentHash).toBe(second.body.version.contentHash);
    // The store refuses to change a frozen version, even from inside.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(`${s.srv.dataDir}/werkraum.sqlite`);
    try {
      expect(() => db.prepare("UPDATE decision_versions SET content_json = '{}' WHERE number = 1").run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });

  it('the Lenkungskreis: invitation, inbox, deliberation, decision; illegal transitions and missing roles are refused; the session sees the decision', async () => {
    const s = await seeded();
    const { baseUrl } = s.srv;
    const draft = await createDraft(s);
    const inv = await api<CreatedInvitation>(baseUrl, 'POST', '/lenkungskreis/invitations', { cookie: s.cookie }, { label: 'Dezernentin Jugend' });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toContain(`/lenkungskreis/einladung#${inv.body.code}`);
    expect((await api(baseUrl, 'GET', `/lenkungskreis/join/${inv.body.code}`)).body).toMatchObject({ label: 'Dezernentin Jugend' });
    const joined = await api<LenkungskreisJoinResponse>(baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name: 'Dr. Weber' });
    expect(joined.status).toBe(201);
    const lk = { bearer: joined.body.token };
    // Single use.
    const reuse = await api(baseUrl, 'POST', '/lenkungskreis/join', {}, { code: inv.body.code, name: 'Mallory' });
    expect(reuse.status).toBe(404);
    expect(errorId(reuse)).toBe('invalid_invitation');

    // Not handed over yet: the Lenkungskreis does not see it at all.
    expect((await api<DraftListResponse>(baseUrl, 'GET', '/lenkungskreis/inbox', lk)).body.drafts).toEqual([]);
    expect((await api(baseUrl, 'GET', `/decisions/${draft.id}`, lk)).status).toBe(404);

    await editLive(s, draft.id, (doc) => setDraftChoices(doc, ctxFor(s), draft.id, { verbindlichkeitsstufe: 'lose_koordination' }));
    // Only moderators hand over.
    let r = await api(baseUrl, 'POST', `/decisions/${draft.id}/handover`, { bearer: s.people[0]!.token }, {});
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);
    expect((await api(baseUrl, 'POST', `/decisions/${draft.id}/handover`, { bearer: s.mod.token }, {})).status).toBe(201);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/handover`, lk, {});
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);

    const inbox = (await api<DraftListResponse>(baseUrl, 'GET', '/lenkungskreis/inbox', lk)).body.drafts;
    expect(inbox.map((d) => [d.id, d.status, d.latestVersion, d.docName])).toEqual([[draft.id, 'uebergeben', 1, null]]);
    const seen = (await api<DraftResponse>(baseUrl, 'GET', `/decisions/${draft.id}`, lk)).body.draft;
    expect(seen.contentOf).toBe(1);
    expect(seen.nextStatuses).toEqual(['in_beratung']);
    // The Lenkungskreis never sees the live draft.
    expect((await api(baseUrl, 'GET', `/decisions/${draft.id}/compare?from=1&to=current`, lk)).status).toBe(403);

    const decide = { outcome: 'beschlossen', decidedOn: '2026-12-10', conditions: 'Bericht nach einem Jahr' };
    // Deciding before the deliberation: illegal. A moderator deciding: wrong role.
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/decision`, lk, decide);
    expect([r.status, errorId(r)]).toEqual([409, 'illegal_transition']);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/status`, { bearer: s.mod.token }, { status: 'in_beratung' });
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/status`, { bearer: s.people[1]!.token }, { status: 'in_beratung' });
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/status`, lk, { status: 'in_beratung' });
    expect(r.status).toBe(200);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/status`, lk, { status: 'in_beratung' });
    expect([r.status, errorId(r)]).toEqual([409, 'illegal_transition']);
    // Handing over while it is deliberated: illegal.
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/handover`, { bearer: s.mod.token }, {});
    expect([r.status, errorId(r)]).toEqual([409, 'illegal_transition']);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/decision`, { cookie: s.cookie }, decide);
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/decision`, lk, { outcome: 'geaendert_beschlossen', decidedOn: '2026-12-10' });
    expect([r.status, errorId(r)]).toEqual([400, 'validation_error']);
    // "Geändert beschlossen" with the proposal's own text (spacing aside) records no change: refused.
    const proposal = (await api<{ version: { content: { beschlussvorschlag: unknown } } }>(baseUrl, 'GET', `/decisions/${draft.id}/versions/1`, lk)).body.version.content
      .beschlussvorschlag as Parameters<typeof richPlainText>[0];
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/decision`, lk, { outcome: 'geaendert_beschlossen', decidedOn: '2026-12-10', resolutionText: `  ${richPlainText(proposal).replace(/ /g, '\n')} ` });
    expect([r.status, errorId(r)]).toEqual([400, 'validation_error']);
    expect(JSON.stringify(r.body)).toContain('unchanged');

    await api(baseUrl, 'POST', `/decisions/${draft.id}/comments`, lk, { text: 'Bitte Kostenträger ab 2028 klären.' });
    const decided = await api<RecordDecisionResponse>(baseUrl, 'POST', `/decisions/${draft.id}/decision`, lk, decide);
    expect(decided.status).toBe(201);
    expect(decided.body.decision).toMatchObject({ outcome: 'beschlossen', decidedOn: '2026-12-10', version: 1, conditions: 'Bericht nach einem Jahr', recordedBy: { kind: 'lenkungskreis', displayName: 'Dr. Weber' } });
    expect(decided.body.decision.resolutionText).toContain('beschließt');
    r = await api(baseUrl, 'POST', `/decisions/${draft.id}/decision`, lk, { ...decide, outcome: 'abgelehnt' });
    expect([r.status, errorId(r)]).toEqual([409, 'illegal_transition']);

    // The session sees the decision: over the API, and as a signal in its decisions document.
    const sessionView = (await api<DraftListResponse>(baseUrl, 'GET', `/sessions/${s.session.id}/decisions`, { bearer: s.people[2]!.token })).body.drafts[0]!;
    expect(sessionView).toMatchObject({ status: 'beschlossen', decision: { outcome: 'beschlossen', decidedOn: '2026-12-10' } });
    const doc = client(s.srv.wsUrl, s.people[2]!.docs.decisions, s.people[2]!.token);
    await synced(doc);
    await waitFor(() => readDraftStatusSignals(doc.doc).get(draft.id)?.status === 'beschlossen', 'status signal');

    // Audit log: every status change and version, with who and when; moderators and the Lenkungskreis only.
    const audit = (await api<{ events: DecisionAuditEvent[] }>(baseUrl, 'GET', `/decisions/${draft.id}/audit`, { cookie: s.cookie })).body.events;
    expect(audit.map((e) => [e.action, e.fromStatus, e.toStatus, e.actor.kind])).toEqual([
      ['created', null, 'entwurf', 'moderator'],
      ['handed_over', 'entwurf', 'uebergeben', 'moderator'],
      ['status_changed', 'uebergeben', 'in_beratung', 'lenkungskreis'],
      ['commented', null, null, 'lenkungskreis'],
      ['decision_recorded', 'in_beratung', 'beschlossen', 'lenkungskreis'],
    ]);
    expect(audit[1]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect((await api(baseUrl, 'GET', `/decisions/${draft.id}/audit`, lk)).status).toBe(200);
    r = await api(baseUrl, 'GET', `/decisions/${draft.id}/audit`, { bearer: s.people[0]!.token });
    expect([r.status, errorId(r)]).toEqual([403, 'role_required']);

    // A revoked member's token stops working.
    const member = joined.body.member.id;
    expect((await api(baseUrl, 'DELETE', `/lenkungskreis/members/${member}`, { cookie: s.cookie })).status).toBe(204);
    expect((await api(baseUrl, 'GET', '/lenkungskreis/inbox', lk)).status).toBe(401);
  });
});
