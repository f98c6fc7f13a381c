/**
 * Reading a tree from per-item parent links, the same way on every replica.
 *
 * Each node stores `parentId` (last writer wins). Concurrent edits can leave links that do not form
 * a tree; `resolveTree` turns any set of links into one, deterministically:
 * 1. A parent that no longer exists is replaced by its nearest existing ancestor: deleting a node
 *    records the deleted node's parent (`removedParentOf`), so children added or moved under it
 *    concurrently climb to where it hung. Without a record they go to the root.
 * 2. Concurrent re-parenting can close a cycle (Anna moves A under B while Ben moves B under A).
 *    In every cycle the node with the smallest id is cut loose and attached to the root; the rest
 *    of the cycle hangs below it. No node of a cycle has a valid ancestor outside the cycle, so
 *    the root is the nearest one. Ids are compared, not clocks: clocks of venue laptops differ.
 * 3. Siblings are sorted by `(order, id)`.
 * The stored links are not changed by reading; `repairedIds` lists nodes whose effective parent
 * differs from the stored one, so a UI can mark them.
 */
import { compareOrdered } from './order';

export interface TreeLink {
  readonly id: string;
  /** The stored parent, null for a top-level node. */
  readonly parentId: string | null;
  readonly order: string;
}

export interface ResolvedTree {
  /** Effective parent of every node (null = top level). */
  readonly parentOf: ReadonlyMap<string, string | null>;
  /** Effective children of every node, sorted; key null holds the top-level nodes. */
  readonly childrenOf: ReadonlyMap<string | null, readonly string[]>;
  /** All nodes in pre-order (parents before children, siblings in order), with their depth. */
  readonly preorder: readonly { readonly id: string; readonly depth: number }[];
  /** Nodes whose effective parent is not their stored parent (deleted parent or cycle). */
  readonly repairedIds: ReadonlySet<string>;
}

const EMPTY: readonly string[] = Object.freeze([]);

export function resolveTree(links: readonly TreeLink[], removedParentOf: (id: string) => string | null | undefined = () => undefined): ResolvedTree {
  const byId = new Map<string, TreeLink>();
  for (const link of links) byId.set(link.id, link);

  // 1. Dangling parents climb the record of deleted nodes to the nearest existing ancestor.
  const parentOf = new Map<string, string | null>();
  for (const link of links) {
    let p = link.parentId;
    const seen = new Set<string>();
    while (p !== null && !byId.has(p)) {
      if (seen.has(p)) {
        p = null;
        break;
      }
      seen.add(p);
      p = removedParentOf(p) ?? null;
    }
    parentOf.set(link.id, p);
  }

  // 2. Break cycles. Parent links form a functional graph, so its cycles are disjoint and the
  //    smallest id of each is independent of the order in which we find them.
  const state = new Map<string, 'active' | 'done'>();
  const ids = [...byId.keys()].sort();
  for (const start of ids) {
    const path: string[] = [];
    let cur: string | null = start;
    while (cur !== null && state.get(cur) === undefined) {
      state.set(cur, 'active');
      path.push(cur);
      cur = parentOf.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 'active') {
      const cycle = path.slice(path.indexOf(cur));
      let breaker = cycle[0] as string;
      for (const id of cycle) if (id < breaker) breaker = id;
      parentOf.set(breaker, null);
    }
    for (const id of path) state.set(id, 'done');
  }

  // 3. Children lists and pre-order.
  const children = new Map<string | null, TreeLink[]>();
  for (const link of links) {
    const p = parentOf.get(link.id) ?? null;
    const list = children.get(p);
    if (list) list.push(link);
    else children.set(p, [link]);
  }
  const childrenOf = new Map<string | null, readonly string[]>();
  for (const [p, list] of children) childrenOf.set(p, Object.freeze(list.sort(compareOrdered).map((l) => l.id)));

  const preorder: { id: string; depth: number }[] = [];
  const stack: { id: string; depth: number }[] = [...(childrenOf.get(null) ?? EMPTY)].reverse().map((id) => ({ id, depth: 0 }));
  while (stack.length > 0) {
    const top = stack.pop() as { id: string; depth: number };
    preorder.push(Object.freeze(top));
    const kids = childrenOf.get(top.id) ?? EMPTY;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as string, depth: top.depth + 1 });
  }

  const repairedIds = new Set<string>();
  for (const link of links) if ((parentOf.get(link.id) ?? null) !== link.parentId) repairedIds.add(link.id);

  return { parentOf, childrenOf, preorder: Object.freeze(preorder), repairedIds };
}

/** True when `candidate` is `id` itself or one of its descendants in the resolved tree. */
export function isInSubtree(tree: ResolvedTree, id: string, candidate: string): boolean {
  let cur: string | null = candidate;
  const limit = tree.parentOf.size + 1;
  for (let steps = 0; cur !== null && steps <= limit; steps++) {
    if (cur === id) return true;
    cur = tree.parentOf.get(cur) ?? null;
  }
  return false;
}

/** `id` and all its descendants, in pre-order. */
export function subtreeIds(tree: ResolvedTree, id: string): string[] {
  const out: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const cur = stack.pop() as string;
    out.push(cur);
    const kids = tree.childrenOf.get(cur) ?? EMPTY;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as string);
  }
  return out;
}
