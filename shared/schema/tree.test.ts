import { describe, expect, it } from 'vitest';
import { isInSubtree, resolveTree, subtreeIds, type TreeLink } from './tree';

const link = (id: string, parentId: string | null, order = 'V'): TreeLink => ({ id, parentId, order });

describe('resolveTree', () => {
  it('reads a plain tree in outline order', () => {
    const tree = resolveTree([link('c', 'a', 'W'), link('a', null), link('b', 'a', 'U'), link('d', null, 'X')]);
    expect(tree.preorder).toEqual([
      { id: 'a', depth: 0 },
      { id: 'b', depth: 1 },
      { id: 'c', depth: 1 },
      { id: 'd', depth: 0 },
    ]);
    expect(tree.childrenOf.get('a')).toEqual(['b', 'c']);
    expect(tree.repairedIds.size).toBe(0);
  });

  it('attaches children of a deleted node to its nearest surviving ancestor', () => {
    // root r > x (deleted) > y (deleted) > child
    const removed = new Map<string, string | null>([
      ['y', 'x'],
      ['x', 'r'],
    ]);
    const tree = resolveTree([link('r', null), link('child', 'y')], (id) => removed.get(id));
    expect(tree.parentOf.get('child')).toBe('r');
    expect(tree.repairedIds.has('child')).toBe(true);
  });

  it('attaches children of an unknown parent to the top level', () => {
    const tree = resolveTree([link('child', 'nobody')]);
    expect(tree.parentOf.get('child')).toBeNull();
  });

  it('survives a cycle in the record of deleted nodes', () => {
    const removed = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    const tree = resolveTree([link('child', 'x')], (id) => removed.get(id));
    expect(tree.parentOf.get('child')).toBeNull();
  });

  it('breaks a two-node cycle at the smaller id, on every input order', () => {
    // Anna moved A under B while Ben moved B under A.
    const links = [link('A', 'B'), link('B', 'A'), link('R', null)];
    for (const order of [links, [...links].reverse()]) {
      const tree = resolveTree(order);
      expect(tree.parentOf.get('A')).toBeNull();
      expect(tree.parentOf.get('B')).toBe('A');
      expect([...tree.repairedIds]).toEqual(['A']);
    }
  });

  it('breaks longer cycles and keeps the nodes hanging into them', () => {
    const tree = resolveTree([link('q', 'p'), link('p', 'n'), link('n', 'q'), link('tail', 'p'), link('self', 'self')]);
    expect(tree.parentOf.get('n')).toBeNull();
    expect(tree.parentOf.get('self')).toBeNull();
    expect(tree.preorder.map((p) => p.id).sort()).toEqual(['n', 'p', 'q', 'self', 'tail']);
    // n is cut loose; p hangs below n, and q and tail below p.
    expect(tree.parentOf.get('p')).toBe('n');
    expect(tree.preorder.find((p) => p.id === 'tail')?.depth).toBe(2);
  });

  it('answers subtree questions on the resolved tree', () => {
    const tree = resolveTree([link('a', null), link('b', 'a'), link('c', 'b'), link('d', null)]);
    expect(isInSubtree(tree, 'a', 'c')).toBe(true);
    expect(isInSubtree(tree, 'a', 'a')).toBe(true);
    expect(isInSubtree(tree, 'c', 'a')).toBe(false);
    expect(isInSubtree(tree, 'a', 'd')).toBe(false);
    expect(subtreeIds(tree, 'a')).toEqual(['a', 'b', 'c']);
  });

  it('handles deep chains without recursion', () => {
    const links = Array.from({ length: 20000 }, (_, i) => link(`n${i}`, i === 0 ? null : `n${i - 1}`));
    const tree = resolveTree(links);
    expect(tree.preorder).toHaveLength(20000);
    expect(tree.preorder.at(-1)?.depth).toBe(19999);
  });
});
