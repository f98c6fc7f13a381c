/**
 * Ordering of board items by fractional-index keys.
 *
 * Every ordered item stores its own `order` key (a string, last writer wins per item). A list is
 * the items sorted by `(order, id)`. Moving an item writes one key between its new neighbours, so
 * two people moving the same card at once just overwrite each other's key: the card ends up in
 * one place, never twice (a `Y.Array` move is delete + insert, and concurrent moves duplicate).
 * Two replicas that insert between the same neighbours compute the same key; the id breaks the
 * tie, and the next move through such a tie rewrites the tied keys (see `planPlacement`).
 *
 * Keys are digit strings in base 62 (`0-9A-Za-z`, ascending in code-unit order), read as a
 * fraction 0.d1d2d3…; a valid key is non-empty and never ends in `0`, so there is always room
 * below it. Written here instead of depending on `fractional-indexing`, which is not installed.
 * Appends and prepends step by one digit, so keys grow by one character per ~60 insertions at
 * the same end (a board of a few hundred items stays below ten characters); insertions between
 * neighbours halve the gap and add a character every ~6 insertions into the same gap.
 */

export const ORDER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = ORDER_DIGITS.length;
const MID = ORDER_DIGITS[BASE >> 1] as string;
const KEY_PATTERN = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

/** True for a well-formed order key. Anything else read from a document sorts first. */
export function isOrderKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key);
}

function digit(ch: string | undefined): number {
  return ch === undefined ? 0 : ORDER_DIGITS.indexOf(ch);
}

/** A key strictly between `a` and `b`, where `a` may be '' (= 0) and `b` null (= 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = digit(a[0]);
  const db = b === null ? BASE : digit(b[0]);
  if (db - da > 1) return ORDER_DIGITS[Math.round((da + db) / 2)] as string;
  // Consecutive first digits: b's first digit alone is shorter than b, so smaller, and above a.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (ORDER_DIGITS[da] as string) + midpoint(a.slice(1), null);
}

const MAX = ORDER_DIGITS[BASE - 1] as string;

/** A short key above `a`: the next first digit, or, past 'z', the smallest longer key. */
function after(a: string): string {
  if (a === '') return '1';
  const d = digit(a[0]);
  if (d < BASE - 1) return ORDER_DIGITS[d + 1] as string;
  return MAX + after(a.slice(1));
}

/** A short key below `b`: the previous first digit, or, below '1', the largest longer key. */
function before(b: string): string {
  const d = digit(b[0]);
  if (d >= 2) return ORDER_DIGITS[d - 1] as string;
  if (d === 1) return b.length > 1 ? '1' : `0${MAX}`;
  return `0${before(b.slice(1))}`;
}

/**
 * A key strictly between `a` and `b` (null = open end). Throws on malformed keys or `a >= b`:
 * callers pass neighbours from a sorted list, so that is a bug, not user input.
 */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && !isOrderKey(a)) throw new Error(`invalid order key: ${JSON.stringify(a)}`);
  if (b !== null && !isOrderKey(b)) throw new Error(`invalid order key: ${JSON.stringify(b)}`);
  if (a !== null && b !== null && a >= b) throw new Error(`order keys not ascending: ${a} >= ${b}`);
  if (a === null && b === null) return MID;
  if (b === null) return after(a as string);
  if (a === null) return before(b);
  return midpoint(a, b);
}

/** `n` ascending keys strictly between `a` and `b`. */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [keyBetween(a, b)];
  if (b === null) {
    const keys: string[] = [];
    let prev = a;
    for (let i = 0; i < n; i++) keys.push((prev = keyBetween(prev, null)));
    return keys;
  }
  if (a === null) {
    const keys: string[] = [];
    let next: string = b;
    for (let i = 0; i < n; i++) keys.push((next = keyBetween(null, next)));
    return keys.reverse();
  }
  const mid = Math.floor(n / 2);
  const c = keyBetween(a, b);
  return [...keysBetween(a, c, mid), c, ...keysBetween(c, b, n - mid - 1)];
}

/** What an ordered list needs to know about its members. */
export interface Ordered {
  readonly id: string;
  /** The stored key; '' when the stored value is missing or malformed (it then sorts first). */
  readonly order: string;
}

/** Total order of list members: by key, ties broken by id. */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortOrdered<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort(compareOrdered);
}

/** Where to put an item among its (future) siblings. `before`/`after` name a sibling's id. */
export type Placement = 'start' | 'end' | { index: number } | { before: string } | { after: string };

/** The index in `siblings` (sorted, without the moving item) that a placement means. */
export function placementIndex(siblings: readonly Ordered[], placement: Placement): number {
  if (placement === 'start') return 0;
  if (placement === 'end') return siblings.length;
  if ('index' in placement) return Math.max(0, Math.min(siblings.length, Math.trunc(placement.index)));
  const target = 'before' in placement ? placement.before : placement.after;
  const i = siblings.findIndex((s) => s.id === target);
  if (i < 0) return siblings.length;
  return 'before' in placement ? i : i + 1;
}

export interface PlacementPlan {
  /** Keys for the placed items, ascending. */
  keys: string[];
  /** Siblings whose keys must change as well: they tied with the lower neighbour. */
  rewrites: { id: string; order: string }[];
}

/**
 * Keys for `count` items inserted at `placement` among `siblings` (sorted by `compareOrdered`,
 * without the items being placed). When the siblings right after the insertion point share the
 * lower neighbour's key (a tie from concurrent inserts, or malformed keys read as ''), no key fits
 * between them; those siblings get fresh keys after the inserted ones, keeping their order.
 */
export function planPlacement(siblings: readonly Ordered[], placement: Placement, count = 1): PlacementPlan {
  const index = placementIndex(siblings, placement);
  const lowerItem = siblings[index - 1];
  const lower = lowerItem && lowerItem.order !== '' ? lowerItem.order : null;
  const run: Ordered[] = [];
  let j = index;
  for (let s = siblings[j]; s !== undefined && s.order <= (lower ?? ''); s = siblings[++j]) run.push(s);
  const upper = siblings[j]?.order ?? null;
  const keys = keysBetween(lower, upper, count + run.length);
  return {
    keys: keys.slice(0, count),
    rewrites: run.map((s, i) => ({ id: s.id, order: keys[count + i] as string })),
  };
}
