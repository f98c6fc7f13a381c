/**
 * The HTTP contract of decision drafts, the Lenkungskreis and exports: request schemas (zod,
 * parsed by the server) and response shapes. Documented for humans in docs/api.md
 * ("Decision drafts and the Lenkungskreis").
 */
import { z } from 'zod';
import {
  DECISION_OUTCOMES,
  DRAFT_STATUSES,
  type CompletenessFinding,
  type DecisionAuditEvent,
  type DecisionComment,
  type DecisionContent,
  type DecisionRecord,
  type DecisionVersion,
  type DecisionVersionMeta,
  type DraftStatus,
} from './decision';
import type { FieldChange } from './decisionDiff';
import { BOARD_KINDS } from './docs';
import type { SessionKind } from './domain';
import { Limits } from './limits';
import { IdSchema } from './moderation';
import type { DecisionProvenance } from './schema/decisions';
import { ITEM_ID_PATTERN } from './schema/items';
import { nameText } from './text';
import { OptionIdSchema } from './votes';

export const DecisionLimits = {
  picksPerRequest: 100,
  titleMaxLength: 200,
  gremiumMaxLength: 200,
  noteMaxLength: 2000,
  resolutionMaxLength: 20_000,
  conditionsMaxLength: 5000,
  commentMaxLength: 5000,
  invitationLabelMaxLength: 200,
  invitationMaxDays: 60,
  invitationDefaultDays: 14,
} as const;

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

/**
 * What the moderation picks for a draft: a board item (SWOT card, priority topic, goal or
 * measure of the goal tree, action-plan entry by its strategic goal's id), or one option of a
 * closed voting round (its consensus outcome; the option's board item comes along).
 */
export const SourcePickSchema = z.union([
  z.object({ board: z.enum(BOARD_KINDS), itemId: z.string().regex(ITEM_ID_PATTERN, 'malformed item id') }),
  z.object({ roundId: IdSchema, optionId: OptionIdSchema }),
]);
export type SourcePick = z.infer<typeof SourcePickSchema>;

const picks = z.array(SourcePickSchema).max(DecisionLimits.picksPerRequest);

export const CreateDraftRequest = z.object({
  title: nameText(DecisionLimits.titleMaxLength).optional(),
  gremium: nameText(DecisionLimits.gremiumMaxLength).optional(),
  picks: picks.default([]),
});
export type CreateDraftRequest = z.input<typeof CreateDraftRequest>;

export const AddSourcesRequest = z.object({ picks: picks.min(1) });
export type AddSourcesRequest = z.infer<typeof AddSourcesRequest>;

export const HandoverRequest = z.object({ note: z.string().trim().max(DecisionLimits.noteMaxLength).default('') });
export type HandoverRequest = z.input<typeof HandoverRequest>;

/** Lenkungskreis: take a handed-over (or deferred) draft into deliberation. */
export const StatusChangeRequest = z.object({ status: z.enum(DRAFT_STATUSES) });
export type StatusChangeRequest = z.infer<typeof StatusChangeRequest>;

export const RecordDecisionRequest = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    decidedOn: isoDate,
    /** The resolution text as decided; for `beschlossen` the version's proposal when left out. */
    resolutionText: z.string().trim().max(DecisionLimits.resolutionMaxLength).default(''),
    conditions: z.string().trim().max(DecisionLimits.conditionsMaxLength).default(''),
  })
  .refine((r) => r.outcome !== 'geaendert_beschlossen' || r.resolutionText !== '', {
    message: 'A changed resolution needs the text as decided',
    path: ['resolutionText'],
  });
export type RecordDecisionRequest = z.input<typeof RecordDecisionRequest>;

export const CommentRequest = z.object({
  text: z.string().trim().min(1).max(DecisionLimits.commentMaxLength),
  /** The version the comment refers to; left out: the latest. */
  version: z.number().int().min(1).nullable().optional(),
});
export type CommentRequest = z.input<typeof CommentRequest>;

