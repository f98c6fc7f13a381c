/**
 * The votes rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */

import type { ManualVotes, RoundDefinition, RoundResult } from '../../../shared/votes';
import type { RoundStatus, StoredRound } from '../types';

export interface RoundRow {
  id: string;
  session_id: string;
  status: string;
  definition_json: string;
  manual_json: string | null;
  result_json: string | null;
  opened_by: string;
  opened_at: number;
  closed_at: number | null;
}

export interface BallotRow {
  participant_id: string;
  display_name: string;
  actor_group: string | null;
  ballot_json: string;
}

// Rows are only ever written from typed values, so the casts restore what was stored.
export function toRound(row: RoundRow): StoredRound {
  return {
    id: row.id,
    sessionId: row.session_id,
    status: row.status as RoundStatus,
    definition: JSON.parse(row.definition_json) as RoundDefinition,
    manual: row.manual_json === null ? null : (JSON.parse(row.manual_json) as ManualVotes),
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as RoundResult),
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}
