/**
 * The Lenkungskreis's side: invitations (created by moderators, single use, code only in the
 * link's fragment), account-less member tokens, the inbox of handed-over drafts across sessions,
 * and member management for staff. Invitations and members belong to an organisation (the one of
 * the account that invited); every staff account of it manages them (`managesLenkungskreisAccess`),
 * and a member sees the handed-over drafts of that organisation's sessions only.
 */
import type { FastifyInstance } from 'fastify';
import { DRAFT_STATUSES, type DraftStatus } from '../../shared/decision';
import {
  CreateInvitationRequest,
  LenkungskreisDeviceRequest,
  type LenkungskreisDeviceLink,
  type LenkungskreisDevicesResponse,
  LenkungskreisJoinRequest,
  type CreatedInvitation,
  type DraftListResponse,
  type InvitationPreview,
  type InvitationsResponse,
  type LenkungskreisJoinResponse,
  type LenkungskreisMember,
  type MemberResponse,
  type MembersResponse,
} from '../../shared/decisionApi';
import { ErrorId } from '../../shared/errors';
import { hashToken, newId, newToken } from '../auth/tokens';
import type { Account, InvitationRecord, LenkungskreisDeviceRecord, LenkungskreisMemberRecord, SessionRecord } from '../store/types';
import { bearerToken, requireAccount } from './authn';
import type { ApiContext } from './context';
import { resolveCaller, roleRequired, toDraftSummary } from './decisionAccess';
import { ApiError, notFound, parseInput } from './errors';
import { baseUrlOf } from './exports';
import { limitAttempts } from './rateLimit';

const DAY = 24 * 60 * 60 * 1000;
/** How long a link for another device may be used: long enough to pick up the other device. */
export const DEVICE_LINK_TTL_MS = 10 * 60 * 1000;

const toMember = (m: LenkungskreisMemberRecord): LenkungskreisMember => ({ id: m.id, displayName: m.displayName, createdAt: m.createdAt, revokedAt: m.revokedAt });
const toInvitation = (i: InvitationRecord) => ({ id: i.id, label: i.label, createdAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt, memberId: i.memberId });
const invalidDeviceLink = () => new ApiError(404, ErrorId.invalidInvitation, 'This device link is unknown, used or expired');
const toDevice = (d: LenkungskreisDeviceRecord, currentId: string) => ({ id: d.id, label: d.label, createdAt: d.createdAt, revokedAt: d.revokedAt, current: d.id === currentId });
const invalidInvitation = () => new ApiError(404, ErrorId.invalidInvitation, 'This invitation is unknown, used, expired or withdrawn');

/**
 * Whether this staff account manages Lenkungskreis access of `organisationId` (an invitation's or
 * a member's organisation): every staff account of the organisation does, none of another.
 */
export function managesLenkungskreisAccess(account: Account, organisationId: string | null | undefined): boolean {
  return typeof organisationId === 'string' && organisationId === account.organisationId;
}

