import type { FastifyInstance } from 'fastify';
import {
  AddModeratorRequest,
  type AccountsResponse,
  type SessionsResponse,
  CreateSessionRequest,
  DuplicateSessionRequest,
  type JoinResponse,
  type SessionContents,
  type SessionForModerator,
  type SessionMinutes,
  type SessionMinutesPatch,
  type SessionPublic,
  UpdateSessionRequest,
} from '../../shared/api';
import { docName } from '../../shared/docs';
import { CARRIED_KINDS, carryForward } from '../../shared/schema/carry';
import { JOIN_CODE_LENGTH, OBSERVER_CODE_LENGTH } from '../../shared/domain';
import { ErrorId } from '../../shared/errors';
import { Limits } from '../../shared/limits';
import type { AgendaItem } from '../../shared/moderation';
import { templateAgenda } from '../../shared/sessionTemplates';
import { newId, newJoinCode } from '../auth/tokens';
import { StoreConflictError } from '../store/errors';
import { type Account, EMPTY_SESSION_MINUTES, isSessionModerator, type NewSessionRecord, type SessionRecord, type Store, type StoredCourse } from '../store/types';
import { admitToSession } from './admit';
import { resolveParticipant } from '../auth/participants';
import { bearerToken, requireAccount } from './authn';
import type { ApiContext } from './context';
import { ApiError, forbidden, notFound, parseInput, unauthenticated } from './errors';
import { toColleagueSession, toSessionForModerator, toSessionPublic, toUserInfo } from './views';

/** Drawing a join code that is taken is rare (~10^-9 per live session); a few retries suffice. */
const CODE_ATTEMPTS = 5;

/** The shared documents a duplicate copies with `copyContent` (not the decision drafts, not private drafts). */
const COPIED_DOCS = ['notes', 'swot', 'priorities', 'goals', 'actions', 'canvas'] as const;

const COPY_SUFFIX = ' (Kopie)';
const FOLLOW_UP_SUFFIX = ' (Folgesitzung)';

interface IdParams {
  id: string;
}

/**
 * Sessions as moderators manage them: list, create, view, enter; rename, archive and restore,
 * duplicate, delete; co-moderators. A session's moderators are the account that created it and
 * the accounts it added as co-moderators: they all see its codes, enter it as moderators, open its
 * projector, rename, archive, restore and duplicate it. Deleting it and choosing co-moderators is
 * for its creator alone. Sessions belong to the organisation of their creator: co-moderators are
 * colleagues of that organisation, and any colleague may take a session over (join it as
 * co-moderator). A session of another organisation does not exist for an account (404).
 */
