import type Database from 'better-sqlite3';
import type { SessionMinutes } from '../../../shared/api';
import type { NewSessionRecord, ParticipantRecord, SessionDeletion, SessionRecord, SessionStore } from '../types';
import { translateConflict } from './errors';
import { truncateWal } from './db';
import { PARTICIPANT_COLUMNS, type ParticipantRow, type SessionRow, toParticipant, toSession } from '../rows/sessions';

/**
 * A session's documents: shared ones are `<id>:<kind>`, private ones `<id>:<kind>:<participant>`,
 * and session ids hold no `:` — so exactly the names from `<id>:` up to `<id>;` (`;` follows `:`).
 */
const DOCS_OF_SESSION = 'doc_name >= @from AND doc_name < @to';
const docRange = (sessionId: string) => ({ from: `${sessionId}:`, to: `${sessionId};` });

/** Sessions (workshops) and the people in them, in SQLite. */
export class SqliteSessionStore implements SessionStore {
  private readonly insertSession: Database.Statement<[Omit<SessionRow, 'archived_at' | 'place' | 'minute_taker' | 'start_time' | 'end_time' | 'organisation_id'>]>;
  private readonly selectInOrganisation: Database.Statement<[string], SessionRow>;
  private readonly selectCoModerators: Database.Statement<[string], { account_id: string }>;
  private readonly selectById: Database.Statement<[string], SessionRow>;
  private readonly selectByJoinCode: Database.Statement<[string], SessionRow>;
  private readonly selectByObserverCode: Database.Statement<[string], SessionRow>;
  private readonly selectForAccount: Database.Statement<[{ a: string }], SessionRow>;
  private readonly insertParticipant: Database.Statement<[ParticipantRow & { token_hash: string }]>;
  private readonly selectParticipantByToken: Database.Statement<[string], ParticipantRow>;
  private readonly updateRevoked: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    this.insertSession = db.prepare(
      `INSERT INTO sessions (id, title, kind, date, template, join_code, observer_code, created_by, created_at, organisation_id)
       VALUES (@id, @title, @kind, @date, @template, @join_code, @observer_code, @created_by, @created_at,
               (SELECT organisation_id FROM accounts WHERE id = @created_by))`,
    );
    this.selectInOrganisation = db.prepare('SELECT * FROM sessions WHERE organisation_id = ? ORDER BY date DESC, created_at DESC');
    this.selectById = db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.selectByJoinCode = db.prepare('SELECT * FROM sessions WHERE join_code = ?');
    this.selectByObserverCode = db.prepare('SELECT * FROM sessions WHERE observer_code = ?');
    this.selectForAccount = db.prepare(
      `SELECT * FROM sessions WHERE created_by = @a OR id IN (SELECT session_id FROM session_moderators WHERE account_id = @a)
       ORDER BY date DESC, created_at DESC`,
    );
    this.selectCoModerators = db.prepare('SELECT account_id FROM session_moderators WHERE session_id = ? ORDER BY added_at, account_id');
    this.insertParticipant = db.prepare(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS}, token_hash)
       VALUES (@id, @session_id, @role, @display_name, @account_id, @created_at, @revoked_at, @token_hash)`,
    );
    this.selectParticipantByToken = db.prepare(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE token_hash = ? AND revoked_at IS NULL`,
    );
    this.updateRevoked = db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  private withModerators(row: SessionRow): SessionRecord {
    return toSession(row, this.selectCoModerators.all(row.id).map((r) => r.account_id));
  }

  async create(record: NewSessionRecord): Promise<void> {
    const row: Omit<SessionRow, 'archived_at' | 'place' | 'minute_taker' | 'start_time' | 'end_time' | 'organisation_id'> = {
      id: record.id,
      title: record.title,
      kind: record.kind,
      date: record.date,
      template: record.template,
      join_code: record.joinCode,
      observer_code: record.observerCode,
      created_by: record.createdBy,
      created_at: record.createdAt,
    };
    translateConflict(() => this.insertSession.run(row));
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    const row = this.selectById.get(id);
    return row && this.withModerators(row);
  }

  async findByJoinCode(code: string): Promise<SessionRecord | undefined> {
    const row = this.selectByJoinCode.get(code);
    return row && this.withModerators(row);
  }

  async findByObserverCode(code: string): Promise<SessionRecord | undefined> {
    const row = this.selectByObserverCode.get(code);
    return row && this.withModerators(row);
  }

  async listForAccount(accountId: string): Promise<SessionRecord[]> {
    return this.selectForAccount.all({ a: accountId }).map((row) => this.withModerators(row));
  }

  async listInOrganisation(organisationId: string): Promise<SessionRecord[]> {
    return this.selectInOrganisation.all(organisationId).map((row) => this.withModerators(row));
  }

  async addParticipant(record: ParticipantRecord, tokenHash: string): Promise<void> {
    translateConflict(() =>
      this.insertParticipant.run({
        id: record.id,
        session_id: record.sessionId,
        role: record.role,
        display_name: record.displayName,
        account_id: record.accountId,
        created_at: record.createdAt,
        revoked_at: record.revokedAt,
        token_hash: tokenHash,
      }),
    );
  }

  async findParticipantByToken(tokenHash: string): Promise<ParticipantRecord | undefined> {
    const row = this.selectParticipantByToken.get(tokenHash);
    return row && toParticipant(row);
  }

  async revokeParticipant(participantId: string, at: string): Promise<void> {
    this.updateRevoked.run(at, participantId);
  }

  async rename(id: string, title: string): Promise<boolean> {
    return this.db.prepare('UPDATE sessions SET title = ? WHERE id = ?').run(title, id).changes > 0;
  }

  async setMinutes(id: string, m: SessionMinutes): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE sessions SET place = ?, minute_taker = ?, start_time = ?, end_time = ? WHERE id = ?')
        .run(m.place, m.minuteTaker, m.startTime, m.endTime, id).changes > 0
    );
  }

  async setArchived(id: string, at: string | null): Promise<boolean> {
    return this.db.prepare('UPDATE sessions SET archived_at = ? WHERE id = ?').run(at, id).changes > 0;
  }

  async addCoModerator(sessionId: string, accountId: string, addedBy: string, at: string): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO session_moderators (session_id, account_id, added_by, added_at) VALUES (?, ?, ?, ?)')
      .run(sessionId, accountId, addedBy, at);
  }

  async removeCoModerator(sessionId: string, accountId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM session_moderators WHERE session_id = ? AND account_id = ?').run(sessionId, accountId).changes > 0;
  }

  private count(id: string): SessionDeletion {
    const count = (sql: string) => (this.db.prepare(sql).get(id) as { n: number }).n;
    return {
      documents: (this.db.prepare(`SELECT COUNT(DISTINCT doc_name) AS n FROM doc_updates WHERE ${DOCS_OF_SESSION}`).get(docRange(id)) as { n: number }).n,
      participants: count('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?'),
      rounds: count('SELECT COUNT(*) AS n FROM vote_rounds WHERE session_id = ?'),
      drafts: count('SELECT COUNT(*) AS n FROM decision_drafts WHERE session_id = ?'),
    };
  }

  async contents(id: string): Promise<SessionDeletion> {
    return this.count(id);
  }

  /**
   * Deletes the session with everything stored about it. The rows' bytes are zeroed
   * (`secure_delete`, db.ts) and the WAL is truncated afterwards, so neither the database file nor
   * its log holds the session's texts or names any more.
   */
  async delete(id: string): Promise<SessionDeletion | undefined> {
    const db = this.db;
    const deletion = db.transaction((): SessionDeletion | undefined => {
      if (!this.selectById.get(id)) return undefined;
      const deletion = this.count(id);
      db.prepare(`DELETE FROM doc_updates WHERE ${DOCS_OF_SESSION}`).run(docRange(id));
      // Children first, so nothing depends on the foreign keys' cascades being on.
      db.prepare('DELETE FROM vote_ballots WHERE round_id IN (SELECT id FROM vote_rounds WHERE session_id = ?)').run(id);
      db.prepare('DELETE FROM vote_participation WHERE round_id IN (SELECT id FROM vote_rounds WHERE session_id = ?)').run(id);
      db.prepare('DELETE FROM vote_outcomes WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM vote_rounds WHERE session_id = ?').run(id);
      const drafts = 'SELECT id FROM decision_drafts WHERE session_id = ?';
      db.prepare(`DELETE FROM decision_comments WHERE draft_id IN (${drafts})`).run(id);
      db.prepare(`DELETE FROM decision_audit WHERE draft_id IN (${drafts})`).run(id);
      db.prepare(`DELETE FROM decision_versions WHERE draft_id IN (${drafts})`).run(id);
      db.prepare('DELETE FROM decision_drafts WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM moderation_state WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM board_locks WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM participants WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM session_moderators WHERE session_id = ?').run(id);
      db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
      return deletion;
    })();
    if (deletion) truncateWal(db);
    return deletion;
  }
}