export function registerLenkungskreisRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store, limiters, config } = ctx;
  // Redeeming tries codes like joining does: one budget for both.
  const limit = limitAttempts(limiters.join, 'join');

  api.post('/lenkungskreis/invitations', async (req, reply): Promise<CreatedInvitation> => {
    const account = await requireAccount(req, store);
    const input = parseInput(CreateInvitationRequest, req.body ?? {});
    const code = newToken();
    const now = new Date();
    const record: Omit<InvitationRecord, 'organisationId'> = {
      id: newId(),
      label: input.label,
      createdBy: account.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.validDays * DAY).toISOString(),
      usedAt: null,
      memberId: null,
      withdrawnAt: null,
    };
    const stored = await store.decisions.createInvitation(record, hashToken(code));
    reply.code(201);
    return { invitation: toInvitation(stored), code, url: `${baseUrlOf(req, config)}/lenkungskreis/einladung#${code}` };
  });

  api.get('/lenkungskreis/invitations', async (req): Promise<InvitationsResponse> => {
    const account = await requireAccount(req, store);
    const invitations = (await store.decisions.listInvitations(account.organisationId)).filter((i) => i.withdrawnAt === null && managesLenkungskreisAccess(account, i.organisationId));
    return { invitations: invitations.map(toInvitation) };
  });

  api.delete<{ Params: { id: string } }>('/lenkungskreis/invitations/:id', async (req, reply) => {
    const account = await requireAccount(req, store);
    // Another organisation's invitation does not exist for this account.
    const invitation = await store.decisions.findInvitation(req.params.id);
    if (!invitation || !managesLenkungskreisAccess(account, invitation.organisationId)) throw notFound('No open invitation with this id');
    if (!(await store.decisions.withdrawInvitation(invitation.id, new Date().toISOString()))) throw notFound('No open invitation with this id');
    return reply.code(204).send();
  });

  api.get<{ Params: { code: string } }>('/lenkungskreis/join/:code', limit, async (req): Promise<InvitationPreview> => {
    const inv = await store.decisions.findOpenInvitation(hashToken(req.params.code), new Date().toISOString());
    if (!inv) throw invalidInvitation();
    return { label: inv.label, expiresAt: inv.expiresAt };
  });

  api.post('/lenkungskreis/join', limit, async (req, reply): Promise<LenkungskreisJoinResponse> => {
    const input = parseInput(LenkungskreisJoinRequest, req.body);
    const token = newToken();
    const now = new Date().toISOString();
    const member = await store.decisions.redeemInvitation(
      hashToken(input.code),
      now,
      { id: newId(), displayName: input.name, invitationId: null, createdAt: now, revokedAt: null },
      hashToken(token),
    );
    if (!member) throw invalidInvitation();
    reply.code(201);
    return { token, member: toMember(member) };
  });

  api.get('/lenkungskreis/me', async (req): Promise<MemberResponse> => {
    const caller = await resolveCaller(req, store);
    if (caller.kind !== 'lenkungskreis') throw roleRequired('lenkungskreis');
    return { member: toMember(caller.member) };
  });

  /** The signed-in device of a member: its token's device and member, or 403 role_required. */
  const memberDevice = async (req: Parameters<typeof bearerToken>[0]) => {
    const token = bearerToken(req);
    const found = token ? await store.decisions.findDeviceByToken(hashToken(token)) : undefined;
    if (!found) {
      await resolveCaller(req, store); // 401 for a token that is nobody's
      throw roleRequired('lenkungskreis');
    }
    return found;
  };

  api.post('/lenkungskreis/me/device-links', async (req, reply): Promise<LenkungskreisDeviceLink> => {
    const { member } = await memberDevice(req);
    const code = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + DEVICE_LINK_TTL_MS).toISOString();
    await store.decisions.createDeviceLink(member.id, hashToken(code), now.toISOString(), expiresAt);
    reply.code(201);
    return { code, url: `${baseUrlOf(req, config)}/lenkungskreis/geraet#${code}`, expiresAt };
  });

  api.get('/lenkungskreis/me/devices', async (req): Promise<LenkungskreisDevicesResponse> => {
    const { member, device } = await memberDevice(req);
    return { devices: (await store.decisions.listDevices(member.id)).map((d) => toDevice(d, device.id)) };
  });

  api.delete<{ Params: { id: string } }>('/lenkungskreis/me/devices/:id', async (req, reply) => {
    const { member } = await memberDevice(req);
    if (!(await store.decisions.revokeDevice(member.id, req.params.id, new Date().toISOString()))) throw notFound('No active device with this id');
    return reply.code(204).send();
  });

  api.get<{ Params: { code: string } }>('/lenkungskreis/device/:code', limit, async (req): Promise<MemberResponse> => {
    const member = await store.decisions.findOpenDeviceLink(hashToken(req.params.code), new Date().toISOString());
    if (!member) throw invalidDeviceLink();
    return { member: toMember(member) };
  });

  api.post('/lenkungskreis/device', limit, async (req, reply): Promise<LenkungskreisJoinResponse> => {
    const input = parseInput(LenkungskreisDeviceRequest, req.body);
    const token = newToken();
    const now = new Date().toISOString();
    const bound = await store.decisions.redeemDeviceLink(hashToken(input.code), now, { id: newId(), label: input.label, createdAt: now }, hashToken(token));
    if (!bound) throw invalidDeviceLink();
    reply.code(201);
    return { token, member: toMember(bound.member) };
  });

  api.get('/lenkungskreis/members', async (req): Promise<MembersResponse> => {
    const account = await requireAccount(req, store);
    const members = (await store.decisions.listMembers(account.organisationId)).filter((m) => managesLenkungskreisAccess(account, m.organisationId));
    return { members: members.map(toMember) };
  });

  api.delete<{ Params: { id: string } }>('/lenkungskreis/members/:id', async (req, reply) => {
    const account = await requireAccount(req, store);
    const member = await store.decisions.findMember(req.params.id);
    if (!member || !managesLenkungskreisAccess(account, member.organisationId)) throw notFound('No active member with this id');
    if (!(await store.decisions.revokeMember(member.id, new Date().toISOString()))) throw notFound('No active member with this id');
    return reply.code(204).send();
  });

  api.get<{ Querystring: { status?: string } }>('/lenkungskreis/inbox', async (req): Promise<DraftListResponse> => {
    const caller = await resolveCaller(req, store);
    if (caller.kind !== 'lenkungskreis') throw roleRequired('lenkungskreis');
    const status = req.query.status;
    if (status !== undefined && !(DRAFT_STATUSES as readonly string[]).includes(status)) {
      throw new ApiError(400, ErrorId.validation, 'status: unknown status', 'status');
    }
    const drafts = (await store.decisions.listHandedOver(caller.member.organisationId)).filter((d) => status === undefined || d.status === (status as DraftStatus));
    const sessions = new Map<string, SessionRecord | undefined>();
    const out = [];
    for (const d of drafts) {
      if (!sessions.has(d.sessionId)) sessions.set(d.sessionId, await store.sessions.findById(d.sessionId));
      const session = sessions.get(d.sessionId);
      if (session && session.organisationId === caller.member.organisationId) out.push(toDraftSummary(d, session, false));
    }
    return { drafts: out };
  });
}