export function registerSessionRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  /** The moderator view of a session, with the co-moderators' names. */
  const view = async (session: SessionRecord): Promise<SessionForModerator> => {
    const accounts = new Map<string, Account>();
    for (const id of session.coModeratorIds) {
      const account = await store.accounts.findById(id);
      if (account) accounts.set(id, account);
    }
    return toSessionForModerator(session, (id) => accounts.get(id));
  };

  api.get('/sessions', async (req): Promise<SessionsResponse> => {
    const account = await requireAccount(req, store);
    const all = await store.sessions.listInOrganisation(account.organisationId);
    const accounts = new Map((await store.accounts.listInOrganisation(account.organisationId)).map((a) => [a.id, a]));
    const accountOf = (id: string) => accounts.get(id);
    const mine = all.filter((s) => isSessionModerator(s, account.id));
    const colleagues = all.filter((s) => !isSessionModerator(s, account.id));
    return {
      sessions: mine.map((s) => toSessionForModerator(s, accountOf)),
      colleagueSessions: colleagues.map((s) => toColleagueSession(s, accountOf)),
    };
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
    }, account.organisationId);
    const agenda = input.prefillAgenda ? templateAgenda(input.template).map((step) => agendaItem(step)) : [];
    if (agenda.length > 0) await store.moderation.saveCourse(record.id, newCourse(agenda), null);
    reply.code(201);
    return { session: await view(record) };
  });

  /** The colleagues of the caller's organisation, to choose co-moderators from. */
  api.get('/accounts', async (req): Promise<AccountsResponse> => {
    const account = await requireAccount(req, store);
    return { accounts: (await store.accounts.listInOrganisation(account.organisationId)).map(toUserInfo) };
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
      const { session } = await moderatedSession(store, await requireAccount(req, store), req.params.id);
      return { session: await view(session) };
    },
  );

  api.post<{ Params: IdParams }>('/sessions/:id/enter', async (req, reply): Promise<JoinResponse> => {
    const { account, session } = await moderatedSession(store, await requireAccount(req, store), req.params.id);
    const joined = await admitToSession(store, session, {
      role: 'moderator',
      displayName: account.displayName,
      accountId: account.id,
    });
    reply.code(201);
    return joined;
  });

  api.patch<{ Params: IdParams }>('/sessions/:id', async (req): Promise<{ session: SessionForModerator }> => {
    const { session } = await moderatedSession(store, await requireAccount(req, store), req.params.id);
    const input = parseInput(UpdateSessionRequest, req.body);
    // Checked whole before anything is stored: a refused change leaves title and facts as they were.
    const minutes = input.minutes !== undefined ? mergeMinutes(session.minutes, input.minutes) : session.minutes;
    if (input.title !== undefined && input.title !== session.title) await store.sessions.rename(session.id, input.title);
    if (!sameMinutes(minutes, session.minutes)) await store.sessions.setMinutes(session.id, minutes);
    const archive = input.archived !== undefined && input.archived !== (session.archivedAt !== null);
    if (archive) await store.sessions.setArchived(session.id, input.archived ? new Date().toISOString() : null);
    const updated = await store.sessions.findById(session.id);
    if (!updated) throw notFound('Session not found');
    if (archive || updated.title !== session.title) await ctx.live().updated(updated, archive);
    return { session: await view(updated) };
  });

  api.post<{ Params: IdParams }>('/sessions/:id/duplicate', async (req, reply): Promise<{ session: SessionForModerator }> => {
    const { account, session } = await moderatedSession(store, await requireAccount(req, store), req.params.id);
    const input = parseInput(DuplicateSessionRequest, req.body ?? {});
    const record = await createWithFreshCodes(store, {
      id: newId(),
      title: copyTitle(session.title, input.carryForward ? FOLLOW_UP_SUFFIX : COPY_SUFFIX),
      kind: session.kind,
      date: session.date,
      template: session.template,
      createdBy: account.id,
      createdAt: new Date().toISOString(),
    }, account.organisationId);
    // The place and the minute-taker usually stay; the times are the new session's own.
    if (session.minutes.place !== '' || session.minutes.minuteTaker !== '') {
      await store.sessions.setMinutes(record.id, { ...EMPTY_SESSION_MINUTES, place: session.minutes.place, minuteTaker: session.minutes.minuteTaker });
    }
    const course = await store.moderation.loadCourse(session.id);
    const agenda = (course?.agenda ?? []).map((item) => agendaItem(item));
    if (agenda.length > 0) await store.moderation.saveCourse(record.id, newCourse(agenda), null);
    if (input.carryForward) {
      for (const kind of CARRIED_KINDS) {
        const state = await ctx.live().readState(docName(session.id, kind));
        if (state.byteLength > 2) await store.docs.append(docName(record.id, kind), [carryForward(kind, state, session.id)]);
      }
    } else if (input.copyContent) {
      for (const kind of COPIED_DOCS) {
        const state = await ctx.live().readState(docName(session.id, kind));
        // An empty document encodes as two zero bytes: nothing to copy.
        if (state.byteLength > 2) await store.docs.append(docName(record.id, kind), [state]);
      }
    }
    reply.code(201);
    return { session: await view((await store.sessions.findById(record.id)) ?? record) };
  });

  api.get<{ Params: IdParams }>('/sessions/:id/contents', async (req): Promise<SessionContents> => {
    const { session } = await moderatedSession(store, await requireAccount(req, store), req.params.id);
    return store.sessions.contents(session.id);
  });

  api.delete<{ Params: IdParams }>('/sessions/:id', async (req): Promise<{ deleted: SessionContents }> => {
    const { session } = await ownSession(store, await requireAccount(req, store), req.params.id);
    await ctx.live().discard(session.id);
    const deleted = await store.sessions.delete(session.id);
    if (!deleted) throw notFound('Session not found');
    return { deleted };
  });

  api.post<{ Params: IdParams }>('/sessions/:id/moderators', async (req): Promise<{ session: SessionForModerator }> => {
    const { account, session } = await ownSession(store, await requireAccount(req, store), req.params.id);
    const input = parseInput(AddModeratorRequest, req.body);
    const coModerator = await store.accounts.findById(input.accountId);
    // Co-moderators are colleagues: an account of another organisation does not exist here.
    if (!coModerator || coModerator.organisationId !== session.organisationId) {
      throw new ApiError(400, ErrorId.validation, 'accountId: no such colleague in this organisation', 'accountId');
    }
    if (coModerator.id === session.createdBy) throw new ApiError(409, ErrorId.alreadyModerator, 'The creator moderates the session already');
    await store.sessions.addCoModerator(session.id, coModerator.id, account.id, new Date().toISOString());
    return { session: await view((await store.sessions.findById(session.id))!) };
  });

  /** A colleague takes the session over: joins it as co-moderator (logged). */
  api.post<{ Params: IdParams }>('/sessions/:id/take-over', async (req): Promise<{ session: SessionForModerator }> => {
    const account = await requireAccount(req, store);
    const session = await organisationSession(store, account, req.params.id);
    if (isSessionModerator(session, account.id)) throw new ApiError(409, ErrorId.alreadyModerator, 'You moderate this session already');
    await store.sessions.addCoModerator(session.id, account.id, account.id, new Date().toISOString());
    req.log.info({ sessionId: session.id, accountId: account.id, createdBy: session.createdBy }, 'colleague took over a session as co-moderator');
    return { session: await view((await store.sessions.findById(session.id))!) };
  });

  api.delete<{ Params: IdParams & { accountId: string } }>('/sessions/:id/moderators/:accountId', async (req): Promise<{ session: SessionForModerator }> => {
    const { session } = await ownSession(store, await requireAccount(req, store), req.params.id);
    if (!(await store.sessions.removeCoModerator(session.id, req.params.accountId))) throw notFound('Not a co-moderator of this session');
    // Tokens the co-moderator already holds stay moderator tokens of the room until revoked there.
    return { session: await view((await store.sessions.findById(session.id))!) };
  });
}

