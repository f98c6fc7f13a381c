/**
 * The goal tree (Zielbaum) as the client reads it: one snapshot per node (ItemStore over the
 * `items` map, re-read only for the nodes a transaction touched) and the tree's structure —
 * effective parents, sibling order, depth — derived only when a node's parent, order or level
 * changed, a node came or went, or the record of deleted nodes changed.
 *
 * Typing into a goal re-reads that goal and re-renders the components showing it (its outline
 * row, its diagram box, the detail panel); the structure and every other node keep their
 * identity. Moving a node derives the structure again (one pass over the links, O(n log n) for
 * the sibling sort) and the rows whose place changed get new row objects; the others keep theirs.
 *
 * Every walk here is a loop, never a recursion, and whatever is shown nested is bounded by
 * GOAL_DISPLAY_DEPTH: a participant can write a chain of thousands of levels, and the views must
 * not overflow the stack (or the browser's layout) reading it.
 */
import type * as Y from 'yjs';
import {
  GOALS_REMOVED_MAP,
  measurability,
  readGoalItem,
  requiresMeasurability,
  type GoalItem,
  type GoalLevel,
} from '../../../shared/schema/goals';
import { getItemsMap } from '../../../shared/schema/items';
import { resolveTree, type ResolvedTree } from '../../../shared/schema/tree';
import { ItemStore } from './itemStore';
import { sameIds } from './structure';
import { foldText } from './text';

/**
 * Levels shown nested (indented, drawn as columns, listed in nested lists). Nodes deeper than
 * this are shown at this depth, each with its real level written next to it.
 */
export const GOAL_DISPLAY_DEPTH = 12;

const EMPTY: readonly string[] = Object.freeze([]);

/** The resolved tree: effective parents, ordered children, depths; one object per structure version. */
export class GoalStructure {
  /** Every node in outline order (parents before children, siblings in order). */
  readonly preorder: readonly string[];
  readonly maxDepth: number;
  private readonly depths: ReadonlyMap<string, number>;

  constructor(
    private readonly tree: ResolvedTree,
    /** Children lists, shared with the previous structure where unchanged. */
    private readonly children: ReadonlyMap<string | null, readonly string[]>,
  ) {
    const depths = new Map<string, number>();
    const order: string[] = [];
    let maxDepth = 0;
    for (const { id, depth } of tree.preorder) {
      depths.set(id, depth);
      order.push(id);
      if (depth > maxDepth) maxDepth = depth;
    }
    this.depths = depths;
    this.preorder = Object.freeze(order);
    this.maxDepth = maxDepth;
  }

  get size(): number {
    return this.preorder.length;
  }

  get rootIds(): readonly string[] {
    return this.childIds(null);
  }

  has(id: string): boolean {
    return this.depths.has(id);
  }

  /** Children in order (key null: the top level). */
  childIds(id: string | null): readonly string[] {
    return this.children.get(id) ?? EMPTY;
  }

  /** The effective parent (null: top level); undefined when `id` is no node. */
  parentOf(id: string): string | null | undefined {
    return this.tree.parentOf.get(id);
  }

  depthOf(id: string): number {
    return this.depths.get(id) ?? 0;
  }

  /** The siblings of a node, itself included. */
  siblingsOf(id: string): readonly string[] {
    const parent = this.parentOf(id);
    return parent === undefined ? EMPTY : this.childIds(parent);
  }

  /** Whether the node's effective parent differs from the stored one (deleted parent or cycle). */
  isRepaired(id: string): boolean {
    return this.tree.repairedIds.has(id);
  }

  /** `id` and its descendants in outline order (a loop, however deep the subtree). */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      out.push(cur);
      const kids = this.childIds(cur);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as string);
    }
    return out;
  }

  /** Ancestors from the top down to the parent (bounded by the tree's size, so never endless). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let cur = this.parentOf(id) ?? null;
    for (let steps = 0; cur !== null && steps <= this.size; steps++) {
      out.push(cur);
      cur = this.parentOf(cur) ?? null;
    }
    return out.reverse();
  }
}

// ---------------------------------------------------------------------------------------------
// Search and filter

export type GoalIndicatorFilter = 'any' | 'with' | 'without';
/** 'gaps': must be measurable and is not yet; 'notMeasured': Leitbild and Maßnahmen. */
export type GoalMeasurabilityFilter = 'any' | 'measurable' | 'gaps' | 'notMeasured';

export interface GoalFilter {
  readonly text: string;
  /** participantId of the person who created the node. */
  readonly author: string;
  readonly level: GoalLevel | '';
  readonly indicators: GoalIndicatorFilter;
  readonly measurability: GoalMeasurabilityFilter;
}

