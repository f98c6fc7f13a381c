/**
 * The generated hostile corpus (`shared/schema/rules/hostileCorpus.ts`) over the wire: one real
 * server on a real SQLite file, stock y-websocket clients. For every document kind an honest
 * participant's content is written first; then every case is sent by an attacker's stock client
 * (a fresh connection each, a fresh participant every `Limits.refusalsPerMinute` cases) and must
 * be refused with its close code. After each case the server's document is the same state as
 * before (state vector, delete set, canonical JSON); a victim client connected to the document
 * throughout receives nothing; after the server has unloaded the document, the store holds the
 * state from before. Then drafts built from the boards and their Markdown and JSON exports carry
 * no marker of any case.
 *
 * Seed and size: WERKRAUM_HOSTILE_SEED (default 20261126), WERKRAUM_HOSTILE_CASES per kind
 * (default 30). The figures go to test-results/hostile-corpus.json and are printed as a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import type { DraftResponse, ExportJob, ExportJobResponse } from '../../shared/decisionApi';
import { type AnyDocKind, DOC_KINDS, PRIVATE_DOC_KINDS } from '../../shared/docs';
import { Limits } from '../../shared/limits';
import { getItemsMap, GOAL_LEVELS, proseFieldName, readGoalTree, type WriteContext } from '../../shared/schema';
import {
  documentJson,
  HOSTILE_CATEGORIES,
  HOSTILE_MARKER,
  hostileCorpus,
  type HonestIds,
  type HostileCase,
  type HostileCategory,
  type HostileTarget,
  honestDecisionIds,
  seedHonestContent,
} from '../../shared/schema/rules/hostileCorpus';
import { api } from '../test/decisionSeed';
import { type Client, type InProcess, joinSession, seedSession, sleep, synced, useRealServers, waitFor } from '../test/harness';

const { start, client } = useRealServers();

const SEED = Number(process.env.WERKRAUM_HOSTILE_SEED ?? 20261126);
const COUNT = Number(process.env.WERKRAUM_HOSTILE_CASES ?? 30);
const KINDS: AnyDocKind[] = [...DOC_KINDS, ...PRIVATE_DOC_KINDS];

const ctxOf = (p: JoinResponse): WriteContext => ({ origin: p.participantId, author: { participantId: p.participantId, displayName: p.displayName } });
const authorOf = (p: JoinResponse) => ({ participantId: p.participantId, displayName: p.displayName });

interface State {
  snapshot: string;
  json: string;
}

function stateOf(kind: AnyDocKind, doc: Y.Doc): State {
  return { snapshot: Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64'), json: documentJson(kind, doc) };
}

/** The server's document (stored before it is applied, so this is what the store holds). */
const serverState = (srv: InProcess, kind: AnyDocKind, name: string) => srv.server.sync.read(name, (d) => stateOf(kind, d));

/** The store's document, read straight from the store once the server has unloaded it. */
async function storedState(srv: InProcess, kind: AnyDocKind, name: string): Promise<State> {
  await waitFor(() => !srv.server.sync.isLoaded(name), `${name} unloaded`);
  const doc = new Y.Doc();
  for (const u of (await srv.server.store.docs.load(name)).updates) Y.applyUpdate(doc, u);
  const s = stateOf(kind, doc);
  doc.destroy();
  return s;
}

/** Writes with a stock client and waits until a second client sees it (stored before relayed). */
async function write(srv: InProcess, name: string, token: string, change: (doc: Y.Doc) => void): Promise<void> {
  const c = client(srv.wsUrl, name, token);
  await synced(c);
  change(c.doc);
  const probe = client(srv.wsUrl, name, token);
  await synced(probe);
  await waitFor(() => Buffer.from(Y.encodeStateVector(probe.doc)).equals(Buffer.from(Y.encodeStateVector(c.doc))), `${name} stored`);
  expect(c.closes).toEqual([]);
  c.destroy();
  probe.destroy();
}

