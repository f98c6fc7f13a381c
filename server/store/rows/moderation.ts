/**
 * The moderation rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */

import type { SessionRole } from '../../../shared/domain';
import type { ActorGroup } from '../../../shared/moderation';
import type { ParticipantProfile } from '../types';

export interface ProfileRow {
  id: string;
  session_id: string;
  role: string;
  display_name: string;
  actor_group: string | null;
  revoked_at: string | null;
}

// Rows are only ever written from typed values, so the casts restore what was stored.
export function toProfile(row: ProfileRow): ParticipantProfile {
  return {
    id: row.id,
    sessionId: row.session_id,
    role: row.role as SessionRole,
    displayName: row.display_name,
    actorGroup: row.actor_group as ActorGroup | null,
    revokedAt: row.revoked_at,
  };
}

export const PROFILE_COLUMNS = 'id, session_id, role, display_name, actor_group, revoked_at';
