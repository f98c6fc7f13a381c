/**
 * The HTTP API contract: request schemas (validated by the server with zod) and response shapes.
 * Documented for humans in docs/api.md. Everything lives under `/api`.
 */
import { z } from 'zod';
import type { DocKind, PrivateDocKind } from './docs';
import type { BoardChange } from './schema/carry';
import {
  DEFAULT_SESSION_TEMPLATE,
  SESSION_KINDS,
  SESSION_ROLES,
  SESSION_TEMPLATES,
  type SessionKind,
  type SessionRole,
  type SessionTemplate,
} from './domain';
import { Limits } from './limits';
import { nameText } from './text';

const email = z.string().trim().toLowerCase().email().max(254);
const password = z.string().min(Limits.passwordMinLength).max(Limits.passwordMaxLength);
const displayName = nameText(Limits.displayNameMaxLength);

export const LoginRequest = z.object({ email, password: z.string().min(1).max(Limits.passwordMaxLength) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SetupRequest = z.object({
  token: z.string().min(1).max(200),
  email,
  password,
  displayName,
});
export type SetupRequest = z.infer<typeof SetupRequest>;

/** An ISO calendar date, `YYYY-MM-DD`. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const CreateSessionRequest = z.object({
  title: nameText(Limits.sessionTitleMaxLength),
  kind: z.enum(SESSION_KINDS),
  date: isoDate,
  template: z.enum(SESSION_TEMPLATES).default(DEFAULT_SESSION_TEMPLATE),
  /** Start with the template's agenda (`templateAgenda`): the steps of the steering cycle on its boards. */
  prefillAgenda: z.boolean().default(false),
});
/** What a caller sends (the template may be left out). */
export type CreateSessionRequest = z.input<typeof CreateSessionRequest>;

/** A time of day, `HH:MM` (24 h). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM (00:00–23:59)');

/** Longest place and minute-taker a session's minutes facts hold. */
export const SESSION_PLACE_MAX = 200;
export const SESSION_MINUTE_TAKER_MAX = 120;

/**
 * What the Protokoll (Niederschrift) names besides the title and date: where the session met,
 * when it began and ended (local time of day), who took the minutes. Empty text and null times
 * mean "not given".
 */
export interface SessionMinutes {
  place: string;
  minuteTaker: string;
  startTime: string | null;
  endTime: string | null;
}

/** Changes to a session's minutes facts; fields left out stay, `""`/null clears one. */
export const SessionMinutesPatch = z
  .object({
    place: nameText(SESSION_PLACE_MAX, 0).optional(),
    minuteTaker: nameText(SESSION_MINUTE_TAKER_MAX, 0).optional(),
    startTime: clockTime.nullable().optional(),
    endTime: clockTime.nullable().optional(),
  })
  .strict();
export type SessionMinutesPatch = z.infer<typeof SessionMinutesPatch>;

/**
 * Rename and/or archive (true) or restore (false) a session, and/or change its minutes facts; at
 * least one field.
 */
export const UpdateSessionRequest = z
  .object({
    title: nameText(Limits.sessionTitleMaxLength).optional(),
    archived: z.boolean().optional(),
    minutes: SessionMinutesPatch.optional(),
  })
  .refine((v) => v.title !== undefined || v.archived !== undefined || v.minutes !== undefined, {
    message: 'nothing to change: send title, archived and/or minutes',
  });
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;

/** A copy of a session: same kind, template and agenda; with `copyContent`, the boards' content too. */
export const DuplicateSessionRequest = z
  .object({
    /** A full copy of the boards and notes, as they are (a template, a rehearsal). */
    copyContent: z.boolean().default(false),
    /**
     * A follow-up session: the boards (not the notes) carried forward, each item marked with
     * where it came from, so every board can show what changed since this session.
     */
    carryForward: z.boolean().default(false),
  })
  .refine((r) => !(r.copyContent && r.carryForward), { message: 'copyContent and carryForward exclude each other', path: ['carryForward'] });
export type DuplicateSessionRequest = z.input<typeof DuplicateSessionRequest>;

/** Adds an existing account as co-moderator of a session. */
export const AddModeratorRequest = z.object({
  accountId: z.string().min(1).max(64),
});
export type AddModeratorRequest = z.infer<typeof AddModeratorRequest>;

