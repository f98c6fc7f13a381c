/**
 * A checkout under test: its client build (`vite build` in that directory), its server
 * (`tsx server/main.ts` there, on a free port with a fresh data directory and the admin from the
 * environment) and the few HTTP calls the benchmark makes (docs/api.md): log in as the admin,
 * create a session, join it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { JoinResponse, SessionForModerator } from '../../shared/api';

export const ADMIN = { email: 'bench@example.org', password: 'Bench-Passwort-2026' };

export interface Checkout {
  /** `current` (this checkout) or `base` (`--base DIR`). */
  name: 'current' | 'base';
  dir: string;
  /** Directory name and commit, for the table. */
  label: string;
  commit: string;
  /** Files under client/, shared/, server/ that differ from the commit. */
  dirty: string[];
}

export function describeCheckout(name: Checkout['name'], dir: string): Checkout {
  const abs = resolve(dir);
  if (!existsSync(join(abs, 'server', 'main.ts'))) throw new Error(`${abs} is not a Werkraum checkout (no server/main.ts)`);
  if (!existsSync(join(abs, 'node_modules'))) throw new Error(`${abs} has no node_modules (install or link them first)`);
  let commit = 'unknown';
  let dirty: string[] = [];
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: abs, encoding: 'utf8' }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--', 'client', 'shared', 'server'], { cwd: abs, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    // Not a git checkout (e.g. `git archive` output): the label says so.
  }
  return { name, dir: abs, label: `${basename(abs)}@${commit.slice(0, 7)}${dirty.length ? '+dirty' : ''}`, commit, dirty };
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(out);
      else reject(new Error(`${cmd} ${args.join(' ')} in ${cwd} failed (${code}):\n${out.slice(-3000)}`));
    });
  });
}

/** `vite build` in the checkout (its own vite.config.ts and node_modules). */
export async function buildClient(co: Checkout): Promise<number> {
  const started = Date.now();
  await run('npx', ['vite', 'build'], co.dir, 600_000);
  return Date.now() - started;
}

export function clientDir(co: Checkout): string {
  return join(co.dir, 'dist', 'client');
}

/** Raw and gzip (level 9) bytes of all JavaScript the build produced (lazy chunks included). */
export function buildJsBytes(co: Checkout): { files: number; raw: number; gzip: number } {
  const assets = join(clientDir(co), 'assets');
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const f of existsSync(assets) ? readdirSync(assets) : []) {
    if (!f.endsWith('.js')) continue;
    const body = readFileSync(join(assets, f));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    files++;
  }
  return { files, raw, gzip };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePromise(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  checkout: Checkout;
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  wsUrl: string;
  exited: Promise<number | null>;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the checkout's server (`node --import tsx server/main.ts` with the checkout as cwd). */
export async function startServer(co: Checkout, dataDir: string): Promise<RunningServer> {
  if (!existsSync(join(clientDir(co), 'index.html'))) throw new Error(`${co.dir}: no client build in dist/client (run without --no-build)`);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: co.dir,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
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
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 120_000;
  while (!out.includes('Werkraum is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${co.label}: server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return { checkout: co, child, pid: child.pid ?? -1, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/yjs`, exited, output: () => out, stop };
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Logs the admin in; returns the cookie header value. */
export async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  await json(res, 'login');
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('login: no cookie');
  return cookie.split(';')[0]!;
}

export async function createSession(baseUrl: string, cookie: string, title: string): Promise<SessionForModerator> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title, kind: 'bildungskonferenz', date: new Date().toISOString().slice(0, 10) }),
  });
  return (await json<{ session: SessionForModerator }>(res, 'create session')).session;
}

export async function joinSession(baseUrl: string, code: string, name: string): Promise<JoinResponse> {
  const res = await fetch(`${baseUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });
  return json<JoinResponse>(res, 'join');
}
