/**
 * Board 4 — Handlungskonzept (Wie kommen wir ans Ziel?): for each strategic goal of the goal tree,
 * the four Zielfelder side by side, linked to goal-tree nodes and measures.
 *
 * One `Y.Doc` of kind `actions`. Entries are keyed by the strategic goal's id, which is not
 * generated here: two people can open the same goal's plan at the same moment and both start
 * typing. A nested `Y.Text` created by each of them under the same key would conflict, and Yjs
 * would keep one and silently drop the other's text. So the texts are root-level types named
 * `aktion:<goalId>:<zielfeld>`; a root type is the one Yjs structure that two replicas can create
 * independently and still merge character by character. Links are entries of one root map keyed
 * `<goalId>:<nodeId>` (a set: add and remove converge), and the `entries` map holds authorship.
 * Root types cannot be deleted, so clearing an entry empties its texts; an empty entry is
 * indistinguishable from none.
 *
 * For undo, create the UndoManager with the document as scope
 * (`new Y.UndoManager(doc, { trackedOrigins })`) so that texts of new goals are covered too.
 */
import type * as Y from 'yjs';
import type { Migration } from './meta';
import { ZIELFELDER, type GoalTree, type Zielfeld } from './goals';
import { z } from 'zod';
import { AuthorSchema, applyTextEdit, ITEM_ID_PATTERN, nowOf, readAuthor, setTextValue, write, type Author, type TextEdit, type WriteContext } from './items';

export const ACTION_ENTRIES_MAP = 'entries';
export const ACTION_LINKS_MAP = 'links';
const TEXT_PREFIX = 'aktion:';

const EntryMetaSchema = z.object({
  createdBy: AuthorSchema,
  createdAt: z.number().finite(),
  updatedBy: AuthorSchema,
  updatedAt: z.number().finite(),
});
type EntryMeta = z.infer<typeof EntryMetaSchema>;

const LinkSchema = z.object({ goalId: z.string().regex(ITEM_ID_PATTERN), nodeId: z.string().regex(ITEM_ID_PATTERN) });

export interface ActionEntry {
  /** The strategic goal (goal-tree node id) this entry belongs to. */
  readonly goalId: string;
  /** The text of each Zielfeld ('' when empty). */
  readonly fields: Readonly<Record<Zielfeld, string>>;
  /** Linked goal-tree nodes (operative goals, measures), in outline order when known. */
  readonly linkedNodeIds: readonly string[];
  readonly createdBy: Author | null;
  readonly createdAt: number | null;
  readonly updatedBy: Author | null;
  readonly updatedAt: number | null;
}

function checkId(id: string): void {
  if (!ITEM_ID_PATTERN.test(id)) throw new Error(`invalid goal id: ${JSON.stringify(id)}`);
}

function entriesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ACTION_ENTRIES_MAP);
}

function linksMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ACTION_LINKS_MAP);
}

function textName(goalId: string, zielfeld: Zielfeld): string {
  return `${TEXT_PREFIX}${goalId}:${zielfeld}`;
}

/** The `Y.Text` of one Zielfeld of a goal's entry, to bind an editor to. */
export function getActionText(doc: Y.Doc, goalId: string, zielfeld: Zielfeld): Y.Text {
  checkId(goalId);
  return doc.getText(textName(goalId, zielfeld));
}

/** Text of a root type, or '' when another client declared that name with another type. */
function safeText(doc: Y.Doc, name: string): string {
  try {
    return doc.getText(name).toString();
  } catch {
    return '';
  }
}

function touchEntry(doc: Y.Doc, ctx: WriteContext, goalId: string): void {
  const entries = entriesMap(doc);
  const old = EntryMetaSchema.safeParse(entries.get(goalId));
  const author = { participantId: ctx.author.participantId, displayName: ctx.author.displayName };
  const now = nowOf(ctx);
  const meta: EntryMeta = old.success
    ? { ...old.data, updatedBy: author, updatedAt: now }
    : { createdBy: author, createdAt: now, updatedBy: author, updatedAt: now };
  entries.set(goalId, meta);
}

/** Creates the entry for a strategic goal if it does not exist yet. */
export function ensureActionEntry(doc: Y.Doc, ctx: WriteContext, goalId: string): void {
  checkId(goalId);
  write(doc, ctx, () => {
    if (!entriesMap(doc).has(goalId)) touchEntry(doc, ctx, goalId);
  });
}

