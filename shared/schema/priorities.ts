/**
 * Board 2 — Prioritäten (Wo wollen wir hin?): candidate focus topics (Schwerpunktthemen) in a
 * shared ranking.
 *
 * One `Y.Doc` of kind `priorities`. Topics live in the `items` map, ranked by their `order` key.
 * A topic may point to the SWOT card or goal it was created from; the link is kept even when the
 * source is deleted (the UI shows it as gone). `voteResult` is written by the server when a voting
 * round is published; clients only read it.
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
  ITEM_ID_PATTERN,
  orderedSiblings,
  placeItems,
  readEnum,
  readJson,
  readMeta,
  readOrder,
  readText,
  touch,
  write,
  type ItemMeta,
  type TextEdit,
  type WriteContext,
  editItemText,
  itemText,
} from './items';
import { deleteOwnedItem } from './deletions';
import { sortOrdered, type Placement } from './order';

/** Whether the municipality provides a service itself or ensures that others provide it. */
export const MUNICIPAL_ROLES = ['selbsterzeugerin', 'gewaehrleisterin'] as const;
export type MunicipalRole = (typeof MUNICIPAL_ROLES)[number];

/** Where a topic came from: a card of the SWOT board or a node of the goal tree. */
export const SourceLinkSchema = z.object({
  board: z.enum(['swot', 'goals']),
  itemId: z.string().regex(ITEM_ID_PATTERN),
});
export type SourceLink = Readonly<z.infer<typeof SourceLinkSchema>>;

/**
 * Voting methods the result slot can describe: dot voting (Punktabfrage), consent levels
 * (Konsensstufen: agree / agree with concerns / veto), resistance scoring (Widerstandsabfrage,
 * 0–10 per person, lowest resistance wins) and ranking. The voting rounds of `shared/votes.ts`
 * write `punktabfrage`, `widerstandsabfrage`, `konsenscheck` (consent levels with Veto) and
 * `meinungsbild` (opinion picture, always with `meinungsbild: true`).
 */
export const VOTE_METHODS = ['punktabfrage', 'konsensstufen', 'widerstandsabfrage', 'rangfolge', 'konsenscheck', 'meinungsbild'] as const;
export const VOTE_OUTCOMES = ['konsens', 'konsens_mit_bedenken', 'dissens'] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

/**
 * The published result of a voting round about one topic. Opaque to this board: the voting
 * feature defines what the totals mean per method; the board stores and shows it.
 */
export const VoteResultSchema = z.object({
  roundId: z.string().min(1),
  method: z.enum(VOTE_METHODS),
  /** Counts or points per option key, e.g. `{ points: 14 }` or `{ zustimmung: 9, bedenken: 3, veto: 0 }`. */
  totals: z.record(z.string(), z.number().finite()),
  /** How many people took part in the round. */
  participants: z.number().int().nonnegative(),
  /** Null when the method does not establish consensus (e.g. dot voting). */
  outcome: z.enum(VOTE_OUTCOMES).nullable(),
  /**
   * True for an opinion picture (Meinungsbild), e.g. in an interfraktionelle Arbeitsgruppe: the
   * UI must never present it as a decision.
   */
  meinungsbild: z.boolean(),
  /** Epoch milliseconds (server clock). */
  publishedAt: z.number().finite(),
});
export type VoteResult = Readonly<z.infer<typeof VoteResultSchema>>;

export interface PriorityTopic extends ItemMeta {
  readonly order: string;
  /** 1-based position in the shared ranking. */
  readonly rank: number;
  readonly title: string;
  readonly description: string;
  readonly role: MunicipalRole | null;
  /** Responsible actors, lead first; duplicates (ignoring case and spaces) read once. */
  readonly actors: readonly string[];
  readonly source: SourceLink | null;
  readonly voteResult: VoteResult | null;
}

const ACTORS = 'actors';

function readActors(item: Y.Map<unknown>): readonly string[] {
  const arr = item.get(ACTORS);
  if (!(arr instanceof Y.Array)) return Object.freeze([]);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of (arr as Y.Array<unknown>).toArray()) {
    if (typeof v !== 'string') continue;
    const name = v.trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return Object.freeze(out);
}

/** A topic as stored, without its place in the ranking (which depends on every other topic). */
export type PriorityTopicItem = Omit<PriorityTopic, 'rank'>;

/** Reads one topic of the `items` map (a client re-reads only the topics a change touched). */
export function readPriorityTopic(id: string, item: Y.Map<unknown>): PriorityTopicItem {
  return {
    ...readMeta(id, item),
    order: readOrder(item),
    title: readText(item, 'title'),
    description: readText(item, 'description'),
    role: readEnum(item, 'role', MUNICIPAL_ROLES),
    actors: readActors(item),
    source: readJson(item, 'source', SourceLinkSchema),
    voteResult: readJson(item, 'voteResult', VoteResultSchema),
  };
}

