/**
 * The action plan (Handlungskonzept) as the client reads it: one snapshot per goal's entry, re-read
 * only for the entries a transaction touched, and the goal tree it depends on, read from the goal
 * tree's document (read-only) through an item store, its outline derived only when the tree's
 * structure changed.
 *
 * The plan's texts are root-level `Y.Text`s named after goal and Zielfeld (see
 * shared/schema/actions.ts), so there is no one map to observe: the model reads the types a
 * transaction changed (`transaction.changed`) and maps each to its goal. Typing into a Zielfeld
 * re-reads that goal's entry and re-renders that goal's section; a node renamed in the goal tree
 * re-renders the sections that show it.
 */
import * as Y from 'yjs';
import {
  ACTION_ENTRIES_MAP,
  ACTION_LINKS_MAP,
  actionEntryExists,
  consistencyHints,
  parseActionTextName,
  readActionEntry,
  readActionLink,
  type ActionEntry,
} from '../../../shared/schema/actions';
import {
  GOAL_LEVELS,
  GOALS_REMOVED_MAP,
  ZIELFELDER,
  type GoalNode,
  type GoalTree,
  type Indicator,
  type Zielfeld,
} from '../../../shared/schema/goals';
import { getItemsMap, isIsoDate, ITEM_ID_PATTERN, readEnum, readMeta, readNullableString, readNumber, readOrder, readString, readText } from '../../../shared/schema/items';
import { sortOrdered } from '../../../shared/schema/order';
import { resolveTree, subtreeIds, type ResolvedTree } from '../../../shared/schema/tree';
import { ItemStore } from './itemStore';
import { sameIds } from './structure';
import { foldText } from './text';

type Listener = () => void;

// ---------------------------------------------------------------------------------------------
// The goal tree, read-only

/** A goal node as stored, before the tree is resolved (its effective parent, depth, children). */
export type GoalItem = Omit<GoalNode, 'parentId' | 'parentRepaired' | 'depth' | 'childIds'> & { readonly storedParentId: string | null };

function readIndicators(item: Y.Map<unknown>): readonly Indicator[] {
  const map = item.get('indicators');
  if (!(map instanceof Y.Map)) return Object.freeze([]);
  const rows: Indicator[] = [];
  for (const [id, value] of (map as Y.Map<unknown>).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const ind = value as Y.Map<unknown>;
    const deadline = ind.get('deadline');
    rows.push(
      Object.freeze({
        id,
        order: readOrder(ind),
        name: readString(ind, 'name'),
        unit: readString(ind, 'unit'),
        baseline: readNumber(ind, 'baseline'),
        target: readNumber(ind, 'target'),
        deadline: isIsoDate(deadline) ? deadline : null,
        dataSource: readString(ind, 'dataSource'),
      }),
    );
  }
  return Object.freeze(sortOrdered(rows));
}

/**
 * Reads one node of the goal tree's `items` map, field by field as `readGoalTree` does
 * (shared/schema/goals.ts); the structure comes from `GoalsIndex.tree()`.
 */
export function readGoalItem(id: string, item: Y.Map<unknown>): GoalItem {
  return Object.freeze({
    ...readMeta(id, item),
    level: readEnum(item, 'level', GOAL_LEVELS) ?? 'operativ',
    storedParentId: readNullableString(item, 'parentId'),
    order: readOrder(item),
    title: readText(item, 'title'),
    description: readText(item, 'description'),
    targetGroup: readString(item, 'targetGroup'),
    area: readString(item, 'area'),
    zielfeld: readEnum(item, 'zielfeld', ZIELFELDER),
    owner: readString(item, 'owner'),
    indicators: readIndicators(item),
  });
}

const goalReader = {
  read: (id: string, item: Y.Map<unknown>) => readGoalItem(id, item),
  // The level is structural for the action plan: it decides which goals get a section.
  structuralKey: (g: GoalItem) => `${g.storedParentId ?? ''}\u0000${g.order}\u0000${g.level}`,
};

