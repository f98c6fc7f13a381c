/**
 * Moderating a room over the wire: roles, removal, locks on the Yjs endpoint, agenda, timers on
 * one server clock, the speakers list, and all of it across a restart. Real server, real SQLite,
 * real socket.io-client and y-websocket clients.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { CloseCode } from '../../shared/closeCodes';
import { clockOffset, timerRemainingMs, type SessionState } from '../../shared/moderation';
import { addSwotCard, readSwot } from '../../shared/schema';
import { createSession, type InProcess, joinSession, login, sleep, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, eventCount, ok, type Recorded, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, client, stop } = useRealServers();
const { connectSocket } = useSockets();

interface Person {
  join: JoinResponse;
  s: Recorded;
}

async function room(srv?: InProcess) {
  srv ??= await start();
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie);
  const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const mod: Person = { join: modJoin, s: connectSocket(srv.baseUrl, modJoin.token) };
  const people: Person[] = [];
  for (const name of ['Anna', 'Bernd']) {
    const join = await joinSession(srv.baseUrl, session.joinCode, name);
    people.push({ join, s: connectSocket(srv.baseUrl, join.token) });
  }
  const obsJoin = await joinSession(srv.baseUrl, session.observerCode, 'Presse');
  const observer: Person = { join: obsJoin, s: connectSocket(srv.baseUrl, obsJoin.token) };
  await Promise.all([mod, observer, ...people].map((p) => stateWhere(p.s, () => true)));
  const [anna, bernd] = people as [Person, Person];
  return { srv, cookie, session, mod, observer, anna, bernd };
}

const author = (p: Person) => ({ origin: p.join.participantId, author: { participantId: p.join.participantId, displayName: p.join.displayName } });
const cardTexts = (c: { doc: Y.Doc }) => readSwot(c.doc).cards.map((x) => x.text).sort();

/** Server-clock offset of a socket from one ping round trip. */
async function offsetOf(p: Person): Promise<number> {
  const sent = Date.now();
  const res = await ok(p.s, 'session.ping', { clientTime: sent });
  return clockOffset(sent, res.serverTime, Date.now());
}

