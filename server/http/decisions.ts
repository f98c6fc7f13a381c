/**
 * Decision drafts over HTTP: created and handed over by a session's moderators, read by the
 * session, deliberated and decided by the Lenkungskreis. See docs/api.md ("Decision drafts and
 * the Lenkungskreis"); the shapes are in shared/decisionApi.ts.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { checkCompleteness, checkTransition, DECISION_OUTCOMES, hasBlocking, nextStatuses, type DecisionContent } from '../../shared/decision';
import {
  AddSourcesRequest,
  CommentRequest,
  CompareQuery,
  CreateDraftRequest,
  HandoverRequest,
  RecordDecisionRequest,
  StatusChangeRequest,
  type AuditResponse,
  type CheckResponse,
  type CommentResponse,
  type CommentsResponse,
  type CompareResponse,
  type DecisionDraftDetail,
  type DraftListResponse,
  type DraftResponse,
  type HandoverResponse,
  type RecordDecisionResponse,
  type VersionRef,
  type VersionResponse,
  type VersionsResponse,
} from '../../shared/decisionApi';
import { compareDecisionContent } from '../../shared/decisionDiff';
import { ErrorId } from '../../shared/errors';
import type { DecisionService } from '../decisions/service';
import type { Store } from '../store/types';
import type { ApiContext } from './context';
import {
  actorRef,
  draftAccess,
  requireDraftRole,
  requireModeratorOrLenkungskreis,
  resolveCaller,
  roleRequired,
  sessionRoleOf,
  toDraftSummary,
  type DraftAccess,
} from './decisionAccess';
import { ApiError, notFound, parseInput } from './errors';

interface SessionParams {
  id: string;
}
interface DraftParams {
  draftId: string;
}

const DECISION_ROLE_OF_OUTCOME = new Set<string>(DECISION_OUTCOMES);

export function registerDecisionRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store, decisions } = ctx;
  const access = async (req: Parameters<typeof resolveCaller>[0], draftId: string) => draftAccess(store, await resolveCaller(req, store), draftId);

  // --- Session side ------------------------------------------------------------------------

  api.post<{ Params: SessionParams }>('/sessions/:id/decisions', async (req, reply): Promise<DraftResponse> => {
    const caller = await resolveCaller(req, store);
    const session = await store.sessions.findById(req.params.id);
    const role = session ? sessionRoleOf(caller, session) : null;
    if (!session || !role) throw notFound('Session not found');
    if (role !== 'moderator') throw roleRequired('moderator');
    const input = parseInput(CreateDraftRequest, req.body);
    const actor = actorRef(caller, role);
    const draft = await decisions.create(session, input, actor);
    reply.code(201);
    return { draft: await detail(ctx, { draft, session, role, caller, actor }) };
  });

  api.get<{ Params: SessionParams }>('/sessions/:id/decisions', async (req): Promise<DraftListResponse> => {
    const caller = await resolveCaller(req, store);
    const session = await store.sessions.findById(req.params.id);
    if (!session || !sessionRoleOf(caller, session)) throw notFound('Session not found');
    const drafts = await store.decisions.listForSession(session.id);
    return { drafts: drafts.map((d) => toDraftSummary(d, session, true)) };
  });

  api.get<{ Params: DraftParams }>('/decisions/:draftId', async (req): Promise<DraftResponse> => {
    return { draft: await detail(ctx, await access(req, req.params.draftId)) };
  });

  api.post<{ Params: DraftParams }>('/decisions/:draftId/sources', async (req): Promise<DraftResponse> => {
    const a = await access(req, req.params.draftId);
    requireDraftRole(a, 'moderator');
    const input = parseInput(AddSourcesRequest, req.body);
    const draft = await decisions.addSources(a.draft, input.picks, a.actor);
    return { draft: await detail(ctx, { ...a, draft }) };
  });

  api.get<{ Params: DraftParams }>('/decisions/:draftId/check', async (req): Promise<CheckResponse> => {
    const a = await access(req, req.params.draftId);
    if (a.role === 'lenkungskreis') throw roleRequired('a member of the session');
    const findings = await decisions.check(a.draft);
    return { findings, canHandOver: !hasBlocking(findings) };
  });

  api.post<{ Params: DraftParams }>('/decisions/:draftId/handover', async (req, reply): Promise<HandoverResponse> => {
    const a = await access(req, req.params.draftId);
    requireDraftRole(a, 'moderator');
    const input = parseInput(HandoverRequest, req.body ?? {});
    const { draft, version } = await decisions.handover(a.draft, input.note, a.actor);
    reply.code(201);
    return { draft: toDraftSummary(draft, a.session, true), version };
  });

  // --- Versions ----------------------------------------------------------------------------

  api.get<{ Params: DraftParams }>('/decisions/:draftId/versions', async (req): Promise<VersionsResponse> => {
    const a = await access(req, req.params.draftId);
    return { versions: await store.decisions.listVersions(a.draft.id) };
  });

  api.get<{ Params: DraftParams & { number: string } }>('/decisions/:draftId/versions/:number', async (req): Promise<VersionResponse> => {
    const a = await access(req, req.params.draftId);
    return { version: await decisions.version(a.draft, versionNumber(req.params.number)) };
  });

  api.get<{ Params: DraftParams; Querystring: Record<string, string> }>('/decisions/:draftId/compare', async (req): Promise<CompareResponse> => {
    const a = await access(req, req.params.draftId);
    const q = parseInput(CompareQuery, req.query);
    const [before, after] = await Promise.all([contentAt(decisions, a, q.from), contentAt(decisions, a, q.to)]);
    return { from: q.from, to: q.to, changes: compareDecisionContent(before, after) };
  });

  // --- Lenkungskreis -------------------------------------------------------------------------

  api.post<{ Params: DraftParams }>('/decisions/:draftId/status', async (req): Promise<DraftResponse> => {
    const a = await access(req, req.params.draftId);
    const { status } = parseInput(StatusChangeRequest, req.body);
    if (a.role !== 'moderator' && a.role !== 'lenkungskreis') throw roleRequired('lenkungskreis');
    const refusal = checkTransition(a.draft.status, status, a.role);
    if (refusal) throw refusalError(refusal);
    // Allowed transitions that need more than a status: the hand-over freezes a version, an outcome needs its record.
    if (status === 'uebergeben') throw new ApiError(400, ErrorId.validation, 'status: hand over with POST …/handover', 'status');
    if (DECISION_ROLE_OF_OUTCOME.has(status)) throw new ApiError(400, ErrorId.validation, 'status: record a decision with POST …/decision', 'status');
    const draft = await decisions.changeStatus(a.draft, status, a.actor);
    return { draft: await detail(ctx, { ...a, draft }) };
  });

  api.post<{ Params: DraftParams }>('/decisions/:draftId/decision', async (req, reply): Promise<RecordDecisionResponse> => {
    const a = await access(req, req.params.draftId);
    requireDraftRole(a, 'lenkungskreis');
    const input = parseInput(RecordDecisionRequest, req.body);
    const refusal = checkTransition(a.draft.status, input.outcome, 'lenkungskreis');
    if (refusal) throw refusalError(refusal);
    const { draft, decision } = await decisions.recordDecision(a.draft, input, a.actor);
    reply.code(201);
    return { draft: await detail(ctx, { ...a, draft }), decision };
  });

  api.get<{ Params: DraftParams }>('/decisions/:draftId/comments', async (req): Promise<CommentsResponse> => {
    const a = await access(req, req.params.draftId);
    requireModeratorOrLenkungskreis(a);
    return { comments: await store.decisions.listComments(a.draft.id) };
  });

  api.post<{ Params: DraftParams }>('/decisions/:draftId/comments', async (req, reply): Promise<CommentResponse> => {
    const a = await access(req, req.params.draftId);
    requireModeratorOrLenkungskreis(a);
    const input = parseInput(CommentRequest, req.body);
    const version = input.version ?? (a.draft.latestVersion > 0 ? a.draft.latestVersion : null);
    if (version !== null && version > a.draft.latestVersion) throw new ApiError(400, ErrorId.validation, 'version: no such version', 'version');
    const comment = {
      id: randomBytes(12).toString('base64url'),
      draftId: a.draft.id,
      version,
      text: input.text,
      author: a.actor,
      createdAt: new Date().toISOString(),
    };
    await store.decisions.addComment(comment);
    reply.code(201);
    return { comment };
  });

  api.get<{ Params: DraftParams }>('/decisions/:draftId/audit', async (req): Promise<AuditResponse> => {
    const a = await access(req, req.params.draftId);
    requireModeratorOrLenkungskreis(a);
    return { events: await store.decisions.listAudit(a.draft.id) };
  });
}

function refusalError(refusal: { id: 'role_required' | 'illegal_transition'; message: string }): ApiError {
  return refusal.id === 'role_required' ? new ApiError(403, ErrorId.roleRequired, refusal.message) : new ApiError(409, ErrorId.illegalTransition, refusal.message);
}

function versionNumber(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw notFound('No such version');
  return n;
}

/** Content at a version reference; `current` is for the session side only. */
async function contentAt(decisions: DecisionService, a: DraftAccess, ref: VersionRef): Promise<DecisionContent> {
  if (ref === 'current') {
    if (a.role === 'lenkungskreis') throw roleRequired('a member of the session');
    return decisions.currentContent(a.draft);
  }
  return (await decisions.version(a.draft, ref)).content;
}

/** The full view of a draft for this caller. */
export async function detail({ store, decisions }: { store: Store; decisions: DecisionService }, a: DraftAccess): Promise<DecisionDraftDetail> {
  const versions = await store.decisions.listVersions(a.draft.id);
  let content: DecisionContent;
  let contentOf: 'current' | number;
  if (a.role === 'lenkungskreis') {
    content = (await decisions.version(a.draft, a.draft.latestVersion)).content;
    contentOf = a.draft.latestVersion;
  } else {
    content = await decisions.currentContent(a.draft);
    contentOf = 'current';
  }
  const viewer = a.role === 'moderator' || a.role === 'lenkungskreis' ? a.role : null;
  return {
    ...toDraftSummary(a.draft, a.session, a.role !== 'lenkungskreis'),
    // The session sees its live title; lists keep the title of the latest version.
    title: a.role === 'lenkungskreis' ? a.draft.title : content.title,
    viewerRole: a.role,
    nextStatuses: viewer ? nextStatuses(a.draft.status, viewer) : [],
    provenance: await decisions.facts(a.draft),
    versions,
    contentOf,
    content,
    findings: checkCompleteness(content, { sessionKind: a.session.kind }),
  };
}
