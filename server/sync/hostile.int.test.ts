/**
 * A hostile participant with a scripted stock y-websocket client sends well-formed updates that
 * break the document rules, against the real server and a real SQLite file. For each: the sender
 * is closed with 4422 (or the documented code), a second participant's client never receives any
 * of it, and the stored document is what it was (a fresh client after the attempt sees exactly
 * the state from before). Plus: repeated refusals are rate-limited, presence is bound to the
 * connection, and a document stored in an invalid shape is repaired when it is loaded.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { Limits } from '../../shared/limits';
import {
  addGoal,
  addPriorityTopic,
  addSwotCard,
  addSwotCluster,
  getItemsMap,
  getNotesFragment,
  proseFieldName,
  readGoalTree,
  readSwot,
  setVoteResult,
  type WriteContext,
} from '../../shared/schema';
import type { JoinResponse } from '../../shared/api';
import { createSqliteStore } from '../store/sqlite';
import { type Client, type InProcess, joinSession, seedSession, sleep, synced, waitFor, useRealServers } from '../test/harness';
import { join as joinPath } from 'node:path';

const { start, client, stop } = useRealServers();

const ctxOf = (p: JoinResponse): WriteContext => ({ origin: p.participantId, author: { participantId: p.participantId, displayName: p.displayName } });

async function room(srv: InProcess) {
  const { session } = await seedSession(srv.baseUrl);
  const witness = await joinSession(srv.baseUrl, session.joinCode, 'Wilma');
  return { session, witness, attacker: () => joinSession(srv.baseUrl, session.joinCode, 'Mallory') };
}

/** Every update a client receives from now on. */
function recordUpdates(c: Client): Uint8Array[] {
  const seen: Uint8Array[] = [];
  c.doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === c.provider) seen.push(u);
  });
  return seen;
}

/**
 * Runs a hostile edit from a fresh attacker connection on `kind` and checks the three promises:
 * closed with `code`, the witness received nothing, a fresh client gets the old state.
 */
async function attempt(
  srv: InProcess,
  r: Awaited<ReturnType<typeof room>>,
  kind: keyof JoinResponse['docs'],
  edit: (doc: Y.Doc, ctx: WriteContext) => void,
  code: number = CloseCode.contentRefused.code,
): Promise<void> {
  const docName = r.witness.docs[kind];
  const witness = client(srv.wsUrl, docName, r.witness.token);
  await synced(witness);
  const attackerJoin = await r.attacker();
  const attacker = client(srv.wsUrl, docName, attackerJoin.token);
  await synced(attacker);
  const before = Y.snapshot(witness.doc);
  const received = recordUpdates(witness);
  attacker.doc.transact(() => edit(attacker.doc, ctxOf(attackerJoin)));
  await waitFor(() => attacker.closes.length > 0, 'attacker closed');
  expect(attacker.closes).toEqual([code]);
  await sleep(150);
  expect(received).toEqual([]);
  expect(Y.equalSnapshots(Y.snapshot(witness.doc), before)).toBe(true);
  const fresh = client(srv.wsUrl, docName, r.witness.token);
  await synced(fresh);
  expect(Y.equalSnapshots(Y.snapshot(fresh.doc), before)).toBe(true);
  // The attacker's stock client does not retry after a 44xx close.
  await sleep(300);
  expect(attacker.closes).toEqual([code]);
  attacker.destroy();
  witness.destroy();
  fresh.destroy();
}

const paragraph = (text: string) => {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
};