/** The goal tree's outline, derived when its structure changed. */
export interface GoalOutline {
  readonly resolved: ResolvedTree;
  /** Strategic goals in outline order: the sections of the action plan. */
  readonly strategic: readonly string[];
  /** Outline index of every node (for ordering links). */
  readonly position: ReadonlyMap<string, number>;
  /** The nodes below a goal, in outline order, with their depth below it (stable per outline). */
  below(goalId: string): readonly { readonly id: string; readonly depth: number }[];
}

export class GoalsIndex {
  readonly items: ItemStore<GoalItem>;
  private readonly removed: Y.Map<unknown>;
  private removedVersion = 0;
  private readonly removedListeners = new Set<Listener>();
  private readonly onRemoved = () => {
    this.removedVersion++;
    for (const l of [...this.removedListeners]) l();
  };
  private outlineCache: { version: number; outline: GoalOutline } | undefined;
  private readonly nodeCache = new WeakMap<GoalItem, { outline: GoalOutline; node: GoalNode }>();

  constructor(readonly doc: Y.Doc) {
    this.items = new ItemStore(getItemsMap(doc), goalReader);
    this.removed = doc.getMap<unknown>(GOALS_REMOVED_MAP);
    this.removed.observe(this.onRemoved);
  }

  destroy(): void {
    this.items.destroy();
    this.removed.unobserve(this.onRemoved);
    this.removedListeners.clear();
  }

  subscribeStructure(listener: Listener): () => void {
    const off = this.items.subscribeStructure(listener);
    this.removedListeners.add(listener);
    return () => {
      off();
      this.removedListeners.delete(listener);
    };
  }

  get structureVersion(): number {
    return this.items.structureVersion * 1_000_003 + this.removedVersion;
  }

  /** The outline; resolved again only after a node was added, removed, moved or changed level. */
  outline(): GoalOutline {
    const version = this.structureVersion;
    if (this.outlineCache?.version === version) return this.outlineCache.outline;
    const links = [...this.items.values()].map((g) => ({ id: g.id, parentId: g.storedParentId, order: g.order }));
    const resolved = resolveTree(links, (id) => {
      const v = this.removed.get(id);
      return typeof v === 'string' ? v : v === null ? null : undefined;
    });
    const position = new Map(resolved.preorder.map((p, i) => [p.id, i]));
    const depth = new Map(resolved.preorder.map((p) => [p.id, p.depth]));
    const strategic = resolved.preorder.filter((p) => this.items.get(p.id)?.level === 'strategisch').map((p) => p.id);
    const previous = this.outlineCache?.outline;
    const belowCache = new Map<string, readonly { id: string; depth: number }[]>();
    const outline: GoalOutline = {
      resolved,
      strategic: previous && sameIds(previous.strategic, strategic) ? previous.strategic : Object.freeze(strategic),
      position,
      below: (goalId) => {
        let list = belowCache.get(goalId);
        if (!list) {
          const base = depth.get(goalId) ?? 0;
          list = Object.freeze(
            (this.items.has(goalId) ? subtreeIds(resolved, goalId).slice(1) : []).map((id) => Object.freeze({ id, depth: (depth.get(id) ?? base) - base })),
          );
          belowCache.set(goalId, list);
        }
        return list;
      },
    };
    this.outlineCache = { version, outline };
    return outline;
  }

  /** A node as `readGoalTree` would give it, or undefined when it does not exist. */
  node(id: string): GoalNode | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    const outline = this.outline();
    const cached = this.nodeCache.get(item);
    if (cached && cached.outline === outline) return cached.node;
    const { storedParentId, ...rest } = item;
    const parentId = outline.resolved.parentOf.get(id) ?? null;
    const node: GoalNode = Object.freeze({
      ...rest,
      parentId,
      parentRepaired: outline.resolved.repairedIds.has(id),
      depth: outline.position.has(id) ? (outline.resolved.preorder[outline.position.get(id)!]?.depth ?? 0) : 0,
      childIds: outline.resolved.childrenOf.get(id) ?? Object.freeze([]),
    });
    void storedParentId;
    this.nodeCache.set(item, { outline, node });
    return node;
  }

  /**
   * A goal tree holding just `ids` (and whatever of them exists): enough for the consistency
   * hints of one entry, which look at the goal, its subtree and the linked nodes.
   */
  partialTree(ids: Iterable<string>): GoalTree {
    const byId = new Map<string, GoalNode>();
    for (const id of ids) {
      const node = this.node(id);
      if (node) byId.set(id, node);
    }
    return { nodes: [...byId.values()], rootIds: [], byId };
  }
}

