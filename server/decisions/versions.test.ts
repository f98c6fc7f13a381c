import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DecisionContent } from '../../shared/decision';
import { completeContent } from '../../shared/decisionTestkit';
import { freeze } from './service';

const reorder = (c: DecisionContent): DecisionContent =>
  JSON.parse(JSON.stringify(c), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)) as DecisionContent;

describe('version hashes', () => {
  it('same content, same hash, whatever the key order; a known value pins the algorithm', () => {
    const a = freeze(completeContent());
    const b = freeze(reorder(completeContent()));
    expect(b.hash).toBe(a.hash);
    expect(b.json).toBe(a.json);
    expect(a.hash).toBe(createHash('sha256').update(a.json, 'utf8').digest('hex'));
    expect(freeze({ ...completeContent(), title: 'x' }).hash).not.toBe(a.hash);
    // Pinned: changing canonicalisation or hashing changes every stored version's meaning.
    expect(freeze({ b: 1, a: 'ü' } as unknown as DecisionContent).hash).toBe(createHash('sha256').update('{"a":"ü","b":1}', 'utf8').digest('hex'));
  });

  it('a row moved changes the hash (order is content), a row edited and edited back does not', () => {
    const c = completeContent();
    const moved = { ...c, measures: [...c.measures].reverse() };
    expect(freeze(moved).hash).not.toBe(freeze(c).hash);
    const back = { ...c, costs: c.costs.map((k) => ({ ...k, amountEur: 1 })) };
    expect(freeze({ ...back, costs: c.costs }).hash).toBe(freeze(c).hash);
  });
});
