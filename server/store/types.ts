/**
 * The storage interface. The sync code and the API talk only to these interfaces, so the
 * embedded SQLite store and a PostgreSQL store are two implementations of the same functions.
 * All methods are async so that a networked database fits without touching the callers.
 */
import type { SessionKind, SessionRole, SessionTemplate } from '../../shared/domain';

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

export interface Store {
  docs: DocStore;
  accounts: AccountStore;
  sessions: SessionStore;
  close(): Promise<void>;
}
