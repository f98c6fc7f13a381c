/**
 * Board 3 — Zielbaum (goal tree): Leitbild → strategische Ziele → operative Ziele → Maßnahmen.
 *
 * One `Y.Doc` of kind `goals`. Nodes live in the `items` map (see items.ts); each has a `parentId`
 * (null = top level) and an `order` among its siblings. The tree is read with `resolveTree`, which
 * makes it acyclic and complete on every replica (see tree.ts). Deleting a node records its parent
 * in the `removed` map (ids only, no content), so children that someone else added or moved under
 * it meanwhile climb to the nearest surviving ancestor instead of jumping to the top.
 *
 * Indicators are a nested `Y.Map` keyed by indicator id, each an own `Y.Map` with an `order`, so
 * two people editing different indicators, or different fields of one, both keep their changes.
 */
import * as Y from 'yjs';
import type { Migration } from './meta';
import {
  createItem,
  eachItem,
  frozenList,
  getItem,
  getItemsMap,
  idFor,
  isIsoDate,
  orderedSiblings,
  placeItems,
  readEnum,
  readMeta,
  readNullableString,
  readNumber,
  readOrder,
  readString,
  readText,
  touch,
  write,
  type ItemMeta,
  type TextEdit,
  type WriteContext,
  editItemText,
  itemText,
} from './items';
import { recordDeletion } from './deletions';
import { sortOrdered, type Ordered, type Placement } from './order';
import { isInSubtree, resolveTree, subtreeIds, type ResolvedTree } from './tree';

export const GOAL_LEVELS = ['leitbild', 'strategisch', 'operativ', 'massnahme'] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];

/** The four target fields (Zielfelder) in which goals and action concepts are worked out. */
export const ZIELFELDER = ['wirkungen', 'leistungen', 'prozesse', 'ressourcen'] as const;
export type Zielfeld = (typeof ZIELFELDER)[number];

/** Root map of deleted node ids → their parent at deletion (null = top level). */
export const GOALS_REMOVED_MAP = 'removed';
/** Nested map of a goal node holding its indicators. */
const INDICATORS = 'indicators';

/** The level a new child of a node usually has. */
export function childLevel(level: GoalLevel | null): GoalLevel {
  switch (level) {
    case null:
      return 'leitbild';
    case 'leitbild':
      return 'strategisch';
    case 'strategisch':
      return 'operativ';
    case 'operativ':
    case 'massnahme':
      return 'massnahme';
  }
}

export interface Indicator {
  readonly id: string;
  readonly order: string;
  readonly name: string;
  readonly unit: string;
  readonly baseline: number | null;
  readonly target: number | null;
  /** ISO date `YYYY-MM-DD`. */
  readonly deadline: string | null;
  readonly dataSource: string;
}

export type IndicatorFields = Omit<Indicator, 'id' | 'order'>;

export interface GoalNode extends ItemMeta {
  readonly level: GoalLevel;
  /** Effective parent after resolving deleted parents and cycles; null = top level. */
  readonly parentId: string | null;
  /** True when the effective parent differs from the stored one. */
  readonly parentRepaired: boolean;
  readonly depth: number;
  readonly childIds: readonly string[];
  readonly order: string;
  readonly title: string;
  readonly description: string;
  /** Bei wem: the target group. */
  readonly targetGroup: string;
  /** Wo: the area or Sozialraum. */
  readonly area: string;
  readonly zielfeld: Zielfeld | null;
  readonly owner: string;
  readonly indicators: readonly Indicator[];
}

export interface GoalTree {
  /** All nodes in outline order (pre-order). */
  readonly nodes: readonly GoalNode[];
  readonly rootIds: readonly string[];
  readonly byId: ReadonlyMap<string, GoalNode>;
}

function removedMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(GOALS_REMOVED_MAP);
}

function storedParent(item: Y.Map<unknown>): string | null {
  return readNullableString(item, 'parentId');
}

