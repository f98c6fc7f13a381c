import type { FastifyInstance } from 'fastify';
import {
  CreateSessionRequest,
  type JoinResponse,
  type SessionForModerator,
  type SessionPublic,
} from '../../shared/api';
import { JOIN_CODE_LENGTH, OBSERVER_CODE_LENGTH } from '../../shared/domain';
import { newId, newJoinCode } from '../auth/tokens';
import { StoreConflictError } from '../store/errors';
import type { Account, SessionRecord, Store } from '../store/types';
import { admitToSession } from './admit';
import { resolveParticipant } from '../auth/participants';
import { bearerToken, requireAccount } from './authn';
import type { ApiContext } from './context';
import { forbidden, notFound, parseInput, unauthenticated } from './errors';
import { toSessionForModerator, toSessionPublic } from './views';

/** Drawing a join code that is taken is rare (~10^-9 per live session); a few retries suffice. */
const CODE_ATTEMPTS = 5;

interface IdParams {
  id: string;
}

/** Sessions as moderators manage them: list, create, view, enter. */
export function registerSessionRoutes(api: FastifyInstance, { store }: ApiContext): void {
  api.get('/sessions', async (req): Promise<{ sessions: SessionForModerator[] }> => {
    const account = await requireAccount(req, store);
    const sessions = await store.sessions.listForAccount(account.id);
    return { sessions: sessions.map(toSessionForModerator) };
  });

  api.post('/sessions', async (req, reply): Promise<{ session: SessionForModerator }> => {
    const account = await requireAccount(req, store);
    const input = parseInput(CreateSessionRequest, req.body);
    const record = await createWithFreshCodes(store, {
      id: newId(),
      title: input.title,
      kind: input.kind,
      date: input.date,
      template: input.template,
      createdBy: account.id,
      createdAt: new Date().toISOString(),
    });
    reply.code(201);
    return { session: toSessionForModerator(record) };
  });

  api.get<{ Params: IdParams }>(
    '/sessions/:id',
    async (req): Promise<{ session: SessionForModerator } | { session: SessionPublic }> => {
      // A participant token is explicit and wins over a login cookie the browser may also send.
      const token = bearerToken(req);
      if (token) {
        const participant = await resolveParticipant(store, token);
        if (!participant) throw unauthenticated('Token not valid for any session');
        if (participant.sessionId !== req.params.id) throw forbidden('Token belongs to another session');
        const session = await store.sessions.findById(req.params.id);
        if (!session) throw notFound('Session not found');
        return { session: toSessionPublic(session) };
      }
      const { session } = await ownSession(store, await requireAccount(req, store), req.params.id);
      return { session: toSessionForModerator(session) };
    },
  );

  api.post<{ Params: IdParams }>('/sessions/:id/enter', async (req, reply): Promise<JoinResponse> => {
    const { account, session } = await ownSession(store, await requireAccount(req, store), req.params.id);
    const joined = await admitToSession(store, session, {
      role: 'moderator',
      displayName: account.displayName,
      accountId: account.id,
    });
    reply.code(201);
    return joined;
  });
}

/** The session, if it exists and this account created it. */
async function ownSession(
  store: Store,
  account: Account,
  id: string,
): Promise<{ account: Account; session: SessionRecord }> {
  const session = await store.sessions.findById(id);
  if (!session) throw notFound('Session not found');
  if (session.createdBy !== account.id) throw forbidden('Only the moderator who created this session may do that');
  return { account, session };
}

async function createWithFreshCodes(
  store: Store,
  base: Omit<SessionRecord, 'joinCode' | 'observerCode'>,
): Promise<SessionRecord> {
  for (let attempt = 1; ; attempt++) {
    const record: SessionRecord = {
      ...base,
      joinCode: newJoinCode(JOIN_CODE_LENGTH),
      observerCode: newJoinCode(OBSERVER_CODE_LENGTH),
    };
    try {
      await store.sessions.create(record);
      return record;
    } catch (err) {
      const codeTaken = err instanceof StoreConflictError && /code/.test(err.constraint ?? '');
      if (!codeTaken || attempt >= CODE_ATTEMPTS) throw err;
    }
  }
}
