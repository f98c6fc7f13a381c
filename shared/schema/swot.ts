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
  frozenList,
  getItem,
  getItemsMap,
  ISO_DATE_PATTERN,
  orderedSiblings,
  placeItems,
  readEnum,
  readJson,
  readMeta,
  readNullableString,
  readOrder,
  readString,
  readText,
  touch,
  write,
  type ItemMeta,
  type TextEdit,
  type WriteContext,
  deleteItem,
  editItemText,
  itemText,
} from './items';
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
}

export interface SwotCluster extends ItemMeta {
  readonly quadrant: SwotQuadrant;
  readonly order: string;
  readonly title: string;
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

/** Reads the board as an immutable snapshot, identical on every synced replica. */
export function readSwot(doc: Y.Doc): SwotBoard {
  const clusters: SwotCluster[] = [];
  for (const [id, item] of eachItem(clustersMap(doc))) {
    clusters.push({ ...readMeta(id, item), quadrant: quadrantOf(item), order: readOrder(item), title: readText(item, 'title') });
  }
  const clusterQuadrant = new Map(clusters.map((c) => [c.id, c.quadrant]));
  const cards: SwotCard[] = [];
  for (const [id, item] of eachItem(getItemsMap(doc))) {
    const quadrant = quadrantOf(item);
    const scope = quadrantScope(quadrant);
    const clusterId = readNullableString(item, 'clusterId');
    cards.push({
      ...readMeta(id, item),
      quadrant,
      scope,
      order: readOrder(item),
      text: readText(item, 'text'),
      color: readEnum(item, 'color', CARD_COLORS) ?? DEFAULT_CARD_COLOR,
      clusterId: clusterId !== null && clusterQuadrant.get(clusterId) === quadrant ? clusterId : null,
      evidence: readJson(item, 'evidence', EvidenceSchema),
      assessment: scope === 'extern' ? readJson(item, 'assessment', AssessmentSchema) : null,
      publishedFrom: readNullableString(item, 'publishedFrom'),
    });
  }
  return Object.freeze({ cards: frozenList(cards.sort(byQuadrantThenOrder)), clusters: frozenList(clusters.sort(byQuadrantThenOrder)) });
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
  return deleteItem(doc, ctx, getItemsMap(doc), id);
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