/** `current` is the live draft (session side only); a number is a frozen version. */
export const VersionRefSchema = z.union([z.literal('current'), z.coerce.number().int().min(1)]);
export type VersionRef = z.infer<typeof VersionRefSchema>;

export const CompareQuery = z.object({ from: VersionRefSchema, to: VersionRefSchema });
export type CompareQuery = z.input<typeof CompareQuery>;

export const CreateInvitationRequest = z.object({
  /** Who it is for, shown to moderators only (e.g. "Dezernentin Jugend"). */
  label: nameText(DecisionLimits.invitationLabelMaxLength, 0).default(''),
  validDays: z.number().int().min(1).max(DecisionLimits.invitationMaxDays).default(DecisionLimits.invitationDefaultDays),
});
export type CreateInvitationRequest = z.input<typeof CreateInvitationRequest>;

export const LenkungskreisJoinRequest = z.object({
  code: z.string().trim().min(1).max(200),
  name: nameText(Limits.displayNameMaxLength),
});
export type LenkungskreisJoinRequest = z.infer<typeof LenkungskreisJoinRequest>;

/** Binds another device to a member with a link code from a signed-in device. */
export const LenkungskreisDeviceRequest = z.object({
  code: z.string().trim().min(1).max(200),
  /** What to call this device in the member's list ("Tablet"); may be empty. */
  label: nameText(Limits.displayNameMaxLength).or(z.literal('')).default(''),
});
export type LenkungskreisDeviceRequest = z.input<typeof LenkungskreisDeviceRequest>;

// ---------------------------------------------------------------------------------------------
// Exports

export const DECISION_EXPORT_FORMATS = ['docx', 'pdf', 'md', 'json', 'oparl'] as const;
export type DecisionExportFormat = (typeof DECISION_EXPORT_FORMATS)[number];
export const PROTOKOLL_EXPORT_FORMATS = ['docx', 'pdf', 'md'] as const;
export type ProtokollExportFormat = (typeof PROTOKOLL_EXPORT_FORMATS)[number];

export const EXPORT_MIME_TYPES: Record<DecisionExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  oparl: 'application/json',
};

export const CreateDecisionExportRequest = z.object({
  format: z.enum(DECISION_EXPORT_FORMATS),
  /** Default: the latest frozen version, or `current` when there is none yet (session side). */
  version: VersionRefSchema.optional(),
});
export type CreateDecisionExportRequest = z.input<typeof CreateDecisionExportRequest>;

export const CreateProtokollExportRequest = z.object({ format: z.enum(PROTOKOLL_EXPORT_FORMATS) });
export type CreateProtokollExportRequest = z.infer<typeof CreateProtokollExportRequest>;

export const EXPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

/**
 * Why an export job failed: `export_timeout` (stopped after the time limit), `render_failed` (the
 * renderer refused the content), `worker_failed` (the worker thread died), `shutting_down`.
 */
export const EXPORT_JOB_ERRORS = ['export_timeout', 'render_failed', 'worker_failed', 'shutting_down'] as const;
export type ExportJobError = (typeof EXPORT_JOB_ERRORS)[number];

export interface ExportJob {
  id: string;
  kind: 'decision' | 'protokoll';
  format: DecisionExportFormat;
  status: ExportJobStatus;
  /** 0…1. */
  progress: number;
  /** What the worker does now: `queued`, `loading`, `rendering`, `packing`, `done`. */
  stage: string;
  fileName: string;
  mimeType: string;
  /** Bytes, once done. */
  size: number | null;
  /** Error id when failed. */
  error: ExportJobError | null;
  /** What went wrong, in a sentence (English), when failed. */
  errorMessage: string | null;
  /** ISO timestamps. */
  createdAt: string;
  finishedAt: string | null;
  /** Where to GET the file once `done` (same credentials as the job). */
  downloadUrl: string;
}

// ---------------------------------------------------------------------------------------------
// Responses

/** What the caller is on a draft: decides the actions the UI offers. */
export type DraftViewerRole = 'moderator' | 'participant' | 'observer' | 'lenkungskreis';