/** Edits one Zielfeld of a goal's entry (an edit, or a whole new value merged as a diff). */
export function editActionField(doc: Y.Doc, ctx: WriteContext, goalId: string, zielfeld: Zielfeld, edit: TextEdit | string): void {
  checkId(goalId);
  write(doc, ctx, () => {
    const text = getActionText(doc, goalId, zielfeld);
    if (typeof edit === 'string') setTextValue(text, edit);
    else applyTextEdit(text, edit);
    touchEntry(doc, ctx, goalId);
  });
}

/** Links a goal-tree node (e.g. an operative goal or a measure) to a goal's entry. */
export function linkActionNode(doc: Y.Doc, ctx: WriteContext, goalId: string, nodeId: string): void {
  checkId(goalId);
  checkId(nodeId);
  write(doc, ctx, () => {
    const key = `${goalId}:${nodeId}`;
    if (!linksMap(doc).has(key)) linksMap(doc).set(key, { goalId, nodeId });
    touchEntry(doc, ctx, goalId);
  });
}

export function unlinkActionNode(doc: Y.Doc, ctx: WriteContext, goalId: string, nodeId: string): boolean {
  return write(doc, ctx, () => {
    const key = `${goalId}:${nodeId}`;
    if (!linksMap(doc).has(key)) return false;
    linksMap(doc).delete(key);
    touchEntry(doc, ctx, goalId);
    return true;
  });
}

/**
 * Deletes a goal's entry: empties its four texts and removes its links. Text someone types
 * concurrently survives (a delete removes only the characters it saw).
 */
export function clearActionEntry(doc: Y.Doc, ctx: WriteContext, goalId: string): void {
  checkId(goalId);
  write(doc, ctx, () => {
    for (const zielfeld of ZIELFELDER) {
      const text = getActionText(doc, goalId, zielfeld);
      if (text.length > 0) text.delete(0, text.length);
    }
    const links = linksMap(doc);
    for (const key of [...links.keys()]) if (key.startsWith(`${goalId}:`)) links.delete(key);
    entriesMap(doc).delete(goalId);
  });
}

/** One entry of the `links` map as a link, or undefined when it is not a valid one. */
export function readActionLink(key: string, value: unknown): { readonly goalId: string; readonly nodeId: string } | undefined {
  const link = LinkSchema.safeParse(value);
  if (!link.success || key !== `${link.data.goalId}:${link.data.nodeId}`) return undefined;
  return link.data;
}

function readLinks(doc: Y.Doc): Map<string, string[]> {
  const byGoal = new Map<string, string[]>();
  for (const [key, value] of linksMap(doc).entries()) {
    const link = readActionLink(key, value);
    if (!link) continue;
    const list = byGoal.get(link.goalId);
    if (list) list.push(link.nodeId);
    else byGoal.set(link.goalId, [link.nodeId]);
  }
  return byGoal;
}

/** The goal and Zielfeld a root type's name stands for (`aktion:<goalId>:<zielfeld>`), if any. */
export function parseActionTextName(name: string): { readonly goalId: string; readonly zielfeld: Zielfeld } | undefined {
  if (!name.startsWith(TEXT_PREFIX)) return undefined;
  const rest = name.slice(TEXT_PREFIX.length);
  const sep = rest.lastIndexOf(':');
  const goalId = rest.slice(0, sep);
  const zielfeld = rest.slice(sep + 1);
  if (sep <= 0 || !ITEM_ID_PATTERN.test(goalId) || !(ZIELFELDER as readonly string[]).includes(zielfeld)) return undefined;
  return { goalId, zielfeld: zielfeld as Zielfeld };
}

/** Goal ids whose texts have content, found among the document's root types. */
function goalsWithText(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const name of [...doc.share.keys()]) {
    const target = parseActionTextName(name);
    if (target && safeText(doc, name) !== '') out.add(target.goalId);
  }
  return out;
}

/** Whether a goal's entry holds anything: authorship, a link or text in one of its Zielfelder. */
export function actionEntryExists(doc: Y.Doc, goalId: string, linkCount: number): boolean {
  if (linkCount > 0 || (ITEM_ID_PATTERN.test(goalId) && entriesMap(doc).has(goalId))) return true;
  return ZIELFELDER.some((f) => doc.share.has(textName(goalId, f)) && safeText(doc, textName(goalId, f)) !== '');
}

