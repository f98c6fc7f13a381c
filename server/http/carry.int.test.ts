/**
 * Follow-up sessions against the real server: the boards carried forward through the Yjs endpoint,
 * edited by real y-websocket clients, and what changed since read over HTTP, across a chain of
 * three sessions; who may ask and which sessions they may compare with.
 */
import { describe, expect, it } from 'vitest';
import type { BoardChangesResponse, BoardSourcesResponse, SessionForModerator } from '../../shared/api';
import { readCarriedFrom } from '../../shared/schema/carry';
import { getItem, getItemsMap } from '../../shared/schema/items';
import { addSwotCard, deleteSwotCard, editSwotCardText, moveSwotCard, readSwot } from '../../shared/schema/swot';
import { editActionField } from '../../shared/schema/actions';
import { api } from '../test/decisionSeed';
import { type InProcess, joinSession, login, createSession, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator } from '../test/sockets';

const { start, client } = useRealServers();

const ANNA = { origin: 'anna', author: { participantId: 'p-anna', displayName: 'Anna' } };

async function followUp(srv: InProcess, cookie: string, sessionId: string): Promise<SessionForModerator> {
  const res = await api<{ session: SessionForModerator }>(srv.baseUrl, 'POST', `/sessions/${sessionId}/duplicate`, { cookie }, { carryForward: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.session;
}

describe('follow-up sessions', () => {
  it('carry the boards forward and show what changed since, across a chain of sessions', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const first = await createSession(srv.baseUrl, cookie);
    const mod1 = await enterAsModerator(srv.baseUrl, cookie, first.id);
    const board1 = client(srv.wsUrl, mod1.docs.swot, mod1.token);
    await synced(board1);
    const ctx1 = { origin: 'm1', author: { participantId: mod1.participantId, displayName: mod1.displayName } };
    const kept = addSwotCard(board1.doc, ctx1, { quadrant: 'staerken', text: 'Starke Schulsozialarbeit' });
    const edited = addSwotCard(board1.doc, ctx1, { quadrant: 'schwaechen', text: 'Wenig Ausbildungsplätze' });
    const removed = addSwotCard(board1.doc, ctx1, { quadrant: 'risiken', text: 'Fachkräftemangel' });
    const actions1 = client(srv.wsUrl, mod1.docs.actions, mod1.token);
    await synced(actions1);
    editActionField(actions1.doc, ctx1, 'goal-1', 'wirkungen', 'Mehr Abschlüsse');
    // The server has the edits once another client sees them.
    const check = client(srv.wsUrl, mod1.docs.swot, mod1.token);
    await synced(check);
    await waitFor(() => readSwot(check.doc).cards.length === 3, 'stored');
    const checkActions = client(srv.wsUrl, mod1.docs.actions, mod1.token);
    await synced(checkActions);
    await waitFor(() => checkActions.doc.getText('aktion:goal-1:wirkungen').length > 0, 'stored');
    // A session that was not carried from anywhere has no origins.
    expect((await api(srv.baseUrl, 'GET', `/sessions/${first.id}/boards/swot/sources`, { cookie })).body).toEqual({ sources: [] });

    const second = await followUp(srv, cookie, first.id);
    expect(second.title).toBe(`${first.title} (Folgesitzung)`);
    const mod2 = await enterAsModerator(srv.baseUrl, cookie, second.id);
    const anna = await joinSession(srv.baseUrl, second.joinCode, 'Anna');
    const board2 = client(srv.wsUrl, anna.docs.swot, anna.token);
    await synced(board2);
    await waitFor(() => readSwot(board2.doc).cards.length === 3, 'carried cards');
    // Every card keeps its id and knows where it came from.
    expect(readCarriedFrom(getItem(getItemsMap(board2.doc), kept)!)).toEqual({ sessionId: first.id, itemId: kept });
    // The notes start empty.
    const notes2 = client(srv.wsUrl, mod2.docs.notes, mod2.token);
    await synced(notes2);
    expect(notes2.doc.getXmlFragment('prosemirror').length).toBe(0);

    const annaCtx = { ...ANNA, author: { participantId: anna.participantId, displayName: 'Anna' } };
    editSwotCardText(board2.doc, annaCtx, edited, 'Wenig Ausbildungsplätze im Handwerk');
    moveSwotCard(board2.doc, annaCtx, kept, 'chancen', 'end');
    deleteSwotCard(board2.doc, annaCtx, removed);
    const added = addSwotCard(board2.doc, annaCtx, { quadrant: 'chancen', text: 'Neues Jugendberufshaus' });
    // The server's copy has them once the provider has nothing unsent.
    await waitFor(() => readSwot(board2.doc).cards.length === 3, 'local edits');
    const other = client(srv.wsUrl, mod2.docs.swot, mod2.token);
    await synced(other);
    await waitFor(() => readSwot(other.doc).cards.some((c) => c.id === added), 'relayed');

    // A participant of the session reads the board's origins and the changes.
    const sources = await api<BoardSourcesResponse>(srv.baseUrl, 'GET', `/sessions/${second.id}/boards/swot/sources`, { bearer: anna.token });
    expect(sources.body.sources).toEqual([{ id: first.id, title: first.title, date: first.date }]);
    const changes = await api<BoardChangesResponse>(srv.baseUrl, 'GET', `/sessions/${second.id}/boards/swot/changes?since=${first.id}`, { bearer: anna.token });
    expect(changes.status).toBe(200);
    expect(changes.body.changes.map((c) => [c.kind, c.id, c.fields, c.by?.displayName ?? null])).toEqual(
      expect.arrayContaining([
        ['added', added, [], 'Anna'],
        ['changed', edited, ['text'], 'Anna'],
        ['moved', kept, expect.arrayContaining(['quadrant']), 'Anna'],
        // Anna deleted the moderator's card: the deletion record names her.
        ['removed', removed, [], 'Anna'],
      ]),
    );
    expect(changes.body.changes).toHaveLength(4);

    // A third session from the second: its origins are both, and "since the first" still holds.
    const third = await followUp(srv, cookie, second.id);
    const chain = await api<BoardSourcesResponse>(srv.baseUrl, 'GET', `/sessions/${third.id}/boards/swot/sources`, { cookie });
    expect(chain.body.sources.map((s) => s.id)).toEqual([second.id, first.id]);
    const since1 = await api<BoardChangesResponse>(srv.baseUrl, 'GET', `/sessions/${third.id}/boards/swot/changes?since=${first.id}`, { cookie });
    expect(since1.body.changes.map((c) => `${c.kind}:${c.id}`).sort()).toEqual([`added:${added}`, `changed:${edited}`, `moved:${kept}`, `removed:${removed}`].sort());
    const since2 = await api<BoardChangesResponse>(srv.baseUrl, 'GET', `/sessions/${third.id}/boards/swot/changes?since=${second.id}`, { cookie });
    expect(since2.body.changes).toEqual([]);
    // The action plan (texts, no item maps) is carried and compared too.
    const actionsSince = await api<BoardChangesResponse>(srv.baseUrl, 'GET', `/sessions/${third.id}/boards/actions/changes?since=${first.id}`, { cookie });
    expect(actionsSince.body.changes).toEqual([]);
    expect((await api<BoardSourcesResponse>(srv.baseUrl, 'GET', `/sessions/${third.id}/boards/actions/sources`, { cookie })).body.sources).toHaveLength(2);
  });

  it('answers only people of the session, only for the board’s own origins, with clear errors', async () => {
    const srv = await start();
    const cookie = await login(srv.baseUrl);
    const first = await createSession(srv.baseUrl, cookie);
    const unrelated = await createSession(srv.baseUrl, cookie);
    const mod1 = await enterAsModerator(srv.baseUrl, cookie, first.id);
    const board1 = client(srv.wsUrl, mod1.docs.swot, mod1.token);
    await synced(board1);
    addSwotCard(board1.doc, { origin: 'm', author: { participantId: mod1.participantId, displayName: mod1.displayName } }, { quadrant: 'staerken', text: 'x' });
    const check = client(srv.wsUrl, mod1.docs.swot, mod1.token);
    await synced(check);
    await waitFor(() => readSwot(check.doc).cards.length === 1, 'stored');
    const second = await followUp(srv, cookie, first.id);
    const outsider = await joinSession(srv.baseUrl, unrelated.joinCode, 'Olaf');
    const base = `/sessions/${second.id}/boards/swot`;

    expect((await api(srv.baseUrl, 'GET', `${base}/changes?since=${first.id}`, { bearer: outsider.token })).status).toBe(404);
    expect((await api(srv.baseUrl, 'GET', `${base}/sources`, {})).status).toBe(401);
    // Only the board's origins: another session of the same account is not one.
    const notOrigin = await api<{ error: { id: string } }>(srv.baseUrl, 'GET', `${base}/changes?since=${unrelated.id}`, { cookie });
    expect([notOrigin.status, notOrigin.body.error.id]).toEqual([404, 'not_found']);
    const missing = await api<{ error: { id: string; field?: string } }>(srv.baseUrl, 'GET', `${base}/changes`, { cookie });
    expect([missing.status, missing.body.error.id, missing.body.error.field]).toEqual([400, 'validation_error', 'since']);
    const notes = await api<{ error: { id: string } }>(srv.baseUrl, 'GET', `/sessions/${second.id}/boards/notes/sources`, { cookie });
    expect([notes.status, notes.body.error.id]).toEqual([400, 'validation_error']);
    const both = await api<{ error: { id: string } }>(srv.baseUrl, 'POST', `/sessions/${first.id}/duplicate`, { cookie }, { carryForward: true, copyContent: true });
    expect([both.status, both.body.error.id]).toEqual([400, 'validation_error']);
  });
});
