/**
 * SQLite schema migrations, applied in order at open time. Each entry runs once; the applied
 * count is kept in `PRAGMA user_version`. Never edit an applied entry: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE doc_updates (
    doc_name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (doc_name, seq)
  ) WITHOUT ROWID;

  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE logins (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    observer_code TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL
  );

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    account_id TEXT REFERENCES accounts(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX participants_session ON participants(session_id);
  `,
  `
  ALTER TABLE sessions ADD COLUMN template TEXT NOT NULL DEFAULT 'steuerungskreislauf';
  `,
];