// ---------------------------------------------------------------------------------------------
// The action plan

export class ActionPlanModel {
  private readonly snapshots = new Map<string, ActionEntry>();
  private readonly empties = new Map<string, ActionEntry>();
  /** goalId → linked node ids, kept from the `links` map's changed keys. */
  private readonly links = new Map<string, Set<string>>();
  private readonly entries: Y.Map<unknown>;
  private readonly linksMap: Y.Map<unknown>;
  /** Root types by identity → their name (root types do not know their own name). */
  private rootNames = new Map<unknown, string>();
  private readonly itemListeners = new Map<string, Set<Listener>>();
  private readonly structureListeners = new Set<Listener>();
  private readonly contentListeners = new Set<Listener>();
  private structureVersionValue = 0;
  private contentVersionValue = 0;
  private idList: readonly string[] | null = null;
  private readonly onTransaction = (tr: Y.Transaction) => this.apply(tr);

  constructor(readonly doc: Y.Doc) {
    this.entries = doc.getMap<unknown>(ACTION_ENTRIES_MAP);
    this.linksMap = doc.getMap<unknown>(ACTION_LINKS_MAP);
    for (const [key, value] of this.linksMap.entries()) this.readLink(key, value);
    const ids = new Set<string>(this.links.keys());
    for (const key of this.entries.keys()) ids.add(key);
    for (const name of doc.share.keys()) {
      const target = parseActionTextName(name);
      if (target) ids.add(target.goalId);
    }
    for (const id of ids) this.readEntry(id);
    doc.on('afterTransaction', this.onTransaction);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.itemListeners.clear();
    this.structureListeners.clear();
    this.contentListeners.clear();
  }

  /** The entry of a goal, or undefined when nobody wrote, linked or touched one. */
  get(goalId: string): ActionEntry | undefined {
    return this.snapshots.get(goalId);
  }

  /** The entry of a goal; an empty one (stable per goal) when there is none yet. */
  entry(goalId: string): ActionEntry {
    const existing = this.snapshots.get(goalId);
    if (existing) return existing;
    let empty = this.empties.get(goalId);
    if (!empty) {
      const fields = Object.fromEntries(ZIELFELDER.map((z) => [z, ''])) as Record<Zielfeld, string>;
      empty = Object.freeze({ goalId, fields: Object.freeze(fields), linkedNodeIds: Object.freeze([]), createdBy: null, createdAt: null, updatedBy: null, updatedAt: null });
      this.empties.set(goalId, empty);
    }
    return empty;
  }

  /** Goal ids that have an entry, in no particular order (stable until that set changes). */
  ids(): readonly string[] {
    this.idList ??= Object.freeze([...this.snapshots.keys()]);
    return this.idList;
  }

  values(): IterableIterator<ActionEntry> {
    return this.snapshots.values();
  }

  get structureVersion(): number {
    return this.structureVersionValue;
  }

  get contentVersion(): number {
    return this.contentVersionValue;
  }

