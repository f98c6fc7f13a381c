/**
 * The course of a session: agenda (add, edit, reorder, remove, go to), the timer of each agenda
 * item and board locks (the speakers list: ./speakers.ts). Moderators steer.
 * Every change is stored, then everyone gets the new `session.state`.
 */
import { ErrorId } from '../../shared/errors';
import { ModerationLimits, type AgendaItem, type TimerState } from '../../shared/moderation';
import { newId } from '../auth/tokens';
import { type CommandRouter, refuse } from './commands';
import { sessionRoom } from './rooms';
import { type Course, publishState } from './state';
import type { RealtimeContext, RealtimeSocket } from './types';
import { countPendingDrafts, publishAllDrafts } from './drafts';

const minutesToMs = (m: number) => m * 60_000;
const clampMs = (ms: number) => Math.min(ModerationLimits.timerMaxMs, Math.max(0, ms));

function itemOf(course: Course, itemId: string): AgendaItem {
  return course.item(itemId) ?? refuse(ErrorId.notFound, `No agenda item ${itemId} in this session`);
}

/** The timer transitions, on the server clock `now`. */
export const Timer = {
  start(t: TimerState, now: number, durationMs?: number): TimerState {
    if (durationMs !== undefined) return { status: 'running', durationMs, endsAt: now + durationMs };
    switch (t.status) {
      case 'running':
        return t;
      case 'paused':
        return { status: 'running', durationMs: t.durationMs, endsAt: now + t.remainingMs };
      default:
        return { status: 'running', durationMs: t.durationMs, endsAt: now + t.durationMs };
    }
  },
  pause(t: TimerState, now: number): TimerState {
    return t.status === 'running' ? { status: 'paused', durationMs: t.durationMs, remainingMs: Math.max(0, t.endsAt - now) } : t;
  },
  extend(t: TimerState, now: number, byMs: number): TimerState {
    switch (t.status) {
      case 'running':
        return { ...t, endsAt: now + clampMs(t.endsAt - now + byMs) };
      case 'paused':
        return { ...t, remainingMs: clampMs(t.remainingMs + byMs) };
      case 'idle':
        return { ...t, durationMs: clampMs(t.durationMs + byMs) };
      case 'ended':
        return { status: 'running', durationMs: t.durationMs, endsAt: now + byMs };
    }
  },
};

/** Most entries a course's item log keeps (the oldest go first); far more than a session calls items. */
export const ITEM_LOG_MAX = 1000;

/**
 * Records the current item changing to `next` at `now` (for the Protokoll's times per agenda
 * item): the open stretch of the current item ends, and `next` starts one. Going to the item
 * that is current already changes nothing.
 */
export function logItemTimes(course: Course, next: string | null, now: number): void {
  const current = course.data.currentItemId;
  if (current === next) return;
  const log = (course.data.itemLog ??= []);
  for (const e of log) if (e.endedAt === null) e.endedAt = now;
  if (next !== null) log.push({ itemId: next, startedAt: now, endedAt: null });
  if (log.length > ITEM_LOG_MAX) log.splice(0, log.length - ITEM_LOG_MAX);
}

/** Takes a person off the speakers list (and the floor); true if anything changed. */
export function dropSpeaker(course: Course, participantId: string): boolean {
  const s = course.data.speakers;
  const before = s.queue.length;
  s.queue = s.queue.filter((q) => q.participantId !== participantId);
  const wasCurrent = s.current?.participantId === participantId;
  if (wasCurrent) s.current = null;
  return wasCurrent || s.queue.length !== before;
}

/** A running timer's `endsAt` has come: it ends, once, and everyone hears about it. */
export function timerDue(ctx: RealtimeContext, sessionId: string, itemId: string): void {
  ctx.queue
    .run(sessionId, async () => {
      const course = await ctx.courses.get(sessionId);
      const item = course.item(itemId);
      if (!item || item.timer.status !== 'running') return;
      const { endsAt, durationMs } = item.timer;
      if (endsAt > Date.now()) return ctx.courses.rearm(course);
      item.timer = { status: 'ended', durationMs, endedAt: endsAt };
      await publishState(ctx, sessionId);
      ctx.io.to(sessionRoom(sessionId)).emit('timer.ended', { itemId, endedAt: endsAt });
    })
    .catch((err: unknown) => ctx.log.error({ err, sessionId }, 'ending a timer failed'));
}