export interface DecisionDraftSummary {
  id: string;
  sessionId: string;
  session: { title: string; kind: SessionKind; date: string };
  /** Vorlagen-Nr., e.g. `LK-2026-007`. */
  reference: string;
  title: string;
  gremium: string;
  status: DraftStatus;
  /** The latest frozen version; 0 before the first hand-over. */
  latestVersion: number;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  lastHandedOverAt: string | null;
  /** The Lenkungskreis's decision, once recorded. */
  decision: DecisionRecord | null;
  /** The session's Yjs document holding the live draft (session members only, else null). */
  docName: string | null;
}

export interface DecisionDraftDetail extends DecisionDraftSummary {
  viewerRole: DraftViewerRole;
  /** Statuses the caller may move the draft to now. */
  nextStatuses: DraftStatus[];
  provenance: DecisionProvenance;
  versions: DecisionVersionMeta[];
  /**
   * Session side: the live draft (`contentOf: 'current'`). Lenkungskreis: the latest frozen
   * version (`contentOf` its number) — the Lenkungskreis never sees unfrozen edits.
   */
  contentOf: 'current' | number;
  content: DecisionContent;
  /** The completeness check of `content`. */
  findings: CompletenessFinding[];
}

export interface DraftListResponse {
  drafts: DecisionDraftSummary[];
}
export interface DraftResponse {
  draft: DecisionDraftDetail;
}
export interface CheckResponse {
  findings: CompletenessFinding[];
  /** False while a blocking finding exists. */
  canHandOver: boolean;
}
export interface HandoverResponse {
  draft: DecisionDraftSummary;
  version: DecisionVersionMeta;
}
export interface VersionsResponse {
  versions: DecisionVersionMeta[];
}
export interface VersionResponse {
  version: DecisionVersion;
}
export interface CompareResponse {
  from: VersionRef;
  to: VersionRef;
  /** Only fields that differ, in DECISION_FIELDS order. */
  changes: FieldChange[];
}
export interface CommentsResponse {
  comments: DecisionComment[];
}
export interface AuditResponse {
  events: DecisionAuditEvent[];
}
export interface ExportJobResponse {
  job: ExportJob;
}

export interface LenkungskreisMember {
  id: string;
  displayName: string;
  /** ISO timestamps. */
  createdAt: string;
  revokedAt: string | null;
}

export interface LenkungskreisInvitation {
  id: string;
  label: string;
  /** ISO timestamps. */
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The member who redeemed it. */
  memberId: string | null;
}

/** Returned once, when the invitation is created: the code is not stored and cannot be shown again. */
export interface CreatedInvitation {
  invitation: LenkungskreisInvitation;
  code: string;
  /** `<PUBLIC_URL or request origin>/lenkungskreis/einladung#<code>` (a fragment: never sent to a server log). */
  url: string;
}

export interface InvitationPreview {
  label: string;
  expiresAt: string;
}

/** One device bound to a member (each has its own token). */
export interface LenkungskreisDevice {
  id: string;
  /** Empty for the device the invitation was opened on. */
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** The device that asked. */
  current: boolean;
}

export interface LenkungskreisDevicesResponse {
  devices: LenkungskreisDevice[];
}

/** A short-lived, single-use link that binds another device (`POST /api/lenkungskreis/me/device-links`). */
export interface LenkungskreisDeviceLink {
  code: string;
  /** `<base>/lenkungskreis/geraet#<code>`: the code travels in the fragment, never to a server log. */
  url: string;
  expiresAt: string;
}

export interface LenkungskreisJoinResponse {
  /** The member's bearer token (43 characters): `Authorization: Bearer <token>`. */
  token: string;
  member: LenkungskreisMember;
}

export interface RecordDecisionResponse {
  draft: DecisionDraftDetail;
  decision: DecisionRecord;
}
export interface CommentResponse {
  comment: DecisionComment;
}
export interface InvitationsResponse {
  invitations: LenkungskreisInvitation[];
}
export interface MembersResponse {
  members: LenkungskreisMember[];
}
export interface MemberResponse {
  member: LenkungskreisMember;
}