/** The tree structure only (cheap; what write helpers need). */
export function resolveGoalLinks(doc: Y.Doc): ResolvedTree {
  const links = [];
  for (const [id, item] of eachItem(getItemsMap(doc))) links.push({ id, parentId: storedParent(item), order: readOrder(item) });
  const removed = removedMap(doc);
  return resolveTree(links, (id) => {
    const v = removed.get(id);
    return typeof v === 'string' ? v : v === null ? null : undefined;
  });
}

function readIndicators(item: Y.Map<unknown>): readonly Indicator[] {
  const map = item.get(INDICATORS);
  if (!(map instanceof Y.Map)) return frozenList([]);
  const rows: Indicator[] = [];
  for (const [id, value] of (map as Y.Map<unknown>).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const ind = value as Y.Map<unknown>;
    const deadline = ind.get('deadline');
    rows.push({
      id,
      order: readOrder(ind),
      name: readString(ind, 'name'),
      unit: readString(ind, 'unit'),
      baseline: readNumber(ind, 'baseline'),
      target: readNumber(ind, 'target'),
      deadline: isIsoDate(deadline) ? deadline : null,
      dataSource: readString(ind, 'dataSource'),
    });
  }
  return frozenList(sortOrdered(rows));
}

/**
 * One node as stored, without what only the whole tree decides (effective parent, depth,
 * children): what a client re-reads when a transaction touched this node alone.
 */
export interface GoalItem extends ItemMeta {
  readonly level: GoalLevel;
  /** The parent as stored (it may name a deleted node or close a cycle; `resolveTree` decides). */
  readonly storedParentId: string | null;
  readonly order: string;
  readonly title: string;
  readonly description: string;
  readonly targetGroup: string;
  readonly area: string;
  readonly zielfeld: Zielfeld | null;
  readonly owner: string;
  readonly indicators: readonly Indicator[];
}

