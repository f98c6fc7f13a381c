/**
 * socket.io against the real server (real HTTP port shared with the API and the Yjs endpoint,
 * real SQLite file) with the real socket.io-client. Nothing is mocked.
 */
import { io as connectIo, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinResponse } from '../../shared/api';
import type { ClientToServerEvents, ServerToClientEvents, SessionWelcome } from '../../shared/events';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { cleanup, type InProcess, joinSession, seedSession, startServer, waitFor } from '../test/harness';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const running: InProcess[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const s of running.splice(0)) {
    await s.stop();
    cleanup(s.dataDir);
  }
});

async function setup(): Promise<{ srv: InProcess; anna: JoinResponse; sessionId: string }> {
  const srv = await startServer();
  running.push(srv);
  const { session } = await seedSession(srv.baseUrl);
  const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
  return { srv, anna, sessionId: session.id };
}

function open(
  baseUrl: string,
  auth: Record<string, unknown>,
  options: { transports?: ('polling' | 'websocket')[]; extraHeaders?: Record<string, string> } = {},
): ClientSocket {
  const socket: ClientSocket = connectIo(baseUrl, {
    path: '/socket.io',
    auth,
    reconnection: false,
    forceNew: true,
    ...options,
  });
  sockets.push(socket);
  return socket;
}

function welcomed(socket: ClientSocket): Promise<SessionWelcome> {
  return new Promise((resolve, reject) => {
    socket.once('session.welcome', resolve);
    socket.once('connect_error', reject);
  });
}

function refused(socket: ClientSocket): Promise<Error & { data?: { id?: string } }> {
  return new Promise((resolve, reject) => {
    socket.once('connect_error', resolve);
    socket.once('connect', () => reject(new Error('connected although it should be refused')));
  });
}

describe('socket.io', () => {
  it('welcomes a participant and answers session.ping (polling, then upgraded to WebSocket)', async () => {
    const { srv, anna, sessionId } = await setup();
    const socket = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION });
    const before = Date.now();
    const welcome = await welcomed(socket);
    expect(welcome).toMatchObject({
      session: { id: sessionId, kind: 'bildungskonferenz' },
      role: 'participant',
      participantId: anna.participantId,
      displayName: 'Anna',
    });
    expect(welcome.session).not.toHaveProperty('joinCode');
    expect(welcome.serverTime).toBeGreaterThanOrEqual(before);

    await waitFor(() => socket.io.engine.transport.name === 'websocket', 'upgrade to websocket');
    const res = await socket.emitWithAck('session.ping', { clientTime: 1234.5 });
    expect(res).toMatchObject({ ok: true, clientTime: 1234.5 });
    if (res.ok) expect(Math.abs(res.serverTime - Date.now())).toBeLessThan(5000);
  });

  it('answers an invalid ping payload with a validation error ack and stays connected', async () => {
    const { srv, anna } = await setup();
    const socket = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION }, { transports: ['websocket'] });
    await welcomed(socket);
    const bad = (payload: unknown) =>
      (socket.emitWithAck as (ev: string, p: unknown) => Promise<unknown>)('session.ping', payload);
    for (const payload of [{ clientTime: 'now' }, {}, null, 42]) {
      const res = await bad(payload);
      expect(res).toMatchObject({ ok: false, error: { id: 'validation_error', message: expect.any(String) } });
    }
    // A ping without an ack callback is ignored; the connection is still usable.
    (socket.emit as (ev: string, p: unknown) => void)('session.ping', { clientTime: 1 });
    expect(socket.connected).toBe(true);
    expect(await socket.emitWithAck('session.ping', { clientTime: 2 })).toMatchObject({ ok: true, clientTime: 2 });
  });

  it('refuses unknown, missing and revoked tokens with id unauthenticated', async () => {
    const { srv, anna } = await setup();
    for (const auth of [{ token: 'no-such-token', protocolVersion: PROTOCOL_VERSION }, { protocolVersion: PROTOCOL_VERSION }]) {
      const err = await refused(open(srv.baseUrl, auth));
      expect(err.data?.id).toBe('unauthenticated');
    }
    await srv.server.store.sessions.revokeParticipant(anna.participantId, new Date().toISOString());
    const err = await refused(open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION }));
    expect(err.data?.id).toBe('unauthenticated');
  });

  it('refuses a client older than MIN_PROTOCOL_VERSION with id protocol_too_old', async () => {
    const { srv, anna } = await setup();
    for (const auth of [{ token: anna.token, protocolVersion: 0 }, { token: anna.token }]) {
      const err = await refused(open(srv.baseUrl, auth, { transports: ['websocket'] }));
      expect(err.data?.id).toBe('protocol_too_old');
    }
  });

  it('refuses a handshake from a foreign origin', async () => {
    const { srv, anna } = await setup();
    const auth = { token: anna.token, protocolVersion: PROTOCOL_VERSION };
    const foreign = open(srv.baseUrl, auth, { transports: ['polling'], extraHeaders: { origin: 'https://evil.example' } });
    await refused(foreign);
    const own = open(srv.baseUrl, auth, { transports: ['polling'], extraHeaders: { origin: srv.baseUrl } });
    await welcomed(own);
  });

  it('revokeParticipant tells that person session.revoked and disconnects only them', async () => {
    const { srv, anna, sessionId } = await setup();
    const bernd = await joinSession(srv.baseUrl, (await srv.server.store.sessions.findById(sessionId))!.joinCode, 'Bernd');
    const a1 = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION }, { transports: ['websocket'] });
    const a2 = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION });
    const b = open(srv.baseUrl, { token: bernd.token, protocolVersion: PROTOCOL_VERSION }, { transports: ['websocket'] });
    await Promise.all([welcomed(a1), welcomed(a2), welcomed(b)]);

    const revoked: string[] = [];
    const disconnects: string[] = [];
    for (const [name, s] of [['a1', a1], ['a2', a2]] as const) {
      s.on('session.revoked', ({ reason }) => revoked.push(`${name}:${reason}`));
      s.on('disconnect', (reason) => disconnects.push(`${name}:${reason}`));
    }
    srv.server.realtime.revokeParticipant(anna.participantId, 'removed by moderator');
    await waitFor(() => disconnects.length === 2, 'both of Anna’s sockets to disconnect');
    expect(revoked.sort()).toEqual(['a1:removed by moderator', 'a2:removed by moderator']);
    expect(disconnects.sort()).toEqual(['a1:io server disconnect', 'a2:io server disconnect']);
    expect(b.connected).toBe(true);
    expect(await b.emitWithAck('session.ping', { clientTime: 3 })).toMatchObject({ ok: true });
  });

  it('puts every socket in the room of its session', async () => {
    const { srv, anna, sessionId } = await setup();
    const socket = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION }, { transports: ['websocket'] });
    await welcomed(socket);
    const inRoom = await srv.server.realtime.io.in(`session:${sessionId}`).fetchSockets();
    expect(inRoom.map((s) => s.data)).toEqual([
      { sessionId, participantId: anna.participantId, role: 'participant', displayName: 'Anna' },
    ]);
  });

  it.each([
    ['websocket', ['websocket']],
    ['long-polling', ['polling']],
  ] as const)('server shutdown tells a %s client it was disconnected, and completes', async (_name, transports) => {
    const { srv, anna } = await setup();
    const socket = open(srv.baseUrl, { token: anna.token, protocolVersion: PROTOCOL_VERSION }, { transports: [...transports] });
    await welcomed(socket);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const started = Date.now();
    await srv.stop();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await disconnected).toBe('io server disconnect');
  });
});
