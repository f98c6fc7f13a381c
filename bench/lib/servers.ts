/**
 * The three servers under test, each started as a CHILD process (so /proc figures are its own)
 * on a data directory of its own:
 *
 * - werkraum: server/main.ts, started with the integration harness (server/test/harness.ts),
 *   which also logs the admin in, creates the session and joins the participants over the API;
 * - y-websocket: the stock `@y/websocket-server` 0.1.1 script with its own persistence
 *   (y-leveldb, YPERSISTENCE);
 * - hocuspocus: `@hocuspocus/server` 3.4 with `@hocuspocus/extension-sqlite` (bench/servers/);
 * - werkraum-base (only with `--base DIR`): Werkraum's server/main.ts from another checkout
 *   (e.g. the commit before a change), started and loaded exactly like `werkraum`, so a
 *   before/after comparison happens in ONE run on the same machine state.
 *
 * All three run with `--import tsx` (Werkraum needs it, and its `npm start` uses it) so that
 * the loader's memory and start-up cost is the same for each, and with the event-loop lag probe
 * bench/probe/lag.mjs preloaded through NODE_OPTIONS (no server code is changed for it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { ADMIN, createSession, freePort, joinSession, seedSession, startChildServer } from '../../server/test/harness';
import { type AwarenessMode, type BenchClient, type ClientTarget, openClient } from './clients';
import { BOARD, itemKey, now, writeItems } from './workload';

export const SERVER_NAMES = ['werkraum', 'y-websocket', 'hocuspocus', 'werkraum-base'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];
/** The servers a run starts unless --servers says otherwise. */
export const DEFAULT_SERVERS: ServerName[] = ['werkraum', 'y-websocket', 'hocuspocus'];

/** Both Werkraum builds speak the same protocol and are seeded and measured the same way. */
export function isWerkraum(name: ServerName): boolean {
  return name === 'werkraum' || name === 'werkraum-base';
}

let baseDir: string | undefined;
/** The checkout `werkraum-base` runs from (`--base DIR`; its node_modules must be installed). */
export function setBaseDir(dir: string): void {
  baseDir = resolve(dir);
}

/** The reference every ratio is taken against. */
export const BASELINE: ServerName = 'y-websocket';

const LAG_PROBE = pathToFileURL(resolve('bench/probe/lag.mjs')).href;

export interface StartOptions {
  /** Where the lag probe appends its samples (none: no probe). */
  lagFile?: string;
  /** Write a V8 CPU profile of the server to this file (on a clean exit). */
  cpuProfFile?: string;
}

