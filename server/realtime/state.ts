/**
 * The course of each session in memory — agenda, current item, per-item timers, speakers list —
 * stored after every change, and the `session.state` snapshot everyone receives.
 *
 * Timers run on the server clock: a running timer is an `endsAt` in server epoch ms, and the
 * server arms one `setTimeout` per running timer. The earliest `endsAt` of a session is stored
 * with it, so a restart re-arms (or at once ends) every timer that was running.
 */
import type { SessionState } from '../../shared/moderation';
import type { ModerationStore, StoredCourse } from '../store/types';
import { sessionRoom } from './rooms';
import type { RealtimeContext } from './types';
import { openRoundSummaries } from './votes';

export class Course {
  constructor(
    readonly sessionId: string,
    public data: StoredCourse,
  ) {}

  item(itemId: string) {
    return this.data.agenda.find((i) => i.id === itemId);
  }
}

const emptyCourse = (): StoredCourse => ({
  version: 0,
  agenda: [],
  currentItemId: null,
  speakers: { current: null, queue: [], firstTimeFirst: false, turnMs: null, spoken: {} },
  itemLog: [],
});

/** A course stored before the speakers list counted turns gets the fields it lacks. */
function upgradeCourse(stored: StoredCourse): StoredCourse {
  const s: Partial<StoredCourse['speakers']> = stored.speakers ?? {};
  const spoken = s.spoken ?? {};
  const withTurns = <T extends { participantId: string; turns?: number }>(x: T) => ({ ...x, turns: x.turns ?? spoken[x.participantId] ?? 0 });
  const current = s.current ? { ...withTurns(s.current), startedAt: s.current.startedAt ?? s.current.raisedAt } : null;
  return {
    ...stored,
    speakers: { current, queue: (s.queue ?? []).map(withTurns), firstTimeFirst: s.firstTimeFirst ?? false, turnMs: s.turnMs ?? null, spoken },
  };
}

function nextDeadline(course: StoredCourse): number | null {
  let next: number | null = null;
  for (const item of course.agenda) {
    if (item.timer.status === 'running' && (next === null || item.timer.endsAt < next)) next = item.timer.endsAt;
  }
  return next;
}

export class Courses {
  private readonly loaded = new Map<string, Promise<Course>>();
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private closed = false;
  /** Called when a running timer's `endsAt` has come (wired by the moderation handlers). */
  onDue: (sessionId: string, itemId: string) => void = () => undefined;

  constructor(private readonly store: ModerationStore) {}

  get(sessionId: string): Promise<Course> {
    let course = this.loaded.get(sessionId);
    if (!course) {
      course = this.store.loadCourse(sessionId).then((stored) => new Course(sessionId, stored ? upgradeCourse(stored) : emptyCourse()));
      this.loaded.set(sessionId, course);
      course.catch(() => {
        if (this.loaded.get(sessionId) === course) this.loaded.delete(sessionId);
      });
    }
    return course;
  }

  /** Stores the course under a new version and re-arms its timers. */
  async save(course: Course): Promise<void> {
    course.data.version++;
    await this.store.saveCourse(course.sessionId, course.data, nextDeadline(course.data));
    this.rearm(course);
  }

  /** After a restart: loads every session with a running timer and arms it. */
  async restore(): Promise<void> {
    for (const sessionId of await this.store.sessionsWithDeadline()) this.rearm(await this.get(sessionId));
  }

  /** Forgets a session nobody is connected to, unless one of its timers is running. */
  release(sessionId: string): void {
    if (!this.timers.has(sessionId)) this.loaded.delete(sessionId);
  }

  /** Drops a deleted session: its timers stop, and nothing of it is stored again. */
  forget(sessionId: string): void {
    for (const t of this.timers.get(sessionId) ?? []) clearTimeout(t);
    this.timers.delete(sessionId);
    this.loaded.delete(sessionId);
  }

  close(): void {
    this.closed = true;
    for (const list of this.timers.values()) for (const t of list) clearTimeout(t);
    this.timers.clear();
  }

  /** (Re-)arms a timeout for every running timer of the course. */
  rearm(course: Course): void {
    for (const t of this.timers.get(course.sessionId) ?? []) clearTimeout(t);
    this.timers.delete(course.sessionId);
    if (this.closed) return;
    const armed: NodeJS.Timeout[] = [];
    for (const item of course.data.agenda) {
      if (item.timer.status !== 'running') continue;
      const itemId = item.id;
      const t = setTimeout(() => this.onDue(course.sessionId, itemId), Math.max(0, item.timer.endsAt - Date.now()));
      t.unref();
      armed.push(t);
    }
    if (armed.length > 0) this.timers.set(course.sessionId, armed);
  }
}

/** The whole state of a session as everybody sees it. */
export async function buildState(ctx: RealtimeContext, sessionId: string): Promise<SessionState> {
  const course = await ctx.courses.get(sessionId);
  const rounds = await openRoundSummaries(ctx, sessionId);
  const { version, agenda, currentItemId } = course.data;
  const tables = course.data.tables ?? null;
  // Who spoke how often stays on the server; each entry carries its own count.
  const { current, queue, firstTimeFirst, turnMs } = course.data.speakers;
  const speakers = { current, queue, firstTimeFirst, turnMs };
  const authorsOnlyDelete = course.data.authorsOnlyDelete === true;
  return { sessionId, version, serverTime: Date.now(), agenda, currentItemId, locked: ctx.locks.lockedKinds(sessionId), speakers, rounds, authorsOnlyDelete, tables };
}

/** Stores the course under a new version and sends everyone in the session the new state. */
export async function publishState(ctx: RealtimeContext, sessionId: string): Promise<void> {
  await ctx.courses.save(await ctx.courses.get(sessionId));
  ctx.io.to(sessionRoom(sessionId)).emit('session.state', await buildState(ctx, sessionId));
}
