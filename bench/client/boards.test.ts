import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getNotesFragment } from '../../shared/schema/notes';
import { readGoalTree } from '../../shared/schema/goals';
import { readPriorities } from '../../shared/schema/priorities';
import { readSwot, SWOT_QUADRANTS } from '../../shared/schema/swot';
import { burstEdit, remoteEdit, seedGoals, seedNotes, seedPriorities, seedSwot, writers } from './boards';
import { rng } from './text';

const ctxs = writers({ test: true });

describe('seeded boards', () => {
  it('SWOT: n cards over the four quadrants, texts of 40–200 characters, some clustered and with evidence', () => {
    const doc = new Y.Doc();
    const s = seedSwot(doc, 300, rng(1), ctxs);
    const board = readSwot(doc);
    expect(board.cards).toHaveLength(300);
    for (const q of SWOT_QUADRANTS) expect(board.cards.filter((c) => c.quadrant === q).length).toBe(75);
    for (const c of board.cards) {
      expect(c.text.length).toBeGreaterThanOrEqual(40);
      expect(c.text.length).toBeLessThanOrEqual(200);
    }
    expect(board.cards.filter((c) => c.clusterId !== null).length).toBeGreaterThan(10);
    expect(board.cards.filter((c) => c.evidence !== null).length).toBeGreaterThan(10);
    // The typed-into and the watched card are the first two loose cards of Stärken.
    const loose = board.cards.filter((c) => c.quadrant === 'staerken' && c.clusterId === null);
    expect([loose[0]!.id, loose[1]!.id]).toEqual([s.typing.id, s.remote.id]);
    expect(s.open.countSum).toBe(300);
    expect(s.ids).not.toContain(s.typing.id);
  });

  it('is the same for the same seed (every checkout of a run sees the same board)', () => {
    const texts = (seed: number) => readSwot(((d) => (seedSwot(d, 50, rng(seed), ctxs), d))(new Y.Doc())).cards.map((c) => c.text);
    expect(texts(7)).toEqual(texts(7));
    expect(texts(7)).not.toEqual(texts(8));
  });

  it('priorities and goals: the requested number of items; the goal tree has four levels', () => {
    const p = new Y.Doc();
    seedPriorities(p, 200, rng(2), ctxs);
    expect(readPriorities(p)).toHaveLength(200);
    const g = new Y.Doc();
    const s = seedGoals(g, 500, rng(3), ctxs);
    const tree = readGoalTree(g);
    expect(tree.nodes).toHaveLength(500);
    expect(new Set(tree.nodes.map((n) => n.level))).toEqual(new Set(['leitbild', 'strategisch', 'operativ', 'massnahme']));
    expect(Math.max(...tree.nodes.map((n) => n.depth))).toBe(3);
    expect(tree.nodes[0]!.id).toBe(s.typing.id);
    expect(tree.nodes[1]!.id).toBe(s.remote.id);
    expect(tree.nodes.filter((n) => n.indicators.length > 0).length).toBeGreaterThan(48);
  });

  it('notes: 50 pages hold about 2,000 paragraphs; remote edits replace the previous marker', () => {
    const doc = new Y.Doc();
    const s = seedNotes(doc, 50, rng(4));
    expect(s.paragraphs).toBeGreaterThan(1900);
    expect(s.paragraphs).toBeLessThan(2300);
    const ctx = ctxs[0]!;
    remoteEdit(doc, ctx, s, 3);
    remoteEdit(doc, ctx, s, 4);
    const text = getNotesFragment(doc).get(4).toString();
    expect(text).toContain('[r4]');
    expect(text).not.toContain('[r3]');
  });

  it('a burst changes items but never the two targets', () => {
    const doc = new Y.Doc();
    const s = seedSwot(doc, 100, rng(5), ctxs);
    const before = readSwot(doc);
    const r = rng(6);
    for (let k = 0; k < 50; k++) burstEdit(doc, ctxs[1]!, s, r);
    const after = readSwot(doc);
    expect(after.cards).toHaveLength(100);
    const text = (b: typeof before, id: string) => b.cards.find((c) => c.id === id)!.text;
    expect(text(after, s.typing.id)).toBe(text(before, s.typing.id));
    expect(text(after, s.remote.id)).toBe(text(before, s.remote.id));
    expect(after.cards.filter((c) => c.text !== text(before, c.id)).length).toBeGreaterThan(10);
  });
});