/**
 * The minutes facts after a change: fields left out stay. An end before the start is refused
 * (400 validation_error naming `minutes.endTime`); a session running past midnight is not a case
 * the facts know.
 */
export function mergeMinutes(current: SessionMinutes, patch: SessionMinutesPatch): SessionMinutes {
  const next: SessionMinutes = {
    place: patch.place ?? current.place,
    minuteTaker: patch.minuteTaker ?? current.minuteTaker,
    startTime: patch.startTime !== undefined ? patch.startTime : current.startTime,
    endTime: patch.endTime !== undefined ? patch.endTime : current.endTime,
  };
  if (next.startTime !== null && next.endTime !== null && next.endTime < next.startTime) {
    throw new ApiError(400, ErrorId.validation, `minutes.endTime: the session cannot end (${next.endTime}) before it starts (${next.startTime})`, 'minutes.endTime');
  }
  return next;
}

function sameMinutes(a: SessionMinutes, b: SessionMinutes): boolean {
  return a.place === b.place && a.minuteTaker === b.minuteTaker && a.startTime === b.startTime && a.endTime === b.endTime;
}

/** A fresh agenda item (new id, idle timer) from a template step or another session's item. */
function agendaItem(step: Pick<AgendaItem, 'title' | 'phase' | 'board' | 'plannedMinutes'>): AgendaItem {
  const { title, phase, board, plannedMinutes } = step;
  return { id: newId(), title, phase, board, plannedMinutes, timer: { status: 'idle', durationMs: plannedMinutes * 60_000 } };
}

function newCourse(agenda: AgendaItem[]): StoredCourse {
  return {
    version: 0,
    agenda,
    currentItemId: null,
    speakers: { current: null, queue: [], firstTimeFirst: false, turnMs: null, spoken: {} },
    itemLog: [],
  };
}

/** "<title> (Kopie)", shortened so that it stays within the title limit. */
export function copyTitle(title: string, suffix = COPY_SUFFIX): string {
  const room = Limits.sessionTitleMaxLength - suffix.length;
  return [...title].slice(0, room).join('').trimEnd() + suffix;
}

/** The session, if it exists in this account's organisation (another organisation's is 404). */
async function organisationSession(store: Store, account: Account, id: string): Promise<SessionRecord> {
  const session = await store.sessions.findById(id);
  if (!session || session.organisationId !== account.organisationId) throw notFound('Session not found');
  return session;
}

/** The session, if it exists and this account moderates it (creator or co-moderator). */
async function moderatedSession(store: Store, account: Account, id: string): Promise<{ account: Account; session: SessionRecord }> {
  const session = await organisationSession(store, account, id);
  if (!isSessionModerator(session, account.id)) throw forbidden('Only a moderator of this session may do that');
  return { account, session };
}

/** The session, if it exists and this account created it. */
async function ownSession(store: Store, account: Account, id: string): Promise<{ account: Account; session: SessionRecord }> {
  const { session } = await moderatedSession(store, account, id);
  if (session.createdBy !== account.id) throw forbidden('Only the moderator who created this session may do that');
  return { account, session };
}

async function createWithFreshCodes(store: Store, base: Omit<NewSessionRecord, 'joinCode' | 'observerCode'>, organisationId: string): Promise<SessionRecord> {
  for (let attempt = 1; ; attempt++) {
    const record: NewSessionRecord = {
      ...base,
      joinCode: newJoinCode(JOIN_CODE_LENGTH),
      observerCode: newJoinCode(OBSERVER_CODE_LENGTH),
    };
    try {
      await store.sessions.create(record);
      return { ...record, organisationId, archivedAt: null, coModeratorIds: [], minutes: EMPTY_SESSION_MINUTES };
    } catch (err) {
      const codeTaken = err instanceof StoreConflictError && /code/.test(err.constraint ?? '');
      if (!codeTaken || attempt >= CODE_ATTEMPTS) throw err;
    }
  }
}