export const EMPTY_GOAL_FILTER: GoalFilter = Object.freeze({ text: '', author: '', level: '', indicators: 'any', measurability: 'any' });

export function isGoalFilterActive(f: GoalFilter): boolean {
  return f.text.trim() !== '' || f.author !== '' || f.level !== '' || f.indicators !== 'any' || f.measurability !== 'any';
}

const haystacks = new WeakMap<GoalItem, string>();

/** Folded text of everything a search looks at, cached per snapshot (a snapshot never changes). */
function haystack(item: GoalItem): string {
  let hay = haystacks.get(item);
  if (hay === undefined) {
    hay = foldText(
      [
        item.title,
        item.description,
        item.owner,
        item.targetGroup,
        item.area,
        item.createdBy.displayName,
        ...item.indicators.map((i) => `${i.name} ${i.unit} ${i.dataSource}`),
      ].join('\n'),
    );
    haystacks.set(item, hay);
  }
  return hay;
}

/** Whether a node itself matches (its ancestors are shown as context by the views). */
export function goalMatches(item: GoalItem, f: GoalFilter, needle = foldText(f.text.trim())): boolean {
  if (f.level !== '' && item.level !== f.level) return false;
  if (f.author !== '' && item.createdBy.participantId !== f.author) return false;
  if (f.indicators === 'with' && item.indicators.length === 0) return false;
  if (f.indicators === 'without' && item.indicators.length > 0) return false;
  if (f.measurability !== 'any') {
    const required = requiresMeasurability(item.level);
    if (f.measurability === 'notMeasured' ? required : !required) return false;
    if (f.measurability === 'measurable' && measurability(item).length > 0) return false;
    if (f.measurability === 'gaps' && measurability(item).length === 0) return false;
  }
  return needle === '' || haystack(item).includes(needle);
}

// ---------------------------------------------------------------------------------------------
// What the outline shows

/** One row of the outline. Rows whose fields did not change keep their identity between derivations. */
export interface GoalRow {
  readonly id: string;
  /** Real depth, 0 = top level (may exceed GOAL_DISPLAY_DEPTH). */
  readonly depth: number;
  readonly parentId: string | null;
  /** Position among the siblings shown, 1-based, and their number (aria-posinset / aria-setsize). */
  readonly posInSet: number;
  readonly setSize: number;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  /** Shown only because a descendant matches the filter. */
  readonly context: boolean;
  /** The effective parent differs from the stored one (deleted parent or cycle). */
  readonly repaired: boolean;
}

export interface GoalView {
  readonly rows: readonly GoalRow[];
  /** Nodes in the tree. */
  readonly total: number;
  /** Nodes matching the filter (all of them without one). */
  readonly matched: number;
  readonly filtered: boolean;
  /** The nodes shown (matches and their ancestors), or null when every node is. */
  readonly shown: ReadonlySet<string> | null;
}

function sameRow(a: GoalRow, b: GoalRow): boolean {
  return (
    a.depth === b.depth &&
    a.parentId === b.parentId &&
    a.posInSet === b.posInSet &&
    a.setSize === b.setSize &&
    a.hasChildren === b.hasChildren &&
    a.expanded === b.expanded &&
    a.context === b.context &&
    a.repaired === b.repaired
  );
}

/** Which goals are measurable: the board's counter, kept up to date per changed node. */
export interface MeasurabilityCount {
  readonly measurable: number;
  readonly total: number;
}

type Measure = 0 | 1 | 2; // not required, required with gaps, measurable

function measureOf(item: GoalItem): Measure {
  if (!requiresMeasurability(item.level)) return 0;
  return measurability(item).length === 0 ? 2 : 1;
}

const goalReader = {
  read: (id: string, item: Y.Map<unknown>) => readGoalItem(id, item),
  // The level is structural: filters by level and the outline's level moves derive from it.
  structuralKey: (g: GoalItem) => `${g.storedParentId ?? ''}\u0000${g.order}\u0000${g.level}`,
};

export class GoalsModel {
  readonly items: ItemStore<GoalItem>;
  /** How many node snapshots were read since the model was created (tests prove reads stay local). */
  reads = 0;
  private readonly removed: Y.Map<unknown>;
  private removedVersion = 0;
  private readonly removedListeners = new Set<() => void>();
  private readonly onRemoved: () => void;
  private cached: { version: number; structure: GoalStructure } | undefined;
  private lastRows = new Map<string, GoalRow>();
  private lastShown: ReadonlySet<string> | null = null;
  private readonly measures = new Map<string, Measure>();
  private counts: MeasurabilityCount = { measurable: 0, total: 0 };
  private readonly countListeners = new Set<() => void>();
  private readonly unsubscribeContent: () => void;

