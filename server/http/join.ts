import type { FastifyInstance } from 'fastify';
import { JoinRequest, type JoinPreview, type JoinResponse } from '../../shared/api';
import {
  isJoinCodeShaped,
  JOIN_CODE_LENGTH,
  normalizeJoinCode,
  OBSERVER_CODE_LENGTH,
  type SessionRole,
} from '../../shared/domain';
import { ErrorId } from '../../shared/errors';
import type { SessionRecord, Store } from '../store/types';
import { admitToSession } from './admit';
import type { ApiContext } from './context';
import { ApiError, parseInput } from './errors';
import { limitAttempts } from './rateLimit';
import { toSessionPublic } from './views';

/** Joining a session with the code from the projector: no account needed. */
export function registerJoinRoutes(api: FastifyInstance, { store, limiters }: ApiContext): void {
  // Preview and join share one budget: both are ways to try codes.
  const limit = limitAttempts(limiters.join, 'join');

  api.get<{ Params: { code: string } }>('/join/:code', limit, async (req): Promise<JoinPreview> => {
    const { session, role } = await resolveCode(store, req.params.code);
    return { session: toSessionPublic(session), role };
  });

  api.post('/join', limit, async (req, reply): Promise<JoinResponse> => {
    const input = parseInput(JoinRequest, req.body);
    const { session, role } = await resolveCode(store, input.code);
    if (session.archivedAt !== null) throw new ApiError(409, ErrorId.sessionArchived, 'The session is archived; nobody joins it');
    const joined = await admitToSession(store, session, { role, displayName: input.name, accountId: null });
    reply.code(201);
    return joined;
  });
}

/** A join code makes a participant, the (longer) observer code an observer. */
async function resolveCode(store: Store, input: string): Promise<{ session: SessionRecord; role: SessionRole }> {
  const code = normalizeJoinCode(input);
  let found: { session: SessionRecord | undefined; role: SessionRole } | undefined;
  if (isJoinCodeShaped(code, JOIN_CODE_LENGTH)) {
    found = { session: await store.sessions.findByJoinCode(code), role: 'participant' };
  } else if (isJoinCodeShaped(code, OBSERVER_CODE_LENGTH)) {
    found = { session: await store.sessions.findByObserverCode(code), role: 'observer' };
  }
  if (!found?.session) throw new ApiError(404, ErrorId.unknownJoinCode, 'No session with this code');
  return { session: found.session, role: found.role };
}
