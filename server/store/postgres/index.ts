import pg from 'pg';
import type { Store } from '../types';
import { PgAccountStore } from './accounts';
import { PgDb, migrate } from './db';
import { PgDecisionStore } from './decisions';
import { PgDocStore } from './docs';
import { PgExportFileStore } from './exportFiles';
import { PgModerationStore } from './moderation';
import { PgOrganisationStore } from './organisations';
import { PgSessionStore } from './sessions';
import { PgSettingsStore } from './settings';
import { PgVoteStore } from './votes';

/**
 * The PostgreSQL store: the same tables and guarantees as the SQLite store, on a connection pool.
 * Connects and applies pending migrations before it resolves; a server that cannot be reached
 * or migrated rejects with the database's error, without the URL.
 */
export async function createPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    // The URL is not repeated: it may hold a password.
    throw new Error(`Cannot open the PostgreSQL store (DATABASE_URL): ${(err as Error).message}`, { cause: err });
  }
  const db = new PgDb(pool);
  const docs = new PgDocStore(db);
  let closed = false;
  return {
    docs,
    organisations: new PgOrganisationStore(db),
    settings: new PgSettingsStore(db),
    accounts: new PgAccountStore(db),
    sessions: new PgSessionStore(db),
    moderation: new PgModerationStore(db),
    votes: new PgVoteStore(db),
    decisions: new PgDecisionStore(db),
    exportFiles: new PgExportFileStore(db),
    async close() {
      if (closed) return;
      closed = true;
      await docs.drain();
      await pool.end();
    },
  };
}
