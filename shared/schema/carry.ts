/**
 * Boards across sessions: a session starts from the boards of an earlier one (carried forward),
 * and a board shows what changed since an earlier session.
 *
 * Carrying forward copies the earlier board's Yjs state whole, as a parallel table's copy starts
 * as the plenary board (server/realtime/tables.ts): every item keeps its id, so an item of the new
 * session IS the earlier session's item, and "what changed since" compares the two boards item by
 * item, across any number of sessions carried one from the other. Each carried item is marked with
 * where it came from (`carriedFrom`, written by the server only). What belongs to the earlier
 * session's people and not to the board is left behind: deletion records (who deleted whose card)
 * and the goal tree's memory of removed nodes (only that session's undo needed it).
 *
 * `boardChanges` lists added, changed, removed and moved items with who and when: the item's
 * last writer for what is there, the deletion record (when someone else's item was deleted) for
 * what is gone. Fields are compared as values, so a text typed away and back again is no change.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { DocKind } from '../docs';
import { ACTION_ENTRIES_MAP, ACTION_LINKS_MAP, readActionPlan } from './actions';
import { CANVAS_SECTIONS } from './canvas';
import { DELETIONS_MAP, getDeletionsMap, snapshotItem, snapshotSummary, type FieldSnapshot } from './deletions';
import { GOALS_REMOVED_MAP } from './goals';
import { eachItem, ITEMS_MAP, readAuthor, readMeta, type Author } from './items';
import { BOARD_ORIGIN_KEY, META_MAP } from './meta';

export { readBoardOrigin } from './meta';
import { SWOT_CLUSTERS_MAP } from './swot';

/** The boards a session can carry forward (the notes and decision drafts start empty). */
export const CARRIED_KINDS = ['swot', 'priorities', 'goals', 'actions', 'canvas'] as const satisfies readonly DocKind[];
export type CarriedKind = (typeof CARRIED_KINDS)[number];

export function isCarriedKind(kind: string): kind is CarriedKind {
  return (CARRIED_KINDS as readonly string[]).includes(kind);
}

/** The field naming where a carried item came from. */
export const CARRIED_FROM_KEY = 'carriedFrom';

export const CarriedFromSchema = z.object({
  sessionId: z.string().min(1).max(64),
  itemId: z.string().min(1).max(64),
});
export type CarriedFrom = z.infer<typeof CarriedFromSchema>;

/** Where an item was carried from, or null. */
export function readCarriedFrom(item: Y.Map<unknown>): CarriedFrom | null {
  const parsed = CarriedFromSchema.safeParse(item.get(CARRIED_FROM_KEY));
  return parsed.success ? parsed.data : null;
}

/** The root maps of a board whose entries are items (maps with authorship). */
const ITEM_MAPS: Partial<Record<CarriedKind, readonly string[]>> = {
  swot: [ITEMS_MAP, SWOT_CLUSTERS_MAP],
  priorities: [ITEMS_MAP],
  goals: [ITEMS_MAP],
};

/**
 * The first state of a board carried forward from `fromSessionId`'s board (`source`, a Yjs
 * update): the same items under the same ids, each marked with its origin, without the earlier
 * session's deletion records and removal memory. The result is a Yjs update to store as the new
 * board's first row (it is a server change: checked by the document rules like any).
 */