/** Reads one node's own fields (never throws; unknown values read as defaults, as in readGoalTree). */
export function readGoalItem(id: string, item: Y.Map<unknown>): GoalItem {
  return Object.freeze({
    ...readMeta(id, item),
    level: readEnum(item, 'level', GOAL_LEVELS) ?? 'operativ',
    storedParentId: storedParent(item),
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

/** Reads the goal tree as an immutable snapshot, identical on every synced replica. */
export function readGoalTree(doc: Y.Doc): GoalTree {
  const items = getItemsMap(doc);
  const tree = resolveGoalLinks(doc);
  const nodes: GoalNode[] = [];
  const byId = new Map<string, GoalNode>();
  for (const { id, depth } of tree.preorder) {
    const item = getItem(items, id) as Y.Map<unknown>;
    const node: GoalNode = Object.freeze({
      ...readMeta(id, item),
      level: readEnum(item, 'level', GOAL_LEVELS) ?? 'operativ',
      parentId: tree.parentOf.get(id) ?? null,
      parentRepaired: tree.repairedIds.has(id),
      depth,
      childIds: tree.childrenOf.get(id) ?? Object.freeze([]),
      order: readOrder(item),
      title: readText(item, 'title'),
      description: readText(item, 'description'),
      targetGroup: readString(item, 'targetGroup'),
      area: readString(item, 'area'),
      zielfeld: readEnum(item, 'zielfeld', ZIELFELDER),
      owner: readString(item, 'owner'),
      indicators: readIndicators(item),
    });
    nodes.push(node);
    byId.set(id, node);
  }
  return Object.freeze({ nodes: Object.freeze(nodes), rootIds: tree.childrenOf.get(null) ?? Object.freeze([]), byId });
}

// ---------------------------------------------------------------------------------------------
// Measurability

export const MEASURABILITY_GAPS = ['no_indicator', 'no_baseline', 'no_target', 'no_deadline', 'no_owner'] as const;
export type MeasurabilityGap = (typeof MEASURABILITY_GAPS)[number];

/**
 * Levels that must be formulated measurably. Strategic and operative goals are goals in the
 * seed's sense ("all goals must be formulated measurably" for controlling). The Leitbild is a
 * vision and is not measured; a Maßnahme is a measure serving a goal, controlled through the
 * indicators of the goal it serves.
 */
export const MEASURABLE_LEVELS: readonly GoalLevel[] = ['strategisch', 'operativ'];

export function requiresMeasurability(level: GoalLevel): boolean {
  return MEASURABLE_LEVELS.includes(level);
}

type MeasurableInput = Pick<GoalNode, 'level' | 'owner' | 'indicators'>;

/**
 * What a node lacks to be controllable; empty when it is measurable or its level needs no
 * measurement. A goal needs an owner and at least one indicator, and every indicator it lists
 * needs a baseline, a target and a deadline (a half-filled indicator cannot be controlled).
 */
export function measurability(node: MeasurableInput): MeasurabilityGap[] {
  if (!requiresMeasurability(node.level)) return [];
  const gaps: MeasurabilityGap[] = [];
  if (node.indicators.length === 0) gaps.push('no_indicator');
  else {
    if (node.indicators.some((i) => i.baseline === null)) gaps.push('no_baseline');
    if (node.indicators.some((i) => i.target === null)) gaps.push('no_target');
    if (node.indicators.some((i) => i.deadline === null)) gaps.push('no_deadline');
  }
  if (node.owner.trim() === '') gaps.push('no_owner');
  return gaps;
}

/** How many of the goals that must be measurable are: the board's counter. */
export function boardMeasurability(source: Y.Doc | GoalTree): { measurable: number; total: number } {
  const tree = source instanceof Y.Doc ? readGoalTree(source) : source;
  let measurable = 0;
  let total = 0;
  for (const node of tree.nodes) {
    if (!requiresMeasurability(node.level)) continue;
    total++;
    if (measurability(node).length === 0) measurable++;
  }
  return { measurable, total };
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface NewGoal {
  level?: GoalLevel;
  parentId?: string | null;
  placement?: Placement;
  title?: string;
  description?: string;
  targetGroup?: string;
  area?: string;
  zielfeld?: Zielfeld | null;
  owner?: string;
}

function siblingsUnder(doc: Y.Doc, tree: ResolvedTree, parentId: string | null, exclude: ReadonlySet<string> = new Set()): Ordered[] {
  const items = getItemsMap(doc);
  const ids = (tree.childrenOf.get(parentId) ?? []).filter((id) => !exclude.has(id));
  return ids.map((id) => ({ id, order: readOrder(getItem(items, id) as Y.Map<unknown>) }));
}

/** Adds a node under `parentId` (default top level, at the end). Throws if the parent is unknown. */
export function addGoal(doc: Y.Doc, ctx: WriteContext, goal: NewGoal = {}): string {
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const parentId = goal.parentId ?? null;
    if (parentId !== null && !getItem(items, parentId)) throw new Error(`unknown parent goal: ${parentId}`);
    const tree = resolveGoalLinks(doc);
    const parentLevel = parentId === null ? null : (readEnum(getItem(items, parentId) as Y.Map<unknown>, 'level', GOAL_LEVELS) ?? null);
    const position = { siblings: siblingsUnder(doc, tree, parentId), placement: goal.placement ?? 'end' };
    const fields = {
      level: goal.level ?? childLevel(parentLevel),
      parentId,
      title: new Y.Text(goal.title ?? ''),
      description: new Y.Text(goal.description ?? ''),
      targetGroup: goal.targetGroup ?? '',
      area: goal.area ?? '',
      zielfeld: goal.zielfeld ?? null,
      owner: goal.owner ?? '',
      [INDICATORS]: new Y.Map<unknown>(),
    };
    return createItem(doc, items, ctx, fields, position);
  });
}

export interface GoalPatch {
  level?: GoalLevel;
  targetGroup?: string;
  area?: string;
  zielfeld?: Zielfeld | null;
  owner?: string;
}

/** Sets plain fields of a node; returns false when the node does not exist. */
export function updateGoal(doc: Y.Doc, ctx: WriteContext, id: string, patch: GoalPatch): boolean {
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) item.set(key, value);
    touch(item, ctx);
    return true;
  });
}

