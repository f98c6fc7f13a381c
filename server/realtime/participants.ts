/**
 * People in a session: moderators change roles live and remove people; everyone may name their
 * own actor group; moderators get the participant list.
 */
import { ErrorId } from '../../shared/errors';
import type { ParticipantSummary } from '../../shared/moderation';
import type { ParticipantProfile } from '../store/types';
import { type CommandRouter, refuse } from './commands';
import { dropSpeaker } from './moderation';
import { moderatorsRoom, participantRoom } from './rooms';
import { publishState } from './state';
import type { RealtimeContext, RealtimeSocket } from './types';

/**
 * Tells every socket of this participant `session.revoked`, then disconnects them. Only the
 * sockets: the token must be revoked in the store as well, or the person simply reconnects.
 */
export function disconnectSockets(ctx: RealtimeContext, participantId: string, reason: string): void {
  const room = participantRoom(participantId);
  ctx.io.to(room).emit('session.revoked', { reason });
  // engine.io flushes the queued event before it closes the transport.
  ctx.io.in(room).disconnectSockets(true);
}

export async function participantList(ctx: RealtimeContext, sessionId: string): Promise<ParticipantSummary[]> {
  const [people, course] = await Promise.all([ctx.store.moderation.listParticipants(sessionId), ctx.courses.get(sessionId)]);
  const raised = new Set(course.data.speakers.queue.map((s) => s.participantId));
  return people.map((p) => ({
    participantId: p.id,
    displayName: p.displayName,
    role: p.role,
    actorGroup: p.actorGroup,
    online: ctx.presence.isOnline(sessionId, p.id),
    handRaised: raised.has(p.id),
  }));
}

export async function sendParticipantList(ctx: RealtimeContext, sessionId: string): Promise<void> {
  ctx.io.to(moderatorsRoom(sessionId)).emit('participant.list', { participants: await participantList(ctx, sessionId) });
}

/** Someone of this session (not the sender, not removed), or a refusal. */
async function target(ctx: RealtimeContext, socket: RealtimeSocket, participantId: string): Promise<ParticipantProfile> {
  if (participantId === socket.data.participantId) refuse(ErrorId.notOnSelf, 'Not on yourself');
  const p = await ctx.store.moderation.findParticipant(participantId);
  if (!p || p.revokedAt !== null) refuse(ErrorId.notFound, 'No such participant');
  if (p.sessionId !== socket.data.sessionId) refuse(ErrorId.wrongSession, 'That person belongs to another session');
  return p;
}

/**
 * Someone who no longer takes part (removed, or now observer or moderator): their ballots in open
 * rounds are withdrawn and they leave the speakers list.
 */
async function stepAside(ctx: RealtimeContext, sessionId: string, participantId: string): Promise<void> {
  await ctx.store.votes.withdrawFromOpenRounds(sessionId, participantId);
  dropSpeaker(await ctx.courses.get(sessionId), participantId);
}

export function registerParticipants(ctx: RealtimeContext, router: CommandRouter, socket: RealtimeSocket): void {
  const sessionId = socket.data.sessionId;

  router.on(socket, 'participant.setRole', { who: 'moderator' }, async ({ participantId, role }) => {
    const p = await target(ctx, socket, participantId);
    if (p.role === role) return {};
    await ctx.store.moderation.setRole(participantId, role);
    ctx.sync.setParticipantRole(participantId, role);
    ctx.presence.setRole(sessionId, participantId, role);
    ctx.io.to(participantRoom(participantId)).emit('participant.updated', {
      participantId,
      displayName: p.displayName,
      role,
      actorGroup: p.actorGroup,
    });
    if (role !== 'participant') await stepAside(ctx, sessionId, participantId);
    await publishState(ctx, sessionId);
    ctx.publishParticipants(sessionId);
    ctx.publishProgress(sessionId);
    return {};
  });

  router.on(socket, 'participant.remove', { who: 'moderator' }, async ({ participantId }) => {
    await target(ctx, socket, participantId);
    await ctx.store.sessions.revokeParticipant(participantId, new Date().toISOString());
    // The token is dead in the store; now close what is still open with it.
    ctx.sync.disconnectParticipant(participantId);
    disconnectSockets(ctx, participantId, 'removed');
    await stepAside(ctx, sessionId, participantId);
    await publishState(ctx, sessionId);
    ctx.publishParticipants(sessionId);
    ctx.publishProgress(sessionId);
    return {};
  });

  router.on(socket, 'participant.setActorGroup', { who: 'anyone' }, async ({ actorGroup }) => {
    const { participantId, displayName, role } = socket.data;
    await ctx.store.moderation.setActorGroup(participantId, actorGroup);
    ctx.io.to(participantRoom(participantId)).emit('participant.updated', { participantId, displayName, role, actorGroup });
    ctx.publishParticipants(sessionId);
    return {};
  });
}
