/**
 * PostgreSQL for tests. The vitest global setup (`postgresSetup.ts`) starts one throwaway cluster
 * per run — `initdb` into a temporary directory, `pg_ctl start` on a free port on 127.0.0.1, its
 * socket in that directory, `fsync=off` (tests only) — and stops and deletes it at the end. As
 * root (CI), the cluster runs as the `postgres` user of Debian's package, since PostgreSQL refuses
 * to run as root. With `WERKRAUM_TEST_DATABASE_URL` set, that server is used instead (a
 * superuser: the run creates a database and the pageinspect extension). Tests get schemas of
 * their own in the run's database (`postgresTestDb.ts`).
 * The system's own PostgreSQL service is never started.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestCluster {
  /** Connection string of the `postgres` maintenance database (superuser). */
  adminUrl: string;
  stop(): void;
}

/** The bin directory of the newest installed PostgreSQL (Debian layout), or `pg_config --bindir`. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const res = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = res.status === 0 ? res.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

export const MISSING_POSTGRES =
  'The PostgreSQL store tests need PostgreSQL: no initdb/pg_ctl in /usr/lib/postgresql/*/bin or `pg_config --bindir`. ' +
  'Install it with `sudo apt-get install -y postgresql` (Debian/Ubuntu; `npm test` does this as root), ' +
  'or set WERKRAUM_TEST_DATABASE_URL to a superuser connection string of a running server.';

async function freePort(): Promise<number> {
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

/**
 * Starts a throwaway cluster; throws one clear message when PostgreSQL is missing or does not
 * start. `durable` (for benchmarks) keeps PostgreSQL's defaults: fsync on every commit.
 */
export async function startTestCluster(options: { durable?: boolean } = {}): Promise<TestCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(MISSING_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'werkraum-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || uid <= 0) throw new Error(`${MISSING_POSTGRES} (running as root, and there is no \`postgres\` user to run it as)`);
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const res = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (res.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`PostgreSQL for the tests did not start: ${cmd} failed (${res.status ?? res.signal}).\n${res.stderr}${res.stdout}${serverLog}`);
    }
  };
  const stop = () => {
    spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', '-w', 'stop'], {
      stdio: 'ignore',
    });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      // Tests only: nothing here must survive a power loss.
      ...(options.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
      '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', log, '-o', settings, '-w', '-t', '30', 'start']);
    return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** Runs one statement on the maintenance database. */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const randomDatabaseName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(6).toString('hex')}`;
