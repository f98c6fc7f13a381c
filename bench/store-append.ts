/**
 * Append throughput of the document log, SQLite vs PostgreSQL, in one run on one machine:
 * `npx tsx bench/store-append.ts [--updates 10000] [--docs 100]`.
 *
 * Each document has one writer that appends one small update at a time and waits for it to be
 * committed before the next (as a document's accepted updates wait for the store before they are
 * relayed); all documents write at once. SQLite runs as configured by default (WAL,
 * synchronous=NORMAL) and with WERKRAUM_SQLITE_SYNC=full; PostgreSQL is a throwaway local cluster
 * (server/test/postgres.ts) with its durable defaults (fsync and synchronous_commit on), on the
 * same disk, reached over TCP on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPostgresStore } from '../server/store/postgres/index.ts';
import { createSqliteStore } from '../server/store/sqlite/index.ts';
import type { Store } from '../server/store/types.ts';
import { adminQuery, databaseUrl, startTestCluster } from '../server/test/postgres.ts';

const { values } = parseArgs({ options: { updates: { type: 'string', default: '10000' }, docs: { type: 'string', default: '100' } } });
const total = Number(values.updates);
const docs = Number(values.docs);

async function measure(name: string, store: Store): Promise<void> {
  const perDoc = Math.ceil(total / docs);
  const latencies: number[] = [];
  const update = new Uint8Array(40).fill(7);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: docs }, async (_, d) => {
      for (let i = 0; i < perDoc; i++) {
        const t = performance.now();
        await store.docs.append(`bench-session:notes:${d}`, [update]);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
  const stored = (await store.docs.load('bench-session:notes:0')).rowCount;
  if (stored !== perDoc) throw new Error(`${name}: ${stored} rows stored, expected ${perDoc}`);
  console.log(
    `${name.padEnd(28)} ${String(docs * perDoc).padStart(6)} appends in ${seconds.toFixed(2).padStart(6)} s = ${String(Math.round((docs * perDoc) / seconds)).padStart(6)} appends/s; commit wait p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'werkraum-bench-store-'));
const cluster = await startTestCluster({ durable: true });
try {
  for (const sync of ['normal', 'full'] as const) {
    const store = createSqliteStore(join(dir, `${sync}.sqlite`), sync);
    await measure(`SQLite (synchronous=${sync})`, store);
    await store.close();
  }
  await adminQuery(cluster.adminUrl, 'CREATE DATABASE werkraum_bench');
  const store = await createPostgresStore(databaseUrl(cluster.adminUrl, 'werkraum_bench'));
  await measure('PostgreSQL (fsync on)', store);
  await store.close();
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
