/** Pure computations of the client benchmark's figures from what the page and Node recorded. */

/** Nearest-rank quantile (q in 0..1) of a sample; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** An Event Timing entry as the page recorded it (times in page time, ms). */
export interface EventEntry {
  name: string;
  startTime: number;
  duration: number;
  processingStart: number;
  processingEnd: number;
  interactionId: number;
}

/** Events that belong to typing a character. */
export const TYPING_EVENTS = new Set(['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'textInput']);

/**
 * Event Timing reports only events slower than its threshold, 16 ms at the lowest.
 */
export const EVENT_THRESHOLD_MS = 16;

export interface TypingFigures {
  keystrokes: number;
  /** Event Timing entries of typing events (each ≥ 16 ms). */
  entries: number;
  /** Keystrokes with no entry at all: every one of their events took ≤ 16 ms. */
  withoutEntry: number;
  /** Per keystroke: the longest duration of its events (keystrokes without an entry count as 16). */
  perKeystroke: number[];
  p50: number;
  p95: number;
  max: number;
  /** The longest entry of any typing event (also those without an interaction id). */
  maxEntry: number;
}

/**
 * Per-keystroke durations from Event Timing: key events of one keystroke share an interactionId
 * (keydown, keypress, keyup); a keystroke's duration is the longest of them. Keystrokes that left
 * no entry were faster than the threshold and count as 16 ms (≤ 16).
 */
export function typingFigures(entries: readonly EventEntry[], keystrokes: number): TypingFigures {
  const typing = entries.filter((e) => TYPING_EVENTS.has(e.name));
  const byInteraction = new Map<number, number>();
  for (const e of typing) {
    if (e.interactionId > 0) byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
  }
  const measured = [...byInteraction.values()].slice(0, keystrokes);
  const withoutEntry = Math.max(0, keystrokes - measured.length);
  const perKeystroke = [...measured, ...new Array<number>(withoutEntry).fill(EVENT_THRESHOLD_MS)];
  return {
    keystrokes,
    entries: typing.length,
    withoutEntry,
    perKeystroke,
    p50: quantile(perKeystroke, 0.5),
    p95: quantile(perKeystroke, 0.95),
    max: perKeystroke.length ? Math.max(...perKeystroke) : Number.NaN,
    maxEntry: typing.length ? Math.max(...typing.map((e) => e.duration)) : 0,
  };
}

/** Pools several typing runs into one set of figures. */
export function poolTyping(runs: readonly TypingFigures[]): TypingFigures {
  const perKeystroke = runs.flatMap((r) => r.perKeystroke);
  return {
    keystrokes: runs.reduce((a, r) => a + r.keystrokes, 0),
    entries: runs.reduce((a, r) => a + r.entries, 0),
    withoutEntry: runs.reduce((a, r) => a + r.withoutEntry, 0),
    perKeystroke,
    p50: quantile(perKeystroke, 0.5),
    p95: quantile(perKeystroke, 0.95),
    max: perKeystroke.length ? Math.max(...perKeystroke) : Number.NaN,
    maxEntry: Math.max(0, ...runs.map((r) => r.maxEntry)),
  };
}

export interface Span {
  startTime: number;
  duration: number;
}

/** Total time of `tasks` inside [from, to] (parts outside are cut off), ms. */
export function clippedTotal(tasks: readonly Span[], from: number, to: number): number {
  let total = 0;
  for (const t of tasks) total += Math.max(0, Math.min(to, t.startTime + t.duration) - Math.max(from, t.startTime));
  return total;
}

export interface LatencyFigures {
  sent: number;
  /** Edits whose own marker the page showed. */
  seen: number;
  /** Edits the page never showed on their own: a later edit replaced them first (their time is when that one showed). */
  superseded: number;
  /** Edits not visible at all (neither they nor a later one) within the wait. */
  missing: number;
  values: number[];
  p50: number;
  p95: number;
  max: number;
}

/**
 * Remote edit → visible: `sentAt[i]` (Node, epoch ms) against `seenAt[firstMarker + i]` (page,
 * epoch ms, the first frame that showed that marker; markers are never reused within a run). Each edit replaces the previous marker, so a page that lags
 * behind may never show marker i; edit i was then visible when a later marker first was (that
 * state contains edit i).
 */
export function latencyFigures(sentAt: readonly number[], seenAt: Readonly<Record<string, number>>, firstMarker = 0): LatencyFigures {
  const values: number[] = [];
  let seen = 0;
  let superseded = 0;
  let laterSeen = Number.POSITIVE_INFINITY;
  const visibleAt: (number | undefined)[] = new Array(sentAt.length);
  for (let i = sentAt.length - 1; i >= 0; i--) {
    const own = seenAt[String(firstMarker + i)];
    if (own !== undefined) laterSeen = Math.min(laterSeen, own);
    visibleAt[i] = Number.isFinite(laterSeen) ? laterSeen : undefined;
    if (own !== undefined) seen++;
    else if (visibleAt[i] !== undefined) superseded++;
  }
  sentAt.forEach((sent, i) => {
    const at = visibleAt[i];
    if (at !== undefined) values.push(Math.max(0, at - sent));
  });
  return {
    sent: sentAt.length,
    seen,
    superseded,
    missing: sentAt.length - values.length,
    values,
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}
