import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffAtCaret, transformPosition, type DeltaOp } from './textBinding';

function apply(old: string, edit: { index: number; deleteCount: number; insert: string } | null): string {
  if (!edit) return old;
  return old.slice(0, edit.index) + edit.insert + old.slice(edit.index + edit.deleteCount);
}

describe('diffAtCaret', () => {
  it('puts an ambiguous insert where the caret is', () => {
    expect(diffAtCaret('hello', 'helllo', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'l' });
    expect(diffAtCaret('hello', 'helllo', 4)).toEqual({ index: 3, deleteCount: 0, insert: 'l' });
  });
  it('handles deletes, replacements and no change', () => {
    expect(diffAtCaret('abc', 'abc', 1)).toBeNull();
    expect(diffAtCaret('aaa', 'aa', 0)).toEqual({ index: 0, deleteCount: 1, insert: '' });
    expect(apply('Ziel alt', diffAtCaret('Ziel alt', 'Ziel neu', 8))).toBe('Ziel neu');
    expect(apply('abc', diffAtCaret('abc', 'xyz', null))).toBe('xyz');
  });
  it('never splits surrogate pairs', () => {
    const edit = diffAtCaret('a😀b', 'a😃b', 3);
    expect(edit && edit.insert).toBe('😃');
  });
  it('round-trips random edits', () => {
    for (let i = 0; i < 500; i++) {
      const old = Math.random().toString(36).slice(2, 2 + (i % 9));
      const next = Math.random().toString(36).slice(2, 2 + (i % 7));
      expect(apply(old, diffAtCaret(old, next, Math.floor(Math.random() * (next.length + 1))))).toBe(next);
    }
  });
});

describe('transformPosition', () => {
  function deltaOf(run: (t: Y.Text) => void, initial: string): DeltaOp[] {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, initial);
    let delta: DeltaOp[] = [];
    text.observe((e) => {
      delta = e.delta as DeltaOp[];
    });
    run(text);
    return delta;
  }
  it('moves the caret with text inserted or deleted before it', () => {
    expect(transformPosition(5, deltaOf((t) => t.insert(0, 'XX'), 'hello world'))).toBe(7);
    expect(transformPosition(5, deltaOf((t) => t.insert(8, 'XX'), 'hello world'))).toBe(5);
    expect(transformPosition(5, deltaOf((t) => t.insert(5, 'XX'), 'hello world'))).toBe(5);
    expect(transformPosition(5, deltaOf((t) => t.delete(0, 2), 'hello world'))).toBe(3);
    expect(transformPosition(5, deltaOf((t) => t.delete(3, 4), 'hello world'))).toBe(3);
    expect(transformPosition(5, deltaOf((t) => t.delete(6, 2), 'hello world'))).toBe(5);
  });
});
