/**
 * Binding a plain `<input>`/`<textarea>` to a `Y.Text` so that people can type in the same field
 * at once: local input becomes the smallest edit at the caret, and remote edits move the caret
 * the way the text around it moved instead of throwing it to the end.
 */
import type { TextEdit } from '../../../shared/schema/items';

/**
 * The edit that turns `old` into `next`, given where the caret ended up. Without the caret, typing
 * "l" into "hel|lo" is ambiguous (4 positions give the same string); the caret decides, so the
 * insert lands where the person typed and merges correctly with other people's edits.
 */
export function diffAtCaret(old: string, next: string, caret: number | null): TextEdit | null {
  if (old === next) return null;
  const growth = next.length - old.length;
  let prefix = 0;
  const prefixLimit = Math.min(old.length, next.length, caret === null ? Infinity : Math.max(0, caret - Math.max(growth, 0)));
  while (prefix < prefixLimit && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const suffixLimit = Math.min(old.length, next.length) - prefix;
  while (suffix < suffixLimit && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair.
  if (prefix > 0 && isHigh(old.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLow(old.charCodeAt(old.length - suffix))) suffix--;
  return { index: prefix, deleteCount: old.length - prefix - suffix, insert: next.slice(prefix, next.length - suffix) };
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** One operation of a Yjs text delta (`YTextEvent.delta`). */
export interface DeltaOp {
  insert?: unknown;
  retain?: number;
  delete?: number;
}

/**
 * Where a position in the old text ends up after `delta`. Text inserted exactly at the position
 * goes after it: a remote insert at my caret does not push my caret along.
 */
export function transformPosition(pos: number, delta: readonly DeltaOp[]): number {
  let index = 0;
  let p = pos;
  for (const op of delta) {
    if (index > p) break;
    if (typeof op.retain === 'number') index += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < p) p += len;
      index += len;
    } else if (typeof op.delete === 'number') {
      if (index < p) p -= Math.min(op.delete, p - index);
    }
  }
  return p;
}