  subscribeItem(goalId: string, listener: Listener): () => void {
    let set = this.itemListeners.get(goalId);
    if (!set) this.itemListeners.set(goalId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.itemListeners.get(goalId) === set) this.itemListeners.delete(goalId);
    };
  }

  /** Fires when the set of goals with an entry changed. */
  subscribeStructure(listener: Listener): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  subscribeContent(listener: Listener): () => void {
    this.contentListeners.add(listener);
    return () => this.contentListeners.delete(listener);
  }

  private readLink(key: string, value: unknown): string | undefined {
    const sep = key.indexOf(':');
    const goalId = sep > 0 ? key.slice(0, sep) : undefined;
    if (!goalId) return undefined;
    const link = value === undefined ? undefined : readActionLink(key, value);
    const nodeId = key.slice(sep + 1);
    let set = this.links.get(goalId);
    if (link) {
      if (!set) this.links.set(goalId, (set = new Set()));
      set.add(nodeId);
    } else if (set) {
      set.delete(nodeId);
      if (set.size === 0) this.links.delete(goalId);
    }
    return goalId;
  }

  /** Reads (or drops) one goal's entry; true when the set of entries changed. */
  private readEntry(goalId: string): boolean {
    const linked = this.links.get(goalId) ?? new Set<string>();
    const had = this.snapshots.has(goalId);
    if (!ITEM_ID_PATTERN.test(goalId) || !actionEntryExists(this.doc, goalId, linked.size)) {
      this.snapshots.delete(goalId);
      return had;
    }
    this.snapshots.set(goalId, readActionEntry(this.doc, goalId, linked));
    return !had;
  }

  private nameOf(type: Y.AbstractType<unknown>): string | undefined {
    let name = this.rootNames.get(type);
    if (name === undefined) {
      // A root type seen for the first time (a new goal's text, or one that was just declared).
      this.rootNames = new Map([...this.doc.share].map(([n, t]) => [t as unknown, n]));
      name = this.rootNames.get(type);
    }
    return name;
  }

  private apply(tr: Y.Transaction): void {
    if (tr.changed.size === 0) return;
    const touched = new Set<string>();
    for (const [changed, keys] of tr.changed) {
      const type = changed as unknown as Y.AbstractType<unknown>;
      if (type === this.entries) {
        for (const key of keys) if (key !== null) touched.add(key);
      } else if (type === this.linksMap) {
        for (const key of keys) {
          const goalId = key === null ? undefined : this.readLink(key, this.linksMap.get(key));
          if (goalId) touched.add(goalId);
        }
      } else if (type._item === null) {
        const name = this.nameOf(type);
        const target = name === undefined ? undefined : parseActionTextName(name);
        if (target) touched.add(target.goalId);
      }
    }
    if (touched.size === 0) return;
    let structural = false;
    for (const goalId of touched) if (this.readEntry(goalId)) structural = true;
    this.contentVersionValue++;
    if (structural) {
      this.structureVersionValue++;
      this.idList = null;
    }
    for (const id of touched) for (const l of [...(this.itemListeners.get(id) ?? [])]) l();
    if (structural) for (const l of [...this.structureListeners]) l();
    for (const l of [...this.contentListeners]) l();
  }
}

// ---------------------------------------------------------------------------------------------
// Sections and filter

/** What a person can narrow the action plan to. Empty fields do not filter. */
export interface ActionFilter {
  readonly text: string;
  /** participantId of a person who wrote in the entry (created it or changed it last). */
  readonly author: string;
  /** One strategic goal's id. */
  readonly goal: string;
  /** The goal's owner (Verantwortlich), or NO_OWNER. */
  readonly owner: string;
  /** Shows only this Zielfeld's column (and searches only its text). */
  readonly zielfeld: Zielfeld | '';
  readonly status: 'any' | 'open' | 'complete';
}

export const NO_OWNER = '-';
export const EMPTY_ACTION_FILTER: ActionFilter = Object.freeze({ text: '', author: '', goal: '', owner: '', zielfeld: '', status: 'any' });

/** Whether the filter hides sections (a Zielfeld alone only narrows the columns). */
export function isActionFilterActive(f: ActionFilter): boolean {
  return f.text.trim() !== '' || f.author !== '' || f.goal !== '' || f.owner !== '' || f.status !== 'any';
}