describe('hostile updates are refused whole', () => {
  it('rich text: bare text at the top of the notes and of a draft’s prose, unknown nodes and marks, javascript: links', async () => {
    const srv = await start();
    const r = await room(srv);
    // Some honest content first: it must survive every attempt.
    const honest = client(srv.wsUrl, r.witness.docs.notes, r.witness.token);
    await synced(honest);
    getNotesFragment(honest.doc).insert(0, [paragraph('Begrüßung')]);
    await waitFor(() => honest.provider.synced, 'honest');
    await sleep(100);
    honest.destroy();

    await attempt(srv, r, 'notes', (d) => getNotesFragment(d).insert(0, [paragraph('a'), new Y.XmlText('bare'), paragraph('b')]));
    await attempt(srv, r, 'decisions', (d) => d.getXmlFragment(proseFieldName('draft-1', 'beschlussvorschlag')).insert(0, [paragraph('a'), new Y.XmlText('bare')]));
    await attempt(srv, r, 'notes', (d) => getNotesFragment(d).insert(0, [new Y.XmlElement('iframe')]));
    await attempt(srv, r, 'notes', (d) => {
      const t = new Y.XmlText();
      t.insert(0, 'x', { marquee: {} });
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [t]);
      getNotesFragment(d).insert(0, [p]);
    });
    await attempt(srv, r, 'notes', (d) => {
      const t = new Y.XmlText();
      t.insert(0, 'Hier klicken', { link: { href: 'javascript:fetch("//evil")' } });
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [t]);
      getNotesFragment(d).insert(0, [p]);
    });
  }, 120_000);

  it('boards: a 6,000-level goal chain, a 200,000-character field, an item id `bad id!`, a bidi override in a title', async () => {
    const srv = await start();
    const r = await room(srv);
    await attempt(srv, r, 'goals', (d) => {
      const items = getItemsMap(d);
      for (let i = 0; i < 6000; i++) {
        const node = new Y.Map<unknown>();
        node.set('parentId', i === 0 ? null : `ebene-${i - 1}`);
        node.set('title', new Y.Text(`Ebene ${i}`));
        items.set(`ebene-${i}`, node);
      }
    });
    await attempt(srv, r, 'swot', (d, ctx) => addSwotCard(d, ctx, { quadrant: 'chancen', text: 'x'.repeat(200_000) }));
    await attempt(srv, r, 'swot', (d) => getItemsMap(d).set('bad id!', new Y.Map()));
    await attempt(srv, r, 'swot', (d, ctx) => addSwotCluster(d, ctx, 'chancen', 'Rechnung_\u202Efdp.exe'));
  }, 120_000);

  it('server-only fields and authorship: a forged vote slot, forged createdBy and updatedBy', async () => {
    const srv = await start();
    const r = await room(srv);
    // An honest topic and card by the witness.
    const w = client(srv.wsUrl, r.witness.docs.priorities, r.witness.token);
    const ws = client(srv.wsUrl, r.witness.docs.swot, r.witness.token);
    await Promise.all([synced(w), synced(ws)]);
    const topic = addPriorityTopic(w.doc, ctxOf(r.witness), { title: 'Ganztag' });
    const card = addSwotCard(ws.doc, ctxOf(r.witness), { quadrant: 'staerken', text: 'Gute Kitas' });
    await sleep(200);
    w.destroy();
    ws.destroy();

    const forged = { roundId: 'forged-round-1', method: 'konsenscheck', totals: { zustimmung: 40 }, participants: 40, outcome: 'konsens', meinungsbild: false, publishedAt: Date.now() } as const;
    await attempt(srv, r, 'priorities', (d, ctx) => setVoteResult(d, ctx, topic, forged));
    await attempt(srv, r, 'swot', (d) => addSwotCard(d, ctxOf(r.witness), { quadrant: 'risiken', text: 'Wilma schreibt das (nicht)' }));
    await attempt(srv, r, 'swot', (d) => (getItemsMap(d).get(card) as Y.Map<unknown>).set('updatedBy', ctxOf(r.witness).author));
    await attempt(srv, r, 'swot', (d, ctx) => (getItemsMap(d).get(card) as Y.Map<unknown>).set('createdBy', ctx.author));
  }, 120_000);

  it('repeated refusals: after a few in a minute, further updates are refused unread with 4529', async () => {
    const srv = await start();
    const r = await room(srv);
    const mallory = await r.attacker();
    const codes: number[] = [];
    for (let i = 0; i < Limits.refusalsPerMinute + 1; i++) {
      const c = client(srv.wsUrl, mallory.docs.swot, mallory.token);
      await synced(c);
      getItemsMap(c.doc).set('bad id!', i);
      await waitFor(() => c.closes.length > 0, 'closed');
      codes.push(c.closes[0]!);
      c.destroy();
    }
    expect(codes).toEqual([...Array<number>(Limits.refusalsPerMinute).fill(CloseCode.contentRefused.code), CloseCode.rateLimited.code]);
    // Others are not affected.
    const ok = client(srv.wsUrl, r.witness.docs.swot, r.witness.token);
    await synced(ok);
    addSwotCard(ok.doc, ctxOf(r.witness), { quadrant: 'chancen', text: 'geht' });
    const probe = client(srv.wsUrl, r.witness.docs.swot, r.witness.token);
    await synced(probe);
    await waitFor(() => readSwot(probe.doc).cards.length === 1, 'honest edit stored');
    expect(ok.closes).toEqual([]);
  });
});

describe('presence is bound to the connection', () => {
  it('stamps each state with the connection’s id, name and role; drops forged identities; refuses a 900 KB state (4413)', async () => {
    const srv = await start();
    const r = await room(srv);
    const mallory = await r.attacker();
    const witness = client(srv.wsUrl, r.witness.docs.notes, r.witness.token);
    await synced(witness);
    const seen: unknown[] = [];
    witness.provider.awareness.on('change', () => {
      for (const [id, state] of witness.provider.awareness.getStates()) if (id !== witness.doc.clientID) seen.push(state);
    });

    const m = client(srv.wsUrl, r.witness.docs.notes, mallory.token);
    await synced(m);
    // Claims to be the witness, and the moderator: dropped.
    m.provider.awareness.setLocalState({ user: { id: r.witness.participantId, name: 'Wilma', color: '#ff0000', role: 'moderator' } });
    await sleep(400);
    expect(seen).toEqual([]);
    // Its own id, a made-up role: relayed with the connection's identity.
    m.provider.awareness.setLocalState({ user: { id: mallory.participantId, color: '#00ff00', role: 'moderator' }, cursor: null });
    await waitFor(() => seen.length > 0, 'presence relayed');
    expect(seen.at(-1)).toEqual({ user: { id: mallory.participantId, name: 'Mallory', color: '#00ff00', role: 'participant' }, cursor: null });
    expect(m.closes).toEqual([]);

    const count = seen.length;
    m.provider.awareness.setLocalState({ user: { id: mallory.participantId }, padding: 'x'.repeat(900_000) });
    await waitFor(() => m.closes.length > 0, 'closed');
    expect(m.closes[0]).toBe(CloseCode.payloadTooLarge.code);
    await sleep(300);
    expect(seen.slice(count).some((s) => JSON.stringify(s).length > Limits.awarenessStateMaxBytes)).toBe(false);
  });
});

