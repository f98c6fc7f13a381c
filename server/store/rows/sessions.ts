/**
 * The sessions rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */

import type { SessionKind, SessionRole, SessionTemplate } from '../../../shared/domain';
import type { ParticipantRecord, SessionRecord } from '../types';

export interface SessionRow {
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

export interface ParticipantRow {
  id: string;
  session_id: string;
  role: string;
  display_name: string;
  account_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

// Rows are only ever written from the typed records below, so the casts restore what was stored.
export function toSession(row: SessionRow, coModeratorIds: readonly string[]): SessionRecord {
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

export function toParticipant(row: ParticipantRow): ParticipantRecord {
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

export const PARTICIPANT_COLUMNS = 'id, session_id, role, display_name, account_id, created_at, revoked_at';
