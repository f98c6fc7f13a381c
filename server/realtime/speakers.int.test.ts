/**
 * The speakers list over the wire: the running turn, ending it, moving people in the queue,
 * first-time speakers first and the speaking time per turn, with input validation and roles,
 * and all of it across a restart. Real server, real SQLite, real socket.io clients.
 */
import { describe, expect, it } from 'vitest';
import type { JoinResponse } from '../../shared/api';
import { createSession, joinSession, login, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, type Recorded, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, stop } = useRealServers();
const { connectSocket } = useSockets();

interface Person {
  join: JoinResponse;
  s: Recorded;
}

async function room() {
  const srv = await start();
  const cookie = await login(srv.baseUrl);
  const session = await createSession(srv.baseUrl, cookie);
  const modJoin = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const mod: Person = { join: modJoin, s: connectSocket(srv.baseUrl, modJoin.token) };
  const people: Person[] = [];
  for (const name of ['Anna', 'Bernd', 'Clara']) {
    const join = await joinSession(srv.baseUrl, session.joinCode, name);
    people.push({ join, s: connectSocket(srv.baseUrl, join.token) });
  }
  await Promise.all([mod, ...people].map((p) => stateWhere(p.s, () => true)));
  const [anna, bernd, clara] = people as [Person, Person, Person];
  return { srv, mod, anna, bernd, clara };
}

const names = (rec: Recorded) => rec.received('session.state').at(-1)!.speakers.queue.map((s) => s.displayName);

describe('speakers list', () => {
  it('a turn runs from its start on the server clock and can be ended', async () => {
    const { mod, anna, bernd } = await room();
    await ok(anna.s, 'hand.raise', {});
    const before = Date.now();
    const { current } = await ok(mod.s, 'speaker.next', {});
    expect(current).toMatchObject({ displayName: 'Anna', turns: 0 });
    expect(current!.startedAt).toBeGreaterThanOrEqual(before - 5);
    const state = await stateWhere(bernd.s, (s) => s.speakers.current?.displayName === 'Anna');
    expect(state.speakers.current!.startedAt).toBe(current!.startedAt);

    expect(await refusedWith(anna.s, 'speaker.end', {})).toBe('not_moderator');
    await ok(mod.s, 'speaker.end', {});
    await stateWhere(bernd.s, (s) => s.speakers.current === null);
    await waitFor(() => bernd.s.received('speaker.called').at(-1)?.current === null, 'speaker.called with nobody');
    // Ending again changes nothing and is no error.
    await ok(mod.s, 'speaker.end', {});

    // Anna raises again: she has spoken once.
    await ok(anna.s, 'hand.raise', {});
    const again = await stateWhere(mod.s, (s) => s.speakers.queue.length === 1);
    expect(again.speakers.queue[0]).toMatchObject({ displayName: 'Anna', turns: 1 });
  });

  it('the moderator moves people in the queue; bad moves are refused and change nothing', async () => {
    const { mod, anna, bernd, clara } = await room();
    for (const p of [anna, bernd, clara]) await ok(p.s, 'hand.raise', {});
    await stateWhere(mod.s, (s) => s.speakers.queue.length === 3);
    expect(names(mod.s)).toEqual(['Anna', 'Bernd', 'Clara']);

    await ok(mod.s, 'speaker.move', { participantId: clara.join.participantId, position: 0 });
    await stateWhere(anna.s, (s) => s.speakers.queue[0]?.displayName === 'Clara');
    expect(names(anna.s)).toEqual(['Clara', 'Anna', 'Bernd']);
    await ok(mod.s, 'speaker.move', { participantId: clara.join.participantId, position: 1 });
    await stateWhere(anna.s, (s) => s.speakers.queue[1]?.displayName === 'Clara');
    expect(names(anna.s)).toEqual(['Anna', 'Clara', 'Bernd']);

    const version = mod.s.received('session.state').at(-1)!.version;
    expect(await refusedWith(anna.s, 'speaker.move', { participantId: bernd.join.participantId, position: 0 })).toBe('not_moderator');
    expect(await refusedWith(mod.s, 'speaker.move', { participantId: mod.join.participantId, position: 0 })).toBe('not_found');
    expect(await refusedWith(mod.s, 'speaker.move', { participantId: anna.join.participantId, position: -1 })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'speaker.move', { participantId: 'not an id!', position: 0 })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'speaker.move', { participantId: anna.join.participantId, position: 1.5 })).toBe('validation_error');
    await ok(mod.s, 'session.ping', { clientTime: 0 });
    expect(mod.s.received('session.state').at(-1)!.version).toBe(version);
    expect(names(mod.s)).toEqual(['Anna', 'Clara', 'Bernd']);
  });

  it('first-time speakers first: re-sorts once, then places new first-time hands ahead of those who spoke', async () => {
    const { srv, mod, anna, bernd, clara } = await room();
    // Anna speaks, then raises again; Bernd raises after her.
    await ok(anna.s, 'hand.raise', {});
    await ok(mod.s, 'speaker.next', {});
    await ok(anna.s, 'hand.raise', {});
    await ok(bernd.s, 'hand.raise', {});
    await stateWhere(mod.s, (s) => s.speakers.queue.length === 2);
    expect(names(mod.s)).toEqual(['Anna', 'Bernd']);

    expect(await refusedWith(bernd.s, 'speaker.configure', { firstTimeFirst: true })).toBe('not_moderator');
    expect(await refusedWith(mod.s, 'speaker.configure', {})).toBe('validation_error');
    expect(await refusedWith(mod.s, 'speaker.configure', { turnMs: 5 })).toBe('validation_error');
    expect(await refusedWith(mod.s, 'speaker.configure', { firstTimeFirst: 'yes' })).toBe('validation_error');

    await ok(mod.s, 'speaker.configure', { firstTimeFirst: true, turnMs: 120_000 });
    let state = await stateWhere(mod.s, (s) => s.speakers.firstTimeFirst);
    expect(state.speakers.turnMs).toBe(120_000);
    expect(names(mod.s)).toEqual(['Bernd', 'Anna']);

    await ok(clara.s, 'hand.raise', {});
    await stateWhere(mod.s, (s) => s.speakers.queue.length === 3);
    expect(names(mod.s)).toEqual(['Bernd', 'Clara', 'Anna']);
    expect(mod.s.received('session.state').at(-1)!.speakers.queue.map((s) => s.turns)).toEqual([0, 0, 1]);

    // Off: new hands go to the end again; the speaking time can be cleared.
    await ok(mod.s, 'speaker.configure', { firstTimeFirst: false, turnMs: null });
    state = await stateWhere(mod.s, (s) => !s.speakers.firstTimeFirst);
    expect(state.speakers.turnMs).toBeNull();

    // A restart keeps the queue, the settings and who has spoken.
    await ok(mod.s, 'speaker.configure', { firstTimeFirst: true });
    await stateWhere(mod.s, (s) => s.speakers.firstTimeFirst);
    await stop(srv);
    const restarted = await start({ dataDir: srv.dataDir });
    const modAgain = connectSocket(restarted.baseUrl, mod.join.token);
    const after = await stateWhere(modAgain, () => true);
    expect(after.speakers).toMatchObject({ firstTimeFirst: true, turnMs: null });
    expect(after.speakers.queue.map((s) => [s.displayName, s.turns])).toEqual([
      ['Bernd', 0],
      ['Clara', 0],
      ['Anna', 1],
    ]);
    expect(after.speakers.current).toMatchObject({ displayName: 'Anna' });
  });
});