  constructor(readonly doc: Y.Doc) {
    this.items = new ItemStore(getItemsMap(doc), {
      read: (id, item) => {
        this.reads++;
        return goalReader.read(id, item);
      },
      structuralKey: goalReader.structuralKey,
    });
    this.removed = doc.getMap<unknown>(GOALS_REMOVED_MAP);
    this.onRemoved = () => {
      this.removedVersion++;
      for (const l of [...this.removedListeners]) l();
    };
    this.removed.observe(this.onRemoved);
    let measurable = 0;
    let total = 0;
    for (const item of this.items.values()) {
      const m = measureOf(item);
      this.measures.set(item.id, m);
      if (m > 0) total++;
      if (m === 2) measurable++;
    }
    this.counts = Object.freeze({ measurable, total });
    this.unsubscribeContent = this.items.subscribeContent((ids) => this.updateCounts(ids));
  }

  destroy(): void {
    this.unsubscribeContent();
    this.removed.unobserve(this.onRemoved);
    this.removedListeners.clear();
    this.countListeners.clear();
    this.items.destroy();
  }

  subscribeStructure(listener: () => void): () => void {
    const a = this.items.subscribeStructure(listener);
    this.removedListeners.add(listener);
    return () => {
      a();
      this.removedListeners.delete(listener);
    };
  }

  /** Changes whenever the structure may have changed. */
  get structureVersion(): number {
    return this.items.structureVersion * 1_000_003 + this.removedVersion;
  }

  /** The resolved tree, derived again only after a structural change. */
  structure(): GoalStructure {
    const version = this.structureVersion;
    if (this.cached?.version === version) return this.cached.structure;
    const links = [];
    for (const item of this.items.values()) links.push({ id: item.id, parentId: item.storedParentId, order: item.order });
    const tree = resolveTree(links, (id) => {
      const v = this.removed.get(id);
      return typeof v === 'string' ? v : v === null ? null : undefined;
    });
    const previous = this.cached?.structure;
    const children = new Map<string | null, readonly string[]>();
    for (const [parent, ids] of tree.childrenOf) {
      const before = previous?.childIds(parent);
      children.set(parent, before && sameIds(before, ids) ? before : ids);
    }
    const structure = new GoalStructure(tree, children);
    this.cached = { version, structure };
    return structure;
  }

  // Measurability ------------------------------------------------------------------------------

  get measurability(): MeasurabilityCount {
    return this.counts;
  }

  subscribeMeasurability(listener: () => void): () => void {
    this.countListeners.add(listener);
    return () => this.countListeners.delete(listener);
  }

  private updateCounts(ids: ReadonlySet<string>): void {
    let { measurable, total } = this.counts;
    for (const id of ids) {
      const before = this.measures.get(id) ?? 0;
      const item = this.items.get(id);
      const after: Measure = item ? measureOf(item) : 0;
      if (item) this.measures.set(id, after);
      else this.measures.delete(id);
      if (before === after) continue;
      total += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      measurable += (after === 2 ? 1 : 0) - (before === 2 ? 1 : 0);
    }
    if (measurable === this.counts.measurable && total === this.counts.total) return;
    this.counts = Object.freeze({ measurable, total });
    for (const l of [...this.countListeners]) l();
  }

  // Views --------------------------------------------------------------------------------------

  /**
   * The nodes a filter leaves: every match and its ancestors (so the tree stays readable), or
   * null without a filter. One pass over the nodes, and each ancestor is marked at most once.
   */
  shownBy(filter: GoalFilter): { shown: ReadonlySet<string> | null; matched: number } {
    const structure = this.structure();
    if (!isGoalFilterActive(filter)) return { shown: null, matched: structure.size };
    const needle = foldText(filter.text.trim());
    const shown = new Set<string>();
    let matched = 0;
    for (const id of structure.preorder) {
      const item = this.items.get(id);
      if (!item || !goalMatches(item, filter, needle)) continue;
      matched++;
      let cur: string | null | undefined = id;
      while (cur != null && !shown.has(cur)) {
        shown.add(cur);
        cur = structure.parentOf(cur);
      }
    }
    return { shown, matched };
  }