describe('honest edits from a stock client pass', () => {
  it('a goal tree at the depth limit, cards, topics and notes', async () => {
    const srv = await start();
    const r = await room(srv);
    const ctx = ctxOf(r.witness);
    const kinds = ['goals', 'swot', 'priorities', 'notes'] as const;
    const cs = kinds.map((k) => client(srv.wsUrl, r.witness.docs[k], r.witness.token));
    await Promise.all(cs.map((c) => synced(c)));
    const [goals, swot, prio, notes] = cs as [Client, Client, Client, Client];
    let parent: string | null = null;
    for (let i = 0; i <= Limits.goalTreeMaxDepth; i++) parent = addGoal(goals.doc, ctx, { parentId: parent, title: `Ebene ${i}` });
    addSwotCard(swot.doc, ctx, { quadrant: 'chancen', text: 'x'.repeat(Limits.shortTextMaxLength) });
    addPriorityTopic(prio.doc, ctx, { title: 'Ganztag', actors: ['Schulamt'] });
    getNotesFragment(notes.doc).insert(0, [paragraph('Protokoll')]);
    const fresh = kinds.map((k) => client(srv.wsUrl, r.witness.docs[k], r.witness.token));
    await Promise.all(fresh.map((c) => synced(c)));
    await waitFor(() => readGoalTree(fresh[0]!.doc).nodes.length === Limits.goalTreeMaxDepth + 1, 'goal tree stored', 20_000);
    await waitFor(() => readSwot(fresh[1]!.doc).cards.length === 1 && getNotesFragment(fresh[3]!.doc).length === 1, 'others stored');
    for (const c of cs) expect(c.closes).toEqual([]);
  });
});

describe('documents stored in an invalid shape', () => {
  it('are repaired when loaded, and the repair is stored', async () => {
    const first = await start();
    const r = await room(first);
    await stop(first);

    // Written straight into the SQLite store, as an older server would have stored it.
    const notes = new Y.Doc();
    const bare = new Y.XmlText();
    getNotesFragment(notes).insert(0, [paragraph('eins'), bare, new Y.XmlElement('script'), paragraph('drei')]);
    bare.insert(0, 'zwei', { bold: {} });
    const goals = new Y.Doc();
    let parent: string | null = null;
    for (let i = 0; i < 100; i++) parent = addGoal(goals, ctxOf(r.witness), { parentId: parent, title: `Ebene ${i}` });
    const store = createSqliteStore(joinPath(first.dataDir, 'werkraum.sqlite'), 'normal');
    await store.docs.append(r.witness.docs.notes, [Y.encodeStateAsUpdate(notes)]);
    await store.docs.append(r.witness.docs.goals, [Y.encodeStateAsUpdate(goals)]);
    await store.close();

    const second = await start({ dataDir: first.dataDir });
    const c = client(second.wsUrl, r.witness.docs.notes, r.witness.token);
    const g = client(second.wsUrl, r.witness.docs.goals, r.witness.token);
    await Promise.all([synced(c), synced(g)]);
    const repaired = '<paragraph>eins</paragraph><paragraph><bold>zwei</bold></paragraph><paragraph>drei</paragraph>';
    expect(getNotesFragment(c.doc).toString()).toBe(repaired);
    expect(Math.max(...readGoalTree(g.doc).nodes.map((n) => n.depth))).toBeLessThanOrEqual(Limits.goalTreeMaxDepth);
    expect(readGoalTree(g.doc).nodes).toHaveLength(100);
    c.destroy();
    g.destroy();
    await stop(second);

    // The repair was stored: read the store directly.
    const check = createSqliteStore(joinPath(first.dataDir, 'werkraum.sqlite'), 'normal');
    const stored = new Y.Doc();
    for (const u of (await check.docs.load(r.witness.docs.notes)).updates) Y.applyUpdate(stored, u);
    await check.close();
    expect(getNotesFragment(stored).toString()).toBe(repaired);
    expect(stored.getMap('meta').get('validatedRules')).toBe(1);
  });
});