export interface ActionStructure {
  /** Strategic goals shown, in outline order. */
  readonly current: readonly string[];
  /** Entries whose goal is gone or no longer strategic, by id (shown). */
  readonly orphans: readonly string[];
  /** Sections before / after the filter. */
  readonly total: number;
  readonly shown: number;
}

function entryMatches(plan: ActionPlanModel, goals: GoalsIndex, goalId: string, f: ActionFilter, needle: string): boolean {
  const entry = plan.entry(goalId);
  const goal = goals.items.get(goalId);
  if (f.goal !== '' && goalId !== f.goal) return false;
  if (f.owner !== '' && (goal?.owner.trim() || NO_OWNER) !== f.owner) return false;
  if (f.author !== '' && entry.createdBy?.participantId !== f.author && entry.updatedBy?.participantId !== f.author) return false;
  if (f.status !== 'any') {
    const hints = consistencyHints(entry, goals.partialTree([goalId, ...goals.outline().below(goalId).map((b) => b.id), ...entry.linkedNodeIds]));
    if ((f.status === 'open') !== hints.length > 0) return false;
  }
  if (needle !== '') {
    const texts = f.zielfeld === '' ? ZIELFELDER.map((z) => entry.fields[z]) : [entry.fields[f.zielfeld]];
    const linked = entry.linkedNodeIds.map((id) => goals.items.get(id)).filter((n) => n && (f.zielfeld === '' || n.zielfeld === f.zielfeld));
    const hay = foldText([goal?.title ?? '', goal?.owner ?? '', ...texts, ...linked.map((n) => n?.title ?? '')].join('\n'));
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/**
 * The sections of the action plan under `filter`: every strategic goal in outline order, then
 * entries whose goal is gone or no longer strategic. Lists keep the identity they had in
 * `previous` while they hold the same ids.
 */
export function actionStructure(plan: ActionPlanModel, goals: GoalsIndex, filter: ActionFilter = EMPTY_ACTION_FILTER, previous?: ActionStructure): ActionStructure {
  const outline = goals.outline();
  const strategic = new Set(outline.strategic);
  const orphansAll = plan
    .ids()
    .filter((id) => !strategic.has(id))
    .sort();
  let current = outline.strategic;
  let orphans: readonly string[] = orphansAll;
  if (isActionFilterActive(filter)) {
    const needle = foldText(filter.text.trim());
    current = current.filter((id) => entryMatches(plan, goals, id, filter, needle));
    orphans = orphansAll.filter((id) => entryMatches(plan, goals, id, filter, needle));
  }
  if (previous && sameIds(previous.current, current)) current = previous.current;
  if (previous && sameIds(previous.orphans, orphans)) orphans = previous.orphans;
  return { current, orphans, total: outline.strategic.length + orphansAll.length, shown: current.length + orphans.length };
}

/** People who wrote in the plan, by name (for the author filter). */
export function actionAuthors(plan: ActionPlanModel): [participantId: string, name: string][] {
  const byId = new Map<string, string>();
  for (const entry of plan.values()) {
    for (const a of [entry.createdBy, entry.updatedBy]) if (a?.participantId && !byId.has(a.participantId)) byId.set(a.participantId, a.displayName);
  }
  return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'de'));
}

/** Owners of the strategic goals (for the owner filter). */
export function goalOwners(goals: GoalsIndex): string[] {
  const owners = new Set<string>();
  for (const id of goals.outline().strategic) {
    const owner = goals.items.get(id)?.owner.trim();
    if (owner) owners.add(owner);
  }
  return [...owners].sort((a, b) => a.localeCompare(b, 'de'));
}

/**
 * The plan and the goal tree together: the sections under a filter, with the lists keeping their
 * identity while they hold the same ids (so the board's section lists skip rendering).
 */
export class ActionPlanView {
  private last: ActionStructure | undefined;

  constructor(
    readonly plan: ActionPlanModel,
    readonly goals: GoalsIndex,
  ) {}

  structure(filter: ActionFilter = EMPTY_ACTION_FILTER): ActionStructure {
    this.last = actionStructure(this.plan, this.goals, filter, this.last);
    return this.last;
  }
}
