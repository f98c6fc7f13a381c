/**
 * The decisions rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */
import type {
  AuditAction,
  CompletenessFinding,
  DecisionActorRef,
  DecisionAuditEvent,
  DecisionComment,
  DecisionRecord,
  DecisionVersionMeta,
  DraftStatus,
} from '../../../shared/decision';
import type { DecisionProvenance } from '../../../shared/schema/decisions';
import type { InvitationRecord, LenkungskreisDeviceRecord, LenkungskreisMemberRecord, StoredDraft } from '../types';

export interface DraftRow {
  id: string;
  session_id: string;
  reference: string;
  status: string;
  title: string;
  gremium: string;
  provenance_json: string;
  latest_version: number;
  created_by_json: string;
  created_at: string;
  updated_at: string;
  last_handed_over_at: string | null;
  decision_json: string | null;
}

export interface VersionRow {
  draft_id: string;
  number: number;
  content_json: string;
  content_hash: string;
  handed_over_at: string;
  handed_over_by_json: string;
  findings_json: string;
  note: string;
}

export interface AuditRow {
  id: number;
  draft_id: string;
  at: string;
  actor_json: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  version: number | null;
  content_hash: string | null;
}

export interface CommentRow {
  id: string;
  draft_id: string;
  version: number | null;
  text: string;
  author_json: string;
  created_at: string;
}

export interface MemberRow {
  id: string;
  organisation_id: string;
  display_name: string;
  invitation_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface InvitationRow {
  id: string;
  organisation_id: string;
  label: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  member_id: string | null;
  withdrawn_at: string | null;
}

// Rows are only ever written from typed values, so the casts restore what was stored.
export function toDraft(row: DraftRow): StoredDraft {
  return {
    id: row.id,
    sessionId: row.session_id,
    reference: row.reference,
    status: row.status as DraftStatus,
    title: row.title,
    gremium: row.gremium,
    provenance: JSON.parse(row.provenance_json) as DecisionProvenance,
    latestVersion: row.latest_version,
    createdBy: JSON.parse(row.created_by_json) as DecisionActorRef,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastHandedOverAt: row.last_handed_over_at,
    decision: row.decision_json === null ? null : (JSON.parse(row.decision_json) as DecisionRecord),
  };
}

export function toVersionMeta(row: VersionRow): DecisionVersionMeta {
  return {
    draftId: row.draft_id,
    number: row.number,
    contentHash: row.content_hash,
    handedOverAt: row.handed_over_at,
    handedOverBy: JSON.parse(row.handed_over_by_json) as DecisionActorRef,
    findings: JSON.parse(row.findings_json) as CompletenessFinding[],
    note: row.note,
  };
}

export function toAudit(row: AuditRow): DecisionAuditEvent {
  return {
    id: row.id,
    draftId: row.draft_id,
    at: row.at,
    actor: JSON.parse(row.actor_json) as DecisionActorRef,
    action: row.action as AuditAction,
    fromStatus: row.from_status as DraftStatus | null,
    toStatus: row.to_status as DraftStatus | null,
    version: row.version,
    contentHash: row.content_hash,
  };
}

export function toComment(row: CommentRow): DecisionComment {
  return {
    id: row.id,
    draftId: row.draft_id,
    version: row.version,
    text: row.text,
    author: JSON.parse(row.author_json) as DecisionActorRef,
    createdAt: row.created_at,
  };
}

export function toMember(row: MemberRow): LenkungskreisMemberRecord {
  return { id: row.id, organisationId: row.organisation_id, displayName: row.display_name, invitationId: row.invitation_id, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export interface DeviceRow {
  id: string;
  member_id: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function toDevice(row: DeviceRow): LenkungskreisDeviceRecord {
  return { id: row.id, memberId: row.member_id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export const DEVICE_COLUMNS = 'd.id AS id, d.member_id AS member_id, d.label AS label, d.created_at AS created_at, d.revoked_at AS revoked_at';

export function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    label: row.label,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    memberId: row.member_id,
    withdrawnAt: row.withdrawn_at,
  };
}

export interface AuditInput {
  draftId: string;
  at: string;
  actor: DecisionActorRef;
  action: AuditAction;
  fromStatus?: DraftStatus | null;
  toStatus?: DraftStatus | null;
  version?: number | null;
  contentHash?: string | null;
}
