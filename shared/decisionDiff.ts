/**
 * Comparing two versions of a decision draft: a structural diff per field (values, table rows
 * by id, cells) plus a word-level diff of prose and longer texts, so the UI can show both
 * versions side by side with the differences marked.
 */
import {
  canonicalJson,
  DECISION_FIELDS,
  PROSE_FIELDS,
  sourceKey,
  type DecisionContent,
  type DecisionField,
  type ProseField,
  withVorlageDefaults,
} from './decision';
import { richPlainText } from './richText';

export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface CellChange {
  key: string;
  before: unknown;
  after: unknown;
  /** For text cells: the word-level diff. */
  words?: WordOp[];
}

export type RowChange =
  | { id: string; change: 'added'; after: unknown }
  | { id: string; change: 'removed'; before: unknown }
  | { id: string; change: 'changed'; cells: CellChange[] }
  | { id: string; change: 'moved'; fromIndex: number; toIndex: number };

export type FieldChange =
  /** A single value (title, Gremium, a choice, participation). `words` for texts. */
  | { field: DecisionField; kind: 'value'; before: unknown; after: unknown; words?: WordOp[] }
  /** A prose field, compared as plain text word by word (blocks separated by newlines). */
  | { field: DecisionField; kind: 'prose'; before: string; after: string; words: WordOp[] }
  /** A table: rows added, removed, changed (by cell) or moved, matched by id. */
  | { field: DecisionField; kind: 'rows'; rows: RowChange[] };

// ---------------------------------------------------------------------------------------------
// Word diff

/** Words and the whitespace between them, so joining the tokens gives the text back. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Past this many edits the diff gives up on alignment and reports delete-all + insert-all. */
const MAX_EDIT_DISTANCE = 1000;

/**
 * Myers' O(ND) shortest edit script over tokens, after trimming the common prefix and suffix.
 * Returns ops with consecutive runs merged; joining the `equal`+`delete` texts gives `a`, the
 * `equal`+`insert` texts give `b`.
 */
export function diffTokens(a: readonly string[], b: readonly string[]): WordOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: WordOp[] = [];
  const push = (op: WordOp['op'], text: string) => {
    if (text === '') return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += text;
    else ops.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  for (const [op, token] of middle(a.slice(start, endA), b.slice(start, endB))) push(op, token);
  push('equal', a.slice(endA).join(''));
  return ops;
}

function middle(a: readonly string[], b: readonly string[]): [WordOp['op'], string][] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ['insert', t]);
  if (m === 0) return a.map((t) => ['delete', t]);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))) x = v[offset + k + 1] as number;
      else x = (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return [...a.map((t): [WordOp['op'], string] => ['delete', t]), ...b.map((t): [WordOp['op'], string] => ['insert', t])];

  // Walk back through the trace from (n, m).
  const out: [WordOp['op'], string][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > (down ? prevX : prevX + 1) && y > (down ? prevY + 1 : prevY)) {
      out.push(['equal', a[x - 1] as string]);
      x--;
      y--;
    }
    if (down) {
      out.push(['insert', b[y - 1] as string]);
      y--;
    } else {
      out.push(['delete', a[x - 1] as string]);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    out.push(['equal', a[x - 1] as string]);
    x--;
    y--;
  }
  return out.reverse();
}

/** Word-level diff of two texts. */
export function diffWords(before: string, after: string): WordOp[] {
  return diffTokens(tokenize(before), tokenize(after));
}

// ---------------------------------------------------------------------------------------------
// Structural diff

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function cellChanges(before: Record<string, unknown>, after: Record<string, unknown>): CellChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'id').sort();
  const out: CellChange[] = [];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (same(b ?? null, a ?? null)) continue;
    out.push(typeof b === 'string' && typeof a === 'string' ? { key, before: b, after: a, words: diffWords(b, a) } : { key, before: b ?? null, after: a ?? null });
  }
  return out;
}

/** Rows matched by key: removed (in old order), then added and changed and moved (in new order). */
export function diffRows(before: readonly object[], after: readonly object[], keyOf: (row: object) => string): RowChange[] {
  const oldByKey = new Map(before.map((r, i) => [keyOf(r), { row: r as Record<string, unknown>, index: i }]));
  const newKeys = new Set(after.map(keyOf));
  const out: RowChange[] = [];
  for (const r of before) if (!newKeys.has(keyOf(r))) out.push({ id: keyOf(r), change: 'removed', before: r });
  // Relative order among rows present in both, to report moves without flagging every shifted row.
  const common = after.filter((r) => oldByKey.has(keyOf(r))).map(keyOf);
  const oldCommon = before.filter((r) => newKeys.has(keyOf(r))).map(keyOf);
  after.forEach((r) => {
    const key = keyOf(r);
    const old = oldByKey.get(key);
    if (!old) {
      out.push({ id: key, change: 'added', after: r });
      return;
    }
    const cells = cellChanges(old.row, r as Record<string, unknown>);
    if (cells.length > 0) out.push({ id: key, change: 'changed', cells });
    const fromIndex = oldCommon.indexOf(key);
    const toIndex = common.indexOf(key);
    if (fromIndex !== toIndex) out.push({ id: key, change: 'moved', fromIndex, toIndex });
  });
  return out;
}

const rowId = (row: object) => String((row as { id?: unknown }).id ?? '');

/**
 * Everything that differs between two contents, field by field in DECISION_FIELDS order; empty
 * when they are the same (then their hashes are equal too, unless one of them was frozen before
 * the Vorlage fields existed and the other holds just their defaults).
 */
export function compareDecisionContent(beforeAsStored: DecisionContent, afterAsStored: DecisionContent): FieldChange[] {
  // A version frozen before the Vorlage fields existed compares as read: with their defaults.
  const before = withVorlageDefaults(beforeAsStored);
  const after = withVorlageDefaults(afterAsStored);
  const out: FieldChange[] = [];
  for (const field of DECISION_FIELDS) {
    const b = before[field];
    const a = after[field];
    if (same(b, a)) continue;
    if ((PROSE_FIELDS as readonly string[]).includes(field)) {
      const bt = richPlainText(before[field as ProseField]);
      const at = richPlainText(after[field as ProseField]);
      out.push({ field, kind: 'prose', before: bt, after: at, words: diffWords(bt, at) });
    } else if (Array.isArray(b) && Array.isArray(a)) {
      const keyOf = field === 'sources' ? (row: object) => sourceKey((row as { ref: { board: never; itemId: string } }).ref) : rowId;
      out.push({ field, kind: 'rows', rows: diffRows(b as object[], a as object[], keyOf) });
    } else if (typeof b === 'string' && typeof a === 'string') {
      out.push({ field, kind: 'value', before: b, after: a, words: diffWords(b, a) });
    } else {
      out.push({ field, kind: 'value', before: b, after: a });
    }
  }
  return out;
}
