/**
 * The room's one socket.io connection, seen as a store: everything the server pushes
 * (`session.state`, the participant list for moderators, published vote results, progress,
 * timer ends, called speakers, renames and archiving) folded into one immutable snapshot that React reads with
 * `useSyncExternalStore`, plus typed commands (`send`) answered by the server's acknowledgement.
 *
 * The clock: several `session.ping` round trips right after the welcome and one every 30 s; the
 * sample with the shortest round trip gives the offset (see ./clock.ts), so every device shows the
 * same remaining time of a timer to the second.
 */
import type { Socket } from 'socket.io-client';
import { ErrorId, type ErrorIdValue } from '../../../shared/errors';
import type { ClientEventName, ClientEventResult, ClientToServerEvents, ServerToClientEvents, SessionWelcome } from '../../../shared/events';
import type { ParticipantSelf, ParticipantSummary, SessionState, Speaker } from '../../../shared/moderation';
import type { RoundResult, VoteProgress } from '../../../shared/votes';
import { addSample, bestSample, sampleFromPing, type ClockSample } from './clock';
import { perfMark } from '../../lib/perfMark';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ClockEstimate {
  /** Server minus client, ms: `Date.now() + offsetMs` is the server's time. */
  offsetMs: number;
  /** Round trip of the sample in use; null while only the welcome's timestamp is known. */
  rttMs: number | null;
}

export interface SessionSnapshot {
  connected: boolean;
  welcome: SessionWelcome | null;
  /** The person's own record: from the welcome, then from every `participant.updated`. */
  self: ParticipantSelf | null;
  state: SessionState | null;
  /** Moderators only (null for everybody else). */
  participants: ParticipantSummary[] | null;
  /** Published results of closed rounds, oldest first. */
  results: RoundResult[];
  clock: ClockEstimate;
  /** The last `timer.ended`, numbered so the same ending is announced once. */
  timerEnded: { itemId: string; endedAt: number; seq: number } | null;
  /** The last `speaker.called`, numbered likewise. */
  speakerCalled: { current: Speaker | null; seq: number } | null;
  revoked: string | null;
  /** The server refused the token; retrying with it cannot succeed. */
  unauthenticated: boolean;
}

export interface CommandError {
  id: ErrorIdValue | 'timeout';
  message: string;
}

export type CommandOutcome<K extends ClientEventName> = ({ ok: true } & ClientEventResult<K>) | { ok: false; error: CommandError };
export type CommandPayload<K extends ClientEventName> = Parameters<ClientToServerEvents[K]>[0];

export const EMPTY_SNAPSHOT: SessionSnapshot = Object.freeze({
  connected: false,
  welcome: null,
  self: null,
  state: null,
  participants: null,
  results: [],
  clock: { offsetMs: 0, rttMs: null },
  timerEnded: null,
  speakerCalled: null,
  revoked: null,
  unauthenticated: false,
});

const PING_BURST = 5;
const PING_INTERVAL_MS = 30_000;
const COMMAND_TIMEOUT_MS = 10_000;

/** What e2e tests read through `page.evaluate` (see e2e/helpers/moderation.ts). */
export interface SessionTestHook {
  snapshot(): SessionSnapshot;
  serverNow(): number;
  /** Sends a command as the UI would (the server checks it like any other). */
  send(event: ClientEventName, payload: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    /** Only set while a room is open. */
    __werkraumSession?: SessionTestHook;
  }
}

// socket.io's typed emit cannot follow a generic event name; this is the shape it has at runtime.
interface LooseEmitter {
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): void };
}

export class SessionClient {
  private snap: SessionSnapshot = EMPTY_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private samples: ClockSample[] = [];
  private seq = 0;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private destroyed = false;
  private acceptAnyVersion = true;
  private readonly testHook: SessionTestHook;

