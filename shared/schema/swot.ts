/**
 * Board 1 — Ausgangslage: SWOT / framework analysis (Wo stehen wir?).
 *
 * One `Y.Doc` of kind `swot`. Cards live in the `items` map, clusters (named groups of cards
 * within a quadrant) in the `clusters` map; both are ordered per quadrant by their own `order`
 * key. A card names its cluster by `clusterId`; a card whose cluster was deleted, or sits in
 * another quadrant, reads as unclustered, and undoing the cluster's deletion brings the group
 * back. Cards that someone is still writing privately are not in this document at all: the
 * server keeps them and adds them here when they are published (`publishedFrom`).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { Migration } from './meta';
import {
  createItem,
  eachItem,
  getItem,
  getItemsMap,
  ISO_DATE_PATTERN,
  orderedSiblings,
  placeItems,
  readEnum,
  readJson,
  readMeta,
  readNullableString,
  readTableOrigin,
  readOrder,
  readString,
  readText,
  touch,
  write,
  type ItemMeta,
  AuthorSchema,
  type TextEdit,
  type WriteContext,
  deleteItem,
  editItemText,
  itemText,
} from './items';
import { deleteOwnedItem } from './deletions';
import { compareOrdered, type Placement } from './order';

export const SWOT_QUADRANTS = ['staerken', 'schwaechen', 'chancen', 'risiken'] as const;
export type SwotQuadrant = (typeof SWOT_QUADRANTS)[number];

/** Strengths and weaknesses are internal; opportunities and risks come from outside. */
export type SwotScope = 'intern' | 'extern';

export function quadrantScope(quadrant: SwotQuadrant): SwotScope {
  return quadrant === 'staerken' || quadrant === 'schwaechen' ? 'intern' : 'extern';
}

/** Card colours are named, not CSS values: the client maps them to accessible colours. */
export const CARD_COLORS = ['yellow', 'green', 'blue', 'pink', 'orange', 'grey'] as const;
export type CardColor = (typeof CARD_COLORS)[number];
export const DEFAULT_CARD_COLOR: CardColor = 'yellow';

/** Root map of the board's clusters (cards are in the common `items` map). */
export const SWOT_CLUSTERS_MAP = 'clusters';

/** A figure from Bildungsmonitoring backing a card. */
export const EvidenceSchema = z.object({
  indicator: z.string(),
  value: z.number().finite().nullable(),
  unit: z.string(),
  year: z.number().int().min(1000).max(9999).nullable(),
  source: z.string(),
});
export type Evidence = Readonly<z.infer<typeof EvidenceSchema>>;

export const ASSESSMENT_LEVELS = ['low', 'medium', 'high'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** Time of occurrence: short/medium/long term, or a date (`YYYY-MM-DD`). */
export const TimingSchema = z.union([
  z.enum(['short', 'medium', 'long']),
  z.object({ date: z.string().regex(ISO_DATE_PATTERN) }),
]);
export type Timing = z.infer<typeof TimingSchema>;

/** How an external factor is judged: probability and time of occurrence, and its impact. */
export const AssessmentSchema = z.object({
  probability: z.enum(ASSESSMENT_LEVELS).nullable(),
  timing: TimingSchema.nullable(),
  impact: z.enum(ASSESSMENT_LEVELS).nullable(),
});
export type Assessment = Readonly<z.infer<typeof AssessmentSchema>>;

export interface SwotCard extends ItemMeta {
  readonly quadrant: SwotQuadrant;
  readonly scope: SwotScope;
  readonly order: string;
  readonly text: string;
  readonly color: CardColor;
  /** The card's cluster, if it exists and is in the same quadrant. */
  readonly clusterId: string | null;
  readonly evidence: Evidence | null;
  /** Only for external factors (Chancen/Risiken); kept but not shown while a card is internal. */
  readonly assessment: Assessment | null;
  /** The participant who wrote the card privately before it was published. */
  readonly publishedFrom: string | null;
  /** Duplicates the moderation merged into this card: their authors, texts and evidence are kept. */
  readonly mergedFrom: readonly MergedCard[];
  /** The parallel table the card was merged from ("aus Tisch 2"); absent for plenary cards. */
  readonly fromTable?: number;
}

/** A card merged into another one (see mergeSwotCards). */
export const MergedCardSchema = z.object({
  id: z.string(),
  createdBy: AuthorSchema,
  createdAt: z.number(),
  text: z.string(),
  evidence: EvidenceSchema.nullable(),
});
export type MergedCard = Readonly<z.infer<typeof MergedCardSchema>>;
const MergedListSchema = z.array(MergedCardSchema);

export interface SwotCluster extends ItemMeta {
  readonly quadrant: SwotQuadrant;
  readonly order: string;
  readonly title: string;
  /** Folded by the moderation: the board shows the cluster's title and count, not its cards. */
  readonly collapsed: boolean;
}

export interface SwotBoard {
  /** Cards by quadrant (in SWOT_QUADRANTS order), each quadrant in its order. */
  readonly cards: readonly SwotCard[];
  readonly clusters: readonly SwotCluster[];
}

function clustersMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SWOT_CLUSTERS_MAP);
}

