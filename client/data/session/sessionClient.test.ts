import { describe, expect, it, vi } from 'vitest';
import type { SessionWelcome } from '../../../shared/events';
import type { SessionState } from '../../../shared/moderation';
import type { OpenRoundSummary, RoundResult } from '../../../shared/votes';
import { SessionClient, type RealtimeSocket } from './sessionClient';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket: handlers by event, and acks answered by `answer`. */
class FakeSocket {
  connected = true;
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: { event: string; payload: unknown }[] = [];
  answer: (event: string, payload: unknown) => unknown = () => ({ ok: true });
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
  timeout() {
    return {
      emit: (event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void) => {
        this.sent.push({ event, payload });
        queueMicrotask(() => ack(null, this.answer(event, payload)));
      },
    };
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  disconnect() {
    this.connected = false;
  }
}

function make() {
  const socket = new FakeSocket();
  const client = new SessionClient(socket as unknown as RealtimeSocket);
  return { socket, client };
}

const state = (version: number, rounds: OpenRoundSummary[] = []): SessionState => ({
  sessionId: 'sessionAAAA',
  version,
  serverTime: 0,
  agenda: [],
  currentItemId: null,
  locked: [],
  speakers: { current: null, queue: [], firstTimeFirst: false, turnMs: null },
  rounds,
  tables: null,
});

const round = { id: 'r1', voted: 0, eligible: 3 } as OpenRoundSummary;
const result = (roundId: string, closedAt: number) => ({ roundId, closedAt }) as RoundResult;

describe('SessionClient', () => {
  it('ignores a state older than the one it shows, but not on a new connection', () => {
    const { socket, client } = make();
    socket.fire('connect');
    socket.fire('session.state', state(5));
    socket.fire('session.state', state(4));
    expect(client.getSnapshot().state?.version).toBe(5);
    // A restarted server counts again from the start.
    socket.fire('connect');
    socket.fire('session.state', state(1));
    expect(client.getSnapshot().state?.version).toBe(1);
    client.destroy();
  });

  it('folds progress into the open round and drops it when its result arrives', () => {
    const { socket, client } = make();
    socket.fire('session.state', state(1, [round]));
    socket.fire('vote.progress', { roundId: 'r1', voted: 2, eligible: 4 });
    expect(client.getSnapshot().state?.rounds[0]).toMatchObject({ voted: 2, eligible: 4 });
    socket.fire('vote.result', result('r1', 20));
    socket.fire('vote.result', result('r0', 10));
    socket.fire('vote.result', result('r1', 20));
    expect(client.getSnapshot().state?.rounds).toEqual([]);
    expect(client.getSnapshot().results.map((r) => r.roundId)).toEqual(['r0', 'r1']);
    client.destroy();
  });

  it('follows live role changes and forgets the participant list when no longer moderating', () => {
    const { socket, client } = make();
    socket.answer = () => ({ ok: false, error: { id: 'internal_error', message: '' } });
    socket.fire('session.welcome', { participantId: 'p1', displayName: 'A', role: 'moderator', actorGroup: null, serverTime: Date.now() } as SessionWelcome);
    socket.fire('participant.list', { participants: [] });
    expect(client.getSnapshot().participants).toEqual([]);
    socket.fire('participant.updated', { participantId: 'p1', displayName: 'A', role: 'participant', actorGroup: 'schule' });
    expect(client.getSnapshot().self).toMatchObject({ role: 'participant', actorGroup: 'schule' });
    expect(client.getSnapshot().participants).toBeNull();
    client.destroy();
  });

  it('takes the clock offset from the ping with the shortest round trip', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { socket, client } = make();
      vi.setSystemTime(1_000);
      // The server's clock is 10 s ahead; the answer is read at "now".
      socket.answer = (_event, payload) => ({ ok: true, clientTime: (payload as { clientTime: number }).clientTime, serverTime: Date.now() + 10_000 });
      socket.fire('session.welcome', { participantId: 'p1', displayName: 'A', role: 'participant', actorGroup: null, serverTime: 11_000 } as SessionWelcome);
      await vi.waitFor(() => expect(socket.sent.filter((s) => s.event === 'session.ping')).toHaveLength(5));
      await vi.waitFor(() => expect(client.getSnapshot().clock.rttMs).toBe(0));
      expect(client.getSnapshot().clock.offsetMs).toBe(10_000);
      expect(client.serverNow() - Date.now()).toBe(10_000);
      client.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a command with the acknowledgement, or a timeout error without one', async () => {
    const { socket, client } = make();
    socket.answer = () => ({ ok: true, itemId: 'i1' });
    await expect(client.send('agenda.add', { title: 'T', phase: 'wo_stehen_wir', board: 'swot', plannedMinutes: 5 })).resolves.toEqual({ ok: true, itemId: 'i1' });
    socket.timeout = () => ({ emit: (_e: string, _p: unknown, ack: (err: Error | null, res: unknown) => void) => ack(new Error('operation has timed out'), undefined) });
    const res = await client.send('hand.raise', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.id).toBe('timeout');
    client.destroy();
  });

  it('takes a renamed or archived session into the welcome, and ignores another session', () => {
    const { socket, client } = make();
    const session = { id: 's1', title: 'Alt', kind: 'arbeitsgruppe', date: '2026-01-01', template: 'standard', createdAt: '', archivedAt: null } as unknown as SessionWelcome['session'];
    // Before the welcome there is nothing to update.
    socket.fire('session.updated', { session: { ...session, title: 'Zu früh' } });
    expect(client.getSnapshot().welcome).toBeNull();
    socket.fire('session.welcome', { session, participantId: 'p1', displayName: 'A', role: 'participant', actorGroup: null, serverTime: Date.now() } as SessionWelcome);
    socket.fire('session.updated', { session: { ...session, title: 'Neu', archivedAt: '2026-02-01T10:00:00.000Z' } });
    expect(client.getSnapshot().welcome?.session).toMatchObject({ title: 'Neu', archivedAt: '2026-02-01T10:00:00.000Z' });
    expect(client.getSnapshot().welcome?.participantId).toBe('p1');
    socket.fire('session.updated', { session: { ...session, id: 's2', title: 'Fremd' } });
    expect(client.getSnapshot().welcome?.session.title).toBe('Neu');
    client.destroy();
  });
});
