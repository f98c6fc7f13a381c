/**
 * The goal tree may not be deeper than `Limits.goalTreeMaxDepth` levels.
 *
 * Readers resolve the tree from per-node parent links (tree.ts): a node whose parent was deleted
 * climbs the `removed` record to the nearest surviving ancestor, and a cycle is cut at its
 * smallest id. The depth checked here is that of the "stored" graph in which a deleted node stands
 * for itself (its parent being its `removed` record) — never less than what a reader resolves, so
 * a bound on it bounds every reader's tree.
 *
 * After a change only the nodes whose link changed are looked at: the depth above such a node
 * (walking up, at most the limit) plus the height of its subtree (through an index of children
 * that is kept up to date per change) must stay within the limit. Every deeper node is below one
 * of them, so nothing else can have become too deep.
 */
import * as Y from 'yjs';
import { Limits } from '../../limits';
import { GOALS_REMOVED_MAP } from '../goals';
import { ITEMS_MAP } from '../items';
import type { AggregateRule, SharedType, TouchedKey } from './types';

/** The live value of a map entry (a plain value or a nested type), or undefined. */
export function liveEntry(map: SharedType | undefined, key: string): unknown {
  const item = map?._map.get(key);
  if (!item || item.deleted) return undefined;
  if (item.content instanceof Y.ContentAny) return item.content.arr[0];
  if (item.content instanceof Y.ContentType) return item.content.type;
  return undefined;
}

class GoalIndex {
  /** Parent of every node of the stored graph (null: top level or a parent that does not exist). */
  readonly parent = new Map<string, string | null>();
  readonly children = new Map<string, Set<string>>();

  constructor(private readonly doc: Y.Doc) {
    for (const id of this.nodeIds()) this.update(id);
  }

  private *nodeIds(): Generator<string> {
    for (const name of [ITEMS_MAP, GOALS_REMOVED_MAP]) {
      const map = this.doc.share.get(name);
      if (!map) continue;
      for (const [key, item] of map._map) if (!item.deleted) yield key;
    }
  }

  /** The node's parent in the stored graph; undefined when the id is no node (any more). */
  private read(id: string): string | null | undefined {
    const node = liveEntry(this.doc.share.get(ITEMS_MAP), id);
    if (node instanceof Y.AbstractType) {
      const p = liveEntry(node, 'parentId');
      return typeof p === 'string' ? p : null;
    }
    const removed = this.doc.share.get(GOALS_REMOVED_MAP);
    if (removed?._map.get(id)?.deleted === false) {
      const p = liveEntry(removed, id);
      return typeof p === 'string' ? p : null;
    }
    return undefined;
  }

  update(id: string): void {
    const old = this.parent.get(id);
    if (old !== undefined && old !== null) this.children.get(old)?.delete(id);
    const now = this.read(id);
    if (now === undefined) {
      this.parent.delete(id);
      return;
    }
    this.parent.set(id, now);
    if (now !== null) {
      let set = this.children.get(now);
      if (!set) this.children.set(now, (set = new Set()));
      set.add(id);
    }
  }

  /** Ancestors above `id` (stopping at a cycle), counted up to `cap`. */
  depthAbove(id: string, cap: number): number {
    const seen = new Set([id]);
    let n = 0;
    let cur = this.parent.get(id) ?? null;
    while (cur !== null && n < cap && this.parent.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      n++;
      cur = this.parent.get(cur) ?? null;
    }
    return n;
  }

  /** Levels below `id`, counted up to `cap`. */
  heightBelow(id: string, cap: number): number {
    const seen = new Set([id]);
    let level = 0;
    let frontier = [id];
    while (level < cap) {
      const next: string[] = [];
      for (const p of frontier) {
        for (const c of this.children.get(p) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          next.push(c);
        }
      }
      if (next.length === 0) break;
      level++;
      frontier = next;
    }
    return level;
  }
}

const indexes = new WeakMap<Y.Doc, GoalIndex>();
const MAX = Limits.goalTreeMaxDepth;

function affected(touched: readonly TouchedKey[]): Set<string> {
  const ids = new Set<string>();
  const prefix = `${ITEMS_MAP}/`;
  for (const t of touched) {
    if (t.path === ITEMS_MAP || t.path === GOALS_REMOVED_MAP) ids.add(t.key);
    else if (t.key === 'parentId' && t.path.startsWith(prefix) && !t.path.includes('/', prefix.length)) ids.add(t.path.slice(prefix.length));
  }
  return ids;
}

export const goalTreeDepth: AggregateRule = {
  name: 'goal tree depth',
  check(doc, touched) {
    const ids = affected(touched);
    if (ids.size === 0) return undefined;
    let index = indexes.get(doc);
    if (!index) indexes.set(doc, (index = new GoalIndex(doc)));
    else for (const id of ids) index.update(id);
    for (const id of ids) {
      if (!index.parent.has(id)) continue;
      const above = index.depthAbove(id, MAX + 1);
      if (above > MAX || above + index.heightBelow(id, MAX + 1 - above) > MAX) return `goals: the tree may be at most ${MAX} levels deep`;
    }
    return undefined;
  },
  repair(doc) {
    const index = new GoalIndex(doc);
    let cuts = 0;
    const cut = (id: string) => {
      const node = liveEntry(doc.share.get(ITEMS_MAP), id);
      if (node instanceof Y.Map) node.set('parentId', null);
      else doc.getMap(GOALS_REMOVED_MAP).set(id, null);
      index.update(id);
      cuts++;
    };
    // Depth of every node; a cycle is cut at its smallest id, as the readers cut it (tree.ts).
    const depth = new Map<string, number>();
    for (const start of [...index.parent.keys()]) {
      while (!depth.has(start)) {
        const path: string[] = [];
        const at = new Map<string, number>();
        let cur: string | null = start;
        let base = -1;
        let cycleAt = -1;
        while (cur !== null && index.parent.has(cur)) {
          const known = depth.get(cur);
          if (known !== undefined) {
            base = known;
            break;
          }
          if (at.has(cur)) {
            cycleAt = at.get(cur)!;
            break;
          }
          at.set(cur, path.length);
          path.push(cur);
          cur = index.parent.get(cur) ?? null;
        }
        if (cycleAt >= 0) {
          cut(path.slice(cycleAt).reduce((a, b) => (b < a ? b : a)));
          continue;
        }
        for (let j = path.length - 1; j >= 0; j--) depth.set(path[j]!, base + (path.length - j));
      }
    }
    // Top down: a node that ends up too deep becomes a top-level node, its subtree moves up with it.
    const level = new Map<string, number>();
    for (const id of [...depth.keys()].sort((a, b) => depth.get(a)! - depth.get(b)!)) {
      const p = index.parent.get(id) ?? null;
      let l = p !== null && level.has(p) ? level.get(p)! + 1 : 0;
      if (l > MAX) {
        cut(id);
        l = 0;
      }
      level.set(id, l);
    }
    indexes.delete(doc);
    return cuts > 0 ? [`goals: ${cuts} links cut so that the tree is at most ${MAX} levels deep`] : [];
  },
};
