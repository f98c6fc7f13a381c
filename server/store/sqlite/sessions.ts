import type Database from 'better-sqlite3';
import type { SessionKind, SessionRole, SessionTemplate } from '../../../shared/domain';
import type { ParticipantRecord, SessionRecord, SessionStore } from '../types';
import { translateConflict } from './errors';

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
function toSession(row: SessionRow): SessionRecord {
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

const PARTICIPANT_COLUMNS = 'id, session_id, role, display_name, account_id, created_at, revoked_at';

/** Sessions (workshops) and the people in them, in SQLite. */
export class SqliteSessionStore implements SessionStore {
  private readonly insertSession: Database.Statement<[SessionRow]>;
  private readonly selectById: Database.Statement<[string], SessionRow>;
  private readonly selectByJoinCode: Database.Statement<[string], SessionRow>;
  private readonly selectByObserverCode: Database.Statement<[string], SessionRow>;
  private readonly selectForAccount: Database.Statement<[string], SessionRow>;
  private readonly insertParticipant: Database.Statement<[ParticipantRow & { token_hash: string }]>;
  private readonly selectParticipantByToken: Database.Statement<[string], ParticipantRow>;
  private readonly updateRevoked: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insertSession = db.prepare(
      `INSERT INTO sessions (id, title, kind, date, template, join_code, observer_code, created_by, created_at)
       VALUES (@id, @title, @kind, @date, @template, @join_code, @observer_code, @created_by, @created_at)`,
    );
    this.selectById = db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.selectByJoinCode = db.prepare('SELECT * FROM sessions WHERE join_code = ?');
    this.selectByObserverCode = db.prepare('SELECT * FROM sessions WHERE observer_code = ?');
    this.selectForAccount = db.prepare('SELECT * FROM sessions WHERE created_by = ? ORDER BY date DESC, created_at DESC');
    this.insertParticipant = db.prepare(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS}, token_hash)
       VALUES (@id, @session_id, @role, @display_name, @account_id, @created_at, @revoked_at, @token_hash)`,
    );
    this.selectParticipantByToken = db.prepare(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE token_hash = ? AND revoked_at IS NULL`,
    );
    this.updateRevoked = db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  async create(record: SessionRecord): Promise<void> {
    const row: SessionRow = {
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
    return row && toSession(row);
  }

  async findByJoinCode(code: string): Promise<SessionRecord | undefined> {
    const row = this.selectByJoinCode.get(code);
    return row && toSession(row);
  }

  async findByObserverCode(code: string): Promise<SessionRecord | undefined> {
    const row = this.selectByObserverCode.get(code);
    return row && toSession(row);
  }

  async listForAccount(accountId: string): Promise<SessionRecord[]> {
    return this.selectForAccount.all(accountId).map(toSession);
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
}