/** A stored quadrant; malformed values read as Stärken so the card stays visible. */
function quadrantOf(item: Y.Map<unknown>): SwotQuadrant {
  return readEnum(item, 'quadrant', SWOT_QUADRANTS) ?? 'staerken';
}

function byQuadrantThenOrder<T extends { quadrant: SwotQuadrant; order: string; id: string }>(a: T, b: T): number {
  const q = SWOT_QUADRANTS.indexOf(a.quadrant) - SWOT_QUADRANTS.indexOf(b.quadrant);
  return q !== 0 ? q : compareOrdered(a, b);
}

/**
 * Reads one card as stored. `clusterId` is the stored reference, not yet checked against the
 * clusters (see resolveClusterId); readSwot resolves it for the whole board.
 */
export function readSwotCard(id: string, item: Y.Map<unknown>): SwotCard {
  const quadrant = quadrantOf(item);
  const scope = quadrantScope(quadrant);
  return Object.freeze({
    ...readMeta(id, item),
    quadrant,
    scope,
    order: readOrder(item),
    text: readText(item, 'text'),
    color: readEnum(item, 'color', CARD_COLORS) ?? DEFAULT_CARD_COLOR,
    clusterId: readNullableString(item, 'clusterId'),
    evidence: readJson(item, 'evidence', EvidenceSchema),
    assessment: scope === 'extern' ? readJson(item, 'assessment', AssessmentSchema) : null,
    publishedFrom: readNullableString(item, 'publishedFrom'),
    mergedFrom: Object.freeze(readJson(item, 'mergedFrom', MergedListSchema) ?? []),
    ...tableOrigin(item),
  });
}

function tableOrigin(item: Y.Map<unknown>): { fromTable?: number } {
  const n = readTableOrigin(item);
  return n === null ? {} : { fromTable: n };
}

export function readSwotCluster(id: string, item: Y.Map<unknown>): SwotCluster {
  return Object.freeze({
    ...readMeta(id, item),
    quadrant: quadrantOf(item),
    order: readOrder(item),
    title: readText(item, 'title'),
    collapsed: item.get('collapsed') === true,
  });
}

/** A card's cluster if that cluster exists and sits in the card's quadrant, else null. */
export function resolveClusterId(card: Pick<SwotCard, 'clusterId' | 'quadrant'>, clusterQuadrant: (id: string) => SwotQuadrant | undefined): string | null {
  return card.clusterId !== null && clusterQuadrant(card.clusterId) === card.quadrant ? card.clusterId : null;
}

/** Cards and clusters in board order: by quadrant (SWOT_QUADRANTS order), then by order key. */
export function compareSwotOrder<T extends { quadrant: SwotQuadrant; order: string; id: string }>(a: T, b: T): number {
  return byQuadrantThenOrder(a, b);
}

/** Reads the board as an immutable snapshot, identical on every synced replica. */
export function readSwot(doc: Y.Doc): SwotBoard {
  const clusters: SwotCluster[] = [];
  for (const [id, item] of eachItem(clustersMap(doc))) clusters.push(readSwotCluster(id, item));
  const clusterQuadrant = new Map(clusters.map((c) => [c.id, c.quadrant]));
  const cards: SwotCard[] = [];
  for (const [id, item] of eachItem(getItemsMap(doc))) {
    const card = readSwotCard(id, item);
    const clusterId = resolveClusterId(card, (c) => clusterQuadrant.get(c));
    cards.push(clusterId === card.clusterId ? card : Object.freeze({ ...card, clusterId }));
  }
  return Object.freeze({ cards: Object.freeze(cards.sort(byQuadrantThenOrder)), clusters: Object.freeze(clusters.sort(byQuadrantThenOrder)) });
}

