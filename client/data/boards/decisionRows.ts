/**
 * The table rows of one decision draft as the client reads them: one ItemStore per row
 * collection (the draft's `decision:<id>:rows:<collection>` maps), so typing into a cell
 * re-reads that row and re-renders that row. The order of each collection — and, for indicators,
 * which goal they belong to — is derived again only when a row's order or goal changed, or rows
 * came or went.
 */
import type * as Y from 'yjs';
import { ROW_COLLECTIONS, type RowCollection } from '../../../shared/decision';
import { findDraftRowsMap, readDraftRow, type DraftRowSnapshot } from '../../../shared/schema/decisions';
import { compareOrdered } from '../../../shared/schema/order';
import { ItemStore } from './itemStore';
import { sameIds } from './structure';

const EMPTY: readonly string[] = Object.freeze([]);

function readerFor(collection: RowCollection) {
  return {
    read: (id: string, item: Y.Map<unknown>) => readDraftRow(collection, id, item),
    // Indicators are listed under their goal: the goal is part of their place.
    structuralKey: (row: DraftRowSnapshot) => (collection === 'indicators' ? `${row.order}\u0000${String(row.fields.goalId ?? '')}` : row.order),
  };
}

/** A store and its derived order, for one collection. */
class Collection {
  private cache: { version: number; ids: readonly string[]; byGoal: Map<string, readonly string[]> } | undefined;

  constructor(readonly store: ItemStore<DraftRowSnapshot> | undefined) {}

  private derive() {
    const version = this.store?.structureVersion ?? 0;
    if (this.cache?.version === version) return this.cache;
    const rows = this.store ? [...this.store.values()].sort(compareOrdered) : [];
    const ids = rows.map((r) => r.id);
    const byGoal = new Map<string, string[]>();
    for (const r of rows) {
      const goal = r.fields.goalId;
      if (typeof goal !== 'string') continue;
      const list = byGoal.get(goal);
      if (list) list.push(r.id);
      else byGoal.set(goal, [r.id]);
    }
    // Lists that did not change keep their identity (their tables do not render again).
    const previous = this.cache;
    const keptIds = previous && sameIds(previous.ids, ids) ? previous.ids : Object.freeze(ids);
    const keptByGoal = new Map<string, readonly string[]>();
    for (const [goal, list] of byGoal) {
      const before = previous?.byGoal.get(goal);
      keptByGoal.set(goal, before && sameIds(before, list) ? before : Object.freeze(list));
    }
    this.cache = { version, ids: keptIds, byGoal: keptByGoal };
    return this.cache;
  }

  ids(): readonly string[] {
    return this.derive().ids;
  }

  idsOfGoal(goalId: string): readonly string[] {
    return this.derive().byGoal.get(goalId) ?? EMPTY;
  }
}

export class DraftRowsModel {
  private readonly collections: Record<RowCollection, Collection>;

  constructor(
    readonly doc: Y.Doc,
    readonly draftId: string,
  ) {
    const entries = ROW_COLLECTIONS.map((c) => {
      const map = findDraftRowsMap(doc, draftId, c);
      return [c, new Collection(map ? new ItemStore(map, readerFor(c)) : undefined)] as const;
    });
    this.collections = Object.fromEntries(entries) as Record<RowCollection, Collection>;
  }

  destroy(): void {
    for (const c of Object.values(this.collections)) c.store?.destroy();
  }

  /** The store of a collection; undefined when its name holds something else (a misbehaving client). */
  store(collection: RowCollection): ItemStore<DraftRowSnapshot> | undefined {
    return this.collections[collection].store;
  }

  /** Row ids of a collection in order. */
  ids(collection: RowCollection): readonly string[] {
    return this.collections[collection].ids();
  }

  /** The indicators of one goal row, in order. */
  indicatorsOf(goalId: string): readonly string[] {
    return this.collections.indicators.idsOfGoal(goalId);
  }

  subscribeStructure(collection: RowCollection, listener: () => void): () => void {
    return this.collections[collection].store?.subscribeStructure(listener) ?? (() => {});
  }

  structureVersion(collection: RowCollection): number {
    return this.collections[collection].store?.structureVersion ?? 0;
  }
}
