/**
 * socket.io helpers for integration tests: real socket.io-client sockets against the real server,
 * every received event and every raw engine.io packet recorded, and typed acknowledgements.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import type { JoinResponse } from '../../shared/api';
import type { Ack, ClientEventName, ClientEventResult, ClientToServerEvents, ServerToClientEvents, SessionWelcome } from '../../shared/events';
import type { SessionState } from '../../shared/moderation';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { waitFor } from './harness';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket with everything it received: decoded events, and the engine.io packets as they came. */
export interface Recorded {
  socket: ClientSocket;
  /** `[event, ...args]` of every event received, in order. */
  events: [string, ...unknown[]][];
  /** The data of every engine.io packet received (the socket.io frames before decoding). */
  packets: string[];
  welcome: Promise<SessionWelcome>;
  /** The newest `session.state` received. */
  state(): SessionState | undefined;
  /** Every received event and packet as one string, to search for content that must not be there. */
  everything(): string;
  /** The args of every received `name` event. */
  received<E extends keyof ServerToClientEvents>(name: E): Parameters<ServerToClientEvents[E]>[0][];
}

/** Opens and records a socket; closed after the test. */
export function useSockets() {
  const open: ClientSocket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
  });
  return {
    connectSocket(baseUrl: string, token: string): Recorded {
      return record(baseUrl, { token, protocolVersion: PROTOCOL_VERSION });
    },
    /** A session's projector: the moderator's login cookie (`name=value`, or none) instead of a token. */
    connectProjector(baseUrl: string, sessionId: string, cookie: string | undefined): Recorded {
      return record(baseUrl, { projector: true, sessionId, protocolVersion: PROTOCOL_VERSION }, cookie ? { cookie } : {});
    },
  };

  function record(baseUrl: string, auth: Record<string, unknown>, extraHeaders: Record<string, string> = {}): Recorded {
    {
      const socket: ClientSocket = connectIo(baseUrl, {
        path: '/socket.io',
        auth,
        extraHeaders,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      open.push(socket);
      const events: [string, ...unknown[]][] = [];
      const packets: string[] = [];
      socket.onAny((name: string, ...args: unknown[]) => events.push([name, ...args]));
      socket.io.on('open', () => {
        socket.io.engine.on('packet', (packet: { data?: unknown }) => {
          if (packet.data !== undefined) packets.push(typeof packet.data === 'string' ? packet.data : String(packet.data));
        });
      });
      const welcome = new Promise<SessionWelcome>((resolve, reject) => {
        socket.once('session.welcome', resolve);
        socket.once('connect_error', reject);
      });
      const received = <E extends keyof ServerToClientEvents>(name: E) =>
        events.filter((e) => e[0] === name).map((e) => e[1] as Parameters<ServerToClientEvents[E]>[0]);
      return {
        socket,
        events,
        packets,
        welcome,
        state: () => received('session.state').at(-1),
        everything: () => JSON.stringify(events) + packets.join('\n'),
        received,
      };
    }
  }
}

/** Sends an event and resolves with its acknowledgement. */
export function send<K extends ClientEventName>(
  rec: Recorded | ClientSocket,
  name: K,
  payload: unknown,
): Promise<Ack<ClientEventResult<K>>> {
  const socket = 'socket' in rec ? rec.socket : rec;
  const timed = socket.timeout(10_000);
  const emit = timed.emitWithAck.bind(timed) as unknown as (event: string, payload: unknown) => Promise<Ack<ClientEventResult<K>>>;
  return emit(name, payload);
}

/** Sends an event that must succeed; returns the acknowledgement's data. */
export async function ok<K extends ClientEventName>(rec: Recorded | ClientSocket, name: K, payload: unknown): Promise<ClientEventResult<K>> {
  const res = await send(rec, name, payload);
  if (!res.ok) throw new Error(`${name} refused: ${res.error.id} ${res.error.message}`);
  const { ok: _ok, ...data } = res;
  return data as unknown as ClientEventResult<K>;
}

/** Sends an event that must be refused; returns the error id. */
export async function refusedWith(rec: Recorded | ClientSocket, name: ClientEventName, payload: unknown): Promise<string> {
  const res = await send(rec, name, payload);
  if (res.ok) throw new Error(`${name} was accepted`);
  return res.error.id;
}

/** Waits until the newest `session.state` satisfies `check`, and returns it. */
export async function stateWhere(rec: Recorded, check: (s: SessionState) => boolean, what = 'session.state'): Promise<SessionState> {
  await waitFor(() => {
    const s = rec.state();
    return s !== undefined && check(s);
  }, what);
  return rec.state()!;
}

/** Waits until `count` events of this name have arrived. */
export async function eventCount(rec: Recorded, name: keyof ServerToClientEvents, count: number): Promise<void> {
  await waitFor(() => rec.received(name).length >= count, `${count} × ${name}`);
}

/** A moderator's participant token for the session (`POST /api/sessions/:id/enter`). */
export async function enterAsModerator(baseUrl: string, cookie: string, sessionId: string): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/sessions/${sessionId}/enter`, { method: 'POST', headers: { cookie } });
  if (res.status !== 201) throw new Error(`enter: ${res.status} ${await res.text()}`);
  return (await res.json()) as JoinResponse;
}
