/**
 * WebSocket close codes used by the Yjs endpoint. Defined once here and used by server and client.
 *
 * The stock y-websocket client treats 4400–4499 as permanent (it stops reconnecting and emits
 * `closed`); every other code is retried with back-off. So codes for "you may try again later"
 * (storage unavailable, server shutting down, rate limit) deliberately sit outside that range.
 */
export const CloseCode = {
  /** Malformed frame: not a valid y-websocket message or not a valid Yjs update. */
  badRequest: { code: 4400, reason: 'Malformed message' },
  /** Missing, unknown, expired or revoked token. */
  unauthenticated: { code: 4401, reason: 'Authentication failed' },
  /** Valid token, but for another session or a document this role may not open. */
  forbidden: { code: 4403, reason: 'Forbidden' },
  /** The document name is not one Werkraum knows. */
  unknownDocument: { code: 4404, reason: 'Unknown document' },
  /** The document reached its size cap; further updates are refused. */
  documentTooLarge: { code: 4409, reason: 'Document size limit reached' },
  /** A frame larger than the per-message limit (Limits.maxFrameBytes). */
  payloadTooLarge: { code: 4413, reason: 'Message too large' },
  /**
   * A frame so large (over 4 × Limits.maxFrameBytes) that the WebSocket layer refuses it from its
   * header, before reading it: the standard code 1009 is sent by the `ws` library itself.
   */
  frameTooLarge: { code: 1009, reason: 'Message too big' },
  /**
   * A participant's edit reached a board the moderation has locked. The edit was not applied;
   * the client must drop its local copy of the document and load it afresh, or its later edits
   * would depend on the refused one and never apply.
   */
  documentLocked: { code: 4423, reason: 'Board locked by the moderation' },
  /**
   * An update that would make the document invalid for its kind (see `shared/schema/rules/`):
   * structure, sizes, identifiers, fields only the server writes, authorship. Nothing of it was
   * stored or relayed. As for a locked board, the client must drop its local copy of the document
   * (including any offline cache) and load it afresh: its later edits would depend on the refused
   * one, and sending it again is refused again.
   */
  contentRefused: { code: 4422, reason: 'Update refused: invalid document content' },
  /** The client speaks an older protocol version than the server accepts. */
  protocolTooOld: { code: 4426, reason: 'Client too old, please reload' },
  /** The client sent more messages than allowed; it may reconnect after back-off. */
  rateLimited: { code: 4529, reason: 'Too many messages' },
  /** The document could not be loaded from storage; the client retries later. */
  storageUnavailable: { code: 4503, reason: 'Storage unavailable' },
  /** The server is shutting down; the client retries and reaches the restarted server. */
  shuttingDown: { code: 4501, reason: 'Server restarting' },
  /** The session was archived or restored: the client reconnects and gets the new access (read-only while archived). */
  sessionChanged: { code: 4502, reason: 'Session archived or restored' },
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** Looks up the name of a close code, for logs and UI messages. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  for (const [name, value] of Object.entries(CloseCode)) {
    if (value.code === code) return name as CloseCodeName;
  }
  return undefined;
}

/** True when the stock y-websocket client will not reconnect after this close code. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
