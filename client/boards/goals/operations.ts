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
  type GoalNode,
  type GoalTree,
} from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';

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

/** Sets `node`'s level to `level` and shifts its descendants by the same number of levels. */
function relevel(doc: Y.Doc, ctx: WriteContext, tree: GoalTree, node: GoalNode, level: GoalLevel): void {
  const by = GOAL_LEVELS.indexOf(level) - GOAL_LEVELS.indexOf(node.level);
  if (by === 0) return;
  const stack: GoalNode[] = [node];
  while (stack.length > 0) {
    const cur = stack.pop() as GoalNode;
    const next = cur === node ? level : shiftLevel(cur.level, by);
    if (next !== cur.level) updateGoal(doc, ctx, cur.id, { level: next });
    for (const childId of cur.childIds) {
      const child = tree.byId.get(childId);
      if (child) stack.push(child);
    }
  }
}

export function goalOps(doc: Y.Doc, ctx: WriteContext, tree: () => GoalTree, undoManager: Y.UndoManager | undefined): GoalOps {
  /** One transaction, one undo step of its own (not merged with typing just before). */
  function step<T>(fn: (t: GoalTree) => T): T {
    undoManager?.stopCapturing();
    let result: T | undefined;
    doc.transact(() => {
      result = fn(tree());
    }, ctx.origin);
    undoManager?.stopCapturing();
    return result as T;
  }

  function siblingsOf(t: GoalTree, node: GoalNode): readonly string[] {
    return node.parentId === null ? t.rootIds : (t.byId.get(node.parentId)?.childIds ?? []);
  }

  return {
    addRoot: () => step((t) => addGoal(doc, ctx, { level: t.nodes.length === 0 ? 'leitbild' : 'strategisch' })),
    addChild: (parentId) =>
      step((t) => {
        const parent = t.byId.get(parentId);
        return parent ? addGoal(doc, ctx, { parentId, level: childLevel(parent.level) }) : undefined;
      }),
    addSibling: (id) =>
      step((t) => {
        const node = t.byId.get(id);
        return node ? addGoal(doc, ctx, { parentId: node.parentId, placement: { after: id }, level: node.level }) : undefined;
      }),
    indent: (id) =>
      step((t) => {
        const node = t.byId.get(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const prev = t.byId.get(siblings[siblings.indexOf(id) - 1] ?? '');
        if (!prev || !indentGoal(doc, ctx, id)) return false;
        relevel(doc, ctx, t, node, childLevel(prev.level));
        return true;
      }),
    outdent: (id) =>
      step((t) => {
        const node = t.byId.get(id);
        if (!node || node.parentId === null) return false;
        const parent = t.byId.get(node.parentId);
        if (!outdentGoal(doc, ctx, id)) return false;
        // The node becomes its parent's next sibling, so it takes the parent's level.
        if (parent) relevel(doc, ctx, t, node, parent.level);
        return true;
      }),
    moveUp: (id) =>
      step((t) => {
        const node = t.byId.get(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const prev = siblings[siblings.indexOf(id) - 1];
        return prev !== undefined && moveGoal(doc, ctx, id, { before: prev });
      }),
    moveDown: (id) =>
      step((t) => {
        const node = t.byId.get(id);
        if (!node) return false;
        const siblings = siblingsOf(t, node);
        const next = siblings[siblings.indexOf(id) + 1];
        return next !== undefined && moveGoal(doc, ctx, id, { after: next });
      }),
    remove: (id, withDescendants = false) => step(() => deleteGoal(doc, ctx, id, { withDescendants })),
  };
}

/** What the outline may do with a node right now (buttons are disabled otherwise). */
export function possibleOps(tree: GoalTree, id: string | null) {
  const node = id ? tree.byId.get(id) : undefined;
  if (!node) return { indent: false, outdent: false, moveUp: false, moveDown: false };
  const siblings = node.parentId === null ? tree.rootIds : (tree.byId.get(node.parentId)?.childIds ?? []);
  const i = siblings.indexOf(node.id);
  return { indent: i > 0, outdent: node.parentId !== null, moveUp: i > 0, moveDown: i >= 0 && i < siblings.length - 1 };
}
