/**
 * "One suite, two stores": the store tests run against every implementation through these
 * factories. Each opens a fresh, empty store (SQLite: a file in a temp directory; PostgreSQL: the
 * worker's schema on the test server, emptied, see server/test/postgres.ts) and offers the few
 * things a test needs beyond the Store interface.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/postgresTestDb';
import { createPostgresStore } from './postgres';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';

export interface TestStore {
  store: Store;
  /** Closes `store` (if still open) and opens the same data again; the caller closes the result. */
  reopen(): Promise<Store>;
  /** Counts the rows of a table, read past the store. */
  countRows(table: string): Promise<number>;
  /** Runs one statement past the store (the same SQL in both dialects). */
  exec(sql: string): Promise<void>;
  /** Makes every insert into doc_updates whose data is the single byte 0xff fail. */
  failInsertsOfByteFF(): Promise<void>;
  /**
   * The stored bytes where a deleted ballot could still be read: SQLite's file and its WAL;
   * PostgreSQL's raw pages of the ballots table (pageinspect).
   */
  ballotBytes(): Promise<string>;
  dispose(): Promise<void>;
}

export interface TestStoreKind {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestStore>;
}

const sqlite: TestStoreKind = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'werkraum-store-'));
    const file = join(dir, 'test.sqlite');
    const store = createSqliteStore(file, 'normal');
    const withDb = <T>(fn: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      store,
      async reopen() {
        await store.close();
        return createSqliteStore(file, 'full');
      },
      async countRows(table) {
        return withDb((db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
      },
      async exec(sql) {
        withDb((db) => db.prepare(sql).run());
      },
      async failInsertsOfByteFF() {
        withDb((db) =>
          db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON doc_updates WHEN NEW.data = x'ff'
                   BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`),
        );
      },
      async ballotBytes() {
        return [file, `${file}-wal`]
          .filter(existsSync)
          .map((f) => readFileSync(f).toString('latin1'))
          .join('');
      },
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * One schema per test file, migrated once (a schema's migration costs ~0.15 s); each test
 * starts from it emptied: every row deleted and what a test may have added (the failure trigger)
 * removed.
 */
let workerSchema: Promise<string> | undefined;

async function emptyPostgresStore(): Promise<string> {
  workerSchema ??= createTestDatabase().then(async ({ url }) => {
    await (await createPostgresStore(url, { poolSize: 1 })).close();
    return url;
  });
  const url = await workerSchema;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TRIGGER IF EXISTS fail_insert ON doc_updates');
    await client.query('DROP FUNCTION IF EXISTS fail_insert()');
    const { rows } = await client.query<{ t: string }>(
      "SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
    );
    // DELETE is quicker than TRUNCATE on a few rows; foreign keys are not checked while emptying all.
    await client.query(`SET session_replication_role = replica; ${rows.map((r) => `DELETE FROM ${r.t};`).join(' ')}`);
  } finally {
    await client.end();
  }
  return url;
}

const postgres: TestStoreKind = {
  name: 'postgres',
  async open() {
    const database = { url: await emptyPostgresStore() };
    const store = await createPostgresStore(database.url, { poolSize: 4 });
    const withClient = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    const opened: Store[] = [store];
    return {
      store,
      async reopen() {
        await store.close();
        const again = await createPostgresStore(database.url, { poolSize: 2 });
        opened.push(again);
        return again;
      },
      countRows: (table) => withClient(async (c) => Number((await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n)),
      exec: (sql) =>
        withClient(async (c) => {
          await c.query(sql);
        }),
      failInsertsOfByteFF: () =>
        withClient(async (c) => {
          await c.query(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                         BEGIN IF NEW.data = '\\xff'::bytea THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END; $$`);
          await c.query('CREATE TRIGGER fail_insert BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION fail_insert()');
        }),
      ballotBytes: () =>
        withClient(async (c) => {
          const { rows } = await c.query<{ page: Buffer }>(
            "SELECT get_raw_page('vote_ballots', 'main', n::int) AS page FROM generate_series(0, pg_relation_size('vote_ballots') / current_setting('block_size')::int - 1) AS n",
          );
          return rows.map((r) => r.page.toString('latin1')).join('');
        }),
      async dispose() {
        for (const s of opened) await s.close();
      },
    };
  },
};

/** Every Store implementation the suite runs against. */
export const STORE_KINDS: readonly TestStoreKind[] = [sqlite, postgres];