describe('moderation', () => {
  it('a locked board drops a participant’s Yjs update but not a moderator’s', async () => {
    const { srv, mod, anna, bernd } = await room();
    const a = client(srv.wsUrl, anna.join.docs.swot, anna.join.token);
    const b = client(srv.wsUrl, bernd.join.docs.swot, bernd.join.token);
    const m = client(srv.wsUrl, mod.join.docs.swot, mod.join.token);
    await Promise.all([synced(a), synced(b), synced(m)]);

    expect(await refusedWith(anna.s, 'board.lock', { board: 'swot' })).toBe('not_moderator');
    await ok(mod.s, 'board.lock', { board: 'swot' });
    await stateWhere(anna.s, (s) => s.locked.includes('swot'));

    addSwotCard(a.doc, author(anna), { quadrant: 'staerken', text: 'Anna, gesperrt' });
    addSwotCard(m.doc, author(mod), { quadrant: 'staerken', text: 'Moderation' });
    await waitFor(() => cardTexts(b).includes('Moderation'), 'the moderator’s card');
    await sleep(300);
    expect(cardTexts(b)).toEqual(['Moderation']);
    // Anna's connection is closed with a code that tells her client to reload the board.
    await waitFor(() => a.closes.includes(CloseCode.documentLocked.code), 'documentLocked close');
    // Not stored either: a fresh client sees only the moderator's card.
    const fresh = client(srv.wsUrl, bernd.join.docs.swot, bernd.join.token);
    await synced(fresh);
    expect(cardTexts(fresh)).toEqual(['Moderation']);

    await ok(mod.s, 'board.unlock', { board: 'swot' });
    await stateWhere(anna.s, (s) => s.locked.length === 0);
    // A fresh document of Anna's (her old one holds the refused change, which later updates of
    // that replica depend on) writes again.
    const a2 = client(srv.wsUrl, anna.join.docs.swot, anna.join.token);
    await synced(a2);
    addSwotCard(a2.doc, author(anna), { quadrant: 'risiken', text: 'Anna, frei' });
    await waitFor(() => cardTexts(b).includes('Anna, frei'), 'Anna’s card after unlock');
    expect(cardTexts(b)).toEqual(['Anna, frei', 'Moderation']);
  });

  it('a role change applies live: sockets, Yjs connections, permissions and the moderators’ list', async () => {
    const { srv, cookie, mod, anna, bernd } = await room();
    await eventCount(mod.s, 'participant.list', 1);
    const a = client(srv.wsUrl, anna.join.docs.notes, anna.join.token);
    const b = client(srv.wsUrl, bernd.join.docs.swot, bernd.join.token);
    const aSwot = client(srv.wsUrl, anna.join.docs.swot, anna.join.token);
    await Promise.all([synced(a), synced(b), synced(aSwot)]);

    // Participant → observer: read-only at once, on the open Yjs connection too.
    await ok(mod.s, 'participant.setRole', { participantId: anna.join.participantId, role: 'observer' });
    await waitFor(() => anna.s.received('participant.updated').some((u) => u.role === 'observer'), 'participant.updated');
    await waitFor(
      () => mod.s.received('participant.list').at(-1)?.participants.find((p) => p.participantId === anna.join.participantId)?.role === 'observer',
      'the moderators’ list',
    );
    expect(await refusedWith(anna.s, 'hand.raise', {})).toBe('not_eligible');
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 't', options: [{ label: 'A' }] } });
    expect(await refusedWith(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } })).toBe('not_eligible');
    addSwotCard(aSwot.doc, author(anna), { quadrant: 'chancen', text: 'als Beobachterin' });
    await sleep(300);
    expect(cardTexts(b)).toEqual([]);

    // Observer → moderator: moderator events work on the same socket, the list arrives.
    await ok(mod.s, 'participant.setRole', { participantId: anna.join.participantId, role: 'moderator' });
    await waitFor(() => anna.s.received('participant.updated').some((u) => u.role === 'moderator'), 'promoted');
    await ok(anna.s, 'agenda.add', { title: 'Begrüßung', phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 });
    await waitFor(() => anna.s.received('participant.list').length > 0, 'the list for the new moderator');

    // Not on oneself, not on someone of another session.
    expect(await refusedWith(mod.s, 'participant.setRole', { participantId: mod.join.participantId, role: 'observer' })).toBe('not_on_self');
    const other = await createSession(srv.baseUrl, cookie);
    const stranger = await joinSession(srv.baseUrl, other.joinCode, 'Fremd');
    expect(await refusedWith(mod.s, 'participant.setRole', { participantId: stranger.participantId, role: 'observer' })).toBe('wrong_session');
    expect(await refusedWith(mod.s, 'participant.remove', { participantId: stranger.participantId })).toBe('wrong_session');
    expect(await refusedWith(mod.s, 'participant.setRole', { participantId: 'nobody-at-all', role: 'observer' })).toBe('not_found');
    expect(await refusedWith(bernd.s, 'participant.setRole', { participantId: anna.join.participantId, role: 'participant' })).toBe('not_moderator');
    expect(await refusedWith(mod.s, 'participant.setRole', { participantId: anna.join.participantId, role: 'chef' })).toBe('validation_error');
  });

  it('removing a person stops their token at once: socket, Yjs and HTTP', async () => {
    const { srv, session, mod, bernd } = await room();
    const b = client(srv.wsUrl, bernd.join.docs.notes, bernd.join.token);
    await synced(b);
    await ok(bernd.s, 'hand.raise', {});
    await ok(mod.s, 'participant.remove', { participantId: bernd.join.participantId });
    await waitFor(() => bernd.s.received('session.revoked').length === 1 && !bernd.s.socket.connected, 'socket revoked');
    await waitFor(() => b.closes.includes(CloseCode.unauthenticated.code), 'Yjs connection closed with 4401');
    const res = await fetch(`${srv.baseUrl}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${bernd.join.token}` } });
    expect(res.status).toBe(401);
    // Off the speakers list and out of the moderators' list.
    await stateWhere(mod.s, (s) => s.speakers.queue.length === 0);
    await waitFor(
      () => !mod.s.received('participant.list').at(-1)?.participants.some((p) => p.participantId === bernd.join.participantId),
      'removed from the list',
    );
  });

  it('agenda: moderators add, edit, reorder, remove and go to items; everyone gets the state; late joiners land on the current item', async () => {
    const { srv, session, mod, anna } = await room();
    const add = (title: string, afterId?: string) =>
      ok(mod.s, 'agenda.add', { title, phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 20, ...(afterId ? { afterId } : {}) });
    const { itemId: first } = await add('Ausgangslage');
    const { itemId: third } = await add('Ziele');
    const { itemId: second } = await add('Daten', first);
    await ok(mod.s, 'agenda.update', { itemId: third, title: 'Leitziele', phase: 'wo_wollen_wir_hin', board: 'priorities', plannedMinutes: 30 });
    let state = await stateWhere(anna.s, (s) => s.agenda.length === 3 && s.agenda[2]!.title === 'Leitziele');
    expect(state.agenda.map((i) => [i.id, i.title, i.phase, i.board, i.plannedMinutes, i.timer])).toEqual([
      [first, 'Ausgangslage', 'wo_stehen_wir', 'swot', 20, { status: 'idle', durationMs: 20 * 60_000 }],
      [second, 'Daten', 'wo_stehen_wir', 'swot', 20, { status: 'idle', durationMs: 20 * 60_000 }],
      [third, 'Leitziele', 'wo_wollen_wir_hin', 'priorities', 30, { status: 'idle', durationMs: 30 * 60_000 }],
    ]);

    expect(await refusedWith(mod.s, 'agenda.reorder', { itemIds: [third, first] })).toBe('conflict');
    expect(await refusedWith(mod.s, 'agenda.reorder', { itemIds: [third, first, first] })).toBe('conflict');
    await ok(mod.s, 'agenda.reorder', { itemIds: [third, first, second] });
    await ok(mod.s, 'agenda.goto', { itemId: first });
    state = await stateWhere(anna.s, (s) => s.currentItemId === first);
    expect(state.agenda.map((i) => i.id)).toEqual([third, first, second]);

    expect(await refusedWith(anna.s, 'agenda.add', { title: 'x', phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 })).toBe('not_moderator');
    expect(await refusedWith(anna.s, 'agenda.goto', { itemId: null })).toBe('not_moderator');
    expect(await refusedWith(mod.s, 'agenda.goto', { itemId: 'unknown-item' })).toBe('not_found');
    expect(await refusedWith(mod.s, 'agenda.add', { title: 'x', phase: 'irgendwo', board: 'notes', plannedMinutes: 5 })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'agenda.add', { title: '  ', phase: 'wo_stehen_wir', board: 'notes', plannedMinutes: 5 })).toBe('validation_error');

    const late = await joinSession(srv.baseUrl, session.joinCode, 'Spät');
    const lateSocket = connectSocket(srv.baseUrl, late.token);
    expect((await stateWhere(lateSocket, () => true)).currentItemId).toBe(first);

    await ok(mod.s, 'agenda.remove', { itemId: first });
    state = await stateWhere(lateSocket, (s) => s.agenda.length === 2);
    expect(state.currentItemId).toBeNull();
    // Versions only grow.
    const versions = anna.s.received('session.state').map((s) => s.version);
    expect([...versions].sort((x, y) => x - y)).toEqual(versions);
  });

  it('one server clock: a late joiner’s timer matches within 1 s; pause, extend, reset', async () => {
    const { srv, session, mod, anna } = await room();
    const { itemId } = await ok(mod.s, 'agenda.add', { title: 'Gruppenarbeit', phase: 'wie_kommen_wir_ans_ziel', board: 'actions', plannedMinutes: 10 });
    await ok(mod.s, 'agenda.goto', { itemId });
    await ok(mod.s, 'timer.start', { itemId });
    const remaining = (s: SessionState, offset: number) => timerRemainingMs(s.agenda.find((i) => i.id === itemId)!.timer, Date.now() + offset);
    const annaState = await stateWhere(anna.s, (s) => s.agenda[0]?.timer.status === 'running');
    const annaOffset = await offsetOf(anna);
    await sleep(1200);

    const late = await joinSession(srv.baseUrl, session.joinCode, 'Spät');
    const latePerson: Person = { join: late, s: connectSocket(srv.baseUrl, late.token) };
    const lateState = await stateWhere(latePerson.s, () => true);
    expect(lateState.currentItemId).toBe(itemId);
    const lateOffset = await offsetOf(latePerson);
    const a = remaining(annaState, annaOffset);
    const l = remaining(lateState, lateOffset);
    expect(Math.abs(a - l)).toBeLessThan(1000);
    expect(a).toBeGreaterThan(10 * 60_000 - 5000);
    expect(a).toBeLessThan(10 * 60_000 - 1000);

    await ok(mod.s, 'timer.pause', { itemId });
    let timer = (await stateWhere(anna.s, (s) => s.agenda[0]!.timer.status === 'paused')).agenda[0]!.timer;
    if (timer.status !== 'paused') throw new Error('paused');
    const left = timer.remainingMs;
    await ok(mod.s, 'timer.extend', { itemId, byMs: 60_000 });
    timer = (await stateWhere(anna.s, (s) => s.agenda[0]!.timer.status === 'paused' && s.agenda[0]!.timer.remainingMs > left)).agenda[0]!.timer;
    expect(timer.status === 'paused' && timer.remainingMs).toBe(left + 60_000);
    await ok(mod.s, 'timer.start', { itemId });
    timer = (await stateWhere(anna.s, (s) => s.agenda[0]!.timer.status === 'running')).agenda[0]!.timer;
    expect(timer.status === 'running' && Math.abs(timer.endsAt - (Date.now() + left + 60_000))).toBeLessThan(1000);
    await ok(mod.s, 'timer.reset', { itemId });
    timer = (await stateWhere(anna.s, (s) => s.agenda[0]!.timer.status === 'idle')).agenda[0]!.timer;
    expect(timer).toEqual({ status: 'idle', durationMs: 10 * 60_000 });
    expect(await refusedWith(anna.s, 'timer.start', { itemId })).toBe('not_moderator');
    expect(await refusedWith(mod.s, 'timer.extend', { itemId, byMs: 10 })).toBe('validation_error');
  });

  it('a timer ends once, with timer.ended to everyone', async () => {
    const { mod, anna, observer } = await room();
    const { itemId } = await ok(mod.s, 'agenda.add', { title: 'Blitzlicht', phase: 'wie_ueberpruefen_wir', board: 'notes', plannedMinutes: 1 });
    await ok(mod.s, 'timer.start', { itemId, durationMs: 1000 });
    await eventCount(anna.s, 'timer.ended', 1);
    await eventCount(observer.s, 'timer.ended', 1);
    const state = await stateWhere(anna.s, (s) => s.agenda[0]!.timer.status === 'ended');
    const ended = anna.s.received('timer.ended')[0]!;
    expect(ended.itemId).toBe(itemId);
    expect(state.agenda[0]!.timer).toEqual({ status: 'ended', durationMs: 1000, endedAt: ended.endedAt });
    await sleep(1500);
    expect(anna.s.received('timer.ended')).toHaveLength(1);
    // Extending an ended timer runs it again.
    await ok(mod.s, 'timer.extend', { itemId, byMs: 1000 });
    await eventCount(anna.s, 'timer.ended', 2);
  });

  it('speakers list: participants raise hands in order, the moderator calls the next speaker', async () => {
    const { mod, observer, anna, bernd } = await room();
    await ok(bernd.s, 'hand.raise', {});
    await ok(anna.s, 'hand.raise', {});
    await ok(bernd.s, 'hand.raise', {});
    expect(await refusedWith(observer.s, 'hand.raise', {})).toBe('not_eligible');
    expect(await refusedWith(mod.s, 'hand.raise', {})).toBe('not_eligible');
    let state = await stateWhere(observer.s, (s) => s.speakers.queue.length === 2);
    expect(state.speakers.queue.map((s) => s.displayName)).toEqual(['Bernd', 'Anna']);
    await waitFor(
      () => mod.s.received('participant.list').at(-1)?.participants.filter((p) => p.handRaised).length === 2,
      'raised hands in the moderators’ list',
    );

    expect(await refusedWith(bernd.s, 'hand.lower', { participantId: anna.join.participantId })).toBe('not_moderator');
    expect(await refusedWith(anna.s, 'speaker.next', {})).toBe('not_moderator');
    expect(await ok(mod.s, 'speaker.next', {})).toMatchObject({ current: { displayName: 'Bernd' } });
    await waitFor(() => anna.s.received('speaker.called').length === 1, 'speaker.called');
    expect(anna.s.received('speaker.called')[0]!.current?.participantId).toBe(bernd.join.participantId);
    state = await stateWhere(anna.s, (s) => s.speakers.current !== null);
    expect(state.speakers).toMatchObject({ current: { displayName: 'Bernd' }, queue: [{ displayName: 'Anna' }] });

    await ok(anna.s, 'hand.lower', {});
    await stateWhere(observer.s, (s) => s.speakers.queue.length === 0);
    await ok(anna.s, 'hand.raise', {});
    await ok(mod.s, 'hand.lower', { participantId: anna.join.participantId });
    await stateWhere(observer.s, (s) => s.speakers.queue.length === 0 && s.version > state.version + 1);
    expect(await ok(mod.s, 'speaker.next', {})).toEqual({ current: null });
  });

  it('a restart loses nothing: agenda, current item, locks, speakers, timers (re-armed), open rounds', async () => {
    const first = await start();
    const { session, mod, anna } = await room(first);
    const { itemId } = await ok(mod.s, 'agenda.add', { title: 'Kurz', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 1 });
    const { itemId: long } = await ok(mod.s, 'agenda.add', { title: 'Lang', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 30 });
    await ok(mod.s, 'agenda.goto', { itemId: long });
    await ok(mod.s, 'board.lock', { board: 'swot' });
    await ok(anna.s, 'hand.raise', {});
    await ok(anna.s, 'participant.setActorGroup', { actorGroup: 'kita' });
    const { round } = await ok(mod.s, 'vote.open', { config: { method: 'meinungsbild', title: 't', options: [{ label: 'A' }] } });
    await ok(anna.s, 'vote.cast', { roundId: round.id, ballot: { method: 'meinungsbild', opinions: { o1: 'dafuer' } } });
    await ok(mod.s, 'timer.start', { itemId: long });
    await ok(mod.s, 'timer.start', { itemId, durationMs: 2500 });
    const before = await stateWhere(anna.s, (s) => s.agenda.every((i) => i.timer.status === 'running'));
    await stop(first);

    const second = await start({ dataDir: first.dataDir });
    const m = connectSocket(second.baseUrl, mod.join.token);
    const a = connectSocket(second.baseUrl, anna.join.token);
    expect((await a.welcome).actorGroup).toBe('kita');
    const after = await stateWhere(a, () => true);
    expect(after.version).toBeGreaterThanOrEqual(before.version);
    expect(after.agenda).toEqual(before.agenda);
    expect(after.currentItemId).toBe(long);
    expect(after.locked).toEqual(['swot']);
    expect(after.speakers.queue.map((s) => s.displayName)).toEqual(['Anna']);
    expect(after.rounds).toMatchObject([{ id: round.id, voted: 1 }]);
    // The short timer, armed again from the stored state, ends once after the restart.
    await eventCount(a, 'timer.ended', 1);
    expect(a.received('timer.ended')[0]!.itemId).toBe(itemId);
    await stateWhere(m, (s) => s.agenda.find((i) => i.id === itemId)!.timer.status === 'ended');
    // And the lock is still enforced on the Yjs endpoint.
    const annaJoin = { ...anna.join };
    const ya = client(second.wsUrl, annaJoin.docs.swot, annaJoin.token);
    const ym = client(second.wsUrl, mod.join.docs.swot, mod.join.token);
    await Promise.all([synced(ya), synced(ym)]);
    addSwotCard(ya.doc, author(anna), { quadrant: 'staerken', text: 'nach Neustart' });
    addSwotCard(ym.doc, author(mod), { quadrant: 'staerken', text: 'Moderation' });
    const check = client(second.wsUrl, mod.join.docs.swot, mod.join.token);
    await synced(check);
    await waitFor(() => cardTexts(check).includes('Moderation'), 'moderator card');
    await sleep(300);
    expect(cardTexts(check)).toEqual(['Moderation']);
    expect(session.id).toBe(after.sessionId);
  });
});
