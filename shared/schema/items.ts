/**
 * The item model every board shares.
 *
 * A board document keeps its items in a root `Y.Map` keyed by item id; each item is a nested
 * `Y.Map` of fields. Rules that keep concurrent editing safe:
 * - An item map is created exactly once, by the one client that generated its id. Writers never
 *   replace an item map and never create an item for an id they did not generate, so two clients
 *   can never race to create the same nested type (Yjs would keep one and drop the other's edits).
 * - Every nested container (`Y.Text`, `Y.Map`, `Y.Array`) is created together with its item, for
 *   the same reason; later writes only edit inside it.
 * - Scalars are plain values, last writer wins per field. Text people type together is `Y.Text`.
 * - Delete removes the entry (no tombstone): Yjs then garbage-collects the content, which is what
 *   data minimisation (DSGVO) asks for, while a `Y.UndoManager` keeps what it needs to restore its
 *   own user's deletions. An edit that races a delete is lost with the item. References to a
 *   deleted item (parent, cluster, source link) stay as they are and are resolved at read time,
 *   so an undo brings the relations back too.
 * - Every write runs in `doc.transact(fn, ctx.origin)`. A client gives each user one origin and
 *   creates `new Y.UndoManager(doc, { trackedOrigins: new Set([origin]) })`, so undo touches only
 *   that user's changes.
 * - Readers treat the document as untrusted input (any client can write anything): wrong types
 *   read as defaults, never throw, and no item is dropped for a bad field.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { isOrderKey, planPlacement, sortOrdered, type Ordered, type Placement } from './order';

/** Root map that holds a board's items. */
export const ITEMS_MAP = 'items';

/** Who changed something: a session participant, with the name shown at that moment. */
export interface Author {
  readonly participantId: string;
  readonly displayName: string;
}

export const AuthorSchema = z.object({ participantId: z.string(), displayName: z.string() });

/** Read when an item's author field is missing or malformed. */
export const UNKNOWN_AUTHOR: Author = Object.freeze({ participantId: '', displayName: '' });

/**
 * Who writes, and as which transaction origin. Pass the same `origin` object for all of one
 * user's writes (it is what the user's UndoManager tracks). `now` and `newId` exist for tests and
 * for the server; the defaults are `Date.now` and `newItemId`.
 */
export interface WriteContext {
  readonly origin: unknown;
  readonly author: Author;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** An ISO calendar date, `YYYY-MM-DD`. */
export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_PATTERN.test(value);
}

/** Item ids are URL- and name-safe, so they can be used in root type names and links. */
export const ITEM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

let idCounter = 0;

/**
 * A fresh item id: the document's Yjs clientID, a per-process counter and a random suffix, in
 * base 36. clientID is random per `Y.Doc` instance and Yjs itself relies on it being unique among
 * the replicas of a document; the counter separates ids of one replica and the random part covers
 * two documents in one process that drew the same clientID. `crypto.randomUUID` would need DOM or
 * Node types, which shared/ does not have.
 */
