import type { SessionMinutes } from '../../../shared/api';
import type { SessionKind, SessionRole, SessionTemplate } from '../../../shared/domain';
import type { NewSessionRecord, ParticipantRecord, SessionDeletion, SessionRecord, SessionStore } from '../types';
import type { PgDb, Queryable } from './db';

interface SessionRow {
  id: string;
  title: string;
  kind: string;
  date: string;
  template: string;
  join_code: string;
  observer_code: string;
  created_by: string;
  created_at: string;
  archived_at: string | null;
  place: string;
  minute_taker: string;
  start_time: string | null;
  end_time: string | null;
  organisation_id: string;
}

interface ParticipantRow {
  id: string;
  session_id: string;
  role: string;
  display_name: string;
  account_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

// Rows are only ever written from the typed records below, so the casts restore what was stored.
function toSession(row: SessionRow, coModeratorIds: readonly string[]): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as SessionKind,
    date: row.date,
    template: row.template as SessionTemplate,
    joinCode: row.join_code,
    observerCode: row.observer_code,
    createdBy: row.created_by,
    createdAt: row.created_at,
    organisationId: row.organisation_id,
    archivedAt: row.archived_at,
    coModeratorIds,
    minutes: { place: row.place, minuteTaker: row.minute_taker, startTime: row.start_time, endTime: row.end_time },
  };
}

function toParticipant(row: ParticipantRow): ParticipantRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    role: row.role as SessionRole,
    displayName: row.display_name,
    accountId: row.account_id,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * A session's documents: shared ones are `<id>:<kind>`, private ones `<id>:<kind>:<participant>`,
 * and session ids hold no `:` — so exactly the names from `<id>:` up to `<id>;` (`;` follows `:`;
 * `doc_name` compares byte-wise, `COLLATE "C"`).
 */
const DOCS_OF_SESSION = 'doc_name >= ? AND doc_name < ?';
const docRange = (sessionId: string) => [`${sessionId}:`, `${sessionId};`];

const PARTICIPANT_COLUMNS = 'id, session_id, role, display_name, account_id, created_at, revoked_at';

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