/** Every update a client receives from the server from now on, with the case running then. */
function recordUpdates(c: Client, current: () => string): string[] {
  const seen: string[] = [];
  c.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === c.provider) seen.push(current());
  });
  return seen;
}

interface Outcome {
  id: string;
  kind: AnyDocKind;
  category: HostileCategory;
  description: string;
  expected: number;
  /** Close code the attacker got; null when it was not closed (the update was taken). */
  closed: number | null;
  /** The server's document changed. */
  stored: boolean;
  error?: string;
}

type Tally = { tried: number; refused: number; survived: number };
const tally = (): Tally => ({ tried: 0, refused: 0, survived: 0 });

async function pollJob(srv: InProcess, cookie: string, job: ExportJob): Promise<ExportJob> {
  const deadline = Date.now() + 60_000;
  while (job.status !== 'done' && job.status !== 'failed') {
    if (Date.now() > deadline) throw new Error(`export ${job.id} still ${job.status}`);
    await sleep(25);
    job = (await api<ExportJobResponse>(srv.baseUrl, 'GET', `/exports/${job.id}`, { cookie })).body.job;
  }
  return job;
}

async function exportDraft(srv: InProcess, cookie: string, draftId: string, format: 'md' | 'json'): Promise<string> {
  const created = await api<ExportJobResponse>(srv.baseUrl, 'POST', `/decisions/${draftId}/exports`, { cookie }, { format, version: 'current' });
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  const job = await pollJob(srv, cookie, created.body.job);
  expect(job.status, `${job.error}: ${job.errorMessage}`).toBe('done');
  const res = await fetch(`${srv.baseUrl}${job.downloadUrl}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

it(`the generated corpus (${COUNT} cases per kind, seed ${SEED}): every case refused whole, nothing stored, relayed, drafted or exported`, async () => {
  const started = Date.now();
  console.log(`hostile corpus: seed ${SEED}, ${COUNT} cases per kind (WERKRAUM_HOSTILE_SEED, WERKRAUM_HOSTILE_CASES)`);
  const srv = await start();
  const { cookie, session } = await seedSession(srv.baseUrl);
  const wilma = await joinSession(srv.baseUrl, session.joinCode, 'Wilma');
  let attackers = 0;
  const newAttacker = () => joinSession(srv.baseUrl, session.joinCode, `Mallory ${++attackers}`);

  // Honest content on every shared board, written by Wilma through stock clients.
  const ids = {} as Record<AnyDocKind, HonestIds>;
  for (const kind of ['swot', 'priorities', 'goals', 'notes', 'canvas'] as const) {
    await write(srv, wilma.docs[kind], wilma.token, (d) => (ids[kind] = seedHonestContent(kind, d, ctxOf(wilma))));
  }
  await write(srv, wilma.docs.actions, wilma.token, (d) => (ids.actions = seedHonestContent('actions', d, ctxOf(wilma), { goal: ids.goals.item })));
  // A decision draft the server writes from the boards, and some prose of Wilma's in it.
  const picks = [
    { board: 'priorities', itemId: ids.priorities.item },
    { board: 'swot', itemId: ids.swot.item },
    { board: 'goals', itemId: ids.goals.item },
  ];
  const first = await api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${session.id}/decisions`, { cookie }, { picks });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const draftId = first.body.draft.id;
  await write(srv, wilma.docs.decisions, wilma.token, (d) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Die Übergangsquote liegt unter dem Landesschnitt.')]);
    d.getXmlFragment(proseFieldName(draftId, 'begruendung')).insert(0, [p]);
    ids.decisions = honestDecisionIds(d, draftId, authorOf(wilma));
  });

  const outcomes: Outcome[] = [];
  const victimsReceived: Record<string, string[]> = {};
  const storeChanged: string[] = [];

  /** Sends the cases one by one to `name`, each from a fresh connection of `attacker`. */
  async function run(kind: AnyDocKind, name: string, target: HostileTarget, attacker: JoinResponse, cases: readonly HostileCase[], current: { id: string }) {
    let before = await serverState(srv, kind, name);
    for (const c of cases) {
      current.id = c.id;
      const outcome: Outcome = { id: c.id, kind, category: c.category, description: c.description, expected: c.expectedClose, closed: null, stored: false };
      outcomes.push(outcome);
      const a = client(srv.wsUrl, name, attacker.token);
      try {
        await synced(a);
        a.doc.transact(() => c.edit(a.doc, target));
        await waitFor(() => a.closes.length > 0, `${c.id} refused`, 5_000).catch(() => undefined);
        outcome.closed = a.closes[0] ?? null;
      } catch (err) {
        outcome.error = String(err);
      } finally {
        a.destroy();
      }
      const after = await serverState(srv, kind, name);
      if (after.snapshot !== before.snapshot || after.json !== before.json) {
        outcome.stored = true;
        before = after;
      }
    }
  }

  for (const kind of KINDS) {
    const cases = hostileCorpus(kind, { seed: SEED, count: COUNT });
    const current = { id: '' };
    const groups: HostileCase[][] = [];
    for (let i = 0; i < cases.length; i += Limits.refusalsPerMinute) groups.push(cases.slice(i, i + Limits.refusalsPerMinute));
    if (kind === 'drafts') {
      // A private document: the owner attacks their own drafts (which publishing copies into
      // the board); the victim is the owner's second device.
      for (const group of groups) {
        const owner = await newAttacker();
        const name = owner.privateDocs.drafts;
        let honest: HonestIds | undefined;
        await write(srv, name, owner.token, (d) => (honest = seedHonestContent('drafts', d, ctxOf(owner))));
        const victim = client(srv.wsUrl, name, owner.token);
        await synced(victim);
        const received = recordUpdates(victim, () => current.id);
        const before = await serverState(srv, kind, name);
        await run(kind, name, { kind, attacker: authorOf(owner), honest: authorOf(wilma), ids: honest! }, owner, group, current);
        await sleep(100);
        (victimsReceived[kind] ??= []).push(...received, ...victim.closes.map((code) => `victim closed ${code}`));
        victim.destroy();
        const stored = await storedState(srv, kind, name);
        if (stored.snapshot !== before.snapshot || stored.json !== before.json) storeChanged.push(name);
      }
      continue;
    }
    const name = wilma.docs[kind];
    const victim = client(srv.wsUrl, name, wilma.token);
    await synced(victim);
    const received = recordUpdates(victim, () => current.id);
    const before = await serverState(srv, kind, name);
    for (const group of groups) {
      const attacker = await newAttacker();
      await run(kind, name, { kind, attacker: authorOf(attacker), honest: authorOf(wilma), ids: ids[kind] }, attacker, group, current);
    }
    await sleep(100);
    victimsReceived[kind] = [...received, ...victim.closes.map((code) => `victim closed ${code}`)];
    victim.destroy();
    const stored = await storedState(srv, kind, name);
    if (stored.snapshot !== before.snapshot || stored.json !== before.json) storeChanged.push(name);
  }
  const corpusMs = Date.now() - started;

  // Drafts read the boards: one built from every item now on them, and the first one; their
  // JSON and their Markdown and JSON exports name no case. Wilma's content is in them.
  const everything: { board: string; itemId: string }[] = [];
  await srv.server.sync.read(wilma.docs.swot, (d) => everything.push(...[...getItemsMap(d).keys()].map((itemId) => ({ board: 'swot', itemId }))));
  await srv.server.sync.read(wilma.docs.priorities, (d) => everything.push(...[...getItemsMap(d).keys()].map((itemId) => ({ board: 'priorities', itemId }))));
  await srv.server.sync.read(wilma.docs.goals, (d) =>
    everything.push(...readGoalTree(d).nodes.filter((n) => n.level === GOAL_LEVELS[1]).map((n) => ({ board: 'goals', itemId: n.id }))),
  );
  everything.push({ board: 'actions', itemId: ids.actions.goal! });
  const second = await api<DraftResponse>(srv.baseUrl, 'POST', `/sessions/${session.id}/decisions`, { cookie }, { picks: everything });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  const texts: Record<string, string> = {};
  for (const id of [draftId, second.body.draft.id]) {
    texts[`${id} draft`] = JSON.stringify((await api(srv.baseUrl, 'GET', `/decisions/${id}`, { cookie })).body);
    texts[`${id} md`] = await exportDraft(srv, cookie, id, 'md');
    texts[`${id} json`] = await exportDraft(srv, cookie, id, 'json');
  }
  const leaked = Object.entries(texts)
    .filter(([, t]) => t.includes(HOSTILE_MARKER) || t.includes('forged-round-1'))
    .map(([k]) => k);

  // Figures, per kind and per category.
  const ok = (o: Outcome) => o.closed === o.expected && !o.stored && o.error === undefined;
  const perKind: Record<string, Tally> = {};
  const perCategory: Record<string, Tally> = {};
  for (const o of outcomes) {
    for (const t of [(perKind[o.kind] ??= tally()), (perCategory[o.category] ??= tally())]) {
      t.tried++;
      if (ok(o)) t.refused++;
      if (o.closed === null || o.stored) t.survived++;
    }
  }
  const total = outcomes.reduce((t, o) => ({ tried: t.tried + 1, refused: t.refused + (ok(o) ? 1 : 0), survived: t.survived + (o.closed === null || o.stored ? 1 : 0) }), tally());
  const summary = {
    seed: SEED,
    casesPerKind: COUNT,
    runtimeMs: { corpus: corpusMs, total: Date.now() - started },
    total,
    perKind,
    perCategory,
    victimsReceived: Object.fromEntries(Object.entries(victimsReceived).map(([k, v]) => [k, v.length])),
    storesChanged: storeChanged,
    exportsWithMarker: leaked,
    cases: outcomes,
  };
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/hostile-corpus.json', `${JSON.stringify(summary, null, 2)}\n`);
  const row = (name: string, t: Tally) => `${name.padEnd(18)} ${String(t.tried).padStart(5)} ${String(t.refused).padStart(7)} ${String(t.survived).padStart(8)}`;
  console.log(
    [
      `${'kind'.padEnd(18)} ${'tried'.padStart(5)} ${'refused'.padStart(7)} ${'survived'.padStart(8)}`,
      ...KINDS.map((k) => row(k, perKind[k]!)),
      row('all', total),
      '',
      ...HOSTILE_CATEGORIES.filter((c) => perCategory[c]).map((c) => row(c, perCategory[c]!)),
      `corpus ${(corpusMs / 1000).toFixed(1)} s, with drafts and exports ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );

  const bad = outcomes.filter((o) => !ok(o)).map((o) => `${o.id} [${o.category}] ${o.description}: closed ${o.closed}, expected ${o.expected}${o.stored ? ', STORED' : ''}${o.error ? `, ${o.error}` : ''}`);
  expect(bad).toEqual([]);
  expect(total.tried).toBe(KINDS.length * COUNT);
  for (const kind of KINDS) expect(victimsReceived[kind], `${kind}: the victim received`).toEqual([]);
  expect(storeChanged).toEqual([]);
  expect(leaked).toEqual([]);
  // The drafts do carry what was on the boards before (so the marker check could fail).
  expect(texts[`${second.body.draft.id} md`]).toContain('Ganztag ausbauen');
  expect(texts[`${draftId} md`]).toContain('Die Übergangsquote liegt unter dem Landesschnitt.');
  expect(texts[`${second.body.draft.id} json`]).toContain('Mehr Jugendliche beginnen direkt eine Ausbildung');
}, 300_000);
