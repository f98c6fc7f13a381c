import Database from 'better-sqlite3';
import { StoreConflictError } from '../errors';

const CONFLICT_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Runs a write and turns SQLite UNIQUE/PRIMARY KEY violations into StoreConflictError. */
export function translateConflict<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof Database.SqliteError && CONFLICT_CODES.has(err.code)) {
      // The message reads "UNIQUE constraint failed: sessions.join_code".
      const constraint = /failed: (.+)$/.exec(err.message)?.[1];
      throw new StoreConflictError(err.message, constraint);
    }
    throw err;
  }
}