export function newItemId(doc: Y.Doc): string {
  idCounter = (idCounter + 1) % Number.MAX_SAFE_INTEGER;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${doc.clientID.toString(36)}-${idCounter.toString(36)}-${random}`;
}

export function nowOf(ctx: WriteContext): number {
  return ctx.now ? ctx.now() : Date.now();
}

export function idFor(doc: Y.Doc, ctx: WriteContext): string {
  const id = ctx.newId ? ctx.newId() : newItemId(doc);
  if (!ITEM_ID_PATTERN.test(id)) throw new Error(`invalid item id: ${JSON.stringify(id)}`);
  return id;
}

/** Runs `fn` as one transaction with the writer's origin (one undo step). */
export function write<T>(doc: Y.Doc, ctx: WriteContext, fn: () => T): T {
  let result: T | undefined;
  doc.transact(() => {
    result = fn();
  }, ctx.origin);
  return result as T;
}

export function getItemsMap(doc: Y.Doc, name: string = ITEMS_MAP): Y.Map<unknown> {
  return doc.getMap<unknown>(name);
}

/** The item's field map, or undefined when it does not exist (or is not a map). */
export function getItem(items: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const item = items.get(id);
  return item instanceof Y.Map ? (item as Y.Map<unknown>) : undefined;
}

/** Iterates the items that are maps, in no particular order. */
export function* eachItem(items: Y.Map<unknown>): Generator<[string, Y.Map<unknown>]> {
  for (const [id, item] of items.entries()) {
    if (item instanceof Y.Map) yield [id, item as Y.Map<unknown>];
  }
}

/**
 * Creates a new item with authorship fields; `fields` may contain prelim Yjs types. With
 * `position`, the item also gets an order key at `placement` among `siblings` (see order.ts).
 * The id is checked before anything is written.
 */
export function createItem(
  doc: Y.Doc,
  items: Y.Map<unknown>,
  ctx: WriteContext,
  fields: Record<string, unknown>,
  position?: { siblings: readonly Ordered[]; placement: Placement },
): string {
  const id = idFor(doc, ctx);
  if (items.has(id)) throw new Error(`item id already in use: ${id}`);
  const plan = position ? planPlacement(position.siblings, position.placement, 1) : undefined;
  const item = new Y.Map<unknown>();
  const now = nowOf(ctx);
  const author = { participantId: ctx.author.participantId, displayName: ctx.author.displayName };
  item.set('createdBy', author);
  item.set('createdAt', now);
  item.set('updatedBy', author);
  item.set('updatedAt', now);
  if (plan) item.set('order', plan.keys[0]);
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) item.set(key, value);
  items.set(id, item);
  for (const { id: other, order } of plan?.rewrites ?? []) getItem(items, other)?.set('order', order);
  return id;
}

/** Records who changed the item last. */
export function touch(item: Y.Map<unknown>, ctx: WriteContext): void {
  item.set('updatedBy', { participantId: ctx.author.participantId, displayName: ctx.author.displayName });
  item.set('updatedAt', nowOf(ctx));
}

/** Authorship of an item as stored on it. */
export interface ItemMeta {
  readonly id: string;
  readonly createdBy: Author;
  readonly createdAt: number;
  readonly updatedBy: Author;
  readonly updatedAt: number;
}

export function readAuthor(value: unknown): Author {
  const parsed = AuthorSchema.safeParse(value);
  return parsed.success ? Object.freeze(parsed.data) : UNKNOWN_AUTHOR;
}

export function readMeta(id: string, item: Y.Map<unknown>): ItemMeta {
  return {
    id,
    createdBy: readAuthor(item.get('createdBy')),
    createdAt: readNumber(item, 'createdAt') ?? 0,
    updatedBy: readAuthor(item.get('updatedBy')),
    updatedAt: readNumber(item, 'updatedAt') ?? 0,
  };
}

export function readString(item: Y.Map<unknown>, key: string): string {
  const v = item.get(key);
  return typeof v === 'string' ? v : '';
}

export function readNullableString(item: Y.Map<unknown>, key: string): string | null {
  const v = item.get(key);
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The field naming the parallel table an item was merged from (written by the server only). */
export const TABLE_ORIGIN_KEY = 'fromTable';

/** The number of the parallel table an item was merged from, or null. */
export function readTableOrigin(item: Y.Map<unknown>): number | null {
  const v = item.get(TABLE_ORIGIN_KEY);
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null;
}

export function readNumber(item: Y.Map<unknown>, key: string): number | null {
  const v = item.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function readEnum<T extends string>(item: Y.Map<unknown>, key: string, values: readonly T[]): T | null {
  const v = item.get(key);
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null;
}

/** The stored order key, or '' (sorts first) when missing or malformed. */
export function readOrder(item: Y.Map<unknown>): string {
  const v = item.get('order');
  return isOrderKey(v) ? v : '';
}

/** Text of a `Y.Text` field; a plain string is accepted as well. */
export function readText(item: Y.Map<unknown>, key: string): string {
  const v = item.get(key);
  if (v instanceof Y.Text) return v.toString();
  return typeof v === 'string' ? v : '';
}

/** The `Y.Text` of a field, for binding an editor to it. */
export function getText(item: Y.Map<unknown>, key: string): Y.Text | undefined {
  const v = item.get(key);
  return v instanceof Y.Text ? v : undefined;
}

/** Parses a JSON field with a zod schema; null when absent or malformed. */
export function readJson<T>(item: Y.Map<unknown>, key: string, schema: z.ZodType<T>): T | null {
  const v = item.get(key);
  if (v === undefined || v === null) return null;
  const parsed = schema.safeParse(v);
  return parsed.success ? parsed.data : null;
}

/** An edit of a text field: delete `deleteCount` characters at `index`, then insert `insert`. */
export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/** Applies an edit, clamped to the current text. */
export function applyTextEdit(text: Y.Text, edit: TextEdit): void {
  const index = Math.max(0, Math.min(text.length, Math.trunc(edit.index)));
  const deleteCount = Math.max(0, Math.min(text.length - index, Math.trunc(edit.deleteCount)));
  if (deleteCount > 0) text.delete(index, deleteCount);
  if (edit.insert !== '') text.insert(index, edit.insert);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Replaces a text's content with `value` by deleting and inserting only the changed middle, so
 * that a form field bound without a Yjs binding still merges with other people's typing. The
 * changed range never splits a surrogate pair (Yjs would store a replacement character).
 */
export function setTextValue(text: Y.Text, value: string): void {
  const old = text.toString();
  if (old === value) return;
  let start = 0;
  const max = Math.min(old.length, value.length);
  while (start < max && old.charCodeAt(start) === value.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(old.charCodeAt(start - 1))) start--;
  let endOld = old.length;
  let endNew = value.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === value.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  if (endOld < old.length && isLowSurrogate(old.charCodeAt(endOld))) {
    endOld++;
    endNew++;
  }
  applyTextEdit(text, { index: start, deleteCount: endOld - start, insert: value.slice(start, endNew) });
}

/** Applies a text edit or a whole new value to a `Y.Text` field of an item. */
export function editTextField(item: Y.Map<unknown>, key: string, edit: TextEdit | string): boolean {
  const text = getText(item, key);
  if (!text) return false;
  if (typeof edit === 'string') setTextValue(text, edit);
  else applyTextEdit(text, edit);
  return true;
}

/** The `Y.Text` field `key` of item `id` in `items`, to bind an editor to. */
export function itemText(items: Y.Map<unknown>, id: string, key: string): Y.Text | undefined {
  const item = getItem(items, id);
  return item ? getText(item, key) : undefined;
}

/** Edits the text field `key` of item `id` (an edit, or a whole value merged as a diff) and marks who changed it. */
export function editItemText(doc: Y.Doc, ctx: WriteContext, items: Y.Map<unknown>, id: string, key: string, edit: TextEdit | string): boolean {
  return write(doc, ctx, () => {
    const item = getItem(items, id);
    if (!item || !editTextField(item, key, edit)) return false;
    touch(item, ctx);
    return true;
  });
}

/** Deletes item `id` from `items`; false when it is not there (any more). */
export function deleteItem(doc: Y.Doc, ctx: WriteContext, items: Y.Map<unknown>, id: string): boolean {
  return write(doc, ctx, () => {
    if (!getItem(items, id)) return false;
    items.delete(id);
    return true;
  });
}

/** Members of one ordered list: the id and normalised key of each sibling. */
export function orderedSiblings(items: Y.Map<unknown>, isSibling: (id: string, item: Y.Map<unknown>) => boolean): Ordered[] {
  const out: Ordered[] = [];
  for (const [id, item] of eachItem(items)) if (isSibling(id, item)) out.push({ id, order: readOrder(item) });
  return sortOrdered(out);
}

/**
 * Gives `ids` fresh order keys at `placement` among `siblings` (which must not contain them) and
 * rewrites tied siblings when needed. Must run inside a transaction.
 */
export function placeItems(items: Y.Map<unknown>, siblings: readonly Ordered[], placement: Placement, ids: readonly string[]): void {
  const plan = planPlacement(siblings, placement, ids.length);
  ids.forEach((id, i) => getItem(items, id)?.set('order', plan.keys[i]));
  for (const { id, order } of plan.rewrites) getItem(items, id)?.set('order', order);
}

/** Freezes an array and its elements (one level deep is enough for snapshot rows). */
export function frozenList<T extends object>(rows: T[]): readonly T[] {
  for (const row of rows) Object.freeze(row);
  return Object.freeze(rows);
}
