/**
 * The workload both sides agree on: the board document, who edits what, and the marker every
 * edit carries so that receivers (and the durability poller) can compute latencies.
 */
import type * as Y from 'yjs';

/** Root map of the benchmark's board (one entry per board item). */
export const BOARD = 'board';

/** Wall-clock time in ms with sub-ms resolution, comparable between processes on this machine. */
export const now = (): number => performance.timeOrigin + performance.now();

export interface BoardItem {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  color: string;
  col: number;
}

/** A board item as an edit leaves it: the item plus who edited it, when it was due and sent. */
export interface EditMarker extends BoardItem {
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

const COLORS = ['#ffd54f', '#81c784', '#64b5f6', '#e57373', '#ba68c8', '#4db6ac', '#ffb74d'];

export function boardItem(k: number): BoardItem {
  return {
    x: (k % 100) * 140,
    y: Math.floor(k / 100) * 100,
    w: 120,
    h: 80,
    text: `Karte ${k}: Ziel, Maßnahme oder Stärke aus der Bildungskonferenz`,
    color: COLORS[k % COLORS.length]!,
    col: k % 7,
  };
}

export const itemKey = (k: number): string => `item-${k}`;

/** Writes items [from, to) of the board in one transaction. */
export function writeItems(doc: Y.Doc, from: number, to: number): void {
  const board = doc.getMap<BoardItem | EditMarker>(BOARD);
  doc.transact(() => {
    for (let k = from; k < to; k++) board.set(itemKey(k), boardItem(k));
  });
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
