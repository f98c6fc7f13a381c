/**
 * The SWOT board as the client reads it: one item store for the cards, one for the clusters, and
 * the board's structure (which cards stand in which quadrant and cluster, in which order, and how
 * many there are) derived from them only when something structural changed.
 *
 * Typing into a card re-reads that card and re-renders that card; moving a card re-derives the
 * structure (a sort of the board, well under a millisecond for 1,000 cards) and re-renders the
 * quadrants whose lists changed — the others keep their identity.
 */
import type * as Y from 'yjs';
import { getItemsMap } from '../../../shared/schema/items';
import {
  compareSwotOrder,
  readSwotCard,
  readSwotCluster,
  resolveClusterId,
  SWOT_CLUSTERS_MAP,
  SWOT_QUADRANTS,
  type SwotCard,
  type SwotCluster,
  type SwotQuadrant,
} from '../../../shared/schema/swot';
import { ItemStore } from './itemStore';
import { sameIds } from './structure';
import { foldText } from './text';

export interface SwotGroupView {
  /** The cluster, or null for the quadrant's unclustered cards (always first). */
  readonly cluster: SwotCluster | null;
  /** Card ids in display order (after the filter). */
  readonly ids: readonly string[];
  /** Cards of the group before the filter. */
  readonly total: number;
}

export interface SwotQuadrantView {
  readonly quadrant: SwotQuadrant;
  readonly groups: readonly SwotGroupView[];
  /** Every shown card id of the quadrant, in display order (unclustered first, then by cluster). */
  readonly ids: readonly string[];
  /** Cards in the quadrant before the filter. */
  readonly total: number;
}

export interface SwotStructure {
  readonly quadrants: Readonly<Record<SwotQuadrant, SwotQuadrantView>>;
  readonly clusters: readonly SwotCluster[];
  /** Cards on the board before / after the filter. */
  readonly total: number;
  readonly shown: number;
  /** The resolved cluster of a card (a card naming a deleted cluster reads as unclustered). */
  clusterOf(cardId: string): string | null;
}

/** What a person can narrow the board to. Empty fields do not filter. */
export interface SwotFilter {
  readonly text: string;
  /** participantId of an author. */
  readonly author: string;
  readonly quadrant: SwotQuadrant | '';
  /** A cluster id, '' for any, or NO_CLUSTER for unclustered cards. */
  readonly cluster: string;
  readonly evidence: 'any' | 'with' | 'without';
}

export const NO_CLUSTER = '-';
export const EMPTY_SWOT_FILTER: SwotFilter = Object.freeze({ text: '', author: '', quadrant: '', cluster: '', evidence: 'any' });

export function isFilterActive(f: SwotFilter): boolean {
  return f.text.trim() !== '' || f.author !== '' || f.quadrant !== '' || f.cluster !== '' || f.evidence !== 'any';
}


export function cardMatches(card: SwotCard, clusterId: string | null, f: SwotFilter, needle = foldText(f.text.trim())): boolean {
  if (f.quadrant !== '' && card.quadrant !== f.quadrant) return false;
  if (f.author !== '' && card.createdBy.participantId !== f.author && !card.mergedFrom.some((m) => m.createdBy.participantId === f.author)) return false;
  if (f.cluster === NO_CLUSTER ? clusterId !== null : f.cluster !== '' && clusterId !== f.cluster) return false;
  const hasEvidence = card.evidence !== null || card.mergedFrom.some((m) => m.evidence !== null);
  if (f.evidence === 'with' && !hasEvidence) return false;
  if (f.evidence === 'without' && hasEvidence) return false;
  if (needle !== '') {
    const hay = foldText([card.text, card.createdBy.displayName, card.evidence?.indicator ?? '', card.evidence?.source ?? '', ...card.mergedFrom.map((m) => `${m.text} ${m.createdBy.displayName}`)].join('\n'));
    if (!hay.includes(needle)) return false;
  }
  return true;
}

const cardReader = {
  read: (id: string, item: Y.Map<unknown>) => readSwotCard(id, item),
  structuralKey: (c: SwotCard) => `${c.quadrant}\u0000${c.order}\u0000${c.clusterId ?? ''}`,
};

