/**
 * Deletion records: how the author of a card learns that someone else deleted it, and how they
 * bring it back.
 *
 * A board whose items have authors (SWOT cards, priority topics, goal nodes) keeps a root map
 * `deletions`, keyed by item id. Whoever deletes an item another person created writes, in the
 * same transaction, a record naming themselves (`by`), the item's author and a snapshot of the
 * item's fields as they were. The document rules (`rules/checker.ts`) check the record against
 * the deletion itself: `by` must be the sender, `author` the deleted item's `createdBy`, and the
 * snapshot exactly what was deleted — so the author's client can trust what it shows. A
 * participant who is not a moderator cannot delete someone else's item without such a record.
 *
 * The author's client watches the map: a record that names it as the author and whose item is
 * gone is shown as "Ihre Karte „…“ wurde von … gelöscht" with "Wiederherstellen"
 * (`restoreDeletedItem`: the item comes back under its id with its fields, the author as its
 * creator) or dismissed (`dismissDeletion`). The author, the deleter and moderators may remove a
 * record; nobody else.
 */
import * as Y from 'yjs';
import { getItem, getItemsMap, readAuthor, write, type Author, type WriteContext } from './items';

/** Root map of deletion records, keyed by the deleted item's id. */
export const DELETIONS_MAP = 'deletions';

/**
 * A field of a deleted item: a plain value, the string of a `Y.Text`, the values of a `Y.Array`,
 * or a nested `Y.Map` (e.g. a goal's indicators), field by field.
 */
export type FieldSnapshot = { readonly v: unknown } | { readonly text: string } | { readonly list: readonly unknown[] } | { readonly map: ItemSnapshot };
export type ItemSnapshot = { readonly [key: string]: FieldSnapshot };

export interface DeletionRecord {
  /** Who deleted the item (the sender of the deletion). */
  readonly by: Author;
  /** The item's author (`createdBy`). */
  readonly author: Author;
  /** When (ms since the epoch, the deleter's clock). */
  readonly at: number;
  /** The item's fields as they were. */
  readonly item: ItemSnapshot;
}

/** Largest deletion record as JSON (a goal node with its description and indicators). */
export const DELETION_RECORD_MAX_BYTES = 256 * 1024;

/** Fields a restore does not copy from the snapshot: it writes them itself. */
const WRITTEN_ON_RESTORE = new Set(['createdBy', 'updatedBy', 'updatedAt', 'mergedFrom', 'voteResult', 'publishedFrom']);

export function getDeletionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DELETIONS_MAP);
}

/** The fields of an item map as a snapshot (the same walk the document rules make). */
export function snapshotItem(map: Y.Map<unknown>): ItemSnapshot {
  const out: Record<string, FieldSnapshot> = {};
  for (const [key, value] of map.entries()) {
    if (value instanceof Y.Text) out[key] = { text: value.toString() };
    else if (value instanceof Y.Array) out[key] = { list: value.toArray() };
    else if (value instanceof Y.Map) out[key] = { map: snapshotItem(value as Y.Map<unknown>) };
    else if (!(value instanceof Y.AbstractType)) out[key] = { v: value };
  }
  return out;
}

/** The plain-text summary of a snapshot: its `text` or `title` field. */
export function snapshotSummary(item: ItemSnapshot): string {
  for (const key of ['text', 'title']) {
    const f = item[key];
    if (f && 'text' in f) return f.text;
  }
  return '';
}

/** Whether `ctx`'s author created this item (an item without an author counts as someone else's). */
export function isOwnItem(item: Y.Map<unknown>, ctx: Pick<WriteContext, 'author'>): boolean {
  const createdBy = readAuthor(item.get('createdBy'));
  return createdBy.participantId !== '' && createdBy.participantId === ctx.author.participantId;
}

/**
 * Writes the deletion record for an item someone else created, before it is deleted; does
 * nothing for the writer's own items. Must run inside the transaction that deletes it.
 */
export function recordDeletion(doc: Y.Doc, ctx: WriteContext, items: Y.Map<unknown>, id: string): void {
  const item = getItem(items, id);
  if (!item || isOwnItem(item, ctx)) return;
  const record: DeletionRecord = {
    by: { participantId: ctx.author.participantId, displayName: ctx.author.displayName },
    author: { ...readAuthor(item.get('createdBy')) },
    at: (ctx.now ?? Date.now)(),
    item: snapshotItem(item),
  };
  getDeletionsMap(doc).set(id, record);
}

