/**
 * Scripted participants for a large room: each joins over the HTTP API and connects the session's
 * socket.io from the test runner (no browser), so a room of dozens costs little. They vote and
 * raise hands with the same commands a browser sends; the server checks them like any other.
 */
import { io, type Socket } from 'socket.io-client';
import type { JoinResponse } from '../../shared/api';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { E2E_BASE_URL } from './env';
import { joinByApi } from './seed';

export interface ScriptedParticipant {
  join: JoinResponse;
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Sends a command and resolves with its acknowledgement (throws on a refusal). */
  send(event: keyof ClientToServerEvents, payload: unknown): Promise<unknown>;
}

export async function scriptedParticipant(joinCode: string, name: string): Promise<ScriptedParticipant> {
  const join = await joinByApi(joinCode, name);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(E2E_BASE_URL, {
    path: '/socket.io',
    auth: { token: join.token, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('session.welcome', () => resolve());
    socket.once('connect_error', reject);
  });
  const send = async (event: keyof ClientToServerEvents, payload: unknown) => {
    const emit = socket.timeout(15_000).emitWithAck as unknown as (e: string, p: unknown) => Promise<Ack<object>>;
    const res = await emit.call(socket.timeout(15_000), event, payload);
    if (!res.ok) throw new Error(`${event}: ${res.error.id} ${res.error.message}`);
    return res;
  };
  return { join, socket, send };
}

/** `count` scripted participants, joined a few at a time. */
export async function scriptedRoom(joinCode: string, count: number, prefix = 'Teilnehmer'): Promise<ScriptedParticipant[]> {
  const people: ScriptedParticipant[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = Array.from({ length: Math.min(10, count - i) }, (_, j) => scriptedParticipant(joinCode, `${prefix} ${i + j + 1}`));
    people.push(...(await Promise.all(batch)));
  }
  return people;
}
