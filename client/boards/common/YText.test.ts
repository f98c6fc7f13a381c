import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit } from '../../../shared/schema/items';
import { editBetween, transformPosition } from './YText';

function apply(prev: string, next: string, caret?: number): string {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, prev);
  const edit = editBetween(prev, next, caret);
  if (edit) applyTextEdit(text, edit);
  return text.toString();
}

describe('editBetween', () => {
  it('turns the old value into the new one', () => {
    for (const [a, b] of [
      ['', 'abc'],
      ['abc', ''],
      ['Stärken', 'Stärken der Region'],
      ['Ganztag ausbauen', 'Ganztag schnell ausbauen'],
      ['hello world', 'hello brave new world'],
      ['abcdef', 'abXYef'],
    ] as const) {
      expect(apply(a, b)).toBe(b);
      expect(apply(a, b, b.length)).toBe(b);
    }
  });

  it('uses the caret for an ambiguous insertion', () => {
    expect(editBetween('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(editBetween('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
  });

  it('is minimal, so concurrent typing at different places merges', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Kita Schule');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ea = editBetween('Kita Schule', 'Kita und Schule', 9);
    const eb = editBetween('Kita Schule', 'Kita Schule Beruf', 17);
    if (ea) applyTextEdit(a.getText('t'), ea);
    if (eb) applyTextEdit(b.getText('t'), eb);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Kita und Schule Beruf');
    expect(b.getText('t').toString()).toBe('Kita und Schule Beruf');
  });
});

describe('transformPosition', () => {
  it('shifts a caret behind remote insertions and deletions before it', () => {
    expect(transformPosition(5, [{ insert: 'abc' }])).toBe(8);
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
    expect(transformPosition(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
    expect(transformPosition(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformPosition(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
  });
});
