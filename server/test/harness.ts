/**
 * Integration-test harness: starts the REAL Werkraum server (in-process on port 0, or as a child
 * process that can be killed with SIGKILL) on a real SQLite file in a temporary directory (or on
 * a real PostgreSQL database, `databaseUrl`, see server/test/postgresTestDb.ts), and
 * drives it through its real HTTP API and real y-websocket clients. Nothing is mocked.
 */
import Database from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { JoinResponse, SessionForModerator } from '../../shared/api';
import type { SessionKind } from '../../shared/domain';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { RULES_VERSION, VALIDATED_RULES_KEY } from '../../shared/schema/rules';
import { type WerkraumServer, createServer } from '../app';
import { bootstrapAccounts } from '../auth/bootstrap';
import { loadConfig } from '../config';
import { openStore } from '../store';

export const ADMIN = { email: 'moderator@example.org', password: 'correct horse battery' };

export interface Running {
  baseUrl: string;
  wsUrl: string;
  dataDir: string;
}

export interface InProcess extends Running {
  server: WerkraumServer;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'werkraum-test-'): string {
  return mkdtempSync(joinPath(tmpdir(), prefix));
}

/**
 * Starts a server in this process on a free port with a fresh (or the given) data directory;
 * with `databaseUrl`, on that PostgreSQL database instead of the SQLite file (as DATABASE_URL does).
 */
export async function startServer(options: { dataDir?: string; env?: Record<string, string>; databaseUrl?: string } = {}): Promise<InProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const config = loadConfig(
    {
      WERKRAUM_ADMIN_EMAIL: ADMIN.email,
      WERKRAUM_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    { port: 0, host: '127.0.0.1', dataDir, dbFile: joinPath(dataDir, 'werkraum.sqlite'), clientDir: undefined },
  );
  const store = await openStore(config);
  const server = await createServer(config, store);
  await bootstrapAccounts(store, config, server.app.log);
  const port = await server.listen();
  return {
    server,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    async stop() {
      await server.close();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ChildServer extends Running {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  output(): string;
}

/** Starts `server/main.ts` as a child process (so it can be killed with SIGKILL). */
export async function startChildServer(dataDir: string, port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WERKRAUM_ADMIN_EMAIL: ADMIN.email,
      WERKRAUM_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!out.includes('Werkraum is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await sleep(50);
  }
  return { child, exited, output: () => out, dataDir, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/yjs` };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` returns true, or throws with `what` after the timeout. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Logs the admin in and returns the cookie header value. */
export async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  await json(res);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no login cookie');
  return cookie.split(';')[0]!;
}

export async function createSession(baseUrl: string, cookie: string, kind: SessionKind = 'bildungskonferenz'): Promise<SessionForModerator> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title: 'Bildungskonferenz Test', kind, date: '2026-11-26' }),
  });
  return (await json<{ session: SessionForModerator }>(res)).session;
}

export async function joinSession(baseUrl: string, code: string, name: string): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  return json<JoinResponse>(res);
}

/** A session with a moderator cookie, ready to be joined. */
export async function seedSession(baseUrl: string): Promise<{ cookie: string; session: SessionForModerator }> {
  const cookie = await login(baseUrl);
  return { cookie, session: await createSession(baseUrl, cookie) };
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  destroy(): void;
}

/** A stock WebsocketProvider in Node, exactly as a browser would use it. */
export function connect(wsUrl: string, docName: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, v: String(PROTOCOL_VERSION) },
    disableBc: true,
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(client: Client, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => client.provider.synced, 'provider sync', timeoutMs);
}

/** A raw WebSocket to the Yjs endpoint that records every frame and the close code. */
export interface RawConn {
  ws: WebSocket;
  frames: Buffer[];
  closed: Promise<{ code: number; reason: string }>;
}

export function rawConnect(url: string, headers: Record<string, string> = {}): RawConn {
  const ws = new WebSocket(url, { headers });
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => frames.push(d));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, frames, closed };
}

export async function opened(conn: RawConn): Promise<void> {
  if (conn.ws.readyState === WebSocket.OPEN) return;
  await new Promise<void>((resolve, reject) => {
    conn.ws.once('open', () => resolve());
    conn.ws.once('close', () => reject(new Error('closed before open')));
  });
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Appends a change straight to a document's stored log, as content that sits there from before
 * the Yjs endpoint checked every update. It is marked as checked by the current rules, so the
 * endpoint's repair on load leaves it alone and the readers face it. The server must not hold the
 * document open (close its clients first, e.g. `closeDoc`): this waits until it has unloaded.
 */
export async function storeChange(srv: InProcess, name: string, change: (doc: Y.Doc) => void): Promise<void> {
  await waitFor(() => !srv.server.sync.isLoaded(name), `${name} unloaded`);
  const stored = await srv.server.store.docs.load(name);
  const doc = new Y.Doc();
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  const before = Y.encodeStateVector(doc);
  change(doc);
  doc.getMap('meta').set(VALIDATED_RULES_KEY, RULES_VERSION);
  await srv.server.store.docs.append(name, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
}

/** Rows of a document's update log in the data directory's SQLite file (read-only peek). */
export function rowCount(dataDir: string, docName: string): number {
  const db = new Database(joinPath(dataDir, 'werkraum.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * Servers and clients for one test file, torn down after every test: `start()` a real server,
 * `client()` a stock provider; `release(srv)` stops tracking a server the test stops itself.
 */
export function useRealServers() {
  const running: InProcess[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of running.splice(0)) {
      await s.stop();
      cleanup(s.dataDir);
    }
  });
  return {
    async start(options: Parameters<typeof startServer>[0] = {}): Promise<InProcess> {
      const s = await startServer(options);
      running.push(s);
      return s;
    },
    client(...args: Parameters<typeof connect>): Client {
      const c = connect(...args);
      clients.push(c);
      return c;
    },
    /** Closes the tracked clients of one document, so that the server can unload it. */
    closeDoc(docName: string): void {
      for (const c of clients.filter((x) => x.provider.roomname === docName)) {
        c.destroy();
        clients.splice(clients.indexOf(c), 1);
      }
    },
    /** Stops the server now (keeping its data directory) and forgets it. */
    async stop(srv: InProcess): Promise<void> {
      running.splice(running.indexOf(srv), 1);
      await srv.stop();
    },
  };
}
