import { describe, expect, it } from 'vitest';
import { compareOrdered, isOrderKey, keyBetween, keysBetween, placementIndex, planPlacement, sortOrdered, type Ordered } from './order';
import { Rng } from './testkit';

describe('keyBetween', () => {
  it('starts in the middle and steps outwards', () => {
    expect(keyBetween(null, null)).toBe('V');
    expect(keyBetween('V', null)).toBe('W');
    expect(keyBetween(null, 'V')).toBe('U');
    expect(keyBetween('z', null)).toBe('z1');
    expect(keyBetween('zz', null)).toBe('zz1');
    expect(keyBetween(null, '1')).toBe('0z');
    expect(keyBetween(null, '01')).toBe('00z');
  });

  it('finds a key between close neighbours', () => {
    for (const [a, b] of [
      ['V', 'W'],
      ['A', 'A1'],
      ['0V', '1'],
      ['zz', 'zzV'],
      ['a', 'a01'],
    ] as const) {
      const k = keyBetween(a, b);
      expect(isOrderKey(k)).toBe(true);
      expect(a < k && k < b).toBe(true);
    }
  });

  it('refuses malformed keys and wrong order', () => {
    expect(() => keyBetween('', null)).toThrow(/invalid/);
    expect(() => keyBetween('A0', null)).toThrow(/invalid/);
    expect(() => keyBetween('A!', null)).toThrow(/invalid/);
    expect(() => keyBetween('B', 'A')).toThrow(/ascending/);
    expect(() => keyBetween('B', 'B')).toThrow(/ascending/);
  });

  it('keeps a list ordered under thousands of random insertions', () => {
    const rng = new Rng(42);
    const keys: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const at = rng.int(keys.length + 1);
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isOrderKey(k)).toBe(true);
      keys.splice(at, 0, k);
    }
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('grows keys slowly when appending or prepending', () => {
    let last: string | null = null;
    let first: string | null = null;
    for (let i = 0; i < 600; i++) {
      last = keyBetween(last, null);
      first = keyBetween(null, first);
    }
    expect(last!.length).toBeLessThanOrEqual(11);
    expect(first!.length).toBeLessThanOrEqual(11);
  });

  it('keysBetween returns n ascending keys inside the bounds', () => {
    for (const [a, b] of [
      [null, null],
      ['V', null],
      [null, 'V'],
      ['V', 'W'],
    ] as const) {
      const keys = keysBetween(a, b, 7);
      expect(keys).toHaveLength(7);
      for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
      if (a !== null) expect(keys[0]! > a).toBe(true);
      if (b !== null) expect(keys[6]! < b).toBe(true);
    }
    expect(keysBetween('V', 'W', 0)).toEqual([]);
  });
});

describe('ordered lists', () => {
  const list = (...pairs: [string, string][]): Ordered[] => sortOrdered(pairs.map(([id, order]) => ({ id, order })));

  it('sorts by key, ties by id', () => {
    expect(list(['b', 'V'], ['a', 'V'], ['c', 'U']).map((o) => o.id)).toEqual(['c', 'a', 'b']);
    expect(compareOrdered({ id: 'a', order: 'V' }, { id: 'a', order: 'V' })).toBe(0);
  });

  it('resolves placements to indexes', () => {
    const siblings = list(['a', 'U'], ['b', 'V'], ['c', 'W']);
    expect(placementIndex(siblings, 'start')).toBe(0);
    expect(placementIndex(siblings, 'end')).toBe(3);
    expect(placementIndex(siblings, { index: 99 })).toBe(3);
    expect(placementIndex(siblings, { index: -2 })).toBe(0);
    expect(placementIndex(siblings, { before: 'b' })).toBe(1);
    expect(placementIndex(siblings, { after: 'b' })).toBe(2);
    expect(placementIndex(siblings, { after: 'gone' })).toBe(3);
  });

  it('places between distinct neighbours without rewriting', () => {
    const plan = planPlacement(list(['a', 'U'], ['b', 'W']), { after: 'a' });
    expect(plan.rewrites).toEqual([]);
    expect(plan.keys[0]! > 'U' && plan.keys[0]! < 'W').toBe(true);
  });

  it('rewrites siblings tied with the lower neighbour (concurrent inserts)', () => {
    // a, b and c got the same key from three replicas; place x between a and b.
    const siblings = list(['a', 'V'], ['b', 'V'], ['c', 'V'], ['d', 'X']);
    const plan = planPlacement(siblings, { after: 'a' });
    const result = sortOrdered([
      { id: 'a', order: 'V' },
      { id: 'x', order: plan.keys[0]! },
      ...plan.rewrites,
      { id: 'd', order: 'X' },
    ]);
    expect(result.map((o) => o.id)).toEqual(['a', 'x', 'b', 'c', 'd']);
    expect(plan.rewrites.map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('treats malformed keys ("" after reading) as sorting first and repairs them when needed', () => {
    const siblings = list(['a', ''], ['b', ''], ['c', 'V']);
    const plan = planPlacement(siblings, 'start');
    const result = sortOrdered([{ id: 'x', order: plan.keys[0]! }, ...plan.rewrites, { id: 'c', order: 'V' }]);
    expect(result.map((o) => o.id)).toEqual(['x', 'a', 'b', 'c']);
    for (const r of result) expect(isOrderKey(r.order)).toBe(true);
  });

  it('plans several keys at once', () => {
    const plan = planPlacement(list(['a', 'U'], ['b', 'V']), { index: 1 }, 3);
    expect(plan.keys).toHaveLength(3);
    expect(['U', ...plan.keys, 'V']).toEqual([...['U', ...plan.keys, 'V']].sort());
  });
});
