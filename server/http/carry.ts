/**
 * Boards across sessions, read side: which sessions a board was carried forward from, and what
 * changed on it since one of them (shared/schema/carry.ts). Carrying forward itself happens when a
 * moderator creates a follow-up session (`POST /sessions/:id/duplicate` with `carryForward`).
 *
 * Who may ask: the session's moderators and participants (the board is theirs to see). The
 * sessions they may compare with are exactly the board's chain of origins, which only the server
 * writes, so nobody reaches a session outside it.
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import type { BoardChangesResponse, BoardSource, BoardSourcesResponse } from '../../shared/api';
import { docName } from '../../shared/docs';
import { boardChanges, isCarriedKind, readBoardOrigin, type CarriedKind } from '../../shared/schema/carry';
import type { SessionRecord } from '../store/types';
import type { ApiContext } from './context';
import { resolveCaller, sessionRoleOf } from './decisionAccess';
import { ApiError, notFound } from './errors';
import { ErrorId } from '../../shared/errors';

/** How far back a chain of follow-up sessions is followed (a process of many years). */
const MAX_CHAIN = 50;

interface BoardParams {
  id: string;
  kind: string;
}

const toSource = (s: SessionRecord): BoardSource => ({ id: s.id, title: s.title, date: s.date });

export function registerCarryRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  const board = async (sessionId: string, kind: CarriedKind): Promise<Y.Doc> => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await ctx.live().readState(docName(sessionId, kind)));
    return doc;
  };

  /** The session and board kind, if the caller is in the session; 404 otherwise. */
  const access = async (req: Parameters<typeof resolveCaller>[0], params: BoardParams): Promise<{ session: SessionRecord; kind: CarriedKind }> => {
    const caller = await resolveCaller(req, store);
    const session = await store.sessions.findById(params.id);
    if (!session || !sessionRoleOf(caller, session)) throw notFound('Session not found');
    if (!isCarriedKind(params.kind)) throw new ApiError(400, ErrorId.validation, `kind: not a board that is carried forward: ${params.kind}`, 'kind');
    return { session, kind: params.kind };
  };

  /** The board's origins, nearest first, with each one's board (sessions since deleted end the chain). */
  const chain = async (session: SessionRecord, kind: CarriedKind): Promise<{ source: SessionRecord; doc: Y.Doc }[]> => {
    const out: { source: SessionRecord; doc: Y.Doc }[] = [];
    const seen = new Set([session.id]);
    let doc = await board(session.id, kind);
    for (let origin = readBoardOrigin(doc); origin !== null && !seen.has(origin) && out.length < MAX_CHAIN; origin = readBoardOrigin(doc)) {
      seen.add(origin);
      const source = await store.sessions.findById(origin);
      // Only the server writes origins, from a session the same staff moderated; checked anyway.
      if (!source || source.organisationId !== session.organisationId) break;
      doc = await board(source.id, kind);
      out.push({ source, doc });
    }
    return out;
  };

  api.get<{ Params: BoardParams }>('/sessions/:id/boards/:kind/sources', async (req): Promise<BoardSourcesResponse> => {
    const { session, kind } = await access(req, req.params);
    return { sources: (await chain(session, kind)).map((c) => toSource(c.source)) };
  });

  api.get<{ Params: BoardParams; Querystring: { since?: string } }>('/sessions/:id/boards/:kind/changes', async (req): Promise<BoardChangesResponse> => {
    const { session, kind } = await access(req, req.params);
    const since = req.query.since;
    if (typeof since !== 'string' || since === '') throw new ApiError(400, ErrorId.validation, 'since: the session to compare with is missing', 'since');
    const link = (await chain(session, kind)).find((c) => c.source.id === since);
    if (!link) throw notFound('This board was not carried forward from that session');
    return { since: toSource(link.source), changes: boardChanges(kind, link.doc, await board(session.id, kind)) };
  });
}