export type GoalTextField = 'title' | 'description';

/** The `Y.Text` of a node's title or description, to bind an editor to. */
export function getGoalText(doc: Y.Doc, id: string, field: GoalTextField): Y.Text | undefined {
  return itemText(getItemsMap(doc), id, field);
}

/** Edits a node's title or description (an edit, or a whole new value merged as a diff). */
export function editGoalText(doc: Y.Doc, ctx: WriteContext, id: string, field: GoalTextField, edit: TextEdit | string): boolean {
  return editItemText(doc, ctx, getItemsMap(doc), id, field, edit);
}

/** True when `id` may be moved under `newParentId` without creating a cycle. */
export function canReparent(tree: ResolvedTree, id: string, newParentId: string | null): boolean {
  if (!tree.parentOf.has(id)) return false;
  if (newParentId === null) return true;
  return tree.parentOf.has(newParentId) && !isInSubtree(tree, id, newParentId);
}

/**
 * Moves a node under `newParentId` (null = top level) at `placement`. Refuses (returns false,
 * writes nothing) when the node or parent is unknown or the move would put the node below
 * itself. Concurrent moves may still close a cycle; readers resolve it (tree.ts).
 */
export function reparentGoal(doc: Y.Doc, ctx: WriteContext, id: string, newParentId: string | null, placement: Placement = 'end'): boolean {
  return write(doc, ctx, () => {
    const tree = resolveGoalLinks(doc);
    if (!canReparent(tree, id, newParentId)) return false;
    const items = getItemsMap(doc);
    const item = getItem(items, id) as Y.Map<unknown>;
    if (storedParent(item) !== newParentId) item.set('parentId', newParentId);
    placeItems(items, siblingsUnder(doc, tree, newParentId, new Set([id])), placement, [id]);
    touch(item, ctx);
    return true;
  });
}

/** Reorders a node among its siblings. */
export function moveGoal(doc: Y.Doc, ctx: WriteContext, id: string, placement: Placement): boolean {
  const tree = resolveGoalLinks(doc);
  if (!tree.parentOf.has(id)) return false;
  return reparentGoal(doc, ctx, id, tree.parentOf.get(id) ?? null, placement);
}

/** Outline "indent": the node becomes the last child of its previous sibling. */
export function indentGoal(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  const tree = resolveGoalLinks(doc);
  if (!tree.parentOf.has(id)) return false;
  const siblings = tree.childrenOf.get(tree.parentOf.get(id) ?? null) ?? [];
  const prev = siblings[siblings.indexOf(id) - 1];
  return prev !== undefined && reparentGoal(doc, ctx, id, prev, 'end');
}

/** Outline "outdent": the node becomes the next sibling of its parent. */
export function outdentGoal(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  const tree = resolveGoalLinks(doc);
  const parent = tree.parentOf.get(id);
  if (parent === undefined || parent === null) return false;
  return reparentGoal(doc, ctx, id, tree.parentOf.get(parent) ?? null, { after: parent });
}

/**
 * Deletes a node. By default its children move up to its place (nothing is lost by deleting a
 * heading); with `withDescendants` the whole subtree goes. Either way the deleted ids and their
 * parents are recorded so concurrently added children find the nearest surviving ancestor.
 */
export function deleteGoal(doc: Y.Doc, ctx: WriteContext, id: string, options: { withDescendants?: boolean } = {}): boolean {
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const tree = resolveGoalLinks(doc);
    if (!getItem(items, id)) return false;
    const parentId = tree.parentOf.get(id) ?? null;
    const removed = removedMap(doc);
    if (options.withDescendants) {
      for (const sub of subtreeIds(tree, id)) {
        removed.set(sub, tree.parentOf.get(sub) ?? null);
        recordDeletion(doc, ctx, items, sub);
        items.delete(sub);
      }
      return true;
    }
    const children = tree.childrenOf.get(id) ?? [];
    if (children.length > 0) {
      const siblings = siblingsUnder(doc, tree, parentId, new Set([id]));
      const index = (tree.childrenOf.get(parentId) ?? []).indexOf(id);
      for (const child of children) getItem(items, child)?.set('parentId', parentId);
      placeItems(items, siblings, { index }, children);
    }
    removed.set(id, parentId);
    recordDeletion(doc, ctx, items, id);
    items.delete(id);
    return true;
  });
}

