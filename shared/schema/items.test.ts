import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyTextEdit,
  createItem,
  getItem,
  getItemsMap,
  ITEM_ID_PATTERN,
  newItemId,
  readAuthor,
  readMeta,
  readOrder,
  readText,
  setTextValue,
  UNKNOWN_AUTHOR,
  type WriteContext,
} from './items';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('item ids', () => {
  it('are unique and name-safe', () => {
    const doc = new Y.Doc();
    const ids = new Set(Array.from({ length: 2000 }, () => newItemId(doc)));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(ITEM_ID_PATTERN);
  });

  it('reject caller-supplied ids that are not name-safe', () => {
    const doc = new Y.Doc();
    const ctx: WriteContext = { origin: 'x', author: { participantId: 'p', displayName: 'P' }, newId: () => 'a:b' };
    expect(() => doc.transact(() => createItem(doc, getItemsMap(doc), ctx, {}))).toThrow(/invalid item id/);
  });
});

describe('createItem and readers', () => {
  it('stamps authorship and time', () => {
    const doc = new Y.Doc();
    const ctx: WriteContext = { origin: 'x', author: { participantId: 'p1', displayName: 'Anna' }, now: () => 1234, newId: () => 'item-1' };
    doc.transact(() => createItem(doc, getItemsMap(doc), ctx, { order: 'V' }));
    const item = getItem(getItemsMap(doc), 'item-1')!;
    expect(readMeta('item-1', item)).toEqual({
      id: 'item-1',
      createdBy: { participantId: 'p1', displayName: 'Anna' },
      createdAt: 1234,
      updatedBy: { participantId: 'p1', displayName: 'Anna' },
      updatedAt: 1234,
    });
  });

  it('read malformed values as defaults instead of throwing', () => {
    const doc = new Y.Doc();
    const item = new Y.Map<unknown>();
    getItemsMap(doc).set('x', item);
    item.set('createdBy', 'not an author');
    item.set('order', 'bad key!');
    item.set('text', 42);
    expect(readMeta('x', item).createdBy).toBe(UNKNOWN_AUTHOR);
    expect(readMeta('x', item).createdAt).toBe(0);
    expect(readOrder(item)).toBe('');
    expect(readText(item, 'text')).toBe('');
    expect(readAuthor({ participantId: 'p', displayName: 'D', extra: 1 })).toEqual({ participantId: 'p', displayName: 'D' });
  });
});

describe('text edits', () => {
  it('clamps edits to the text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc');
    applyTextEdit(text, { index: 10, deleteCount: 5, insert: 'd' });
    applyTextEdit(text, { index: -3, deleteCount: 1, insert: '' });
    expect(text.toString()).toBe('bcd');
  });

  it('setTextValue changes only the middle, so concurrent typing elsewhere survives', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Übergang Schule Beruf');
    sync(a, b);
    setTextValue(a.getText('t'), 'Übergang Schule–Beruf stärken');
    b.getText('t').insert(0, 'Ziel: ');
    sync(a, b);
    expect(a.getText('t').toString()).toBe('Ziel: Übergang Schule–Beruf stärken');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });

  it('setTextValue never splits a surrogate pair', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'a😀b');
    setTextValue(text, 'a😃b'); // the two emoji share their high surrogate
    expect(text.toString()).toBe('a😃b');
    setTextValue(text, 'a😃');
    setTextValue(text, '😃😃');
    expect(text.toString()).toBe('😃😃');
    expect(text.toString()).not.toContain('\ufffd');
  });
});
