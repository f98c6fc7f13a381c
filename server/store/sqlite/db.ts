import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SQLITE_MIGRATIONS } from './schema';

export type SqliteSync = 'normal' | 'full';

/**
 * Opens (and creates) the SQLite database in WAL mode and applies pending schema migrations.
 * `synchronous=NORMAL` in WAL mode survives a crash of the process (kill -9); `full` also
 * survives a power loss, at the cost of one fsync per commit.
 *
 * `secure_delete` is on for every write: what is deleted or overwritten (a compacted document's
 * old updates, a deleted session, a ballot) is overwritten with zeros instead of lingering in the
 * file's free pages. Deletions that must leave nothing behind also end with `truncateWal`.
 */
export function openDatabase(file: string, sync: SqliteSync = 'normal'): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}

/**
 * Copies every WAL frame into the database file and truncates the WAL to zero bytes: the log
 * would otherwise still hold old page images with what was just deleted.
 */
export function truncateWal(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let i = applied; i < SQLITE_MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
