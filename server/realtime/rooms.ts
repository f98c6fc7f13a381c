/** socket.io room names: everyone of a session, one person's sockets, a session's moderators. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const participantRoom = (participantId: string) => `participant:${participantId}`;
export const moderatorsRoom = (sessionId: string) => `moderators:${sessionId}`;
