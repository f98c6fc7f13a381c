import type { JoinResponse } from '../../shared/api';
import { participantDocNames, sessionDocNames } from '../../shared/docs';
import type { SessionRole } from '../../shared/domain';
import { hashToken, newId, newToken } from '../auth/tokens';
import type { SessionRecord, Store } from '../store/types';

/**
 * Lets a person into a session: records them with a fresh bearer token (only its hash is
 * stored) and returns what the client needs to open the session's documents and socket.
 */
export async function admitToSession(
  store: Store,
  session: SessionRecord,
  person: { role: SessionRole; displayName: string; accountId: string | null },
): Promise<JoinResponse> {
  const token = newToken();
  const participantId = newId();
  await store.sessions.addParticipant(
    {
      id: participantId,
      sessionId: session.id,
      role: person.role,
      displayName: person.displayName,
      accountId: person.accountId,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    },
    hashToken(token),
  );
  return {
    token,
    sessionId: session.id,
    participantId,
    role: person.role,
    displayName: person.displayName,
    docs: sessionDocNames(session.id),
    privateDocs: participantDocNames(session.id, participantId),
  };
}
