import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readGoalTree } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import { goalOps, possibleOps, snapshotTree } from './operations';

function setup() {
  const doc = new Y.Doc();
  const origin = { who: 'anna' };
  const ctx: WriteContext = { origin, author: { participantId: 'anna-0001', displayName: 'Anna' } };
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([origin]) });
  const ops = goalOps(doc, ctx, () => snapshotTree(readGoalTree(doc)), undo);
  const outline = () => readGoalTree(doc).nodes.map((n) => `${'  '.repeat(n.depth)}${n.level}`);
  return { doc, ops, undo, outline };
}

describe('goal outline operations', () => {
  it('adds children at the next level and siblings at the same level', () => {
    const { ops, outline } = setup();
    const root = ops.addRoot();
    const s1 = ops.addChild(root) as string;
    ops.addSibling(s1);
    ops.addChild(s1);
    expect(outline()).toEqual(['leitbild', '  strategisch', '    operativ', '  strategisch']);
  });

  it('indent and outdent shift the node and its subtree by one level, as one undo step each', () => {
    const { ops, undo, outline } = setup();
    const root = ops.addRoot();
    const s1 = ops.addChild(root) as string;
    const s2 = ops.addSibling(s1) as string;
    ops.addChild(s2);
    expect(ops.indent(s2)).toBe(true);
    expect(outline()).toEqual(['leitbild', '  strategisch', '    operativ', '      massnahme']);
    expect(ops.outdent(s2)).toBe(true);
    expect(outline()).toEqual(['leitbild', '  strategisch', '  strategisch', '    operativ']);
    undo.undo();
    expect(outline()).toEqual(['leitbild', '  strategisch', '    operativ', '      massnahme']);
  });

  it('moves among siblings and knows what is possible', () => {
    const { doc, ops } = setup();
    const root = ops.addRoot();
    const a = ops.addChild(root) as string;
    const b = ops.addSibling(a) as string;
    expect(possibleOps(snapshotTree(readGoalTree(doc)), a)).toEqual({ indent: false, outdent: true, moveUp: false, moveDown: true });
    expect(ops.moveUp(b)).toBe(true);
    expect(readGoalTree(doc).byId.get(root)?.childIds).toEqual([b, a]);
    expect(ops.moveUp(b)).toBe(false);
    expect(ops.remove(b)).toBe(true);
    expect(readGoalTree(doc).byId.get(root)?.childIds).toEqual([a]);
  });
});