export const JoinRequest = z.object({
  code: z.string().trim().min(1).max(40),
  name: displayName,
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const SessionRoleSchema = z.enum(SESSION_ROLES);

export interface UserInfo {
  id: string;
  email: string;
  displayName: string;
}

/** A session as every member of it may see it. */
export interface SessionPublic {
  id: string;
  title: string;
  kind: SessionKind;
  date: string;
  /** Which boards the room shows (see templateBoards). */
  template: SessionTemplate;
  createdAt: string;
  /** When the session was archived (read-only for everyone); null while it is active. */
  archivedAt: string | null;
}

/** A session as its moderators see it: with the codes to put on the projector. */
export interface SessionForModerator extends SessionPublic {
  joinCode: string;
  observerCode: string;
  /** The account that created the session (it alone may delete it and manage co-moderators). */
  createdBy: string;
  /** Accounts that moderate the session besides its creator. */
  coModerators: UserInfo[];
  /** Place, start and end, minute-taker: what the Protokoll names. */
  minutes: SessionMinutes;
}

/** What a session holds, so deleting it can say what goes (`GET /api/sessions/:id/contents`). */
export interface SessionContents {
  /** Stored Yjs documents: notes, boards, canvas, decision drafts, private drafts. */
  documents: number;
  /** Everyone who joined (and their tokens), moderators' own entries included. */
  participants: number;
  /** Voting rounds (with their results and outcomes). */
  rounds: number;
  /** Decision drafts (with versions, audit log and comments). */
  drafts: number;
}

export interface AccountsResponse {
  accounts: UserInfo[];
}

/** What joining (or a moderator entering) a session returns. */
export interface JoinResponse {
  token: string;
  sessionId: string;
  participantId: string;
  role: SessionRole;
  displayName: string;
  /** Names of the session's Yjs documents, keyed by kind. */
  docs: Record<DocKind, string>;
  /** Names of this person's private documents (only they may open them), keyed by kind. */
  privateDocs: Record<PrivateDocKind, string>;
}

export interface JoinPreview {
  session: SessionPublic;
  role: SessionRole;
}

export interface SetupStatus {
  needsSetup: boolean;
  /**
   * With `?token=` of a colleague's one-time link (still valid): the account whose password it
   * sets. Absent otherwise.
   */
  account?: { email: string; displayName: string };
}

/** Roles of staff accounts: an administrator also manages the organisation's staff. */
export const ACCOUNT_ROLES = ['admin', 'staff'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface OrganisationInfo {
  id: string;
  name: string;
}

/** `GET /api/auth/me`: the account, its organisation and its role there. */
export interface MeResponse {
  user: UserInfo;
  organisation: OrganisationInfo;
  role: AccountRole;
}

/** A staff account as an administrator of its organisation sees it. */
export interface StaffMember extends UserInfo {
  role: AccountRole;
  createdAt: string;
  /** False while the colleague has not yet set a password through their link. */
  passwordSet: boolean;
}

export interface StaffResponse {
  organisation: OrganisationInfo;
  staff: StaffMember[];
}

export const AddStaffRequest = z.object({
  email,
  displayName,
  role: z.enum(ACCOUNT_ROLES).default('staff'),
});
export type AddStaffRequest = z.input<typeof AddStaffRequest>;

/** A one-time link for a colleague to set their password (shown once; only its hash is stored). */
export interface StaffSetupLink {
  member: StaffMember;
  url: string;
  expiresAt: string;
}

export const ChangeRoleRequest = z.object({ role: z.enum(ACCOUNT_ROLES) });
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

export const RenameOrganisationRequest = z.object({ name: nameText(Limits.organisationNameMaxLength) });
export type RenameOrganisationRequest = z.infer<typeof RenameOrganisationRequest>;

/** A colleague's session as the rest of the organisation sees it in the dashboard list (no codes). */
export interface ColleagueSession extends SessionPublic {
  createdBy: UserInfo | null;
  coModerators: UserInfo[];
}

/** `GET /api/sessions`: my sessions, and separately the other sessions of my organisation. */
export interface SessionsResponse {
  sessions: SessionForModerator[];
  colleagueSessions: ColleagueSession[];
}

/**
 * The installation's privacy notice (Datenschutzhinweise), shown at /datenschutz and linked from
 * every page and the join page. `text` is null while no account has written one: the app then
 * shows its built-in notice, which describes what Werkraum itself stores.
 */
export interface PrivacyNotice {
  text: string | null;
  updatedAt: string | null;
}

/** Writes the privacy notice (plain text; lines starting with "## " are headings); an empty text restores the built-in one. */
export const UpdatePrivacyNoticeRequest = z.object({
  text: z.string().max(Limits.privacyNoticeMaxLength),
});
export type UpdatePrivacyNoticeRequest = z.infer<typeof UpdatePrivacyNoticeRequest>;

/** A session a board was carried forward from (directly or through others), nearest first. */
export interface BoardSource {
  id: string;
  title: string;
  date: string;
}

export interface BoardSourcesResponse {
  sources: BoardSource[];
}

/** What changed on a board since an earlier session (see shared/schema/carry.ts). */
export interface BoardChangesResponse {
  since: BoardSource;
  changes: BoardChange[];
}
