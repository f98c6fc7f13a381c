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
  // Moderation and voting rounds.
  `
  ALTER TABLE participants ADD COLUMN actor_group TEXT;

  CREATE TABLE moderation_state (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    state_json TEXT NOT NULL,
    next_deadline INTEGER,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX moderation_state_deadline ON moderation_state(next_deadline) WHERE next_deadline IS NOT NULL;

  CREATE TABLE board_locks (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    board TEXT NOT NULL,
    locked_at TEXT NOT NULL,
    PRIMARY KEY (session_id, board)
  ) WITHOUT ROWID;

  CREATE TABLE vote_rounds (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
    definition_json TEXT NOT NULL,
    manual_json TEXT,
    result_json TEXT,
    opened_by TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER
  );
  CREATE INDEX vote_rounds_session ON vote_rounds(session_id, opened_at);

  -- Who chose what: only while the round is open. Closing deletes every row of the round.
  CREATE TABLE vote_ballots (
    round_id TEXT NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    ballot_json TEXT NOT NULL,
    PRIMARY KEY (round_id, participant_id)
  ) WITHOUT ROWID;

  -- Who took part in a round, never what they chose.
  CREATE TABLE vote_participation (
    round_id TEXT NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, participant_id)
  ) WITHOUT ROWID;

  -- Outcomes marked by the moderation, for the decision draft.
  CREATE TABLE vote_outcomes (
    round_id TEXT NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    option_id TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    outcome TEXT NOT NULL,
    objections_json TEXT NOT NULL,
    participants INTEGER NOT NULL,
    marked_by TEXT NOT NULL,
    marked_at INTEGER NOT NULL,
    PRIMARY KEY (round_id, option_id)
  ) WITHOUT ROWID;
  CREATE INDEX vote_outcomes_session ON vote_outcomes(session_id);
  `,
  // Decision drafts, frozen versions, audit log, comments; the Lenkungskreis's invitations and members.
  `
  CREATE TABLE decision_drafts (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    reference TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    gremium TEXT NOT NULL,
    provenance_json TEXT NOT NULL,
    latest_version INTEGER NOT NULL DEFAULT 0,
    created_by_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_handed_over_at TEXT,
    decision_json TEXT
  );
  CREATE INDEX decision_drafts_session ON decision_drafts(session_id, created_at);
  CREATE INDEX decision_drafts_handed_over ON decision_drafts(last_handed_over_at) WHERE last_handed_over_at IS NOT NULL;

  -- Per year: the last Vorlagen-Nr. handed out.
  CREATE TABLE decision_references (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  );

  -- Frozen versions: content_json is the canonical JSON its hash was computed over.
  CREATE TABLE decision_versions (
    draft_id TEXT NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    content_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    handed_over_at TEXT NOT NULL,
    handed_over_by_json TEXT NOT NULL,
    findings_json TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (draft_id, number)
  ) WITHOUT ROWID;
  CREATE TRIGGER decision_versions_immutable BEFORE UPDATE ON decision_versions
  BEGIN
    SELECT RAISE(ABORT, 'decision versions are immutable');
  END;

  CREATE TABLE decision_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id TEXT NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor_json TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    version INTEGER,
    content_hash TEXT
  );
  CREATE INDEX decision_audit_draft ON decision_audit(draft_id, id);
  CREATE TRIGGER decision_audit_append_only BEFORE UPDATE ON decision_audit
  BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;

  CREATE TABLE decision_comments (
    id TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    version INTEGER,
    text TEXT NOT NULL,
    author_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX decision_comments_draft ON decision_comments(draft_id, created_at);

  CREATE TABLE lenkungskreis_members (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invitation_id TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );

  CREATE TABLE lenkungskreis_invitations (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    member_id TEXT REFERENCES lenkungskreis_members(id) ON DELETE SET NULL,
    withdrawn_at TEXT
  );
  `,
  // Session management: archiving, co-moderators; more than one device per Lenkungskreis member.
  `
  ALTER TABLE sessions ADD COLUMN archived_at TEXT;

  CREATE TABLE session_moderators (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (session_id, account_id)
  ) WITHOUT ROWID;
  CREATE INDEX session_moderators_account ON session_moderators(account_id);

  -- Each device of a member holds its own token; the member's first token becomes its first device.
  CREATE TABLE lenkungskreis_devices (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES lenkungskreis_members(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX lenkungskreis_devices_member ON lenkungskreis_devices(member_id);
  INSERT INTO lenkungskreis_devices (id, member_id, token_hash, label, created_at, revoked_at)
    SELECT 'first-' || id, id, token_hash, '', created_at, revoked_at FROM lenkungskreis_members;

  -- Short-lived, single-use links that bind another device to a member (hash of the code only).
  CREATE TABLE lenkungskreis_device_links (
    code_hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES lenkungskreis_members(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  `,
  // Settings of the installation (e.g. its privacy notice), one row per key.
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // What the Protokoll (Niederschrift) names: place, start and end (time of day), minute-taker.
  `
  ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN minute_taker TEXT NOT NULL DEFAULT '';
  ALTER TABLE sessions ADD COLUMN start_time TEXT;
  ALTER TABLE sessions ADD COLUMN end_time TEXT;
  `,
  // Files rendered once per frozen version (the PDF OParl publishes), removed with their draft.
  `
  CREATE TABLE export_files (
    key TEXT PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    sha512 TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX export_files_draft ON export_files(draft_id);
  `,
  // Organisations: staff accounts with roles; sessions, Lenkungskreis invitations and members and
  // the settings belong to one. What exists becomes one organisation with its accounts as admins.
  `
  CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  INSERT INTO organisations (id, name, created_at)
    SELECT lower(hex(randomblob(16))), 'Bildungsbüro', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE EXISTS (SELECT 1 FROM accounts);

  ALTER TABLE accounts ADD COLUMN organisation_id TEXT REFERENCES organisations(id);
  ALTER TABLE accounts ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'staff'));
  UPDATE accounts SET organisation_id = (SELECT id FROM organisations);
  CREATE INDEX accounts_organisation ON accounts(organisation_id);

  ALTER TABLE sessions ADD COLUMN organisation_id TEXT REFERENCES organisations(id);
  UPDATE sessions SET organisation_id = (SELECT organisation_id FROM accounts WHERE accounts.id = sessions.created_by);
  CREATE INDEX sessions_organisation ON sessions(organisation_id);

  ALTER TABLE lenkungskreis_invitations ADD COLUMN organisation_id TEXT REFERENCES organisations(id);
  UPDATE lenkungskreis_invitations SET organisation_id = (SELECT organisation_id FROM accounts WHERE accounts.id = lenkungskreis_invitations.created_by);
  ALTER TABLE lenkungskreis_members ADD COLUMN organisation_id TEXT REFERENCES organisations(id);
  UPDATE lenkungskreis_members SET organisation_id = (SELECT id FROM organisations);
  CREATE INDEX lenkungskreis_invitations_organisation ON lenkungskreis_invitations(organisation_id);
  CREATE INDEX lenkungskreis_members_organisation ON lenkungskreis_members(organisation_id);

  -- A setup token either opens the first-run setup (no account) or sets one account's password.
  ALTER TABLE setup_tokens ADD COLUMN account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE;

  CREATE TABLE organisation_settings (
    organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, key)
  ) WITHOUT ROWID;
  INSERT INTO organisation_settings (organisation_id, key, value, updated_by, updated_at)
    SELECT o.id, s.key, s.value, s.updated_by, s.updated_at FROM settings s JOIN organisations o;
  DROP TABLE settings;
  `,
];
