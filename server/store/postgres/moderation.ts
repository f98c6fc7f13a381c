import type { DocKind } from '../../../shared/docs';
import type { SessionRole } from '../../../shared/domain';
import type { ActorGroup } from '../../../shared/moderation';
import type { ModerationStore, ParticipantProfile, StoredCourse } from '../types';
import type { PgDb } from './db';
import { PROFILE_COLUMNS, type ProfileRow, toProfile } from '../rows/moderation';

/** Participants' roles and actor groups, each session's course, and board locks, in PostgreSQL. */
export class PgModerationStore implements ModerationStore {
  constructor(private readonly db: PgDb) {}

  async listParticipants(sessionId: string): Promise<ParticipantProfile[]> {
    const rows = await this.db.all<ProfileRow>(
      `SELECT ${PROFILE_COLUMNS} FROM participants WHERE session_id = ? AND revoked_at IS NULL ORDER BY created_at, id`,
      [sessionId],
    );
    return rows.map(toProfile);
  }

  async findParticipant(participantId: string): Promise<ParticipantProfile | undefined> {
    const row = await this.db.one<ProfileRow>(`SELECT ${PROFILE_COLUMNS} FROM participants WHERE id = ?`, [participantId]);
    return row && toProfile(row);
  }

  async setRole(participantId: string, role: SessionRole): Promise<void> {
    await this.db.run('UPDATE participants SET role = ? WHERE id = ?', [role, participantId]);
  }

  async setActorGroup(participantId: string, group: ActorGroup | null): Promise<void> {
    await this.db.run('UPDATE participants SET actor_group = ? WHERE id = ?', [group, participantId]);
  }

  async loadCourse(sessionId: string): Promise<StoredCourse | undefined> {
    const row = await this.db.one<{ state_json: string }>('SELECT state_json FROM moderation_state WHERE session_id = ?', [sessionId]);
    return row && (JSON.parse(row.state_json) as StoredCourse);
  }

  async saveCourse(sessionId: string, course: StoredCourse, nextDeadline: number | null): Promise<void> {
    await this.db.run(
      `INSERT INTO moderation_state (session_id, state_json, next_deadline, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET state_json = excluded.state_json,
         next_deadline = excluded.next_deadline, updated_at = excluded.updated_at`,
      [sessionId, JSON.stringify(course), nextDeadline, new Date().toISOString()],
    );
  }

  async sessionsWithDeadline(): Promise<string[]> {
    return (await this.db.all<{ session_id: string }>('SELECT session_id FROM moderation_state WHERE next_deadline IS NOT NULL')).map((r) => r.session_id);
  }

  async listLocks(): Promise<{ sessionId: string; board: DocKind }[]> {
    const rows = await this.db.all<{ session_id: string; board: string }>('SELECT session_id, board FROM board_locks');
    return rows.map((r) => ({ sessionId: r.session_id, board: r.board as DocKind }));
  }

  async setLock(sessionId: string, board: DocKind, locked: boolean): Promise<void> {
    if (locked)
      await this.db.run('INSERT INTO board_locks (session_id, board, locked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        sessionId,
        board,
        new Date().toISOString(),
      ]);
    else await this.db.run('DELETE FROM board_locks WHERE session_id = ? AND board = ?', [sessionId, board]);
  }
}
