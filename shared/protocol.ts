/**
 * Version of the wire protocol between client and server (Yjs endpoint and socket.io).
 * Bump it when a change would make an older client corrupt a document; raise
 * MIN_PROTOCOL_VERSION when older clients must be refused (close code `protocolTooOld`).
 */
export const PROTOCOL_VERSION = 1;
export const MIN_PROTOCOL_VERSION = 1;

/** Query parameter names the Yjs endpoint reads from the WebSocket URL. */
export const YjsParams = {
  token: 'token',
  protocolVersion: 'v',
  /** `1`: a session's projector, authenticated by the moderator's login cookie instead of a token (read-only, no presence). */
  projector: 'projector',
} as const;

/** Path prefixes of the single HTTP port. */
export const Paths = {
  api: '/api',
  yjs: '/yjs',
  socketIo: '/socket.io',
} as const;
