import { describe, expect, it } from 'vitest';
import { followPath, followStep, isBareRoomPath, isDraftPath, isInPlace, wasReloadOf, type FollowInput } from './followLogic';

const S = 'sess1';
const base: FollowInput = {
  seen: 'a:swot',
  current: 'a:swot',
  target: '/s/sess1/b/swot',
  pathname: '/s/sess1/b/swot',
  follow: true,
  mayLand: false,
  inDraft: false,
};

describe('followPath', () => {
  it('names the notes, a board and the decision drafts', () => {
    expect(followPath(S, 'notes')).toBe('/s/sess1');
    expect(followPath(S, 'goals')).toBe('/s/sess1/b/goals');
    expect(followPath(S, 'decisions')).toBe('/s/sess1/beschluesse');
    expect(followPath('a b', 'swot')).toBe('/s/a%20b/b/swot');
  });
});

describe('paths', () => {
  it('tells the bare room, the drafts and being in place apart', () => {
    expect(isBareRoomPath(S, '/s/sess1')).toBe(true);
    expect(isBareRoomPath(S, '/s/sess1/')).toBe(true);
    expect(isBareRoomPath(S, '/s/sess1/b/swot')).toBe(false);
    expect(isDraftPath(S, '/s/sess1/beschluesse')).toBe(true);
    expect(isDraftPath(S, '/s/sess1/beschluesse/d1')).toBe(true);
    expect(isDraftPath(S, '/s/sess1/beschluesseX')).toBe(false);
    expect(isDraftPath(S, '/s/sess1/b/swot')).toBe(false);
    expect(isInPlace('/s/sess1/b/swot/', '/s/sess1/b/swot')).toBe(true);
    expect(isInPlace('/s/sess1', '/s/sess1/b/swot')).toBe(false);
  });
});

describe('followStep', () => {
  it('stays on a reload or an opened link: the first state seen never moves', () => {
    const step = followStep({ ...base, seen: undefined, current: 'b:priorities', target: '/s/sess1/b/priorities', pathname: '/s/sess1/beschluesse/d1' });
    expect(step).toEqual({ moveTo: null, changed: false, heldBack: false });
    const board = followStep({ ...base, seen: undefined, current: 'b:priorities', target: '/s/sess1/b/priorities', pathname: '/s/sess1/b/swot' });
    expect(board.moveTo).toBeNull();
  });

  it('lets someone who opened the bare room land on the current item, without an announcement', () => {
    const step = followStep({ ...base, seen: undefined, pathname: '/s/sess1', mayLand: true });
    expect(step).toEqual({ moveTo: '/s/sess1/b/swot', changed: false, heldBack: false });
    // Not when "Folgen" is off.
    expect(followStep({ ...base, seen: undefined, pathname: '/s/sess1', mayLand: true, follow: false }).moveTo).toBeNull();
  });

  it('moves on a change of the item or of its board', () => {
    const item = followStep({ ...base, current: 'b:priorities', target: '/s/sess1/b/priorities' });
    expect(item).toEqual({ moveTo: '/s/sess1/b/priorities', changed: true, heldBack: false });
    const board = followStep({ ...base, current: 'a:goals', target: '/s/sess1/b/goals', pathname: '/s/sess1' });
    expect(board.moveTo).toBe('/s/sess1/b/goals');
  });

  it('does not move when the state repeats the same item (a reconnect, a timer tick)', () => {
    expect(followStep({ ...base, pathname: '/s/sess1/b/goals' })).toEqual({ moveTo: null, changed: false, heldBack: false });
  });

  it('announces but does not move someone who turned "Folgen" off', () => {
    expect(followStep({ ...base, current: 'b:goals', target: '/s/sess1/b/goals', follow: false })).toEqual({ moveTo: null, changed: true, heldBack: false });
  });

  it('holds back someone working in a draft and says so', () => {
    const step = followStep({ ...base, current: 'b:goals', target: '/s/sess1/b/goals', pathname: '/s/sess1/beschluesse/d1', inDraft: true });
    expect(step).toEqual({ moveTo: null, changed: true, heldBack: true });
  });

  it('changes without a move when the person is already there', () => {
    expect(followStep({ ...base, current: 'b:swot' })).toEqual({ moveTo: null, changed: true, heldBack: false });
  });

  it('does nothing without a current item', () => {
    expect(followStep({ ...base, seen: 'a:swot', current: null, target: null })).toEqual({ moveTo: null, changed: false, heldBack: false });
  });
});

describe('wasReloadOf', () => {
  it('is true only for a reload of the same path', () => {
    expect(wasReloadOf('/s/sess1', [{ type: 'reload', name: 'http://x/s/sess1' }])).toBe(true);
    expect(wasReloadOf('/s/sess1', [{ type: 'reload', name: 'http://x/join/ABC123' }])).toBe(false);
    expect(wasReloadOf('/s/sess1', [{ type: 'navigate', name: 'http://x/s/sess1' }])).toBe(false);
    expect(wasReloadOf('/s/sess1', [])).toBe(false);
    expect(wasReloadOf('/s/sess1', [{ type: 'reload', name: 'not a url' }])).toBe(false);
  });
});
