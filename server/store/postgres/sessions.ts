import type { SessionMinutes } from '../../../shared/api';
import type { NewSessionRecord, ParticipantRecord, SessionDeletion, SessionRecord, SessionStore } from '../types';
import type { PgDb, Queryable } from './db';
import { PARTICIPANT_COLUMNS, type ParticipantRow, type SessionRow, toParticipant, toSession } from '../rows/sessions';

/**
 * A session's documents: shared ones are `<id>:<kind>`, private ones `<id>:<kind>:<participant>`,
 * and session ids hold no `:` — so exactly the names from `<id>:` up to `<id>;` (`;` follows `:`;
 * `doc_name` compares byte-wise, `COLLATE "C"`).
 */
const DOCS_OF_SESSION = 'doc_name >= ? AND doc_name < ?';
const docRange = (sessionId: string) => [`${sessionId}:`, `${sessionId};`];

/** Sessions (workshops) and the people in them, in PostgreSQL. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly db: PgDb) {}

  private async withModerators(row: SessionRow, q?: Queryable): Promise<SessionRecord> {
    const mods = await this.db.all<{ account_id: string }>(
      'SELECT account_id FROM session_moderators WHERE session_id = ? ORDER BY added_at, account_id',
      [row.id],
      q,
    );
    return toSession(
      row,
      mods.map((r) => r.account_id),
    );
  }

  private async findBy(column: 'id' | 'join_code' | 'observer_code', value: string): Promise<SessionRecord | undefined> {
    const row = await this.db.one<SessionRow>(`SELECT * FROM sessions WHERE ${column} = ?`, [value]);
    return row && this.withModerators(row);
  }

  async create(record: NewSessionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO sessions (id, title, kind, date, template, join_code, observer_code, created_by, created_at, organisation_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT organisation_id FROM accounts WHERE id = ?))`,
      [record.id, record.title, record.kind, record.date, record.template, record.joinCode, record.observerCode, record.createdBy, record.createdAt, record.createdBy],
    );
  }

  async findById(id: string): Promise<SessionRecord | undefined> {
    return this.findBy('id', id);
  }

  async findByJoinCode(code: string): Promise<SessionRecord | undefined> {
    return this.findBy('join_code', code);
  }

  async findByObserverCode(code: string): Promise<SessionRecord | undefined> {
    return this.findBy('observer_code', code);
  }

  async listForAccount(accountId: string): Promise<SessionRecord[]> {
    const rows = await this.db.all<SessionRow>(
      `SELECT * FROM sessions WHERE created_by = ? OR id IN (SELECT session_id FROM session_moderators WHERE account_id = ?)
       ORDER BY date DESC, created_at DESC`,
      [accountId, accountId],
    );
    return Promise.all(rows.map((row) => this.withModerators(row)));
  }

  async listInOrganisation(organisationId: string): Promise<SessionRecord[]> {
    const rows = await this.db.all<SessionRow>('SELECT * FROM sessions WHERE organisation_id = ? ORDER BY date DESC, created_at DESC', [organisationId]);
    return Promise.all(rows.map((row) => this.withModerators(row)));
  }

  async addParticipant(record: ParticipantRecord, tokenHash: string): Promise<void> {
    await this.db.run(`INSERT INTO participants (${PARTICIPANT_COLUMNS}, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
      record.id,
      record.sessionId,
      record.role,
      record.displayName,
      record.accountId,
      record.createdAt,
      record.revokedAt,
      tokenHash,
    ]);
  }

  async findParticipantByToken(tokenHash: string): Promise<ParticipantRecord | undefined> {
    const row = await this.db.one<ParticipantRow>(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE token_hash = ? AND revoked_at IS NULL`, [tokenHash]);
    return row && toParticipant(row);
  }

  async revokeParticipant(participantId: string, at: string): Promise<void> {
    await this.db.run('UPDATE participants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, participantId]);
  }

  async rename(id: string, title: string): Promise<boolean> {
    return (await this.db.run('UPDATE sessions SET title = ? WHERE id = ?', [title, id])) > 0;
  }

  async setMinutes(id: string, m: SessionMinutes): Promise<boolean> {
    return (
      (await this.db.run('UPDATE sessions SET place = ?, minute_taker = ?, start_time = ?, end_time = ? WHERE id = ?', [
        m.place,
        m.minuteTaker,
        m.startTime,
        m.endTime,
        id,
      ])) > 0
    );
  }

  async setArchived(id: string, at: string | null): Promise<boolean> {
    return (await this.db.run('UPDATE sessions SET archived_at = ? WHERE id = ?', [at, id])) > 0;
  }

  async addCoModerator(sessionId: string, accountId: string, addedBy: string, at: string): Promise<void> {
    await this.db.run('INSERT INTO session_moderators (session_id, account_id, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      sessionId,
      accountId,
      addedBy,
      at,
    ]);
  }

  async removeCoModerator(sessionId: string, accountId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM session_moderators WHERE session_id = ? AND account_id = ?', [sessionId, accountId])) > 0;
  }

  private async count(id: string, q?: Queryable): Promise<SessionDeletion> {
    const count = async (sql: string, params: unknown[]) => Number((await this.db.one<{ n: string }>(sql, params, q))!.n);
    return {
      documents: await count(`SELECT COUNT(DISTINCT doc_name) AS n FROM doc_updates WHERE ${DOCS_OF_SESSION}`, docRange(id)),
      participants: await count('SELECT COUNT(*) AS n FROM participants WHERE session_id = ?', [id]),
      rounds: await count('SELECT COUNT(*) AS n FROM vote_rounds WHERE session_id = ?', [id]),
      drafts: await count('SELECT COUNT(*) AS n FROM decision_drafts WHERE session_id = ?', [id]),
    };
  }

  async contents(id: string): Promise<SessionDeletion> {
    return this.count(id);
  }

  /**
   * Deletes the session with everything stored about it, in one transaction. The session row is
   * locked first, so a concurrent delete of the same session waits and then finds nothing.
   */
  async delete(id: string): Promise<SessionDeletion | undefined> {
    return this.db.tx(async (q) => {
      if (!(await this.db.one('SELECT id FROM sessions WHERE id = ? FOR UPDATE', [id], q))) return undefined;
      const deletion = await this.count(id, q);
      const run = (sql: string, params: unknown[] = [id]) => this.db.run(sql, params, q);
      await run(`DELETE FROM doc_updates WHERE ${DOCS_OF_SESSION}`, docRange(id));
      await run('DELETE FROM vote_ballots WHERE round_id IN (SELECT id FROM vote_rounds WHERE session_id = ?)');
      await run('DELETE FROM vote_participation WHERE round_id IN (SELECT id FROM vote_rounds WHERE session_id = ?)');
      await run('DELETE FROM vote_outcomes WHERE session_id = ?');
      await run('DELETE FROM vote_rounds WHERE session_id = ?');
      const drafts = 'SELECT id FROM decision_drafts WHERE session_id = ?';
      await run(`DELETE FROM decision_comments WHERE draft_id IN (${drafts})`);
      await run(`DELETE FROM decision_audit WHERE draft_id IN (${drafts})`);
      await run(`DELETE FROM decision_versions WHERE draft_id IN (${drafts})`);
      await run('DELETE FROM decision_drafts WHERE session_id = ?');
      await run('DELETE FROM moderation_state WHERE session_id = ?');
      await run('DELETE FROM board_locks WHERE session_id = ?');
      await run('DELETE FROM participants WHERE session_id = ?');
      await run('DELETE FROM session_moderators WHERE session_id = ?');
      await run('DELETE FROM sessions WHERE id = ?');
      return deletion;
    });
  }
}