export interface RunningServer {
  name: ServerName;
  pid: number;
  port: number;
  dataDir: string;
  /** Resolves with the exit code when the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  output(): string;
}

function nodeOptions(options: StartOptions): Record<string, string> {
  const env: Record<string, string> = { NODE_OPTIONS: options.lagFile || options.cpuProfFile ? `--import=${LAG_PROBE}` : '' };
  if (options.lagFile) env.BENCH_LAG_FILE = options.lagFile;
  if (options.cpuProfFile) env.BENCH_CPU_PROF_FILE = options.cpuProfFile;
  return env;
}

/** Sets environment variables for the duration of a synchronous spawn. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function startServer(name: ServerName, dataDir: string, options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  if (name === 'werkraum-base') return startBase(dataDir, port, options);
  if (name === 'werkraum') {
    // The harness spawns synchronously before its first await, so NODE_OPTIONS is only seen by it.
    const started = withEnv(nodeOptions(options), () => startChildServer(dataDir, port));
    const s = await started;
    return {
      name,
      pid: s.child.pid ?? -1,
      port,
      dataDir,
      exited: s.exited,
      stop: () => stopChild(s.child, s.exited),
      output: s.output,
    };
  }
  const script = name === 'y-websocket' ? 'node_modules/@y/websocket-server/src/server.js' : 'bench/servers/hocuspocus.ts';
  const readyText = name === 'y-websocket' ? 'running at' : 'hocuspocus ready';
  if (name === 'y-websocket') mkdirSync(join(dataDir, 'leveldb'), { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      ...nodeOptions(options),
      HOST: '127.0.0.1',
      PORT: String(port),
      YPERSISTENCE: join(dataDir, 'leveldb'),
      DB_FILE: join(dataDir, 'hocuspocus.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 20_000;
  while (!out.includes(readyText)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { name, pid: child.pid ?? -1, port, dataDir, exited, stop: () => stopChild(child, exited), output: () => out };
}

/** Werkraum from the --base checkout: the harness's start-up, with that checkout as cwd. */
async function startBase(dataDir: string, port: number, options: StartOptions): Promise<RunningServer> {
  if (!baseDir) throw new Error('werkraum-base needs --base DIR');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: baseDir,
    env: {
      ...process.env,
      ...nodeOptions(options),
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
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 20_000;
  while (!out.includes('Werkraum is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`werkraum-base did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { name: 'werkraum-base', pid: child.pid ?? -1, port, dataDir, exited, stop: () => stopChild(child, exited), output: () => out };
}

/** What a run needs to reach the seeded document (serializable: it goes into the results). */
export interface Seed {
  server: ServerName;
  /** Data directory holding the stored document; every run starts from a copy. */
  dir: string;
  docName: string;
  /** URL parameters per load client (Werkraum: one participant token each), or none. */
  params: Record<string, string>[] | null;
  /** URL parameters of the probe client that runs in the orchestrator. */
  probeParams: Record<string, string>;
  /** Document of the ping probe (nobody else is on it). */
  pingDoc: string;
  pingParams: Record<string, string>;
  items: number;
  seedMs: number;
}

/** Werkraum's clients always send their own presence only (its client does; see clients.ts). */
export function clientTarget(seed: Seed, port: number, awareness: AwarenessMode = 'own'): ClientTarget {
  switch (seed.server) {
    case 'werkraum':
    case 'werkraum-base':
      return { protocol: 'y-websocket', serverUrl: `ws://127.0.0.1:${port}/yjs`, room: seed.docName, awareness: 'own' };
    case 'y-websocket':
      return { protocol: 'y-websocket', serverUrl: `ws://127.0.0.1:${port}`, room: seed.docName, awareness };
    case 'hocuspocus':
      return { protocol: 'hocuspocus', url: `ws://127.0.0.1:${port}`, name: seed.docName, awareness };
  }
}

export function pingUrl(seed: Seed, port: number): string {
  const query = new URLSearchParams(seed.pingParams).toString();
  switch (seed.server) {
    case 'werkraum':
    case 'werkraum-base':
      return `ws://127.0.0.1:${port}/yjs/${seed.pingDoc}?${query}`;
    case 'y-websocket':
      return `ws://127.0.0.1:${port}/${seed.pingDoc}`;
    case 'hocuspocus':
      // Hocuspocus routes by message, not by path: an idle socket carries no document traffic.
      return `ws://127.0.0.1:${port}/`;
  }
}

/** True once a client has the whole seeded board (first and last item: it arrives in one update). */
export function hasFullBoard(c: BenchClient, items: number): boolean {
  const board = c.doc.getMap(BOARD);
  return c.isSynced() && board.has(itemKey(0)) && board.has(itemKey(items - 1));
}

export async function waitUntil(check: () => boolean, what: string, timeoutMs: number, stepMs = 5): Promise<number> {
  const deadline = now() + timeoutMs;
  while (!check()) {
    if (now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return now();
}

/**
 * Stores a board of `items` items through a real client and shuts the server down cleanly, so
 * every run can start from a copy of `dir`. For Werkraum it also creates the session and joins
 * `clients` + 1 participants over the HTTP API (their tokens stay valid in every copy).
 */
export async function seed(name: ServerName, dir: string, items: number, clients: number): Promise<Seed> {
  const started = now();
  const server = await startServer(name, dir);
  try {
    let docName = 'bench-board';
    let params: Record<string, string>[] | null = null;
    let probeParams: Record<string, string> = {};
    let pingDoc = 'bench-ping';
    let pingParams: Record<string, string> = {};
    if (isWerkraum(name)) {
      const baseUrl = `http://127.0.0.1:${server.port}`;
      const { cookie, session } = await seedSession(baseUrl);
      const v = String(PROTOCOL_VERSION);
      const tokens: string[] = [];
      for (let i = 0; i <= clients; i += 25) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(25, clients + 1 - i) }, (_, k) => joinSession(baseUrl, session.joinCode, `Teilnehmer ${i + k}`)),
        );
        for (const j of batch) {
          tokens.push(j.token);
          docName = j.docs.swot;
        }
      }
      params = tokens.slice(0, clients).map((token) => ({ token, v }));
      probeParams = { token: tokens[clients]!, v };
      const other = await createSession(baseUrl, cookie);
      const pinger = await joinSession(baseUrl, other.joinCode, 'Ping');
      pingDoc = pinger.docs.notes;
      pingParams = { token: pinger.token, v };
    }
    const s: Seed = { server: name, dir, docName, params, probeParams, pingDoc, pingParams, items, seedMs: 0 };
    const target = clientTarget(s, server.port);
    const writer = openClient(target, params?.[0] ?? {});
    await waitUntil(() => writer.isSynced(), 'seeding client sync', 20_000);
    for (let k = 0; k < items; k += 500) writeItems(writer.doc, k, Math.min(items, k + 500));
    // A second client that has the whole board proves the server holds it.
    const checker = openClient(target, params?.[1] ?? {});
    await waitUntil(() => hasFullBoard(checker, items), 'seeded board at a second client', 60_000);
    writer.destroy();
    checker.destroy();
    // Let the stock servers write behind (y-leveldb per update, Hocuspocus debounced 2 s/unload).
    await new Promise((r) => setTimeout(r, 3000));
    s.seedMs = now() - started;
    return s;
  } finally {
    await server.stop();
  }
}