/** Deletes an item of `items`, with a deletion record when someone else created it. */
export function deleteOwnedItem(doc: Y.Doc, ctx: WriteContext, items: Y.Map<unknown>, id: string): boolean {
  return write(doc, ctx, () => {
    if (!getItem(items, id)) return false;
    recordDeletion(doc, ctx, items, id);
    items.delete(id);
    return true;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readSnapshot(v: unknown, depth = 0): ItemSnapshot | undefined {
  if (!isObject(v) || depth > 4) return undefined;
  const out: Record<string, FieldSnapshot> = {};
  for (const [key, f] of Object.entries(v)) {
    if (!isObject(f)) continue;
    if ('v' in f) out[key] = { v: f.v };
    else if (typeof f.text === 'string') out[key] = { text: f.text };
    else if (Array.isArray(f.list)) out[key] = { list: f.list };
    else if ('map' in f) {
      const inner = readSnapshot(f.map, depth + 1);
      if (inner) out[key] = { map: inner };
    }
  }
  return out;
}

/** A record as stored, or undefined when it is malformed (documents are untrusted input). */
export function readDeletionRecord(value: unknown): DeletionRecord | undefined {
  if (!isObject(value)) return undefined;
  const item = readSnapshot(value.item);
  if (!item || typeof value.at !== 'number') return undefined;
  const by = readAuthor(value.by);
  const author = readAuthor(value.author);
  if (!by.participantId || !author.participantId) return undefined;
  return { by, author, at: value.at, item };
}

/**
 * Records of items this participant created that someone else deleted and that are still gone,
 * newest first.
 */
export function deletionsOf(doc: Y.Doc, participantId: string, items: Y.Map<unknown> = getItemsMap(doc)): { id: string; record: DeletionRecord }[] {
  const out: { id: string; record: DeletionRecord }[] = [];
  for (const [id, value] of getDeletionsMap(doc).entries()) {
    const record = readDeletionRecord(value);
    if (!record || record.author.participantId !== participantId || items.has(id)) continue;
    out.push({ id, record });
  }
  return out.sort((a, b) => b.record.at - a.record.at);
}

function buildType(snapshot: ItemSnapshot, target: Y.Map<unknown>): void {
  for (const [key, f] of Object.entries(snapshot)) {
    if ('text' in f) target.set(key, new Y.Text(f.text));
    else if ('list' in f) {
      const list = new Y.Array<unknown>();
      list.push([...f.list]);
      target.set(key, list);
    } else if ('map' in f) {
      const nested = new Y.Map<unknown>();
      buildType(f.map, nested);
      target.set(key, nested);
    } else target.set(key, f.v);
  }
}

/**
 * Brings a deleted item back under its id, with its fields as recorded and `ctx`'s author as its
 * creator (the author restores their own item), and removes the record. Returns false when there
 * is no record or the item exists again.
 */
export function restoreDeletedItem(doc: Y.Doc, ctx: WriteContext, id: string, items: Y.Map<unknown> = getItemsMap(doc)): boolean {
  return write(doc, ctx, () => {
    const deletions = getDeletionsMap(doc);
    const record = readDeletionRecord(deletions.get(id));
    if (!record || items.has(id)) return false;
    const item = new Y.Map<unknown>();
    const fields: Record<string, FieldSnapshot> = {};
    for (const [key, f] of Object.entries(record.item)) if (!WRITTEN_ON_RESTORE.has(key)) fields[key] = f;
    const author = { participantId: ctx.author.participantId, displayName: ctx.author.displayName };
    buildType(fields, item);
    item.set('createdBy', author);
    item.set('updatedBy', author);
    item.set('updatedAt', (ctx.now ?? Date.now)());
    const published = record.item.publishedFrom;
    if (published && 'v' in published) item.set('publishedFrom', published.v === ctx.author.participantId ? published.v : null);
    if (record.item.voteResult) item.set('voteResult', null);
    items.set(id, item);
    deletions.delete(id);
    return true;
  });
}

/** Removes a deletion record without restoring (the author has seen it). */
export function dismissDeletion(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  return write(doc, ctx, () => {
    const deletions = getDeletionsMap(doc);
    if (!deletions.has(id)) return false;
    deletions.delete(id);
    return true;
  });
}
