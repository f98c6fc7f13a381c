import type { Store } from '../types';
import { SqliteAccountStore } from './accounts';
import { openDatabase, type SqliteSync } from './db';
import { SqliteDecisionStore } from './decisions';
import { SqliteDocStore } from './docs';
import { SqliteExportFileStore } from './exportFiles';
import { SqliteModerationStore } from './moderation';
import { SqliteOrganisationStore } from './organisations';
import { SqliteSessionStore } from './sessions';
import { SqliteSettingsStore } from './settings';
import { SqliteVoteStore } from './votes';

/** The embedded store: one SQLite file (WAL mode) holding documents, organisations, settings, accounts, sessions, moderation, votes, decision drafts and their stored files. */
export function createSqliteStore(file: string, sync: SqliteSync): Store {
  const db = openDatabase(file, sync);
  let closed = false;
  return {
    docs: new SqliteDocStore(db),
    settings: new SqliteSettingsStore(db),
    organisations: new SqliteOrganisationStore(db),
    accounts: new SqliteAccountStore(db),
    sessions: new SqliteSessionStore(db),
    moderation: new SqliteModerationStore(db),
    votes: new SqliteVoteStore(db),
    decisions: new SqliteDecisionStore(db),
    exportFiles: new SqliteExportFileStore(db),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