export function carryForward(kind: CarriedKind, source: Uint8Array, fromSessionId: string): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, source);
  doc.transact(() => {
    doc.getMap<unknown>(META_MAP).set(BOARD_ORIGIN_KEY, fromSessionId);
    for (const name of ITEM_MAPS[kind] ?? []) {
      for (const [id, item] of eachItem(doc.getMap<unknown>(name))) item.set(CARRIED_FROM_KEY, { sessionId: fromSessionId, itemId: id });
    }
    if (kind === 'swot' || kind === 'priorities' || kind === 'goals') {
      const deletions = getDeletionsMap(doc);
      for (const key of [...deletions.keys()]) deletions.delete(key);
    }
    if (kind === 'goals') {
      const removed = doc.getMap<unknown>(GOALS_REMOVED_MAP);
      for (const key of [...removed.keys()]) removed.delete(key);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

// ---------------------------------------------------------------------------------------------
// What changed since

export type ChangeKind = 'added' | 'changed' | 'removed' | 'moved';

export interface BoardChange {
  readonly kind: ChangeKind;
  /** The board's part: 'items', 'clusters' (SWOT), 'entries' (action plan), 'sections' (canvas). */
  readonly part: string;
  /** The item's id (a goal's id for an action-plan entry, a section's id for the canvas). */
  readonly id: string;
  /** The item's text or title as it is now, or as it was when it was removed. */
  readonly label: string;
  /** The fields that differ: content fields for `changed`, position fields for `moved`. */
  readonly fields: readonly string[];
  /** Who made the change and when, where the board knows it. */
  readonly by: Author | null;
  readonly at: number | null;
}

/** Where an item stands, not what it says. */
const POSITION_FIELDS = new Set(['order', 'quadrant', 'clusterId', 'parentId', 'level']);
/** Bookkeeping, not content: who and when, and where an item came from. */
const IGNORED_FIELDS = new Set(['createdBy', 'createdAt', 'updatedBy', 'updatedAt', CARRIED_FROM_KEY, 'fromTable', 'publishedFrom']);

/** JSON with sorted keys, so two replicas' snapshots of the same value compare equal. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function differing(a: Record<string, FieldSnapshot>, b: Record<string, FieldSnapshot>, pick: (key: string) => boolean): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter(pick));
  return [...keys].filter((k) => stable(a[k] ?? null) !== stable(b[k] ?? null)).sort();
}

function itemMapChanges(part: string, before: Y.Doc, after: Y.Doc, out: BoardChange[]): void {
  const was = new Map(eachItem(before.getMap<unknown>(part)));
  const is = new Map(eachItem(after.getMap<unknown>(part)));
  const deletions = part === ITEMS_MAP ? after.getMap<unknown>(DELETIONS_MAP) : undefined;
  for (const [id, item] of is) {
    const now = snapshotItem(item);
    const meta = readMeta(id, item);
    const who = { by: meta.updatedBy.participantId || meta.updatedBy.displayName ? meta.updatedBy : null, at: meta.updatedAt || null };
    const old = was.get(id);
    if (!old) {
      const created = { by: meta.createdBy.participantId || meta.createdBy.displayName ? meta.createdBy : null, at: meta.createdAt || null };
      out.push({ kind: 'added', part, id, label: snapshotSummary(now), fields: [], ...created });
      continue;
    }
    const then = snapshotItem(old);
    const content = differing(then, now, (k) => !POSITION_FIELDS.has(k) && !IGNORED_FIELDS.has(k));
    const position = differing(then, now, (k) => POSITION_FIELDS.has(k));
    if (content.length > 0) out.push({ kind: 'changed', part, id, label: snapshotSummary(now), fields: content, ...who });
    if (position.length > 0) out.push({ kind: 'moved', part, id, label: snapshotSummary(now), fields: position, ...who });
  }
  for (const [id, old] of was) {
    if (is.has(id)) continue;
    const record = deletions?.get(id);
    const r = record !== null && typeof record === 'object' ? (record as { by?: unknown; at?: unknown }) : undefined;
    const by = r ? readAuthor(r.by) : null;
    out.push({
      kind: 'removed',
      part,
      id,
      label: snapshotSummary(snapshotItem(old)),
      fields: [],
      by: by && (by.participantId || by.displayName) ? by : null,
      at: r && typeof r.at === 'number' && Number.isFinite(r.at) ? r.at : null,
    });
  }
}

function actionChanges(before: Y.Doc, after: Y.Doc, out: BoardChange[]): void {
  const label = (fields: Record<string, string>) => Object.values(fields).find((t) => t.trim() !== '') ?? '';
  // A cleared entry is indistinguishable from none (actions.ts).
  const written = (doc: Y.Doc) => readActionPlan(doc).filter((e) => e.linkedNodeIds.length > 0 || Object.values(e.fields).some((t) => t !== ''));
  const was = new Map(written(before).map((e) => [e.goalId, e]));
  for (const entry of written(after)) {
    const who = { by: entry.updatedBy, at: entry.updatedAt };
    const old = was.get(entry.goalId);
    was.delete(entry.goalId);
    if (!old) {
      out.push({ kind: 'added', part: ACTION_ENTRIES_MAP, id: entry.goalId, label: label(entry.fields), fields: [], by: entry.createdBy, at: entry.createdAt });
      continue;
    }
    const fields = Object.keys(entry.fields).filter((k) => old.fields[k as keyof typeof old.fields] !== entry.fields[k as keyof typeof entry.fields]);
    if (stable([...old.linkedNodeIds].sort()) !== stable([...entry.linkedNodeIds].sort())) fields.push(ACTION_LINKS_MAP);
    if (fields.length > 0) out.push({ kind: 'changed', part: ACTION_ENTRIES_MAP, id: entry.goalId, label: label(entry.fields), fields: fields.sort(), ...who });
  }
  for (const old of was.values()) out.push({ kind: 'removed', part: ACTION_ENTRIES_MAP, id: old.goalId, label: label(old.fields), fields: [], by: null, at: null });
}

function fragmentText(doc: Y.Doc, name: string): string {
  try {
    return doc.getXmlFragment(name).toString();
  } catch {
    return '';
  }
}

function canvasChanges(before: Y.Doc, after: Y.Doc, out: BoardChange[]): void {
  for (const s of CANVAS_SECTIONS) {
    const name = `canvas:${s.id}`;
    const then = fragmentText(before, name);
    const now = fragmentText(after, name);
    if (then === now) continue;
    const kind: ChangeKind = then === '' ? 'added' : now === '' ? 'removed' : 'changed';
    out.push({ kind, part: 'sections', id: s.id, label: s.id, fields: kind === 'changed' ? ['text'] : [], by: null, at: null });
  }
}

const KIND_ORDER: Record<ChangeKind, number> = { added: 0, changed: 1, moved: 2, removed: 3 };

/**
 * What changed on a board from `before` (an earlier session's board, or this board at an earlier
 * time) to `after`: newest first; changes without a time last, by kind and id.
 */
export function boardChanges(kind: CarriedKind, before: Y.Doc, after: Y.Doc): BoardChange[] {
  const out: BoardChange[] = [];
  if (kind === 'actions') actionChanges(before, after, out);
  else if (kind === 'canvas') canvasChanges(before, after, out);
  else for (const part of ITEM_MAPS[kind] ?? []) itemMapChanges(part, before, after, out);
  return out.sort((a, b) => (b.at ?? -1) - (a.at ?? -1) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
