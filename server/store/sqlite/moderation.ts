import type Database from 'better-sqlite3';
import type { DocKind } from '../../../shared/docs';
import type { SessionRole } from '../../../shared/domain';
import type { ActorGroup } from '../../../shared/moderation';
import type { ModerationStore, ParticipantProfile, StoredCourse } from '../types';
import { PROFILE_COLUMNS, type ProfileRow, toProfile } from '../rows/moderation';

/** Participants' roles and actor groups, each session's course, and board locks, in SQLite. */
export class SqliteModerationStore implements ModerationStore {
  private readonly selectParticipants: Database.Statement<[string], ProfileRow>;
  private readonly selectParticipant: Database.Statement<[string], ProfileRow>;
  private readonly updateRole: Database.Statement<[string, string]>;
  private readonly updateGroup: Database.Statement<[string | null, string]>;
  private readonly selectCourse: Database.Statement<[string], { state_json: string }>;
  private readonly upsertCourse: Database.Statement<[string, string, number | null, string]>;
  private readonly selectDeadlines: Database.Statement<[], { session_id: string }>;
  private readonly selectLocks: Database.Statement<[], { session_id: string; board: string }>;
  private readonly insertLock: Database.Statement<[string, string, string]>;
  private readonly deleteLock: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.selectParticipants = db.prepare(
      `SELECT ${PROFILE_COLUMNS} FROM participants WHERE session_id = ? AND revoked_at IS NULL ORDER BY created_at, id`,
    );
    this.selectParticipant = db.prepare(`SELECT ${PROFILE_COLUMNS} FROM participants WHERE id = ?`);
    this.updateRole = db.prepare('UPDATE participants SET role = ? WHERE id = ?');
    this.updateGroup = db.prepare('UPDATE participants SET actor_group = ? WHERE id = ?');
    this.selectCourse = db.prepare('SELECT state_json FROM moderation_state WHERE session_id = ?');
    this.upsertCourse = db.prepare(
      `INSERT INTO moderation_state (session_id, state_json, next_deadline, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET state_json = excluded.state_json,
         next_deadline = excluded.next_deadline, updated_at = excluded.updated_at`,
    );
    this.selectDeadlines = db.prepare('SELECT session_id FROM moderation_state WHERE next_deadline IS NOT NULL');
    this.selectLocks = db.prepare('SELECT session_id, board FROM board_locks');
    this.insertLock = db.prepare('INSERT OR IGNORE INTO board_locks (session_id, board, locked_at) VALUES (?, ?, ?)');
    this.deleteLock = db.prepare('DELETE FROM board_locks WHERE session_id = ? AND board = ?');
  }

  async listParticipants(sessionId: string): Promise<ParticipantProfile[]> {
    return this.selectParticipants.all(sessionId).map(toProfile);
  }

  async findParticipant(participantId: string): Promise<ParticipantProfile | undefined> {
    const row = this.selectParticipant.get(participantId);
    return row && toProfile(row);
  }

  async setRole(participantId: string, role: SessionRole): Promise<void> {
    this.updateRole.run(role, participantId);
  }

  async setActorGroup(participantId: string, group: ActorGroup | null): Promise<void> {
    this.updateGroup.run(group, participantId);
  }

  async loadCourse(sessionId: string): Promise<StoredCourse | undefined> {
    const row = this.selectCourse.get(sessionId);
    return row && (JSON.parse(row.state_json) as StoredCourse);
  }

  async saveCourse(sessionId: string, course: StoredCourse, nextDeadline: number | null): Promise<void> {
    this.upsertCourse.run(sessionId, JSON.stringify(course), nextDeadline, new Date().toISOString());
  }

  async sessionsWithDeadline(): Promise<string[]> {
    return this.selectDeadlines.all().map((r) => r.session_id);
  }

  async listLocks(): Promise<{ sessionId: string; board: DocKind }[]> {
    return this.selectLocks.all().map((r) => ({ sessionId: r.session_id, board: r.board as DocKind }));
  }

  async setLock(sessionId: string, board: DocKind, locked: boolean): Promise<void> {
    if (locked) this.insertLock.run(sessionId, board, new Date().toISOString());
    else this.deleteLock.run(sessionId, board);
  }
}
