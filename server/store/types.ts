/**
 * The storage interface. The sync code and the API talk only to these interfaces, so the
 * embedded SQLite store and a PostgreSQL store are two implementations of the same functions.
 * All methods are async so that a networked database fits without touching the callers.
 */
import type { DocKind } from '../../shared/docs';
import type { SessionKind, SessionRole, SessionTemplate } from '../../shared/domain';
import type { ActorGroup, AgendaItem, Speaker } from '../../shared/moderation';
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

export interface Account {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  createdAt: string;
}

export interface AccountStore {
  count(): Promise<number>;
  findByEmail(email: string): Promise<Account | undefined>;
  findById(id: string): Promise<Account | undefined>;
  /** Creates the account, or updates name and password if the email exists. */
  upsert(input: { email: string; displayName: string; passwordHash: string }): Promise<Account>;
  /** Login sessions (cookies); only a hash of the cookie value is stored. */
  createLogin(accountId: string, tokenHash: string, expiresAt: string): Promise<void>;
  findLogin(tokenHash: string): Promise<{ accountId: string; expiresAt: string } | undefined>;
  deleteLogin(tokenHash: string): Promise<void>;
  /** One-time setup tokens for the first moderator account (hash only). */
  createSetupToken(tokenHash: string, expiresAt: string): Promise<void>;
  /** Deletes and returns whether a valid, unexpired token with this hash existed. */
  consumeSetupToken(tokenHash: string, now: string): Promise<boolean>;
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
  create(record: SessionRecord): Promise<void>;
  findById(id: string): Promise<SessionRecord | undefined>;
  findByJoinCode(code: string): Promise<SessionRecord | undefined>;
  findByObserverCode(code: string): Promise<SessionRecord | undefined>;
  listForAccount(accountId: string): Promise<SessionRecord[]>;
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
  speakers: { current: Speaker | null; queue: Speaker[] };
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
  /** Deletes a person's ballots and participation in the session's open rounds; returns those rounds' ids. */
  withdrawFromOpenRounds(sessionId: string, participantId: string): Promise<string[]>;
  /** Records an outcome of a closed round's option and returns the updated result. */
  markOutcome(roundId: string, mark: OutcomeMark, markedBy: string): Promise<RoundResult | undefined>;
}

export interface Store {
  docs: DocStore;
  accounts: AccountStore;
  sessions: SessionStore;
  moderation: ModerationStore;
  votes: VoteStore;
  close(): Promise<void>;
}
