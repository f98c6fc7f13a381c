/**
 * PostgreSQL schema migrations, applied in order at start (db.ts `migrate`), each in its own
 * transaction and recorded in `schema_migrations`. Never edit an applied entry: append a new one.
 *
 * The first entry is the SQLite store's schema as of its seventh migration (server/store/sqlite/
 * schema.ts), in PostgreSQL's types: bytes as BYTEA, epoch milliseconds as BIGINT, text compared
 * byte-wise (`COLLATE "C"`, as SQLite does), so that ordering and the range over a session's
 * document names are the same in both stores.
 */
const T = 'TEXT COLLATE "C"';

export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE doc_updates (
    doc_name ${T} NOT NULL,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    created_at ${T} NOT NULL,
    PRIMARY KEY (doc_name, seq)
  );

  CREATE TABLE accounts (
    id ${T} PRIMARY KEY,
    email ${T} NOT NULL UNIQUE,
    display_name ${T} NOT NULL,
    password_hash ${T} NOT NULL,
    created_at ${T} NOT NULL
  );

  CREATE TABLE logins (
    token_hash ${T} PRIMARY KEY,
    account_id ${T} NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    expires_at ${T} NOT NULL
  );

  CREATE TABLE setup_tokens (
    token_hash ${T} PRIMARY KEY,
    expires_at ${T} NOT NULL
  );

  CREATE TABLE sessions (
    id ${T} PRIMARY KEY,
    title ${T} NOT NULL,
    kind ${T} NOT NULL,
    date ${T} NOT NULL,
    template ${T} NOT NULL DEFAULT 'steuerungskreislauf',
    join_code ${T} NOT NULL UNIQUE,
    observer_code ${T} NOT NULL UNIQUE,
    created_by ${T} NOT NULL REFERENCES accounts(id),
    created_at ${T} NOT NULL,
    archived_at ${T},
    place ${T} NOT NULL DEFAULT '',
    minute_taker ${T} NOT NULL DEFAULT '',
    start_time ${T},
    end_time ${T}
  );

  CREATE TABLE participants (
    id ${T} PRIMARY KEY,
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role ${T} NOT NULL,
    display_name ${T} NOT NULL,
    account_id ${T} REFERENCES accounts(id),
    token_hash ${T} NOT NULL UNIQUE,
    created_at ${T} NOT NULL,
    revoked_at ${T},
    actor_group ${T}
  );
  CREATE INDEX participants_session ON participants(session_id);

  CREATE TABLE moderation_state (
    session_id ${T} PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    state_json ${T} NOT NULL,
    next_deadline BIGINT,
    updated_at ${T} NOT NULL
  );
  CREATE INDEX moderation_state_deadline ON moderation_state(next_deadline) WHERE next_deadline IS NOT NULL;

  CREATE TABLE board_locks (
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    board ${T} NOT NULL,
    locked_at ${T} NOT NULL,
    PRIMARY KEY (session_id, board)
  );

  CREATE TABLE vote_rounds (
    id ${T} PRIMARY KEY,
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    status ${T} NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
    definition_json ${T} NOT NULL,
    manual_json ${T},
    result_json ${T},
    opened_by ${T} NOT NULL,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT
  );
  CREATE INDEX vote_rounds_session ON vote_rounds(session_id, opened_at);

  -- Who chose what: only while the round is open. Closing deletes every row of the round.
  CREATE TABLE vote_ballots (
    round_id ${T} NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    participant_id ${T} NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    ballot_json ${T} NOT NULL,
    PRIMARY KEY (round_id, participant_id)
  );

  -- Who took part in a round, never what they chose.
  CREATE TABLE vote_participation (
    round_id ${T} NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    participant_id ${T} NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, participant_id)
  );

  CREATE TABLE vote_outcomes (
    round_id ${T} NOT NULL REFERENCES vote_rounds(id) ON DELETE CASCADE,
    option_id ${T} NOT NULL,
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    outcome ${T} NOT NULL,
    objections_json ${T} NOT NULL,
    participants INTEGER NOT NULL,
    marked_by ${T} NOT NULL,
    marked_at BIGINT NOT NULL,
    PRIMARY KEY (round_id, option_id)
  );
  CREATE INDEX vote_outcomes_session ON vote_outcomes(session_id);

  CREATE TABLE decision_drafts (
    id ${T} PRIMARY KEY,
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    reference ${T} NOT NULL UNIQUE,
    status ${T} NOT NULL,
    title ${T} NOT NULL,
    gremium ${T} NOT NULL,
    provenance_json ${T} NOT NULL,
    latest_version INTEGER NOT NULL DEFAULT 0,
    created_by_json ${T} NOT NULL,
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL,
    last_handed_over_at ${T},
    decision_json ${T}
  );
  CREATE INDEX decision_drafts_session ON decision_drafts(session_id, created_at);
  CREATE INDEX decision_drafts_handed_over ON decision_drafts(last_handed_over_at) WHERE last_handed_over_at IS NOT NULL;

  CREATE TABLE decision_references (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  );

  CREATE TABLE decision_versions (
    draft_id ${T} NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    content_json ${T} NOT NULL,
    content_hash ${T} NOT NULL,
    handed_over_at ${T} NOT NULL,
    handed_over_by_json ${T} NOT NULL,
    findings_json ${T} NOT NULL,
    note ${T} NOT NULL,
    PRIMARY KEY (draft_id, number)
  );
  CREATE FUNCTION werkraum_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
  END;
  $$;
  CREATE TRIGGER decision_versions_immutable BEFORE UPDATE ON decision_versions
    FOR EACH ROW EXECUTE FUNCTION werkraum_refuse_update('decision versions are immutable');

  CREATE TABLE decision_audit (
    id BIGSERIAL PRIMARY KEY,
    draft_id ${T} NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    at ${T} NOT NULL,
    actor_json ${T} NOT NULL,
    action ${T} NOT NULL,
    from_status ${T},
    to_status ${T},
    version INTEGER,
    content_hash ${T}
  );
  CREATE INDEX decision_audit_draft ON decision_audit(draft_id, id);
  CREATE TRIGGER decision_audit_append_only BEFORE UPDATE ON decision_audit
    FOR EACH ROW EXECUTE FUNCTION werkraum_refuse_update('the audit log is append-only');

  CREATE TABLE decision_comments (
    id ${T} PRIMARY KEY,
    draft_id ${T} NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    version INTEGER,
    text ${T} NOT NULL,
    author_json ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  CREATE INDEX decision_comments_draft ON decision_comments(draft_id, created_at);

  CREATE TABLE lenkungskreis_members (
    id ${T} PRIMARY KEY,
    display_name ${T} NOT NULL,
    token_hash ${T} NOT NULL UNIQUE,
    invitation_id ${T},
    created_at ${T} NOT NULL,
    revoked_at ${T}
  );

  CREATE TABLE lenkungskreis_invitations (
    id ${T} PRIMARY KEY,
    code_hash ${T} NOT NULL UNIQUE,
    label ${T} NOT NULL,
    created_by ${T} NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at ${T} NOT NULL,
    expires_at ${T} NOT NULL,
    used_at ${T},
    member_id ${T} REFERENCES lenkungskreis_members(id) ON DELETE SET NULL,
    withdrawn_at ${T}
  );

  CREATE TABLE session_moderators (
    session_id ${T} NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id ${T} NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    added_by ${T} NOT NULL,
    added_at ${T} NOT NULL,
    PRIMARY KEY (session_id, account_id)
  );
  CREATE INDEX session_moderators_account ON session_moderators(account_id);

  CREATE TABLE lenkungskreis_devices (
    id ${T} PRIMARY KEY,
    member_id ${T} NOT NULL REFERENCES lenkungskreis_members(id) ON DELETE CASCADE,
    token_hash ${T} NOT NULL UNIQUE,
    label ${T} NOT NULL,
    created_at ${T} NOT NULL,
    revoked_at ${T}
  );
  CREATE INDEX lenkungskreis_devices_member ON lenkungskreis_devices(member_id);

  CREATE TABLE lenkungskreis_device_links (
    code_hash ${T} PRIMARY KEY,
    member_id ${T} NOT NULL REFERENCES lenkungskreis_members(id) ON DELETE CASCADE,
    created_at ${T} NOT NULL,
    expires_at ${T} NOT NULL,
    used_at ${T}
  );

  CREATE TABLE settings (
    key ${T} PRIMARY KEY,
    value ${T} NOT NULL,
    updated_by ${T} NOT NULL,
    updated_at ${T} NOT NULL
  );
  `,
  // Files rendered once and kept (the PDF of each version the OParl endpoint publishes), as SQLite's eighth migration.
  `
  CREATE TABLE export_files (
    key ${T} PRIMARY KEY,
    draft_id ${T} NOT NULL REFERENCES decision_drafts(id) ON DELETE CASCADE,
    file_name ${T} NOT NULL,
    mime_type ${T} NOT NULL,
    bytes BYTEA NOT NULL,
    sha512 ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  CREATE INDEX export_files_draft ON export_files(draft_id);
  `,
  // Organisations, as SQLite's ninth migration: staff accounts with roles; sessions, Lenkungskreis
  // invitations and members and the settings belong to one. What exists becomes one organisation.
  `
  CREATE TABLE organisations (
    id ${T} PRIMARY KEY,
    name ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  INSERT INTO organisations (id, name, created_at)
    SELECT replace(gen_random_uuid()::text, '-', ''), 'Bildungsbüro', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    WHERE EXISTS (SELECT 1 FROM accounts);

  ALTER TABLE accounts ADD COLUMN organisation_id ${T} REFERENCES organisations(id);
  ALTER TABLE accounts ADD COLUMN role ${T} NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'staff'));
  UPDATE accounts SET organisation_id = (SELECT id FROM organisations LIMIT 1);
  CREATE INDEX accounts_organisation ON accounts(organisation_id);

  ALTER TABLE sessions ADD COLUMN organisation_id ${T} REFERENCES organisations(id);
  UPDATE sessions SET organisation_id = (SELECT organisation_id FROM accounts WHERE accounts.id = sessions.created_by);
  CREATE INDEX sessions_organisation ON sessions(organisation_id);

  ALTER TABLE lenkungskreis_invitations ADD COLUMN organisation_id ${T} REFERENCES organisations(id);
  UPDATE lenkungskreis_invitations SET organisation_id = (SELECT organisation_id FROM accounts WHERE accounts.id = lenkungskreis_invitations.created_by);
  ALTER TABLE lenkungskreis_members ADD COLUMN organisation_id ${T} REFERENCES organisations(id);
  UPDATE lenkungskreis_members SET organisation_id = (SELECT id FROM organisations LIMIT 1);
  CREATE INDEX lenkungskreis_invitations_organisation ON lenkungskreis_invitations(organisation_id);
  CREATE INDEX lenkungskreis_members_organisation ON lenkungskreis_members(organisation_id);

  ALTER TABLE setup_tokens ADD COLUMN account_id ${T} REFERENCES accounts(id) ON DELETE CASCADE;

  CREATE TABLE organisation_settings (
    organisation_id ${T} NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    key ${T} NOT NULL,
    value ${T} NOT NULL,
    updated_by ${T} NOT NULL,
    updated_at ${T} NOT NULL,
    PRIMARY KEY (organisation_id, key)
  );
  INSERT INTO organisation_settings (organisation_id, key, value, updated_by, updated_at)
    SELECT o.id, s.key, s.value, s.updated_by, s.updated_at FROM settings s CROSS JOIN organisations o;
  DROP TABLE settings;
  `,
];