/** Reads the ranking as an immutable snapshot, identical on every synced replica. */
export function readPriorities(doc: Y.Doc): readonly PriorityTopic[] {
  const rows = [];
  for (const [id, item] of eachItem(getItemsMap(doc))) rows.push(readPriorityTopic(id, item));
  return frozenList(sortOrdered(rows).map((row, i) => ({ ...row, rank: i + 1 })));
}

export interface NewPriorityTopic {
  title?: string;
  description?: string;
  role?: MunicipalRole | null;
  actors?: readonly string[];
  source?: SourceLink | null;
  placement?: Placement;
}

/** Adds a topic (at the end of the ranking unless placed); returns its id. */
export function addPriorityTopic(doc: Y.Doc, ctx: WriteContext, topic: NewPriorityTopic = {}): string {
  if (topic.source) SourceLinkSchema.parse(topic.source);
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const position = { siblings: orderedSiblings(items, () => true), placement: topic.placement ?? 'end' };
    const actors = new Y.Array<string>();
    actors.push([...(topic.actors ?? [])]);
    const fields = {
      title: new Y.Text(topic.title ?? ''),
      description: new Y.Text(topic.description ?? ''),
      role: topic.role ?? null,
      [ACTORS]: actors,
      source: topic.source ?? null,
      voteResult: null,
    };
    return createItem(doc, items, ctx, fields, position);
  });
}

export type PriorityTextField = 'title' | 'description';

export function getPriorityText(doc: Y.Doc, id: string, field: PriorityTextField): Y.Text | undefined {
  return itemText(getItemsMap(doc), id, field);
}

export function editPriorityText(doc: Y.Doc, ctx: WriteContext, id: string, field: PriorityTextField, edit: TextEdit | string): boolean {
  return editItemText(doc, ctx, getItemsMap(doc), id, field, edit);
}

/** Sets the municipality's role for a topic (null = not decided). */
export function setPriorityRole(doc: Y.Doc, ctx: WriteContext, id: string, role: MunicipalRole | null): boolean {
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    item.set('role', role);
    touch(item, ctx);
    return true;
  });
}

function actorsOf(item: Y.Map<unknown>): Y.Array<unknown> {
  let arr = item.get(ACTORS);
  // Created with the topic; recreated only for documents written by something else.
  if (!(arr instanceof Y.Array)) item.set(ACTORS, (arr = new Y.Array<unknown>()));
  return arr as Y.Array<unknown>;
}

const sameActor = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Adds a responsible actor (at the end, or at `index`). Concurrent additions are all kept; a name
 * added twice reads once.
 */
export function addPriorityActor(doc: Y.Doc, ctx: WriteContext, id: string, actor: string, index?: number): boolean {
  const name = actor.trim();
  if (name === '') return false;
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    const arr = actorsOf(item);
    if (arr.toArray().some((a) => sameActor(a, name))) return false;
    arr.insert(index === undefined ? arr.length : Math.max(0, Math.min(arr.length, index)), [name]);
    touch(item, ctx);
    return true;
  });
}

/** Removes every entry of an actor (matching ignores case and surrounding spaces). */
export function removePriorityActor(doc: Y.Doc, ctx: WriteContext, id: string, actor: string): boolean {
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    const arr = actorsOf(item);
    const values = arr.toArray();
    let removed = false;
    for (let i = values.length - 1; i >= 0; i--) {
      if (sameActor(values[i], actor)) {
        arr.delete(i, 1);
        removed = true;
      }
    }
    if (removed) touch(item, ctx);
    return removed;
  });
}

/** Moves a topic in the shared ranking. */
export function movePriorityTopic(doc: Y.Doc, ctx: WriteContext, id: string, placement: Placement): boolean {
  return write(doc, ctx, () => {
    const items = getItemsMap(doc);
    const item = getItem(items, id);
    if (!item) return false;
    placeItems(items, orderedSiblings(items, (other) => other !== id), placement, [id]);
    touch(item, ctx);
    return true;
  });
}

/** Publishes (or clears, with null) the result of a voting round. Meant for the server. */
export function setVoteResult(doc: Y.Doc, ctx: WriteContext, id: string, result: VoteResult | null): boolean {
  const value = result === null ? null : VoteResultSchema.parse(result);
  return write(doc, ctx, () => {
    const item = getItem(getItemsMap(doc), id);
    if (!item) return false;
    // Not a content edit: `updatedBy` keeps naming the last person who changed the topic.
    item.set('voteResult', value);
    return true;
  });
}

export function deletePriorityTopic(doc: Y.Doc, ctx: WriteContext, id: string): boolean {
  return deleteOwnedItem(doc, ctx, getItemsMap(doc), id);
}

export const prioritiesMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'priorities-1-initial',
    up: (doc) => {
      getItemsMap(doc);
    },
  },
];