/** The cards of one quadrant, in order. */
export function quadrantCards(board: SwotBoard, quadrant: SwotQuadrant): SwotCard[] {
  return board.cards.filter((c) => c.quadrant === quadrant);
}

function cardSiblings(doc: Y.Doc, quadrant: SwotQuadrant, exclude?: string) {
  return orderedSiblings(getItemsMap(doc), (id, item) => id !== exclude && quadrantOf(item) === quadrant);
}

function clusterSiblings(doc: Y.Doc, quadrant: SwotQuadrant, exclude?: string) {
  return orderedSiblings(clustersMap(doc), (id, item) => id !== exclude && quadrantOf(item) === quadrant);
}

export interface NewSwotCard {
  quadrant: SwotQuadrant;
  text?: string;
  color?: CardColor;
  clusterId?: string | null;
  evidence?: Evidence | null;
  assessment?: Assessment | null;
  publishedFrom?: string | null;
  placement?: Placement;
}

function checkJson(patch: { evidence?: Evidence | null; assessment?: Assessment | null }): void {
  if (patch.evidence) EvidenceSchema.parse(patch.evidence);
  if (patch.assessment) AssessmentSchema.parse(patch.assessment);
}

/** Adds a card (at the end of its quadrant unless placed); returns its id. */
export function addSwotCard(doc: Y.Doc, ctx: WriteContext, card: NewSwotCard): string {
  checkJson(card);
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const fields = {
      quadrant: card.quadrant,
      text: new Y.Text(card.text ?? ''),
      color: card.color ?? DEFAULT_CARD_COLOR,
      clusterId: card.clusterId ?? null,
      evidence: card.evidence ?? null,
      assessment: card.assessment ?? null,
      publishedFrom: card.publishedFrom ?? null,
    };
    return createItem(doc, items, ctx, fields, { siblings: cardSiblings(doc, card.quadrant), placement: card.placement ?? 'end' });
  });
}

export interface SwotCardPatch {
  color?: CardColor;
  clusterId?: string | null;
  evidence?: Evidence | null;
  assessment?: Assessment | null;
}

/** Sets plain fields of a card; null clears. Returns false when the card does not exist. */
export function updateSwotCard(doc: Y.Doc, ctx: WriteContext, id: string, patch: SwotCardPatch): boolean {
  checkJson(patch);
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) item.set(key, value);
    touch(item, ctx);
    return true;
  });
}

/** The card's `Y.Text`, to bind an editor to. */
export function getSwotCardText(doc: Y.Doc, id: string): Y.Text | undefined {
  return itemText(getItemsMap(doc), id, 'text');
}

export function editSwotCardText(doc: Y.Doc, ctx: WriteContext, id: string, edit: TextEdit | string): boolean {
  return editItemText(doc, ctx, getItemsMap(doc), id, 'text', edit);
}

/**
 * Moves a card to `placement` within `quadrant` (its own or another). Leaving the quadrant of its
 * cluster leaves the cluster.
 */
export function moveSwotCard(doc: Y.Doc, ctx: WriteContext, id: string, quadrant: SwotQuadrant, placement: Placement): boolean {
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const item = getItem(items, id);
    if (!item) return false;
    if (quadrantOf(item) !== quadrant) {
      item.set('quadrant', quadrant);
      const clusterId = readNullableString(item, 'clusterId');
      const cluster = clusterId === null ? undefined : getItem(clustersMap(doc), clusterId);
      if (clusterId !== null && (!cluster || quadrantOf(cluster) !== quadrant)) item.set('clusterId', null);
    }
    placeItems(items, cardSiblings(doc, quadrant, id), placement, [id]);
    touch(item, ctx);
    return true;
  });
}

export function deleteSwotCard(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  return deleteOwnedItem(doc, ctx, getItemsMap(doc), id);
}

