/**
 * Per-item snapshots of one root `Y.Map` of board items, re-read only for the items a
 * transaction touched.
 *
 * A board of a thousand cards must not be read a thousand times per keystroke. The store keeps
 * one immutable snapshot per item id and, on every transaction, re-reads only the ids its events
 * name (the key of a changed root entry, or the first path segment of a change inside an item).
 * Subscribers are told exactly which ids changed:
 * - `subscribeItem(id, …)` fires when that item's snapshot was replaced (its component re-renders,
 *   no other card does);
 * - `subscribeStructure(…)` fires when the set of ids changed or an item's structural key did
 *   (what decides where it is shown: quadrant, order, parent …), so lists are derived again only
 *   then — typing into a card changes its text, not its place.
 * - `subscribeContent(…)` fires after every change with the changed ids (search, counts that read
 *   text).
 *
 * Readers come from shared/schema (they treat the document as untrusted input and never throw);
 * the store is the client's only path from a board document to what React renders.
 */
import * as Y from 'yjs';

export interface ItemReader<T> {
  /** Reads one item; undefined when the entry is not an item (readers never throw). */
  read(id: string, item: Y.Map<unknown>): T | undefined;
  /** What decides an item's place in the board's lists; a change re-derives the lists. */
  structuralKey(snapshot: T): string;
}

type Listener = () => void;
export type ChangeListener = (ids: ReadonlySet<string>) => void;

export class ItemStore<T> {
  private readonly snapshots = new Map<string, T>();
  private readonly keys = new Map<string, string>();
  private readonly itemListeners = new Map<string, Set<Listener>>();
  private readonly structureListeners = new Set<Listener>();
  private readonly contentListeners = new Set<ChangeListener>();
  private structureVersionValue = 0;
  private contentVersionValue = 0;
  private idList: readonly string[] | null = null;
  private readonly observer: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void;

  constructor(
    readonly map: Y.Map<unknown>,
    private readonly reader: ItemReader<T>,
  ) {
    for (const [id, value] of map.entries()) this.readInto(id, value);
    this.observer = (events) => this.onEvents(events);
    map.observeDeep(this.observer);
  }

  destroy(): void {
    this.map.unobserveDeep(this.observer);
    this.itemListeners.clear();
    this.structureListeners.clear();
    this.contentListeners.clear();
  }

  get(id: string): T | undefined {
    return this.snapshots.get(id);
  }

  has(id: string): boolean {
    return this.snapshots.has(id);
  }

  get size(): number {
    return this.snapshots.size;
  }

  /** Every item id (stable array until the set of ids changes), in no particular order. */
  ids(): readonly string[] {
    this.idList ??= Object.freeze([...this.snapshots.keys()]);
    return this.idList;
  }

  values(): IterableIterator<T> {
    return this.snapshots.values();
  }

  /** Bumped whenever the id set or a structural key changed. */
  get structureVersion(): number {
    return this.structureVersionValue;
  }

  /** Bumped after every change of any item. */
  get contentVersion(): number {
    return this.contentVersionValue;
  }

  subscribeItem(id: string, listener: Listener): () => void {
    let set = this.itemListeners.get(id);
    if (!set) this.itemListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.itemListeners.get(id) === set) this.itemListeners.delete(id);
    };
  }

  subscribeStructure(listener: Listener): () => void {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  }

  subscribeContent(listener: ChangeListener): () => void {
    this.contentListeners.add(listener);
    return () => this.contentListeners.delete(listener);
  }

  /** Reads (or drops) one entry; true when the id set or its structural key changed. */
  private readInto(id: string, value: unknown): boolean {
    const snapshot = value instanceof Y.Map ? this.reader.read(id, value as Y.Map<unknown>) : undefined;
    if (snapshot === undefined) {
      const had = this.snapshots.delete(id);
      this.keys.delete(id);
      return had;
    }
    const key = this.reader.structuralKey(snapshot);
    const had = this.snapshots.has(id);
    this.snapshots.set(id, snapshot);
    const structural = !had || this.keys.get(id) !== key;
    this.keys.set(id, key);
    return structural;
  }

  private onEvents(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of (event as Y.YMapEvent<unknown>).keysChanged) if (typeof key === 'string') touched.add(key);
      } else {
        const first = event.path[0];
        if (typeof first === 'string') touched.add(first);
      }
    }
    if (touched.size === 0) return;
    let structural = false;
    for (const id of touched) {
      const had = this.snapshots.has(id);
      if (this.readInto(id, this.map.get(id))) structural = true;
      if (had !== this.snapshots.has(id)) this.idList = null;
    }
    this.contentVersionValue++;
    if (structural) this.structureVersionValue++;
    for (const id of touched) for (const l of [...(this.itemListeners.get(id) ?? [])]) l();
    if (structural) for (const l of [...this.structureListeners]) l();
    for (const l of [...this.contentListeners]) l(touched);
  }
}
