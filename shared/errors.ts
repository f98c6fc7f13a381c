/**
 * Stable error ids returned by the HTTP API (`{ error: { id, message, field? } }`) and by
 * socket.io acknowledgements. Clients and tests match on the id, never on the message text.
 */
export const ErrorId = {
  validation: 'validation_error',
  invalidJson: 'invalid_json',
  /** A request body in another media type than `application/json` (415). */
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  invalidCredentials: 'invalid_credentials',
  setupNotAvailable: 'setup_not_available',
  unknownJoinCode: 'unknown_join_code',
  tooManyRequests: 'too_many_requests',
  protocolTooOld: 'protocol_too_old',
  internal: 'internal_error',
  // socket.io events (moderation and votes)
  /** The event is for moderators only. */
  notModerator: 'not_moderator',
  /** This role may not do that: observers (read-only) and moderators do not vote or raise hands. */
  notEligible: 'not_eligible',
  /** The person, round or agenda item belongs to another session. */
  wrongSession: 'wrong_session',
  /** The round is closed (or cancelled): no more ballots, manual votes or closing. */
  roundClosed: 'round_closed',
  /** The round is still open: outcomes can only be marked on a closed round. */
  roundOpen: 'round_open',
  /** The ballot does not fit the round (method, options, every option answered). */
  invalidBallot: 'invalid_ballot',
  /** More dots than the budget, or more on one option than allowed. */
  dotBudgetExceeded: 'dot_budget_exceeded',
  /** Not possible in this kind of session (an interfraktionelle Arbeitsgruppe takes Meinungsbilder only, marks no outcomes). */
  methodNotAllowed: 'method_not_allowed',
  /** A moderator cannot change their own role or remove themselves. */
  notOnSelf: 'not_on_self',
  /** The request no longer fits the state: a reorder list that is not the current agenda, a full agenda. */
  conflict: 'conflict',
  // Decision drafts and the Lenkungskreis (HTTP)
  /** The status change is not allowed from the draft's current status. */
  illegalTransition: 'illegal_transition',
  /** Only a role the caller does not have may do that (e.g. record a decision: Lenkungskreis only). */
  roleRequired: 'role_required',
  /** Hand-over refused: the completeness check has blocking findings (see `GET …/check`). */
  draftIncomplete: 'draft_incomplete',
  /** A picked source (board item, round option) does not exist in the session. */
  unknownSource: 'unknown_source',
  /** No valid Lenkungskreis invitation has this code (unknown, used, expired or withdrawn). */
  invalidInvitation: 'invalid_invitation',
  /** The export job has not finished (yet), or it failed. */
  exportNotReady: 'export_not_ready',
  /** Too many unfinished exports for this caller or this session; retry when one has finished. */
  tooManyExports: 'too_many_exports',
  /** A stored document of the session could not be read (the message names it); nothing was changed. */
  documentUnreadable: 'document_unreadable',
  /** The picks would give the draft more rows than a draft may hold (the message names the table). */
  draftTooLarge: 'draft_too_large',
  // Session management
  /** The session is archived: read-only for everyone, nobody joins; restore it to work in it again. */
  sessionArchived: 'session_archived',
  /** The creator of the session is its moderator already; co-moderators are other accounts. */
  alreadyModerator: 'already_moderator',
  // Organisations and their staff
  /** The change would leave the organisation without an administrator. */
  lastAdmin: 'last_admin',
  /** An account with this email exists already (in this or another organisation). */
  emailTaken: 'email_taken',
} as const;

export type ErrorIdValue = (typeof ErrorId)[keyof typeof ErrorId];

export interface ApiErrorBody {
  error: {
    id: ErrorIdValue;
    message: string;
    /** The offending input field, for validation errors (dotted path, e.g. `title`). */
    field?: string;
  };
}
