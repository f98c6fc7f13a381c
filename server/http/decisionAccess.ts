/**
 * Who is asking, and what they may do with a decision draft. Three kinds of caller: a moderator
 * account (login cookie), a session participant (participant token) and a Lenkungskreis member
 * (Lenkungskreis token). Both tokens are bearer secrets whose hashes live in different tables.
 */
import type { FastifyRequest } from 'fastify';
import type { DecisionActorRef, DecisionRole } from '../../shared/decision';
import type { DecisionDraftSummary, DraftViewerRole } from '../../shared/decisionApi';
import { docName } from '../../shared/docs';
import type { SessionRole } from '../../shared/domain';
import { ErrorId } from '../../shared/errors';
import { isTokenShaped, resolveParticipant } from '../auth/participants';
import { hashToken } from '../auth/tokens';
import { type Account, isSessionModerator, type LenkungskreisMemberRecord, type ParticipantRecord, type SessionRecord, type Store, type StoredDraft } from '../store/types';
import { bearerToken, currentAccount } from './authn';
import { ApiError, notFound, unauthenticated } from './errors';

export type Caller =
  | { kind: 'account'; account: Account }
  | { kind: 'participant'; participant: ParticipantRecord }
  | { kind: 'lenkungskreis'; member: LenkungskreisMemberRecord };

/** The caller behind a bearer token (participant or Lenkungskreis) or the login cookie; 401 if none. */
export async function resolveCaller(req: FastifyRequest, store: Store): Promise<Caller> {
  const token = bearerToken(req);
  if (token) {
    const participant = await resolveParticipant(store, token);
    if (participant) return { kind: 'participant', participant };
    const member = isTokenShaped(token) ? await store.decisions.findMemberByToken(hashToken(token)) : undefined;
    if (member) return { kind: 'lenkungskreis', member };
    throw unauthenticated('Token not valid');
  }
  const account = await currentAccount(req, store);
  if (account) return { kind: 'account', account };
  throw unauthenticated();
}

/** The caller's role in a session: the accounts of its creator and co-moderators, and moderator tokens, are moderators. */
export function sessionRoleOf(caller: Caller, session: SessionRecord): SessionRole | null {
  switch (caller.kind) {
    case 'account':
      return session.organisationId === caller.account.organisationId && isSessionModerator(session, caller.account.id) ? 'moderator' : null;
    case 'participant':
      return caller.participant.sessionId === session.id ? caller.participant.role : null;
    case 'lenkungskreis':
      return null;
  }
}

export function actorRef(caller: Caller, role: DraftViewerRole): DecisionActorRef {
  switch (caller.kind) {
    case 'account':
      return { kind: 'moderator', id: caller.account.id, displayName: caller.account.displayName };
    case 'participant':
      return { kind: role === 'moderator' ? 'moderator' : 'participant', id: caller.participant.id, displayName: caller.participant.displayName };
    case 'lenkungskreis':
      return { kind: 'lenkungskreis', id: caller.member.id, displayName: caller.member.displayName };
  }
}

export const roleRequired = (role: DecisionRole | 'a member of the session') =>
  new ApiError(403, ErrorId.roleRequired, `Only ${role === 'lenkungskreis' ? 'the Lenkungskreis' : role === 'moderator' ? 'a moderator of the session' : role} may do that`);

export interface DraftAccess {
  draft: StoredDraft;
  session: SessionRecord;
  role: DraftViewerRole;
  caller: Caller;
  actor: DecisionActorRef;
}

/**
 * The draft as this caller may see it. A draft the caller may not see does not exist for them
 * (404): another session's or organisation's, or — for the Lenkungskreis — one that was never
 * handed over or belongs to another organisation.
 */
export async function draftAccess(store: Store, caller: Caller, draftId: string): Promise<DraftAccess> {
  const draft = await store.decisions.findDraft(draftId);
  if (!draft) throw notFound('Draft not found');
  const session = await store.sessions.findById(draft.sessionId);
  if (!session) throw notFound('Draft not found');
  let role: DraftViewerRole | null;
  // The Lenkungskreis of an organisation sees the handed-over drafts of that organisation's sessions.
  if (caller.kind === 'lenkungskreis') role = draft.lastHandedOverAt !== null && session.organisationId === caller.member.organisationId ? 'lenkungskreis' : null;
  else role = sessionRoleOf(caller, session);
  if (!role) throw notFound('Draft not found');
  return { draft, session, role, caller, actor: actorRef(caller, role) };
}

/** Refuses with 403 role_required unless the caller has the role. */
export function requireDraftRole(access: DraftAccess, role: DecisionRole): void {
  if (access.role !== role) throw roleRequired(role);
}

/** Moderators and the Lenkungskreis (comments, audit log). */
export function requireModeratorOrLenkungskreis(access: DraftAccess): void {
  if (access.role !== 'moderator' && access.role !== 'lenkungskreis') throw new ApiError(403, ErrorId.roleRequired, 'Only moderators and the Lenkungskreis may do that');
}

export function toDraftSummary(draft: StoredDraft, session: SessionRecord, withDocName: boolean): DecisionDraftSummary {
  return {
    id: draft.id,
    sessionId: draft.sessionId,
    session: { title: session.title, kind: session.kind, date: session.date },
    reference: draft.reference,
    title: draft.title,
    gremium: draft.gremium,
    status: draft.status,
    latestVersion: draft.latestVersion,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    lastHandedOverAt: draft.lastHandedOverAt,
    decision: draft.decision,
    docName: withDocName ? docName(draft.sessionId, 'decisions') : null,
  };
}
