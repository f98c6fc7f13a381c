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
  organisationNameMaxLength: 120,
  /** The installation's privacy notice (plain text). */
  privacyNoticeMaxLength: 20_000,
  passwordMinLength: 10,
  passwordMaxLength: 200,

  // What a document may hold. The Yjs endpoint refuses an update that would go beyond
  // (close code `contentRefused`); editors should stop the input before (e.g. `maxLength`).
  /** Characters of a title, a name, a card's text, a table cell (matches `DraftLimits.textMaxLength`). */
  shortTextMaxLength: 2000,
  /** Characters of a description or a Zielfeld text. */
  longTextMaxLength: 10_000,
  /** Characters of one text run of rich text (a paragraph, a heading, a code block). */
  richTextBlockMaxLength: 50_000,
  /** Nesting of rich-text nodes (lists in lists, quotes): y-prosemirror and the readers stay well within their limits. */
  richTextMaxDepth: 24,
  /** Items (cards, topics, goal nodes, clusters) in one board map. */
  boardItemsMax: 20_000,
  /** Entries of a small list inside an item (actors of a topic, indicators of a goal, consensus links). */
  itemListMax: 100,
  /** Rows of one table of a decision draft, with room for rows added at the same moment by several people. */
  draftRowsMax: 250,
  /** Levels of the goal tree (a parent chain longer than this is refused). */
  goalTreeMaxDepth: 32,
  /** Bytes of one plain value in a document (JSON), e.g. an evidence record or a link's attributes. */
  valueMaxBytes: 4096,
  /** Named shared structures of one document (a decision draft uses 16, an action plan entry 4). */
  rootTypesMax: 50_000,
  /** Bytes of one presence (awareness) state as JSON; larger states are refused (close `payloadTooLarge`). */
  awarenessStateMaxBytes: 2048,
  /** Refused updates of one participant per minute before further updates are refused unread (close 4529). */
  refusalsPerMinute: 5,
} as const;
