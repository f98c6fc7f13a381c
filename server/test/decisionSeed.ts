/**
 * A seeded session for the decision-draft tests: boards written through real y-websocket clients,
 * actor groups, an agenda and a Konsenscheck round through real socket.io sockets. Nothing mocked.
 */
import type { JoinResponse } from '../../shared/api';
import type { SessionForModerator } from '../../shared/api';
import {
  addGoal,
  addIndicator,
  addPriorityTopic,
  addSwotCard,
  editActionField,
  getNotesFragment,
  readActionPlan,
  readGoalTree,
  readPriorities,
  readSwot,
  type WriteContext,
} from '../../shared/schema';
import { appendToXmlFragment, richDocFromText } from '../../shared/richText';
import type { RoundResult } from '../../shared/votes';
import { type Client, createSession, type InProcess, joinSession, login, synced, waitFor } from './harness';
import { enterAsModerator, ok, type Recorded } from './sockets';

export interface Seeded {
  srv: InProcess;
  cookie: string;
  session: SessionForModerator;
  mod: JoinResponse;
  people: JoinResponse[];
  observer: JoinResponse;
  ids: { card: string; topic: string; leitbild: string; goal: string; measure: string };
  round: RoundResult;
}

export async function seedDecisionSession(
  srv: InProcess,
  client: (wsUrl: string, docName: string, token: string) => Client,
  connectSocket: (baseUrl: string, token: string) => Recorded,
): Promise<Seeded> {
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie);
  const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const people = [];
  for (const name of ['Anna', 'Bernd', 'Cem']) people.push(await joinSession(srv.baseUrl, session.joinCode, name));
  const observer = await joinSession(srv.baseUrl, session.observerCode, 'Presse');
  const modSocket = connectSocket(srv.baseUrl, mod.token);
  const sockets = people.map((p) => connectSocket(srv.baseUrl, p.token));
  await Promise.all([modSocket, ...sockets].map((s) => s.welcome));
  const groups = ['schule', 'jugendhilfe', 'schule'] as const;
  await Promise.all(sockets.map((s, i) => ok(s, 'participant.setActorGroup', { actorGroup: groups[i] })));

  const ctx: WriteContext = { origin: 'mod', author: { participantId: mod.participantId, displayName: mod.displayName } };
  const [swot, prio, goals, actions, notes] = (['swot', 'priorities', 'goals', 'actions', 'notes'] as const).map((k) => client(srv.wsUrl, mod.docs[k], mod.token));
  await Promise.all([swot, prio, goals, actions, notes].map((c) => synced(c!)));

  const card = addSwotCard(swot!.doc, ctx, {
    quadrant: 'schwaechen',
    text: 'Übergangsquote in Ausbildung unter Landesschnitt',
    evidence: { indicator: 'Übergangsquote', value: 61.5, unit: '%', year: 2025, source: 'Schulstatistik IT.NRW' },
  });
  const topic = addPriorityTopic(prio!.doc, ctx, { title: 'Übergang Schule–Beruf', description: 'Berufsorientierung ab Klasse 8', role: 'gewaehrleisterin', actors: ['Jugendberufsagentur', 'Schulamt'] });
  const leitbild = addGoal(goals!.doc, ctx, { level: 'leitbild', title: 'Kein Abschluss ohne Anschluss' });
  const goal = addGoal(goals!.doc, ctx, { level: 'strategisch', parentId: leitbild, title: 'Übergangsquote erhöhen', owner: 'Bildungsbüro', zielfeld: 'wirkungen' });
  addIndicator(goals!.doc, ctx, goal, { name: 'Übergangsquote', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'Schulstatistik' });
  const measure = addGoal(goals!.doc, ctx, { level: 'massnahme', parentId: goal, title: 'Praktikumsbörse aufbauen', owner: 'IHK', zielfeld: 'leistungen' });
  editActionField(actions!.doc, ctx, goal, 'wirkungen', 'Mehr Jugendliche beginnen direkt eine Ausbildung');
  editActionField(actions!.doc, ctx, goal, 'leistungen', 'Praktikumsbörse und Elternabende');
  editActionField(actions!.doc, ctx, goal, 'prozesse', 'Jugendberufsagentur koordiniert');
  editActionField(actions!.doc, ctx, goal, 'ressourcen', 'Eine Koordinationsstelle (1,0 VZÄ)');
  notes!.doc.transact(() =>
    appendToXmlFragment(getNotesFragment(notes!.doc), {
      type: 'doc',
      content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Begrüßung' }] }, ...richDocFromText('Frau Dr. Weber eröffnet die Konferenz.').content],
    }),
  );

  // Stored before relayed: once a second client sees it all, it is in the store.
  const check = [swot, prio, goals, actions, notes].map((c, i) => client(srv.wsUrl, mod.docs[(['swot', 'priorities', 'goals', 'actions', 'notes'] as const)[i]!], mod.token));
  await Promise.all(check.map((c) => synced(c!)));
  await waitFor(
    () =>
      readSwot(check[0]!.doc).cards.length === 1 &&
      readPriorities(check[1]!.doc).length === 1 &&
      readGoalTree(check[2]!.doc).nodes.length === 3 &&
      readActionPlan(check[3]!.doc).some((e) => e.fields.ressourcen !== '') &&
      getNotesFragment(check[4]!.doc).length > 0,
    'boards stored',
  );

  await ok(modSocket, 'agenda.add', { title: 'Ausgangslage', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 30 });
  await ok(modSocket, 'agenda.add', { title: 'Ziele und Maßnahmen', phase: 'wie_kommen_wir_ans_ziel', board: 'goals', plannedMinutes: 45 });

  const { round } = await ok(modSocket, 'vote.open', {
    config: {
      method: 'konsenscheck',
      title: 'Schwerpunkt und Ziel',
      options: [
        { label: 'Übergang Schule–Beruf', source: { board: 'priorities', itemId: topic } },
        { label: 'Übergangsquote erhöhen', source: { board: 'goals', itemId: goal } },
      ],
    },
  });
  const [anna, bernd, cem] = sockets as [Recorded, Recorded, Recorded];
  await ok(anna, 'vote.cast', { roundId: round.id, ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' }, o2: { level: 'zustimmung' } } } });
  await ok(bernd, 'vote.cast', {
    roundId: round.id,
    ballot: { method: 'konsenscheck', levels: { o1: { level: 'leichte_bedenken', reason: 'Finanzierung ab 2028 offen' }, o2: { level: 'zustimmung' } } },
  });
  await ok(cem, 'vote.cast', {
    roundId: round.id,
    ballot: { method: 'konsenscheck', levels: { o1: { level: 'zustimmung' }, o2: { level: 'schwere_bedenken', reason: 'Zielwert zu ehrgeizig' } } },
  });
  await ok(modSocket, 'vote.close', { roundId: round.id });
  await ok(modSocket, 'outcome.mark', { roundId: round.id, optionId: 'o1', outcome: 'konsens_mit_bedenken' });
  const { result } = await ok(modSocket, 'outcome.mark', { roundId: round.id, optionId: 'o2', outcome: 'konsens' });
  for (const c of [swot, prio, goals, actions, notes, ...check]) c!.destroy();

  return { srv, cookie, session, mod, people, observer, ids: { card, topic, leitbild, goal, measure }, round: result };
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
}

/** One API call with a cookie or a bearer token. */
export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  auth: { cookie?: string; bearer?: string } = {},
  json?: unknown,
): Promise<CallResult<T>> {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as T };
}