export function registerModeration(ctx: RealtimeContext, router: CommandRouter, socket: RealtimeSocket): void {
  const sessionId = socket.data.sessionId;
  const course = () => ctx.courses.get(sessionId);
  const changed = () => publishState(ctx, sessionId);

  // Agenda -------------------------------------------------------------------------------------
  router.on(socket, 'agenda.add', { who: 'moderator' }, async (input) => {
    const c = await course();
    const agenda = c.data.agenda;
    if (agenda.length >= ModerationLimits.agendaItems) refuse(ErrorId.conflict, 'The agenda is full');
    const item: AgendaItem = {
      id: newId(),
      title: input.title,
      phase: input.phase,
      board: input.board,
      plannedMinutes: input.plannedMinutes,
      timer: { status: 'idle', durationMs: minutesToMs(input.plannedMinutes) },
    };
    const at = input.afterId ? agenda.findIndex((i) => i.id === input.afterId) + 1 : agenda.length;
    if (input.afterId && at === 0) refuse(ErrorId.notFound, `No agenda item ${input.afterId} in this session`);
    agenda.splice(at, 0, item);
    await changed();
    return { itemId: item.id };
  });

  router.on(socket, 'agenda.update', { who: 'moderator' }, async (input) => {
    const item = itemOf(await course(), input.itemId);
    if (input.title !== undefined) item.title = input.title;
    if (input.phase !== undefined) item.phase = input.phase;
    if (input.board !== undefined) item.board = input.board;
    if (input.plannedMinutes !== undefined) {
      item.plannedMinutes = input.plannedMinutes;
      if (item.timer.status === 'idle') item.timer = { status: 'idle', durationMs: minutesToMs(input.plannedMinutes) };
    }
    await changed();
    return {};
  });

  router.on(socket, 'agenda.reorder', { who: 'moderator' }, async (input) => {
    const c = await course();
    const byId = new Map(c.data.agenda.map((i) => [i.id, i]));
    const ids = new Set(input.itemIds);
    if (ids.size !== input.itemIds.length || ids.size !== byId.size || input.itemIds.some((id) => !byId.has(id))) {
      refuse(ErrorId.conflict, 'itemIds must list every agenda item exactly once');
    }
    c.data.agenda = input.itemIds.map((id) => byId.get(id)!);
    await changed();
    return {};
  });

  router.on(socket, 'agenda.remove', { who: 'moderator' }, async (input) => {
    const c = await course();
    itemOf(c, input.itemId);
    c.data.agenda = c.data.agenda.filter((i) => i.id !== input.itemId);
    if (c.data.currentItemId === input.itemId) {
      logItemTimes(c, null, Date.now());
      c.data.currentItemId = null;
    }
    await changed();
    return {};
  });

  router.on(socket, 'agenda.goto', { who: 'moderator' }, async (input) => {
    const c = await course();
    if (input.itemId !== null) itemOf(c, input.itemId);
    logItemTimes(c, input.itemId, Date.now());
    c.data.currentItemId = input.itemId;
    await changed();
    return {};
  });

  // Timer --------------------------------------------------------------------------------------
  router.on(socket, 'timer.start', { who: 'moderator' }, async (input) => {
    const item = itemOf(await course(), input.itemId);
    item.timer = Timer.start(item.timer, Date.now(), input.durationMs);
    await changed();
    return {};
  });

  router.on(socket, 'timer.pause', { who: 'moderator' }, async (input) => {
    const item = itemOf(await course(), input.itemId);
    item.timer = Timer.pause(item.timer, Date.now());
    await changed();
    return {};
  });

  router.on(socket, 'timer.extend', { who: 'moderator' }, async (input) => {
    const item = itemOf(await course(), input.itemId);
    item.timer = Timer.extend(item.timer, Date.now(), input.byMs);
    await changed();
    return {};
  });

  router.on(socket, 'timer.reset', { who: 'moderator' }, async (input) => {
    const item = itemOf(await course(), input.itemId);
    item.timer = { status: 'idle', durationMs: input.durationMs ?? minutesToMs(item.plannedMinutes) };
    await changed();
    return {};
  });

  // Locks --------------------------------------------------------------------------------------
  for (const [event, locked] of [
    ['board.lock', true],
    ['board.unlock', false],
  ] as const) {
    router.on(socket, event, { who: 'moderator' }, async (input) => {
      if (await ctx.locks.set(sessionId, input.board, locked)) await changed();
      return {};
    });
  }

  // Card protection ----------------------------------------------------------------------------
  router.on(socket, 'cards.configure', { who: 'moderator' }, async (input) => {
    const c = await course();
    if ((c.data.authorsOnlyDelete === true) === input.authorsOnlyDelete) return {};
    c.data.authorsOnlyDelete = input.authorsOnlyDelete;
    // Stored (with the new state) before the Yjs endpoint enforces it.
    await changed();
    ctx.cardPolicy.set(sessionId, input.authorsOnlyDelete);
    return {};
  });

  // Private drafts -----------------------------------------------------------------------------
  router.on(socket, 'drafts.count', { who: 'moderator' }, async () => countPendingDrafts(ctx, sessionId));

  router.on(socket, 'drafts.publishAll', { who: 'moderator' }, async () => {
    const { published, skipped } = await publishAllDrafts(ctx, sessionId);
    return skipped > 0 ? { published, skipped } : { published };
  });
}
