/**
 * The storage interface. The sync code and the API talk only to these interfaces, so the
 * embedded SQLite store and a PostgreSQL store are two implementations of the same functions.
 * All methods are async so that a networked database fits without touching the callers.
 */
import type {
  CompletenessFinding,
  DecisionActorRef,
  AuditAction,
  DecisionAuditEvent,
  DecisionComment,
  DecisionRecord,
  DecisionVersionMeta,
  DraftStatus,
} from '../../shared/decision';
import type { AccountRole, SessionMinutes } from '../../shared/api';
import type { DocKind } from '../../shared/docs';
import type { DecisionProvenance } from '../../shared/schema/decisions';
import type { SessionKind, SessionRole, SessionTemplate } from '../../shared/domain';
import type { ActorGroup, AgendaItem, SpeakersState, TablesState } from '../../shared/moderation';
import type { Ballot, ManualVotes, OutcomeMark, RoundDefinition, RoundResult, TallyBallot } from '../../shared/votes';

/** The Yjs update log of every document. */
export interface DocStore {
  /**
   * Everything stored for a document, in append order: the compacted state row (if any) first,
   * then the updates appended since. Throws if the store cannot be read — callers must then
   * refuse the connection rather than serve an empty document.
   */
  load(docName: string): Promise<StoredDoc>;
  /** Appends updates durably and resolves with the sequence number of the last one, once committed. */
  append(docName: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Replaces the rows up to and including `uptoSeq` by one state row, in one transaction.
   * Rows appended after `uptoSeq` are kept. `state` must contain every update up to `uptoSeq`.
   */
  compact(docName: string, state: Uint8Array, uptoSeq: number): Promise<void>;
}

export interface StoredDoc {
  updates: Uint8Array[];
  /** Sequence number of the last stored row (0 when the document is new). */
  lastSeq: number;
  /** Number of rows (state row included). */
  rowCount: number;
  /** Sum of the stored bytes. */
  byteSize: number;
}

/**
 * An organisation the installation serves (a Kommune's Bildungsbüro). Its staff, sessions,
 * Lenkungskreis invitations and members and its settings belong to it; nothing crosses over.
 */
export interface Organisation {
  id: string;
  name: string;
  createdAt: string;
}

/** The name the first organisation gets when an installation without one creates it. */
export const DEFAULT_ORGANISATION_NAME = 'Bildungsbüro';

export interface OrganisationStore {
  create(input: { id: string; name: string; createdAt: string }): Promise<Organisation>;
  findById(id: string): Promise<Organisation | undefined>;
  /** Every organisation of the installation, oldest first. */
  list(): Promise<Organisation[]>;
  /** False if the organisation does not exist. */
  rename(id: string, name: string): Promise<boolean>;
}

/** An administrator also manages the organisation's staff; staff do everything else. */
export type { AccountRole };

export interface Account {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  createdAt: string;
  organisationId: string;
  role: AccountRole;
}

/** A stored setup token: `accountId` null for the installation's first account, else the account whose password it sets. */
export interface SetupTokenRecord {
  accountId: string | null;
  expiresAt: string;
}

export interface AccountStore {
  /** Accounts of the whole installation (0: the first-run setup is open). */
  count(): Promise<number>;
  findByEmail(email: string): Promise<Account | undefined>;
  findById(id: string): Promise<Account | undefined>;
  /**
   * Creates the account, or updates name and password if the email exists (its organisation and
   * role stay). A new account without `organisationId` joins the installation's first
   * organisation (created, named DEFAULT_ORGANISATION_NAME, if there is none); `role` defaults to
   * 'admin'.
   */
  upsert(input: { email: string; displayName: string; passwordHash: string; organisationId?: string; role?: AccountRole }): Promise<Account>;
  /** Creates a new account; StoreConflictError if the email is taken (in any organisation). */
  create(input: { email: string; displayName: string; passwordHash: string; organisationId: string; role: AccountRole }): Promise<Account>;
  /** The accounts of one organisation, by display name. */
  listInOrganisation(organisationId: string): Promise<Account[]>;
  /**
   * Changes an account's role, in one transaction with the check that the organisation keeps at
   * least one administrator: `last_admin` (nothing written) if it would not.
   */
  setRole(accountId: string, role: AccountRole): Promise<'changed' | 'last_admin' | 'not_found'>;
  /** Sets name and password (a colleague's one-time link); false if the account does not exist. */
  setPassword(accountId: string, displayName: string, passwordHash: string): Promise<boolean>;
  /** Login sessions (cookies); only a hash of the cookie value is stored. */
  createLogin(accountId: string, tokenHash: string, expiresAt: string): Promise<void>;
  findLogin(tokenHash: string): Promise<{ accountId: string; expiresAt: string } | undefined>;
  deleteLogin(tokenHash: string): Promise<void>;
  /**
   * One-time setup tokens (hash only): without `accountId` for the installation's first account,
   * with it for an existing account to set its password. A new token for an account replaces that
   * account's earlier ones.
   */
  createSetupToken(tokenHash: string, expiresAt: string, accountId?: string): Promise<void>;
  /** The valid, unexpired token with this hash, without using it up. */
  findSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined>;
  /** Deletes and returns a valid, unexpired token with this hash; undefined if there was none. */
  consumeSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined>;
}

export interface SessionRecord {
  id: string;
  title: string;
  kind: SessionKind;
  date: string;
  template: SessionTemplate;
  joinCode: string;
  observerCode: string;
  createdBy: string;
  createdAt: string;
  /** The organisation of the account that created it. */
  organisationId: string;
  /** When the session was archived (read-only, hidden from the active list); null while active. */
  archivedAt: string | null;
  /** Accounts the creator added as co-moderators (besides `createdBy`). */
  coModeratorIds: readonly string[];
  /** Place, start and end, minute-taker (empty until a moderator gives them). */
  minutes: SessionMinutes;
}

/**
 * What creating a session stores (a new session is active, has no co-moderators and no minutes
 * facts). Its organisation is the creator's: the store takes it from the account.
 */
export type NewSessionRecord = Omit<SessionRecord, 'archivedAt' | 'coModeratorIds' | 'minutes' | 'organisationId'>;

/** The minutes facts of a new session. */
export const EMPTY_SESSION_MINUTES: SessionMinutes = Object.freeze({ place: '', minuteTaker: '', startTime: null, endTime: null });

/** Whether this account moderates the session: its creator or a co-moderator. */
export function isSessionModerator(session: SessionRecord, accountId: string): boolean {
  return session.createdBy === accountId || session.coModeratorIds.includes(accountId);
}

/** What deleting a session removed (row counts; documents by name). */
export interface SessionDeletion {
  documents: number;
  participants: number;
  rounds: number;
  drafts: number;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  role: SessionRole;
  displayName: string;
  /** Set for moderators who entered with their account. */
  accountId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface SessionStore {
  create(record: NewSessionRecord): Promise<void>;
  findById(id: string): Promise<SessionRecord | undefined>;
  findByJoinCode(code: string): Promise<SessionRecord | undefined>;
  findByObserverCode(code: string): Promise<SessionRecord | undefined>;
  /** Sessions this account created or co-moderates, archived ones included. */
  listForAccount(accountId: string): Promise<SessionRecord[]>;
  /** Every session of an organisation, archived ones included, newest date first. */
  listInOrganisation(organisationId: string): Promise<SessionRecord[]>;
  rename(id: string, title: string): Promise<boolean>;
  /** Replaces the minutes facts; false if the session does not exist. */
  setMinutes(id: string, minutes: SessionMinutes): Promise<boolean>;
  /** Archives (`at`) or restores (null); false if the session does not exist. */
  setArchived(id: string, at: string | null): Promise<boolean>;
  addCoModerator(sessionId: string, accountId: string, addedBy: string, at: string): Promise<void>;
  removeCoModerator(sessionId: string, accountId: string): Promise<boolean>;
  /** What the session holds (what deleting it would remove); zeros for an unknown session. */
  contents(id: string): Promise<SessionDeletion>;
  /**
   * Deletes the session and everything stored for it in one transaction: its documents (shared and
   * private), participants and their tokens, course, locks, rounds, ballots, outcomes, decision
   * drafts with versions, audit log and comments, co-moderators. Undefined if it did not exist.
   */
  delete(id: string): Promise<SessionDeletion | undefined>;
  /** Adds a participant with a token (hash only stored). */
  addParticipant(record: ParticipantRecord, tokenHash: string): Promise<void>;
  /** The participant a token belongs to, unless revoked. */
  findParticipantByToken(tokenHash: string): Promise<ParticipantRecord | undefined>;
  revokeParticipant(participantId: string, at: string): Promise<void>;
}

/** A participant with what the moderation needs to know about them. */
export interface ParticipantProfile {
  id: string;
  sessionId: string;
  role: SessionRole;
  displayName: string;
  actorGroup: ActorGroup | null;
  revokedAt: string | null;
}

/** The course of a session as it is stored (locks and rounds are stored apart). */
export interface StoredCourse {
  version: number;
  agenda: AgendaItem[];
  currentItemId: string | null;
  /** `spoken`: turns per participant id so far (never sent to clients). */
  speakers: SpeakersState & { spoken: Record<string, number> };
  /** Parallel tables while the room works at them (absent in courses stored before tables existed). */
  tables?: TablesState | null;
  /** Only a card's author and the moderation delete it (absent: false). */
  authorsOnlyDelete?: boolean;
  /**
   * When each agenda item became the current one and when it stopped being it (server epoch ms),
   * oldest first; an item called twice has two entries. Absent in courses stored before it existed.
   */
  itemLog?: AgendaTimeEntry[];
}

/** One stretch of time an agenda item was the current one; `endedAt` null while it still is. */
export interface AgendaTimeEntry {
  itemId: string;
  startedAt: number;
  endedAt: number | null;
}

/** People, the session's course and board locks: everything the moderation changes. */
export interface ModerationStore {
  /** Everyone of a session who has not been removed, in joining order. */
  listParticipants(sessionId: string): Promise<ParticipantProfile[]>;
  /** A participant, removed ones included. */
  findParticipant(participantId: string): Promise<ParticipantProfile | undefined>;
  setRole(participantId: string, role: SessionRole): Promise<void>;
  setActorGroup(participantId: string, group: ActorGroup | null): Promise<void>;
  loadCourse(sessionId: string): Promise<StoredCourse | undefined>;
  /** `nextDeadline`: the earliest `endsAt` of a running timer (server epoch ms), or null. */
  saveCourse(sessionId: string, course: StoredCourse, nextDeadline: number | null): Promise<void>;
  /** Sessions with a running timer, to re-arm after a restart. */
  sessionsWithDeadline(): Promise<string[]>;
  listLocks(): Promise<{ sessionId: string; board: DocKind }[]>;
  setLock(sessionId: string, board: DocKind, locked: boolean): Promise<void>;
}

export type RoundStatus = 'open' | 'closed' | 'cancelled';

export interface StoredRound {
  id: string;
  sessionId: string;
  status: RoundStatus;
  definition: RoundDefinition;
  manual: ManualVotes | null;
  result: RoundResult | null;
  openedBy: string;
  openedAt: number;
  closedAt: number | null;
}

/**
 * Voting rounds. A ballot (who chose what) exists only while its round is open: closing deletes
 * every ballot of the round in the same transaction that stores the result, and leaves no copy
 * behind in the file. Who took part is kept (participation), never with a choice.
 */
export interface VoteStore {
  createRound(round: { id: string; sessionId: string; definition: RoundDefinition; openedBy: string; openedAt: number }): Promise<void>;
  findRound(roundId: string): Promise<StoredRound | undefined>;
  /** The session's rounds, oldest first (all statuses, or one). */
  listRounds(sessionId: string, status?: RoundStatus): Promise<StoredRound[]>;
  /** Stores or replaces a ballot; `closed` (and nothing stored) unless the round is open. */
  castBallot(roundId: string, participantId: string, ballot: Ballot): Promise<'cast' | 'replaced' | 'closed'>;
  findBallot(roundId: string, participantId: string): Promise<Ballot | undefined>;
  /** Who has taken part in a round (ids only). */
  participantIds(roundId: string): Promise<string[]>;
  /** Sets or clears the hand/paper votes; false unless the round is open. */
  setManual(roundId: string, manual: ManualVotes | null): Promise<boolean>;
  /**
   * In one transaction: reads the ballots (with each voter's name and actor group), lets `build`
   * tally them, stores the result, and deletes the ballots. Undefined unless the round was open.
   */
  closeRound(
    roundId: string,
    closedAt: number,
    build: (ballots: TallyBallot[], manual: ManualVotes | null) => RoundResult,
  ): Promise<RoundResult | undefined>;
  /** Discards an open round: no result, ballots and participation deleted. False unless open. */
  cancelRound(roundId: string, at: number): Promise<boolean>;
  /**
   * Deletes a person's ballots and participation in the session's open rounds, leaving no copy in
   * the file (as `closeRound` does); returns those rounds' ids.
   */
  withdrawFromOpenRounds(sessionId: string, participantId: string): Promise<string[]>;
  /**
   * Records an outcome of a closed round's option and returns the updated result; an option that
   * had one is corrected, and the round's outcome log gains an entry (with `reason`) either way.
   */
  markOutcome(roundId: string, mark: OutcomeMark, markedBy: string, reason?: string | null): Promise<RoundResult | undefined>;
  /** Removes an option's recorded outcome, logged with its reason; undefined unless it had one. */
  withdrawOutcome(roundId: string, optionId: string, reason: string, at: number): Promise<RoundResult | undefined>;
  /** Sets an open round's vote timer (`definition.closesAt`); false unless the round is open. */
  setClosesAt(roundId: string, closesAt: number | null): Promise<boolean>;
  /** Open rounds with a vote timer, across sessions (to re-arm the timers after a restart). */
  roundsWithTimer(): Promise<{ roundId: string; sessionId: string; closesAt: number }[]>;
}

/** A decision draft as stored (its live content is in the session's `decisions` Yjs document). */
export interface StoredDraft {
  id: string;
  sessionId: string;
  /** Vorlagen-Nr., unique per installation. */
  reference: string;
  status: DraftStatus;
  /** Title and Gremium at creation, then as frozen with the latest version (for lists). */
  title: string;
  gremium: string;
  provenance: DecisionProvenance;
  latestVersion: number;
  createdBy: DecisionActorRef;
  createdAt: string;
  updatedAt: string;
  lastHandedOverAt: string | null;
  decision: DecisionRecord | null;
}

export interface NewVersion {
  /** `canonicalJson(content)`: stored as it was hashed. */
  contentJson: string;
  contentHash: string;
  title: string;
  gremium: string;
  handedOverAt: string;
  handedOverBy: DecisionActorRef;
  findings: CompletenessFinding[];
  note: string;
}

export interface LenkungskreisMemberRecord {
  id: string;
  /** The organisation of the invitation the member came in through. */
  organisationId: string;
  displayName: string;
  invitationId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** One device (browser) bound to a Lenkungskreis member, with its own token. */
export interface LenkungskreisDeviceRecord {
  id: string;
  memberId: string;
  /** What the person called it ("Tablet"); empty for the device the invitation was opened on. */
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface InvitationRecord {
  id: string;
  /** The organisation of the account that created it (the store takes it from the account). */
  organisationId: string;
  label: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  memberId: string | null;
  withdrawnAt: string | null;
}

/**
 * Decision drafts, their frozen versions (never updated: a trigger refuses it), the audit log,
 * comments, and the Lenkungskreis's invitations and members (hashes of codes and tokens only).
 * Every status change is a compare-and-set on the expected current status, in one transaction
 * with its audit event, so two concurrent requests cannot both move a draft.
 */
export interface DecisionStore {
  /** Creates a draft with the next reference of the year (`LK-<year>-<nnn>`) and its `created` event. */
  createDraft(input: {
    id: string;
    sessionId: string;
    title: string;
    gremium: string;
    provenance: DecisionProvenance;
    createdBy: DecisionActorRef;
    createdAt: string;
  }): Promise<StoredDraft>;
  findDraft(id: string): Promise<StoredDraft | undefined>;
  /** The session's drafts, newest first. */
  listForSession(sessionId: string): Promise<StoredDraft[]>;
  /** Drafts of the organisation's sessions that were ever handed over, latest hand-over first. */
  listHandedOver(organisationId: string): Promise<StoredDraft[]>;
  /** Replaces the provenance (more picks) and logs `sources_added`. */
  updateProvenance(id: string, provenance: DecisionProvenance, actor: DecisionActorRef, at: string): Promise<StoredDraft | undefined>;
  /**
   * Freezes the next version and sets the status to `uebergeben`, if the draft's status is one of
   * `from`. Undefined (nothing written) otherwise.
   */
  freezeVersion(id: string, from: readonly DraftStatus[], version: NewVersion): Promise<{ draft: StoredDraft; version: DecisionVersionMeta } | undefined>;
  /** Moves the draft from `from` to `to` (with a decision record for outcomes); undefined if it was not in `from`. */
  changeStatus(
    id: string,
    from: DraftStatus,
    to: DraftStatus,
    actor: DecisionActorRef,
    at: string,
    decision?: DecisionRecord,
  ): Promise<StoredDraft | undefined>;
  listVersions(draftId: string): Promise<DecisionVersionMeta[]>;
  /** A frozen version with its content exactly as stored (the hashed canonical JSON). */
  findVersion(draftId: string, number: number): Promise<{ meta: DecisionVersionMeta; contentJson: string } | undefined>;
  addComment(comment: DecisionComment): Promise<void>;
  listComments(draftId: string): Promise<DecisionComment[]>;
  listAudit(draftId: string): Promise<DecisionAuditEvent[]>;
  /** Appends an event without a status change (e.g. a corrected vote outcome the draft uses). */
  appendAudit(draftId: string, at: string, actor: DecisionActorRef, action: AuditAction): Promise<void>;

