/**
 * Parallel tables against the real server: socket.io commands from scripted clients, the tables'
 * board copies through stock Yjs clients.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { tableDocName } from '../../shared/docs';
import { addSwotCard, deleteSwotCard, editSwotCardText, readSwot } from '../../shared/schema';
import type { JoinResponse } from '../../shared/api';
import { joinSession, seedSession, sleep, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

const writer = (p: JoinResponse) => ({ origin: p.participantId, author: { participantId: p.participantId, displayName: p.displayName } });

async function room(names: string[]) {
  const srv = await start();
  const { session, cookie } = await seedSession(srv.baseUrl);
  const people = [];
  for (const name of names) {
    const join = await joinSession(srv.baseUrl, session.joinCode, name);
    const socket = connectSocket(srv.baseUrl, join.token);
    await socket.welcome;
    people.push({ name, join, socket });
  }
  const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const modSocket = connectSocket(srv.baseUrl, mod.token);
  await modSocket.welcome;
  const plenary = client(srv.wsUrl, mod.docs.swot, mod.token);
  await synced(plenary);
  return { srv, session, people, mod, modSocket, plenary };
}

describe('parallel tables', () => {
  it('random: deals every participant to one table; each table starts from a copy of the plenary board', async () => {
    const { srv, session, people, mod, modSocket, plenary } = await room(['Anna', 'Bernd', 'Cem', 'Dora', 'Emil']);
    const cardId = addSwotCard(plenary.doc, writer(mod), { quadrant: 'staerken', text: 'Gute Kitas' });
    await sleep(200);
    await ok(modSocket, 'tables.split', { board: 'swot', mode: 'random', count: 2 });
    const state = await stateWhere(modSocket, (s) => s.tables !== null);
    const tables = state.tables!.tables;
    expect(tables.map((t) => t.number)).toEqual([1, 2]);
    expect(tables.map((t) => t.members.length).sort()).toEqual([2, 3]);
    expect(tables.flatMap((t) => t.members).sort()).toEqual(people.map((p) => p.join.participantId).sort());
    for (const t of tables) {
      const copy = client(srv.wsUrl, tableDocName(session.id, t.id, 'swot'), mod.token);
      await synced(copy);
      expect(readSwot(copy.doc).cards.map((c) => [c.id, c.text])).toEqual([[cardId, 'Gute Kitas']]);
    }
    // One split at a time.
    expect(await refusedWith(modSocket, 'tables.split', { board: 'swot', mode: 'random', count: 3 })).toBe('conflict');
    // Participants do not split or change tables in a split the moderation made.
    expect(await refusedWith(people[0]!.socket, 'tables.split', { board: 'swot', mode: 'random', count: 2 })).toBe('not_moderator');
    expect(await refusedWith(people[0]!.socket, 'tables.join', { tableId: tables[0]!.id })).toBe('conflict');
  });

  it('actor group: one table per group present; people without a group sit with "Sonstige"', async () => {
    const { people, modSocket } = await room(['Anna', 'Bernd', 'Cem', 'Dora']);
    const groups = ['schule', 'kita', 'schule', null] as const;
    for (const [i, g] of groups.entries()) await ok(people[i]!.socket, 'participant.setActorGroup', { actorGroup: g });
    await ok(modSocket, 'tables.split', { board: 'swot', mode: 'actorGroup', count: 2 });
    const { tables } = (await stateWhere(modSocket, (s) => s.tables !== null)).tables!;
    const id = (i: number) => people[i]!.join.participantId;
    expect(tables.map((t) => [t.number, t.actorGroup, [...t.members].sort()])).toEqual([
      [1, 'schule', [id(0), id(2)].sort()],
      [2, 'kita', [id(1)]],
      [3, 'sonstige', [id(3)]],
    ]);
  });

  it('choice: empty tables people join; the moderation moves people and names a facilitator who sits there', async () => {
    const { people, modSocket } = await room(['Anna', 'Bernd']);
    const [anna, bernd] = people as [(typeof people)[0], (typeof people)[0]];
    await ok(modSocket, 'tables.split', { board: 'swot', mode: 'choice', count: 3 });
    let state = (await stateWhere(modSocket, (s) => s.tables !== null)).tables!;
    expect(state.tables.map((t) => t.members)).toEqual([[], [], []]);
    const [t1, t2] = state.tables as [(typeof state.tables)[0], (typeof state.tables)[0]];
    await ok(anna.socket, 'tables.join', { tableId: t1.id });
    await ok(bernd.socket, 'tables.join', { tableId: t1.id });
    await ok(anna.socket, 'tables.join', { tableId: t2.id });
    state = (await stateWhere(modSocket, (s) => s.tables?.tables[1]?.members.length === 1)).tables!;
    expect(state.tables.map((t) => t.members)).toEqual([[bernd.join.participantId], [anna.join.participantId], []]);
    expect(await refusedWith(modSocket, 'tables.setFacilitator', { tableId: t1.id, participantId: anna.join.participantId })).toBe('conflict');
    await ok(modSocket, 'tables.setFacilitator', { tableId: t2.id, participantId: anna.join.participantId });
    state = (await stateWhere(modSocket, (s) => s.tables?.tables[1]?.facilitatorId === anna.join.participantId)).tables!;
    expect(state.tables[1]!.facilitatorName).toBe('Anna');
    // Moving the facilitator away ends their facilitation.
    await ok(modSocket, 'tables.assign', { tableId: t1.id, participantId: anna.join.participantId });
    state = (await stateWhere(modSocket, (s) => s.tables?.tables[0]?.members.length === 2)).tables!;
    expect(state.tables[1]).toMatchObject({ members: [], facilitatorId: null });
    expect(await refusedWith(modSocket, 'tables.join', { tableId: t1.id })).toBe('not_eligible');
    expect(await refusedWith(anna.socket, 'tables.join', { tableId: 'nope' })).toBe('not_found');
    await ok(modSocket, 'tables.end', {});
    await stateWhere(modSocket, (s) => s.tables === null);
    expect(await refusedWith(anna.socket, 'tables.join', { tableId: t1.id })).toBe('conflict');
  });

  it('a table’s copy is written by its members and the moderation; others read it, and their edits are refused', async () => {
    const { srv, session, people, mod, modSocket } = await room(['Anna', 'Bernd']);
    const [anna, bernd] = people as [(typeof people)[0], (typeof people)[0]];
    await ok(modSocket, 'tables.split', { board: 'swot', mode: 'choice', count: 2 });
    const { tables } = (await stateWhere(modSocket, (s) => s.tables !== null)).tables!;
    await ok(anna.socket, 'tables.join', { tableId: tables[0]!.id });
    const name = tableDocName(session.id, tables[0]!.id, 'swot');
    const annaCopy = client(srv.wsUrl, name, anna.join.token);
    const berndCopy = client(srv.wsUrl, name, bernd.join.token);
    const modCopy = client(srv.wsUrl, name, mod.token);
    await Promise.all([synced(annaCopy), synced(berndCopy), synced(modCopy)]);
    addSwotCard(annaCopy.doc, writer(anna.join), { quadrant: 'chancen', text: 'Annas Tischkarte' });
    addSwotCard(modCopy.doc, writer(mod), { quadrant: 'risiken', text: 'Hinweis der Moderation' });
    // Bernd reads Anna's table (he sees her card) but may not write it.
    await waitFor(() => readSwot(berndCopy.doc).cards.length === 2, 'Bernd reads the table');
    addSwotCard(berndCopy.doc, writer(bernd.join), { quadrant: 'staerken', text: 'Bernd schreibt fremd' });
    await waitFor(() => berndCopy.closes.includes(CloseCode.documentLocked.code), 'Bernd’s edit refused');
    await sleep(200);
    expect(readSwot(annaCopy.doc).cards.map((c) => c.text).sort()).toEqual(['Annas Tischkarte', 'Hinweis der Moderation']);
    // Seated there, he writes.
    await ok(modSocket, 'tables.assign', { tableId: tables[0]!.id, participantId: bernd.join.participantId });
    await stateWhere(modSocket, (s) => s.tables?.tables[0]?.members.length === 2);
    const berndAgain = client(srv.wsUrl, name, bernd.join.token);
    await synced(berndAgain);
    addSwotCard(berndAgain.doc, writer(bernd.join), { quadrant: 'staerken', text: 'Bernd am Tisch' });
    await waitFor(() => readSwot(annaCopy.doc).cards.some((c) => c.text === 'Bernd am Tisch'), 'Bernd’s card at the table');
  });

  it('merge carries every table’s new and changed cards into the plenary board with their table, and loses nothing', async () => {
    const { srv, session, people, mod, modSocket, plenary } = await room(['Anna', 'Bernd']);
    const [anna, bernd] = people as [(typeof people)[0], (typeof people)[0]];
    const m = writer(mod);
    const kept = addSwotCard(plenary.doc, m, { quadrant: 'staerken', text: 'Gute Kitas' });
    const edited = addSwotCard(plenary.doc, m, { quadrant: 'schwaechen', text: 'Wenig Ganztag' });
    await sleep(200);
    await ok(modSocket, 'tables.split', { board: 'swot', mode: 'choice', count: 2 });
    const { tables } = (await stateWhere(modSocket, (s) => s.tables !== null)).tables!;
    await ok(anna.socket, 'tables.join', { tableId: tables[0]!.id });
    await ok(bernd.socket, 'tables.join', { tableId: tables[1]!.id });
    const one = client(srv.wsUrl, tableDocName(session.id, tables[0]!.id, 'swot'), anna.join.token);
    const two = client(srv.wsUrl, tableDocName(session.id, tables[1]!.id, 'swot'), bernd.join.token);
    await Promise.all([synced(one), synced(two)]);
    addSwotCard(one.doc, writer(anna.join), { quadrant: 'chancen', text: 'Bildungsregion' });
    editSwotCardText(one.doc, writer(anna.join), edited, 'Wenig Ganztag an Grundschulen');
    addSwotCard(two.doc, writer(bernd.join), { quadrant: 'risiken', text: 'Fachkräftemangel' });
    // A table deleting a plenary card does not delete it in plenary.
    deleteSwotCard(two.doc, writer(bernd.join), kept);
    // Meanwhile the plenary goes on.
    addSwotCard(plenary.doc, m, { quadrant: 'chancen', text: 'Im Plenum ergänzt' });
    await sleep(300);

    expect(await ok(modSocket, 'tables.merge', {})).toEqual({ merged: 3 });
    await stateWhere(modSocket, (s) => s.tables === null);
    await waitFor(() => readSwot(plenary.doc).cards.length === 5, 'all cards in plenary');
    const byText = Object.fromEntries(readSwot(plenary.doc).cards.map((c) => [c.text, c.fromTable ?? null]));
    expect(byText).toEqual({
      'Gute Kitas': null,
      'Wenig Ganztag an Grundschulen': 1,
      Bildungsregion: 1,
      Fachkräftemangel: 2,
      'Im Plenum ergänzt': null,
    });
    // After the tables ended, only the moderation writes their copies.
    expect(await refusedWith(modSocket, 'tables.merge', {})).toBe('conflict');
    addSwotCard(one.doc, writer(anna.join), { quadrant: 'chancen', text: 'Zu spät' });
    await waitFor(() => one.closes.includes(CloseCode.documentLocked.code), 'late edit refused');
  });

  it('a participant cannot write the table origin', async () => {
    const { people, plenary, srv, mod } = await room(['Anna']);
    const annaBoard = client(srv.wsUrl, mod.docs.swot, people[0]!.join.token);
    await synced(annaBoard);
    const id = addSwotCard(plenary.doc, writer(mod), { quadrant: 'staerken', text: 'Karte' });
    await waitFor(() => readSwot(annaBoard.doc).cards.length === 1, 'card arrives');
    annaBoard.doc.transact(() => (annaBoard.doc.getMap('items').get(id) as Y.Map<unknown>).set('fromTable', 3));
    await waitFor(() => annaBoard.closes.includes(CloseCode.contentRefused.code), 'forged origin refused');
    expect(readSwot(plenary.doc).cards[0]!.fromTable).toBeUndefined();
  });
});
