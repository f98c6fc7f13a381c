import { describe, expect, it } from 'vitest';
import { SessionQueue } from './commands';
import { Timer } from './moderation';

describe('timer transitions (server clock)', () => {
  const idle = { status: 'idle', durationMs: 60_000 } as const;

  it('start runs for the duration, resumes a paused timer, leaves a running one alone', () => {
    const running = Timer.start(idle, 1000);
    expect(running).toEqual({ status: 'running', durationMs: 60_000, endsAt: 61_000 });
    expect(Timer.start(running, 5000)).toBe(running);
    const paused = Timer.pause(running, 21_000);
    expect(paused).toEqual({ status: 'paused', durationMs: 60_000, remainingMs: 40_000 });
    expect(Timer.start(paused, 100_000)).toEqual({ status: 'running', durationMs: 60_000, endsAt: 140_000 });
    expect(Timer.start(running, 5000, 10_000)).toEqual({ status: 'running', durationMs: 10_000, endsAt: 15_000 });
    expect(Timer.start({ status: 'ended', durationMs: 60_000, endedAt: 9 }, 10)).toEqual({ status: 'running', durationMs: 60_000, endsAt: 60_010 });
  });

  it('extend adds time in every state; an ended timer runs again', () => {
    expect(Timer.extend({ status: 'running', durationMs: 60_000, endsAt: 61_000 }, 1000, 30_000)).toMatchObject({ endsAt: 91_000 });
    expect(Timer.extend({ status: 'paused', durationMs: 60_000, remainingMs: 5000 }, 0, 1000)).toMatchObject({ remainingMs: 6000 });
    expect(Timer.extend(idle, 0, 1000)).toEqual({ status: 'idle', durationMs: 61_000 });
    expect(Timer.extend({ status: 'ended', durationMs: 60_000, endedAt: 5 }, 100, 2000)).toEqual({ status: 'running', durationMs: 60_000, endsAt: 2100 });
    // Never beyond 12 hours.
    expect(Timer.extend({ status: 'paused', durationMs: 1, remainingMs: 12 * 3_600_000 }, 0, 60_000)).toMatchObject({ remainingMs: 12 * 3_600_000 });
  });

  it('pause of a timer that is not running changes nothing', () => {
    expect(Timer.pause(idle, 5)).toBe(idle);
  });
});

describe('SessionQueue', () => {
  it('runs the tasks of one session in order, even when an earlier one fails, and others freely', async () => {
    const q = new SessionQueue();
    const log: string[] = [];
    const slow = (name: string, ms: number) => () => new Promise<string>((r) => setTimeout(() => (log.push(name), r(name)), ms));
    const a = q.run('s1', slow('a1', 30));
    const fail = q.run('s1', async () => {
      log.push('a2');
      throw new Error('boom');
    });
    const c = q.run('s1', slow('a3', 1));
    const other = q.run('s2', slow('b1', 1));
    await expect(fail).rejects.toThrow('boom');
    expect(await Promise.all([a, c, other])).toEqual(['a1', 'a3', 'b1']);
    expect(log).toEqual(['b1', 'a1', 'a2', 'a3']);
  });
});
