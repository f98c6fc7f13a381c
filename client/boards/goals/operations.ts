/**
 * Outline operations on the goal tree as one person's undo steps. Structural moves also shift
 * levels: a strategic goal indented under another one becomes an operative goal, and everything
 * below it moves one level down with it, so the measurability check keeps asking the right nodes.
 */
import type * as Y from 'yjs';
import {
  addGoal,
  childLevel,
  deleteGoal,
  GOAL_LEVELS,
  indentGoal,
  moveGoal,
  outdentGoal,
  updateGoal,
  type GoalLevel,
  type GoalTree,
} from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import type { GoalsModel } from '../../data/boards/goals';

/** What the operations need to know of a node: its level and its place. */
export interface GoalNodeLike {
  readonly id: string;
  readonly level: GoalLevel;
  readonly parentId: string | null;
  readonly childIds: readonly string[];
}

/** The tree as the operations see it, from the board's model or from a whole-document snapshot. */
export interface GoalTreeLike {
  readonly rootIds: readonly string[];
  readonly size: number;
  node(id: string): GoalNodeLike | undefined;
}

/** The tree of a `readGoalTree` snapshot. */
export function snapshotTree(tree: GoalTree): GoalTreeLike {
  return { rootIds: tree.rootIds, size: tree.nodes.length, node: (id) => tree.byId.get(id) };
}

/** The tree of the board's model (no pass over the document: the structure is kept up to date). */
export function modelTree(model: GoalsModel): GoalTreeLike {
  const s = model.structure();
  return {
    rootIds: s.rootIds,
    size: s.size,
    node: (id) => {
      const item = model.items.get(id);
      const parentId = s.parentOf(id);
      return item && parentId !== undefined ? { id, level: item.level, parentId, childIds: s.childIds(id) } : undefined;
    },
  };
}

export interface GoalOps {
  addRoot(): string;
  addChild(parentId: string): string | undefined;
  addSibling(id: string): string | undefined;
  indent(id: string): boolean;
  outdent(id: string): boolean;
  moveUp(id: string): boolean;
  moveDown(id: string): boolean;
  remove(id: string, withDescendants?: boolean): boolean;
}

function shiftLevel(level: GoalLevel, by: number): GoalLevel {
  const i = Math.max(0, Math.min(GOAL_LEVELS.length - 1, GOAL_LEVELS.indexOf(level) + by));
  return GOAL_LEVELS[i] as GoalLevel;
}

/** Sets `node`'s level to `level` and shifts its descendants by the same number of levels (a loop, however deep). */
function relevel(doc: Y.Doc, ctx: WriteContext, tree: GoalTreeLike, node: GoalNodeLike, level: GoalLevel): void {
  const by = GOAL_LEVELS.indexOf(level) - GOAL_LEVELS.indexOf(node.level);
  if (by === 0) return;
  const stack: GoalNodeLike[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop() as GoalNodeLike;
    const next = cur === node ? level : shiftLevel(cur.level, by);
    if (next !== cur.level) updateGoal(doc, ctx, cur.id, { level: next });
    for (const childId of cur.childIds) {
      const child = tree.node(childId);
      if (child) stack.push(child);
    }
  }
}

export function goalOps(doc: Y.Doc, ctx: WriteContext, tree: () => GoalTreeLike, undoManager: Y.UndoManager | undefined): GoalOps {
  /** One transaction, one undo step of its own (not merged with typing just before). */
  function step<T>(fn: (t: GoalTreeLike) => T): T {
    undoManager?.stopCapturing();
    let result: T | undefined;
    doc.transact(() => {
      result = fn(tree());
    }, ctx.origin);
    undoManager?.stopCapturing();
    return result as T;
  }

  function siblingsOf(t: GoalTreeLike, node: GoalNodeLike): readonly string[] {
    return node.parentId === null ? t.rootIds : (t.node(node.parentId)?.childIds ?? []);
  }

  return {
    addRoot: () => step((t) => addGoal(doc, ctx, { level: t.size === 0 ? 'leitbild' : 'strategisch' })),
    addChild: (parentId) =>
      step((t) => {
        const parent = t.node(parentId);
        return parent ? addGoal(doc, ctx, { parentId, level: childLevel(parent.level) }) : undefined;
      }),
    addSibling: (id) =>
      step((t) => {
        const node = t.node(id);
        return node ? addGoal(doc, ctx, { parentId: node.parentId, placement: { after: id }, level: node.level }) : undefined;
      }),
    indent: (id) =>
      step((t) => {
        const node = t.node(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const prev = t.node(siblings[siblings.indexOf(id) - 1] ?? '');
        if (!prev || !indentGoal(doc, ctx, id)) return false;
        relevel(doc, ctx, t, node, childLevel(prev.level));
        return true;
      }),
    outdent: (id) =>
      step((t) => {
        const node = t.node(id);
        if (!node || node.parentId === null) return false;
        const parent = t.node(node.parentId);
        if (!outdentGoal(doc, ctx, id)) return false;
        // The node becomes its parent's next sibling, so it takes the parent's level.
        if (parent) relevel(doc, ctx, t, node, parent.level);
        return true;
      }),
    moveUp: (id) =>
      step((t) => {
        const node = t.node(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const prev = siblings[siblings.indexOf(id) - 1];
        return prev !== undefined && moveGoal(doc, ctx, id, { before: prev });
      }),
    moveDown: (id) =>
      step((t) => {
        const node = t.node(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const next = siblings[siblings.indexOf(id) + 1];
        return next !== undefined && moveGoal(doc, ctx, id, { after: next });
      }),
    remove: (id, withDescendants = false) => step(() => deleteGoal(doc, ctx, id, { withDescendants })),
  };
}

/** What the outline may do with a node right now (buttons are disabled otherwise). */
export function possibleOps(tree: GoalTreeLike, id: string | null) {
  const node = id ? tree.node(id) : undefined;
  if (!node) return { indent: false, outdent: false, moveUp: false, moveDown: false };
  const siblings = node.parentId === null ? tree.rootIds : (tree.node(node.parentId)?.childIds ?? []);
  const i = siblings.indexOf(node.id);
  return { indent: i > 0, outdent: node.parentId !== null, moveUp: i > 0, moveDown: i >= 0 && i < siblings.length - 1 };
}