// Indicators ----------------------------------------------------------------------------------

function indicatorsOf(doc: Y.Doc, goalId: string): { item: Y.Map<unknown>; map: Y.Map<unknown> } | undefined {
  const item = getItem(getItemsMap(doc), goalId);
  if (!item) return undefined;
  let map = item.get(INDICATORS);
  // Created with the node; recreated only for documents written by something else.
  if (!(map instanceof Y.Map)) item.set(INDICATORS, (map = new Y.Map<unknown>()));
  return { item, map: map as Y.Map<unknown> };
}

function validIndicatorPatch(patch: Partial<IndicatorFields>): void {
  if (patch.deadline !== undefined && patch.deadline !== null && !isIsoDate(patch.deadline)) {
    throw new Error(`deadline must be YYYY-MM-DD: ${patch.deadline}`);
  }
  for (const key of ['baseline', 'target'] as const) {
    const v = patch[key];
    if (v !== undefined && v !== null && !Number.isFinite(v)) throw new Error(`${key} must be a finite number`);
  }
}

/** Adds an indicator to a node; returns its id, or undefined when the node does not exist. */
export function addIndicator(
  doc: Y.Doc,
  ctx: WriteContext,
  goalId: string,
  fields: Partial<IndicatorFields> = {},
  placement: Placement = 'end',
): string | undefined {
  validIndicatorPatch(fields);
  return write(doc, ctx, () => {
    const found = indicatorsOf(doc, goalId);
    if (!found) return undefined;
    const id = idFor(doc, ctx);
    const ind = new Y.Map<unknown>();
    ind.set('name', fields.name ?? '');
    ind.set('unit', fields.unit ?? '');
    ind.set('baseline', fields.baseline ?? null);
    ind.set('target', fields.target ?? null);
    ind.set('deadline', fields.deadline ?? null);
    ind.set('dataSource', fields.dataSource ?? '');
    found.map.set(id, ind);
    placeItems(found.map, orderedSiblings(found.map, (other) => other !== id), placement, [id]);
    touch(found.item, ctx);
    return id;
  });
}

/** Sets fields of an indicator; false when node or indicator does not exist. */
export function updateIndicator(doc: Y.Doc, ctx: WriteContext, goalId: string, indicatorId: string, patch: Partial<IndicatorFields>): boolean {
  validIndicatorPatch(patch);
  return write(doc, ctx, () => {
    const found = indicatorsOf(doc, goalId);
    const ind = found && getItem(found.map, indicatorId);
    if (!found || !ind) return false;
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) ind.set(key, value);
    touch(found.item, ctx);
    return true;
  });
}

export function moveIndicator(doc: Y.Doc, ctx: WriteContext, goalId: string, indicatorId: string, placement: Placement): boolean {
  return write(doc, ctx, () => {
    const found = indicatorsOf(doc, goalId);
    if (!found || !getItem(found.map, indicatorId)) return false;
    placeItems(found.map, orderedSiblings(found.map, (id) => id !== indicatorId), placement, [indicatorId]);
    touch(found.item, ctx);
    return true;
  });
}

export function removeIndicator(doc: Y.Doc, ctx: WriteContext, goalId: string, indicatorId: string): boolean {
  return write(doc, ctx, () => {
    const found = indicatorsOf(doc, goalId);
    if (!found || !found.map.has(indicatorId)) return false;
    found.map.delete(indicatorId);
    touch(found.item, ctx);
    return true;
  });
}

export const goalsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'goals-1-initial',
    // Declares the root maps; nodes are added by people.
    up: (doc) => {
      getItemsMap(doc);
      removedMap(doc);
    },
  },
];