const clusterReader = {
  read: (id: string, item: Y.Map<unknown>) => readSwotCluster(id, item),
  // A cluster's title and folding are shown in the structure, so they are structural here.
  structuralKey: (c: SwotCluster) => `${c.quadrant}\u0000${c.order}\u0000${c.collapsed ? 1 : 0}\u0000${c.title}`,
};

export class SwotModel {
  readonly cards: ItemStore<SwotCard>;
  readonly clusters: ItemStore<SwotCluster>;
  private last: SwotStructure | undefined;

  constructor(readonly doc: Y.Doc) {
    this.cards = new ItemStore(getItemsMap(doc), cardReader);
    this.clusters = new ItemStore(doc.getMap<unknown>(SWOT_CLUSTERS_MAP), clusterReader);
  }

  destroy(): void {
    this.cards.destroy();
    this.clusters.destroy();
  }

  subscribeStructure(listener: () => void): () => void {
    const a = this.cards.subscribeStructure(listener);
    const b = this.clusters.subscribeStructure(listener);
    return () => {
      a();
      b();
    };
  }

  /** A number that changes whenever the structure may have changed. */
  get structureVersion(): number {
    return this.cards.structureVersion * 1_000_003 + this.clusters.structureVersion;
  }

  /**
   * The board's structure under `filter`. Quadrants whose lists did not change keep the identity
   * they had in the previous call, so their components are not rendered again.
   */
  structure(filter: SwotFilter = EMPTY_SWOT_FILTER): SwotStructure {
    const clusters = [...this.clusters.values()].sort(compareSwotOrder);
    const clusterQuadrant = new Map(clusters.map((c) => [c.id, c.quadrant]));
    const resolved = new Map<string, string | null>();
    const active = isFilterActive(filter);
    const needle = foldText(filter.text.trim());
    const cards = [...this.cards.values()].sort(compareSwotOrder);
    const byGroup = new Map<string, { ids: string[]; total: number }>();
    const groupKey = (q: SwotQuadrant, cluster: string | null) => `${q}:${cluster ?? ''}`;
    let shown = 0;
    for (const card of cards) {
      const clusterId = resolveClusterId(card, (c) => clusterQuadrant.get(c));
      resolved.set(card.id, clusterId);
      const key = groupKey(card.quadrant, clusterId);
      let group = byGroup.get(key);
      if (!group) byGroup.set(key, (group = { ids: [], total: 0 }));
      group.total++;
      if (!active || cardMatches(card, clusterId, filter, needle)) {
        group.ids.push(card.id);
        shown++;
      }
    }
    const previous = this.last;
    const quadrants = {} as Record<SwotQuadrant, SwotQuadrantView>;
    for (const quadrant of SWOT_QUADRANTS) {
      const loose = byGroup.get(groupKey(quadrant, null));
      const groups: SwotGroupView[] = [{ cluster: null, ids: loose?.ids ?? [], total: loose?.total ?? 0 }];
      for (const cluster of clusters) {
        if (cluster.quadrant !== quadrant) continue;
        const g = byGroup.get(groupKey(quadrant, cluster.id));
        groups.push({ cluster, ids: g?.ids ?? [], total: g?.total ?? 0 });
      }
      const view: SwotQuadrantView = {
        quadrant,
        groups,
        ids: groups.flatMap((g) => g.ids),
        total: groups.reduce((n, g) => n + g.total, 0),
      };
      const before = previous?.quadrants[quadrant];
      quadrants[quadrant] = before && sameQuadrant(before, view) ? before : view;
    }
    const structure: SwotStructure = {
      quadrants,
      clusters,
      total: cards.length,
      shown,
      clusterOf: (id) => resolved.get(id) ?? null,
    };
    this.last = structure;
    return structure;
  }
}

function sameQuadrant(a: SwotQuadrantView, b: SwotQuadrantView): boolean {
  if (a.total !== b.total || a.groups.length !== b.groups.length) return false;
  return a.groups.every((g, i) => {
    const h = b.groups[i]!;
    return g.cluster === h.cluster && g.total === h.total && sameIds(g.ids, h.ids);
  });
}
