/**
 * The speakers list (Wortmeldungen): participants raise and lower hands; moderators call the next
 * speaker, end a turn, move people in the queue and choose first-time speakers first and a
 * speaking time per turn. The queue rules are pure functions on the stored list, tested alone.
 */
import { ErrorId } from '../../shared/errors';
import type { CurrentSpeaker, Speaker } from '../../shared/moderation';
import { type CommandRouter, refuse } from './commands';
import { sessionRoom } from './rooms';
import { publishState } from './state';
import type { RealtimeContext, RealtimeSocket } from './types';
import type { StoredCourse } from '../store/types';

type Speakers = StoredCourse['speakers'];

/** Where a new hand goes: at the end, or with first-time speakers first after the last one who has not spoken. */
export function raiseHand(s: Speakers, who: Omit<Speaker, 'turns'>): boolean {
  if (s.queue.some((q) => q.participantId === who.participantId)) return false;
  const entry: Speaker = { ...who, turns: s.spoken[who.participantId] ?? 0 };
  let at = s.queue.length;
  if (s.firstTimeFirst && entry.turns === 0) {
    at = 0;
    s.queue.forEach((q, i) => {
      if (q.turns === 0) at = i + 1;
    });
  }
  s.queue.splice(at, 0, entry);
  return true;
}

/** The first in the queue gets the floor at `now` (the turn before ends); null when nobody waits. */
export function nextSpeaker(s: Speakers, now: number): CurrentSpeaker | null {
  const next = s.queue.shift();
  s.current = next ? { ...next, startedAt: now } : null;
  if (next) s.spoken[next.participantId] = (s.spoken[next.participantId] ?? 0) + 1;
  return s.current;
}

/** Moves a queued person to `position` (clamped to the queue); false if they are not queued. */
export function moveSpeaker(s: Speakers, participantId: string, position: number): boolean {
  const from = s.queue.findIndex((q) => q.participantId === participantId);
  if (from < 0) return false;
  const [entry] = s.queue.splice(from, 1);
  s.queue.splice(Math.min(position, s.queue.length), 0, entry!);
  return true;
}

/** Those who have not spoken yet first; otherwise the present order (a stable sort). */
export function firstTimeFirst(queue: readonly Speaker[]): Speaker[] {
  return [...queue.filter((q) => q.turns === 0), ...queue.filter((q) => q.turns > 0)];
}

export function registerSpeakers(ctx: RealtimeContext, router: CommandRouter, socket: RealtimeSocket): void {
  const sessionId = socket.data.sessionId;
  const speakers = async () => (await ctx.courses.get(sessionId)).data.speakers;
  const called = (current: CurrentSpeaker | null) => ctx.io.to(sessionRoom(sessionId)).emit('speaker.called', { current });

  router.on(socket, 'hand.raise', { who: 'participant' }, async () => {
    const { participantId, displayName } = socket.data;
    if (raiseHand(await speakers(), { participantId, displayName, raisedAt: Date.now() })) {
      await publishState(ctx, sessionId);
      ctx.publishParticipants(sessionId);
    }
    return {};
  });

  router.on(socket, 'hand.lower', { who: 'anyone' }, async (input) => {
    const target = input.participantId ?? socket.data.participantId;
    if (target !== socket.data.participantId && socket.data.role !== 'moderator') {
      refuse(ErrorId.notModerator, "Only moderators lower someone else's hand");
    }
    const s = await speakers();
    if (s.queue.some((q) => q.participantId === target)) {
      s.queue = s.queue.filter((q) => q.participantId !== target);
      await publishState(ctx, sessionId);
      ctx.publishParticipants(sessionId);
    }
    return {};
  });

  router.on(socket, 'speaker.next', { who: 'moderator' }, async () => {
    const current = nextSpeaker(await speakers(), Date.now());
    await publishState(ctx, sessionId);
    called(current);
    ctx.publishParticipants(sessionId);
    return { current };
  });

  router.on(socket, 'speaker.end', { who: 'moderator' }, async () => {
    const s = await speakers();
    if (s.current === null) return {};
    s.current = null;
    await publishState(ctx, sessionId);
    called(null);
    return {};
  });

  router.on(socket, 'speaker.move', { who: 'moderator' }, async (input) => {
    if (!moveSpeaker(await speakers(), input.participantId, input.position)) refuse(ErrorId.notFound, 'That person is not on the speakers list');
    await publishState(ctx, sessionId);
    return {};
  });

  router.on(socket, 'speaker.configure', { who: 'moderator' }, async (input) => {
    const s = await speakers();
    if (input.firstTimeFirst !== undefined) {
      if (input.firstTimeFirst && !s.firstTimeFirst) s.queue = firstTimeFirst(s.queue);
      s.firstTimeFirst = input.firstTimeFirst;
    }
    if (input.turnMs !== undefined) s.turnMs = input.turnMs;
    await publishState(ctx, sessionId);
    return {};
  });
}