/** How many merged duplicates one card keeps at most. */
export const MAX_MERGED_CARDS = 50;

/**
 * Merges duplicate cards into `keepId` in one transaction (one undo step): the kept card records
 * each duplicate's author, text and evidence in `mergedFrom` (with what the duplicates had merged
 * before), takes a duplicate's evidence when it has none, and the duplicates are deleted. Returns
 * the ids merged; [] when the kept card does not exist.
 */
export function mergeSwotCards(doc: Y.Doc, ctx: WriteContext, keepId: string, otherIds: readonly string[]): string[] {
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const keep = getItem(items, keepId);
    if (!keep) return [];
    const kept = readSwotCard(keepId, keep);
    const merged: MergedCard[] = [...kept.mergedFrom];
    let evidence = kept.evidence;
    const done: string[] = [];
    for (const id of otherIds) {
      const item = id === keepId ? undefined : getItem(items, id);
      if (!item) continue;
      const card = readSwotCard(id, item);
      merged.push({ id, createdBy: card.createdBy, createdAt: card.createdAt, text: card.text, evidence: card.evidence }, ...card.mergedFrom);
      evidence ??= card.evidence;
      items.delete(id);
      done.push(id);
    }
    if (done.length === 0) return [];
    keep.set('mergedFrom', merged.slice(0, MAX_MERGED_CARDS).map((m) => ({ ...m, createdBy: { ...m.createdBy }, evidence: m.evidence ? { ...m.evidence } : null })));
    if (evidence !== kept.evidence) keep.set('evidence', evidence ? { ...evidence } : null);
    touch(keep, ctx);
    return done;
  });
}

// Clusters ------------------------------------------------------------------------------------

/** Adds a cluster to a quadrant; returns its id. */
export function addSwotCluster(doc: Y.Doc, ctx: WriteContext, quadrant: SwotQuadrant, title: string, placement: Placement = 'end'): string {
  return write(doc, ctx, () => {
    const clusters = clustersMap(doc);
    return createItem(doc, clusters, ctx, { quadrant, title: new Y.Text(title) }, { siblings: clusterSiblings(doc, quadrant), placement });
  });
}

export function editSwotClusterTitle(doc: Y.Doc, ctx: WriteContext, id: string, edit: TextEdit | string): boolean {
  return editItemText(doc, ctx, clustersMap(doc), id, 'title', edit);
}

/** Moves a cluster within or to a quadrant; its cards move along. */
export function moveSwotCluster(doc: Y.Doc, ctx: WriteContext, id: string, quadrant: SwotQuadrant, placement: Placement): boolean {
  return write(doc, ctx, () => {
    const clusters = clustersMap(doc);
    const item = getItem(clusters, id);
    if (!item) return false;
    const from = quadrantOf(item);
    if (from !== quadrant) {
      item.set('quadrant', quadrant);
      const items = getItemsMap(doc);
      const members = orderedSiblings(items, (_, card) => quadrantOf(card) === from && readString(card, 'clusterId') === id);
      for (const m of members) getItem(items, m.id)?.set('quadrant', quadrant);
      if (members.length > 0) {
        const memberIds = new Set(members.map((m) => m.id));
        const targets = orderedSiblings(items, (cid, card) => !memberIds.has(cid) && quadrantOf(card) === quadrant);
        placeItems(items, targets, 'end', members.map((m) => m.id));
      }
    }
    placeItems(clusters, clusterSiblings(doc, quadrant, id), placement, [id]);
    touch(item, ctx);
    return true;
  });
}

/** Folds or unfolds a cluster for everyone (a moderation tool for boards of hundreds of cards). */
export function setSwotClusterCollapsed(doc: Y.Doc, ctx: WriteContext, id: string, collapsed: boolean): boolean {
  return write(doc, ctx, () => {
    const item = getItem(clustersMap(doc), id);
    if (!item) return false;
    item.set('collapsed', collapsed);
    touch(item, ctx);
    return true;
  });
}

/** Deletes a cluster; its cards stay and read as unclustered. */
export function deleteSwotCluster(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  return deleteItem(doc, ctx, clustersMap(doc), id);
}

export const swotMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'swot-1-initial',
    up: (doc) => {
      getItemsMap(doc);
      clustersMap(doc);
    },
  },
];
