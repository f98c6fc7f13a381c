/**
 * The workload both sides agree on: the board document, who edits what, and the marker every
 * edit carries so that receivers (and the durability poller) can compute latencies.
 */
import * as Y from 'yjs';

/**
 * Root map of the benchmark's board: the `items` map of a SWOT board (one `Y.Map` card per
 * item, as `shared/schema/swot.ts` stores them), so that Werkraum's document rules accept every
 * write. An edit replaces one card's `evidence` record; the edit marker travels in its `source`.
 */
export const BOARD = 'items';

/** Wall-clock time in ms with sub-ms resolution, comparable between processes on this machine. */
export const now = (): number => performance.timeOrigin + performance.now();

/** Who edited, when it was due and when it was sent. */
export interface EditMarker {
  /** Client index of the editor. */
  c: number;
  /** Sequence number of this edit of that client in the phase. */
  i: number;
  /** Phase id (edits of earlier phases that a late joiner syncs are not counted). */
  p: number;
  /** Due time on the absolute schedule (epoch ms): latencies are measured from here. */
  d: number;
  /** Time the edit was actually made (epoch ms). */
  s: number;
}

export function isEditMarker(v: unknown): v is EditMarker {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return typeof m.c === 'number' && typeof m.i === 'number' && typeof m.p === 'number' && typeof m.d === 'number' && typeof m.s === 'number';
}

const COLORS = ['yellow', 'green', 'blue', 'pink', 'orange', 'grey'] as const;

/** The evidence record of a card; an edit writes its marker into `source`. */
function evidence(x: number, marker: EditMarker | null) {
  return { indicator: 'Übergangsquote', value: x, unit: '%', year: 2025, source: marker ? JSON.stringify(marker) : 'Schulstatistik' };
}

/** The edit marker an evidence record carries, if any (for receivers and the durability poller). */
export function markerOf(value: unknown): EditMarker | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const source = (value as { source?: unknown }).source;
  if (typeof source !== 'string' || !source.startsWith('{')) return undefined;
  try {
    const m: unknown = JSON.parse(source);
    return isEditMarker(m) ? m : undefined;
  } catch {
    return undefined;
  }
}

export const itemKey = (k: number): string => `item-${k}`;

/** Writes items [from, to) of the board in one transaction. */
export function writeItems(doc: Y.Doc, from: number, to: number): void {
  const board = doc.getMap<Y.Map<unknown>>(BOARD);
  doc.transact(() => {
    for (let k = from; k < to; k++) {
      const card = new Y.Map<unknown>();
      card.set('quadrant', 'staerken');
      card.set('color', COLORS[k % COLORS.length]);
      card.set('text', new Y.Text(`Karte ${k}: Ziel, Maßnahme oder Stärke aus der Bildungskonferenz`));
      card.set('evidence', evidence(k % 100, null));
      board.set(itemKey(k), card);
    }
  });
}

/** One edit: replaces card k's evidence record, carrying the marker. */
export function editItem(doc: Y.Doc, k: number, marker: EditMarker): void {
  const card = doc.getMap<unknown>(BOARD).get(itemKey(k));
  if (card instanceof Y.Map) card.set('evidence', evidence(Math.round(Math.random() * 100), marker));
}

/** 30 % of the clients edit: those whose index ends in 0, 1 or 2 (so every prefix is 30 % editors). */
export function isEditor(clientIndex: number, fraction: number): boolean {
  return (clientIndex % 10) < Math.round(fraction * 10);
}

/**
 * The item an editor changes with its i-th edit. Every client owns a disjoint set of items, so
 * two edits never race for one key (a lost race would look like a lost update).
 */
export function editedItem(clientIndex: number, i: number, maxClients: number, items: number): number {
  const owned = Math.max(1, Math.floor((items - 1 - clientIndex) / maxClients) + 1);
  return clientIndex + maxClients * (i % owned);
}

/** Deterministic per-client offset in [0, 1000) ms so edits and presence spread over each second. */
export function offsetMs(clientIndex: number, salt: number): number {
  let h = (clientIndex + 1) * 2654435761 + salt * 40503;
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) % 1000;
}

/** Number of edits of one client that are due inside [from, to) for a phase starting at t0. */
export function editsDueIn(t0: number, offset: number, periodMs: number, from: number, to: number): number {
  let n = 0;
  for (let due = t0 + offset; due < to; due += periodMs) if (due >= from) n++;
  return n;
}