  /**
   * The outline's rows under `filter`: pre-order without the descendants of collapsed nodes;
   * with a filter, the matches and their ancestors (collapsing is then set aside, so no match
   * hides). Rows that did not change keep their identity.
   */
  view(filter: GoalFilter, collapsed: ReadonlySet<string>): GoalView {
    const structure = this.structure();
    const found = this.shownBy(filter);
    // The same set of nodes keeps its identity, so views drawn from it (the diagram) are not laid out again.
    const shown = found.shown && this.lastShown && sameSet(found.shown, this.lastShown) ? this.lastShown : found.shown;
    this.lastShown = shown;
    const matched = found.matched;
    const rows: GoalRow[] = [];
    const next = new Map<string, GoalRow>();
    let skipBelow = Infinity;
    // Positions among the siblings shown, computed once per parent (a node may have thousands of children).
    const siblingCache = new Map<string | null, { size: number; index: Map<string, number> }>();
    const siblingsOf = (id: string, parentId: string | null) => {
      let entry = siblingCache.get(parentId);
      if (!entry) {
        const all = structure.siblingsOf(id);
        const list = shown ? all.filter((s) => shown.has(s)) : all;
        entry = { size: list.length, index: new Map(list.map((s, i) => [s, i])) };
        siblingCache.set(parentId, entry);
      }
      return entry;
    };
    for (const id of structure.preorder) {
      const depth = structure.depthOf(id);
      if (shown) {
        if (!shown.has(id)) continue;
      } else {
        if (depth > skipBelow) continue;
        skipBelow = Infinity;
      }
      const parentId = structure.parentOf(id) ?? null;
      const siblings = siblingsOf(id, parentId);
      const kids = structure.childIds(id);
      const hasChildren = shown ? kids.some((k) => shown.has(k)) : kids.length > 0;
      const expanded = hasChildren && (shown !== null || !collapsed.has(id));
      if (!shown && hasChildren && !expanded) skipBelow = depth;
      const row: GoalRow = {
        id,
        depth,
        parentId,
        posInSet: (siblings.index.get(id) ?? 0) + 1,
        setSize: siblings.size,
        hasChildren,
        expanded,
        context: shown !== null && !goalMatchesCached(this.items.get(id), filter),
        repaired: structure.isRepaired(id),
      };
      const before = this.lastRows.get(id);
      const kept = before && sameRow(before, row) ? before : Object.freeze(row);
      next.set(id, kept);
      rows.push(kept);
    }
    this.lastRows = next;
    return { rows: Object.freeze(rows), total: structure.size, matched, filtered: shown !== null, shown };
  }

  /** Every author of a node (participantId → name), sorted by name. */
  authors(): [string, string][] {
    const byId = new Map<string, string>();
    for (const item of this.items.values()) {
      const a = item.createdBy;
      if (a.participantId && !byId.has(a.participantId)) byId.set(a.participantId, a.displayName);
    }
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'de'));
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

function goalMatchesCached(item: GoalItem | undefined, filter: GoalFilter): boolean {
  return item !== undefined && goalMatches(item, filter);
}

// ---------------------------------------------------------------------------------------------
// Bounded trees for drawing and nested lists

/** A node of a depth-bounded tree: either a goal, or a note standing for everything below the bound. */
export type BoundedNode =
  | { readonly kind: 'goal'; readonly id: string; readonly depth: number; readonly children: BoundedNode[] }
  | { readonly kind: 'deeper'; readonly id: string; readonly depth: number; readonly parentId: string; readonly count: number; readonly children: BoundedNode[] };

/**
 * The tree cut at `maxDepth` levels for views that nest (the diagram, d3-hierarchy's input):
 * below a node at the last level stands one 'deeper' note counting its descendants. Built with a
 * loop; `shown` restricts it to the nodes a filter leaves.
 */
export function boundedTree(structure: GoalStructure, shown: ReadonlySet<string> | null, maxDepth = GOAL_DISPLAY_DEPTH): BoundedNode[] {
  const roots: BoundedNode[] = [];
  const keep = (id: string) => shown === null || shown.has(id);
  const stack: { id: string; depth: number; into: BoundedNode[] }[] = [];
  const top = structure.rootIds.filter(keep);
  for (let i = top.length - 1; i >= 0; i--) stack.push({ id: top[i] as string, depth: 0, into: roots });
  while (stack.length > 0) {
    const { id, depth, into } = stack.pop() as { id: string; depth: number; into: BoundedNode[] };
    const node: BoundedNode = { kind: 'goal', id, depth, children: [] };
    into.push(node);
    const kids = structure.childIds(id).filter(keep);
    if (kids.length === 0) continue;
    if (depth + 1 >= maxDepth) {
      let count = 0;
      for (const k of kids) count += shown ? structure.subtree(k).filter(keep).length : structure.subtree(k).length;
      node.children.push({ kind: 'deeper', id: `${id}:deeper`, depth: depth + 1, parentId: id, count, children: [] });
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as string, depth: depth + 1, into: node.children });
  }
  return roots;
}