  constructor(readonly socket: RealtimeSocket) {
    // Listeners go on before the socket can deliver anything (it connects asynchronously).
    socket.on('connect', () => {
      perfMark('socket-connect');
      // A new connection may meet a restarted server whose versions start again: accept its state.
      this.acceptAnyVersion = true;
      this.update({ connected: true });
    });
    socket.on('disconnect', () => this.update({ connected: false }));
    socket.on('session.welcome', (welcome) => {
      perfMark('session-welcome');
      const self: ParticipantSelf = {
        participantId: welcome.participantId,
        displayName: welcome.displayName,
        role: welcome.role,
        actorGroup: welcome.actorGroup,
      };
      const clock = this.samples.length > 0 ? this.snap.clock : { offsetMs: welcome.serverTime - Date.now(), rttMs: null };
      this.update({ welcome, self, clock, unauthenticated: false });
      void this.pingBurst();
    });
    // Renamed, archived or restored: the welcome's session is what the room shows, so it is replaced.
    socket.on('session.updated', ({ session }) => {
      const welcome = this.snap.welcome;
      if (welcome && welcome.session.id === session.id) this.update({ welcome: { ...welcome, session } });
    });
    socket.on('session.revoked', (info) => this.update({ revoked: info.reason }));
    socket.on('session.state', (state) => this.onState(state));
    socket.on('participant.list', ({ participants }) => this.update({ participants }));
    socket.on('participant.updated', (self) => {
      // Someone who stops moderating no longer gets the list; an old copy would go stale.
      this.update({ self, participants: self.role === 'moderator' ? this.snap.participants : null });
    });
    socket.on('timer.ended', (info) => this.update({ timerEnded: { ...info, seq: ++this.seq } }));
    socket.on('speaker.called', ({ current }) => {
      const state = this.snap.state ? { ...this.snap.state, speakers: { ...this.snap.state.speakers, current } } : null;
      this.update({ speakerCalled: { current, seq: ++this.seq }, state });
    });
    socket.on('vote.progress', (progress) => this.onProgress(progress));
    socket.on('vote.result', (result) => this.onResult(result));
    socket.on('connect_error', (err) => {
      const data = (err as Error & { data?: { id?: string } }).data;
      if (err.message === ErrorId.unauthenticated || data?.id === ErrorId.unauthenticated) {
        this.update({ unauthenticated: true });
        // Retrying with the same token cannot succeed.
        socket.disconnect();
      }
    });
    this.pingTimer = setInterval(() => {
      if (socket.connected) void this.ping();
    }, PING_INTERVAL_MS);
    this.testHook = {
      snapshot: () => this.snap,
      serverNow: () => this.serverNow(),
      send: (event, payload) => this.send(event, payload as never),
    };
    if (typeof window !== 'undefined') window.__werkraumSession = this.testHook;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snap;

  /** The server's clock now, as well as this device can tell. */
  serverNow(): number {
    return Date.now() + this.snap.clock.offsetMs;
  }

  /**
   * Sends a command and resolves with the server's acknowledgement (never rejects). Without a
   * connection socket.io buffers the command until it reconnects, or the timeout answers.
   */
  send<K extends ClientEventName>(event: K, payload: CommandPayload<K>, timeoutMs = COMMAND_TIMEOUT_MS): Promise<CommandOutcome<K>> {
    return new Promise((resolve) => {
      (this.socket as unknown as LooseEmitter).timeout(timeoutMs).emit(event, payload, (err, res) => {
        if (err || typeof res !== 'object' || res === null) {
          resolve({ ok: false, error: { id: 'timeout', message: err?.message ?? 'no answer' } });
          return;
        }
        resolve(res as CommandOutcome<K>);
      });
    });
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.pingTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
    if (typeof window !== 'undefined' && window.__werkraumSession === this.testHook) delete window.__werkraumSession;
  }

  private update(patch: Partial<SessionSnapshot>): void {
    if (this.destroyed) return;
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }

  private onState(state: SessionState): void {
    const current = this.snap.state;
    if (!this.acceptAnyVersion && current && current.sessionId === state.sessionId && state.version < current.version) return;
    this.acceptAnyVersion = false;
    this.update({ state });
  }

  private onProgress(p: VoteProgress): void {
    const state = this.snap.state;
    if (!state || !state.rounds.some((r) => r.id === p.roundId)) return;
    this.update({ state: { ...state, rounds: state.rounds.map((r) => (r.id === p.roundId ? { ...r, voted: p.voted, eligible: p.eligible } : r)) } });
  }

  private onResult(result: RoundResult): void {
    const results = [...this.snap.results.filter((r) => r.roundId !== result.roundId), result].sort((a, b) => a.closedAt - b.closedAt);
    const state = this.snap.state;
    // The round is closed: drop it from the open ones at once, not only with the next state.
    const nextState = state && state.rounds.some((r) => r.id === result.roundId) ? { ...state, rounds: state.rounds.filter((r) => r.id !== result.roundId) } : state;
    this.update({ results, state: nextState });
  }

  private async pingBurst(): Promise<void> {
    for (let i = 0; i < PING_BURST && this.socket.connected && !this.destroyed; i++) await this.ping();
  }

  private async ping(): Promise<void> {
    const sent = Date.now();
    const res = await this.send('session.ping', { clientTime: sent }, 5_000);
    const received = Date.now();
    if (!res.ok) return;
    this.samples = addSample(this.samples, sampleFromPing(sent, res.serverTime, received));
    const best = bestSample(this.samples);
    if (best && (best.offsetMs !== this.snap.clock.offsetMs || best.rttMs !== this.snap.clock.rttMs)) {
      this.update({ clock: { offsetMs: best.offsetMs, rttMs: best.rttMs } });
    }
  }
}
