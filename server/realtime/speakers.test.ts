import { describe, expect, it } from 'vitest';
import type { StoredCourse } from '../store/types';
import { firstTimeFirst, moveSpeaker, nextSpeaker, raiseHand } from './speakers';

const empty = (): StoredCourse['speakers'] => ({ current: null, queue: [], firstTimeFirst: false, turnMs: null, spoken: {} });
const raise = (s: StoredCourse['speakers'], id: string, at = 0) => raiseHand(s, { participantId: id, displayName: id, raisedAt: at });
const order = (s: StoredCourse['speakers']) => s.queue.map((q) => q.participantId);

describe('speakers list rules', () => {
  it('queues by hand raise, keeps a raised hand in its place, and counts turns', () => {
    const s = empty();
    expect(raise(s, 'a')).toBe(true);
    expect(raise(s, 'b')).toBe(true);
    expect(raise(s, 'a')).toBe(false);
    expect(order(s)).toEqual(['a', 'b']);
    expect(nextSpeaker(s, 1000)).toMatchObject({ participantId: 'a', startedAt: 1000, turns: 0 });
    expect(s.spoken).toEqual({ a: 1 });
    raise(s, 'a');
    expect(s.queue.at(-1)).toMatchObject({ participantId: 'a', turns: 1 });
    nextSpeaker(s, 2000);
    expect(s.current?.participantId).toBe('b');
    nextSpeaker(s, 3000);
    expect(s.current).toMatchObject({ participantId: 'a', turns: 1 });
    expect(nextSpeaker(s, 4000)).toBeNull();
    expect(s.spoken).toEqual({ a: 2, b: 1 });
  });

  it('with first-time speakers first, a new hand goes after the last person who has not spoken', () => {
    const s = empty();
    s.spoken = { x: 1, y: 2 };
    s.firstTimeFirst = true;
    raise(s, 'x');
    raise(s, 'y');
    raise(s, 'new1');
    expect(order(s)).toEqual(['new1', 'x', 'y']);
    raise(s, 'new2');
    expect(order(s)).toEqual(['new1', 'new2', 'x', 'y']);
  });

  it('sorting first-time speakers first is stable', () => {
    const q = [
      { participantId: 'x', displayName: 'x', raisedAt: 1, turns: 1 },
      { participantId: 'n1', displayName: 'n1', raisedAt: 2, turns: 0 },
      { participantId: 'y', displayName: 'y', raisedAt: 3, turns: 3 },
      { participantId: 'n2', displayName: 'n2', raisedAt: 4, turns: 0 },
    ];
    expect(firstTimeFirst(q).map((e) => e.participantId)).toEqual(['n1', 'n2', 'x', 'y']);
  });

  it('moves a queued person, clamping the position; unknown people are not moved', () => {
    const s = empty();
    for (const id of ['a', 'b', 'c']) raise(s, id);
    expect(moveSpeaker(s, 'c', 0)).toBe(true);
    expect(order(s)).toEqual(['c', 'a', 'b']);
    expect(moveSpeaker(s, 'c', 99)).toBe(true);
    expect(order(s)).toEqual(['a', 'b', 'c']);
    expect(moveSpeaker(s, 'zz', 0)).toBe(false);
    expect(order(s)).toEqual(['a', 'b', 'c']);
  });
});