  /** Stores the invitation in the organisation of its creator (`createdBy`). */
  createInvitation(record: Omit<InvitationRecord, 'organisationId'>, codeHash: string): Promise<InvitationRecord>;
  /** The organisation's invitations, newest first. */
  listInvitations(organisationId: string): Promise<InvitationRecord[]>;
  /** Any invitation by id (open, used, expired or withdrawn). */
  findInvitation(id: string): Promise<InvitationRecord | undefined>;
  /** An invitation that can still be redeemed (unused, not withdrawn, not expired at `now`). */
  findOpenInvitation(codeHash: string, now: string): Promise<InvitationRecord | undefined>;
  /** Withdraws an unused invitation; false if unknown or used. */
  withdrawInvitation(id: string, at: string): Promise<boolean>;
  /** Uses the invitation up and creates the member, atomically; undefined if it was not open any more. */
  redeemInvitation(codeHash: string, now: string, member: Omit<LenkungskreisMemberRecord, 'organisationId'>, tokenHash: string): Promise<LenkungskreisMemberRecord | undefined>;
  /** The (unrevoked) member a token belongs to. */
  findMemberByToken(tokenHash: string): Promise<LenkungskreisMemberRecord | undefined>;
  /** Any member by id, revoked ones included. */
  findMember(id: string): Promise<LenkungskreisMemberRecord | undefined>;
  /** The organisation's members, oldest first (revoked ones included). */
  listMembers(organisationId: string): Promise<LenkungskreisMemberRecord[]>;
  revokeMember(id: string, at: string): Promise<boolean>;
  /** The device (and its unrevoked member) a token belongs to, unless the device was revoked. */
  findDeviceByToken(tokenHash: string): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined>;
  /** A member's devices, oldest first (revoked ones included). */
  listDevices(memberId: string): Promise<LenkungskreisDeviceRecord[]>;
  revokeDevice(memberId: string, deviceId: string, at: string): Promise<boolean>;
  /** Stores a single-use link code (hash only) that binds another device to the member until `expiresAt`. */
  createDeviceLink(memberId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void>;
  /** The member of an open (unused, unexpired) link; its member must not be revoked. */
  findOpenDeviceLink(codeHash: string, now: string): Promise<LenkungskreisMemberRecord | undefined>;
  /** Uses the link up and adds the device, atomically; undefined if the link was not open any more. */
  redeemDeviceLink(codeHash: string, now: string, device: Omit<LenkungskreisDeviceRecord, 'memberId' | 'revokedAt'>, tokenHash: string): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined>;
}

/** An organisation's settings its staff can change in the app. */
export type SettingKey = 'privacyNotice';

export interface StoredSetting {
  value: string;
  /** The account that wrote it. */
  updatedBy: string;
  updatedAt: string;
}

export interface SettingsStore {
  get(organisationId: string, key: SettingKey): Promise<StoredSetting | undefined>;
  /** Writes the organisation's setting; `null` removes it (the built-in default applies again). */
  set(organisationId: string, key: SettingKey, value: string | null, by: string, at: string): Promise<void>;
}

/**
 * Files rendered once and kept: the PDF of a frozen version that OParl publishes, so its size
 * and checksum always describe the bytes served. Keyed by a caller-chosen key; a file belongs
 * to a draft and goes with it.
 */
export interface StoredExportFile {
  key: string;
  draftId: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  /** Lower-case hex SHA-512 of `bytes`. */
  sha512: string;
  /** ISO timestamp of the render. */
  createdAt: string;
}

export interface ExportFileStore {
  get(key: string): Promise<StoredExportFile | undefined>;
  /** Stores the file unless one is stored under its key already; resolves with the stored one (first writer wins). */
  put(file: StoredExportFile): Promise<StoredExportFile>;
}

export interface Store {
  docs: DocStore;
  settings: SettingsStore;
  organisations: OrganisationStore;
  accounts: AccountStore;
  sessions: SessionStore;
  moderation: ModerationStore;
  votes: VoteStore;
  decisions: DecisionStore;
  exportFiles: ExportFileStore;
  close(): Promise<void>;
}
