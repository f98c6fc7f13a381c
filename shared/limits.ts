/** Limits both sides agree on. The server enforces them; the client uses them to warn early. */
export const Limits = {
  /** Largest single WebSocket frame the Yjs endpoint accepts (bytes). */
  maxFrameBytes: 1024 * 1024,
  /** Frames above this are refused by the WebSocket layer before they are read (close 1009). */
  hardMaxFrameBytes: 4 * 1024 * 1024,
  /** Largest stored document state (bytes) before further updates are refused. */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Largest JSON body the HTTP API accepts (bytes). */
  maxJsonBodyBytes: 64 * 1024,
  /** Messages per connection per second (sustained) and burst before the connection is closed. */
  messagesPerSecond: 50,
  messageBurst: 200,
  /** Awareness (presence) messages per connection per second (sustained) and burst. */
  awarenessPerSecond: 10,
  awarenessBurst: 30,
  displayNameMaxLength: 60,
  sessionTitleMaxLength: 200,
  passwordMinLength: 10,
  passwordMaxLength: 200,
} as const;