/**
 * Reads one goal's entry (a client re-reads only the entries a change touched). `linked` are the
 * node ids linked to it; with `position` (outline index by node id) they are put in outline order.
 */
export function readActionEntry(doc: Y.Doc, goalId: string, linked: Iterable<string>, position?: ReadonlyMap<string, number>): ActionEntry {
  const meta = EntryMetaSchema.safeParse(entriesMap(doc).get(goalId));
  const fields = {} as Record<Zielfeld, string>;
  for (const f of ZIELFELDER) fields[f] = safeText(doc, textName(goalId, f));
  const sorted = [...new Set(linked)].sort((a, b) => {
    const pa = position?.get(a) ?? Infinity;
    const pb = position?.get(b) ?? Infinity;
    return pa !== pb ? pa - pb : a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.freeze({
    goalId,
    fields: Object.freeze(fields),
    linkedNodeIds: Object.freeze(sorted),
    createdBy: meta.success ? readAuthor(meta.data.createdBy) : null,
    createdAt: meta.success ? meta.data.createdAt : null,
    updatedBy: meta.success ? readAuthor(meta.data.updatedBy) : null,
    updatedAt: meta.success ? meta.data.updatedAt : null,
  });
}

/**
 * Reads the action plan as an immutable snapshot. With the goal tree, it lists an entry for every
 * strategic goal in outline order (empty when nobody wrote one yet), then entries whose goal is
 * gone or no longer strategic; without it, the entries that have content, by goal id.
 */
export function readActionPlan(doc: Y.Doc, goals?: GoalTree): readonly ActionEntry[] {
  const entries = entriesMap(doc);
  const links = readLinks(doc);
  const ids = new Set<string>([...goalsWithText(doc), ...links.keys()]);
  for (const key of entries.keys()) if (ITEM_ID_PATTERN.test(key)) ids.add(key);

  const strategic = goals ? goals.nodes.filter((n) => n.level === 'strategisch').map((n) => n.id) : [];
  const ordered = [...strategic, ...[...ids].filter((id) => !strategic.includes(id)).sort()];
  const position = new Map(goals?.nodes.map((n, i) => [n.id, i]) ?? []);

  return Object.freeze(ordered.map((goalId) => readActionEntry(doc, goalId, links.get(goalId) ?? [], position)));
}

export type ConsistencyHint =
  | { readonly kind: 'empty_zielfeld'; readonly zielfeld: Zielfeld }
  | { readonly kind: 'no_linked_nodes' }
  | { readonly kind: 'goal_missing' }
  | { readonly kind: 'goal_not_strategic' }
  | { readonly kind: 'dangling_link'; readonly nodeId: string }
  | { readonly kind: 'link_outside_goal'; readonly nodeId: string };

/**
 * Why an entry is not yet a consistent action concept: the four Zielfelder must all be worked
 * out and fit the goal tree. With the tree, links are checked too: a linked node must exist and
 * sit below the strategic goal.
 */
export function consistencyHints(entry: ActionEntry, goals?: GoalTree): ConsistencyHint[] {
  const hints: ConsistencyHint[] = [];
  for (const zielfeld of ZIELFELDER) if (entry.fields[zielfeld].trim() === '') hints.push({ kind: 'empty_zielfeld', zielfeld });
  if (entry.linkedNodeIds.length === 0) hints.push({ kind: 'no_linked_nodes' });
  if (!goals) return hints;
  const goal = goals.byId.get(entry.goalId);
  if (!goal) hints.push({ kind: 'goal_missing' });
  else if (goal.level !== 'strategisch') hints.push({ kind: 'goal_not_strategic' });
  for (const nodeId of entry.linkedNodeIds) {
    let node = goals.byId.get(nodeId);
    if (!node) {
      hints.push({ kind: 'dangling_link', nodeId });
      continue;
    }
    while (node && node.id !== entry.goalId) node = node.parentId === null ? undefined : goals.byId.get(node.parentId);
    if (!node) hints.push({ kind: 'link_outside_goal', nodeId });
  }
  return hints;
}

export const actionsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'actions-1-initial',
    up: (doc) => {
      entriesMap(doc);
      linksMap(doc);
    },
  },
];
