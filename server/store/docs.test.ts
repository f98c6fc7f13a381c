import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORE_KINDS, type TestStore } from './testStores';
import type { DocStore } from './types';

describe.each(STORE_KINDS)('DocStore ($name)', (kind) => {
  let t: TestStore;
  let store: DocStore;

  beforeEach(async () => {
    t = await kind.open();
    store = t.store.docs;
  });
  afterEach(async () => {
    await t.dispose();
  });

  /** Records every update a document emits while `edit` runs. */
  function recordUpdates(doc: Y.Doc, edit: () => void): Uint8Array[] {
    const out: Uint8Array[] = [];
    const h = (u: Uint8Array) => out.push(u);
    doc.on('update', h);
    edit();
    doc.off('update', h);
    return out;
  }

  it('loads nothing for an unknown document', async () => {
    expect(await store.load('x')).toEqual({ updates: [], lastSeq: 0, rowCount: 0, byteSize: 0 });
  });

  it('appends in order and returns the last sequence number', async () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3]);
    expect(await store.append('d', [a])).toBe(1);
    expect(await store.append('d', [b, a])).toBe(3);
    expect(await store.append('other', [b])).toBe(1);
    const loaded = await store.load('d');
    expect(loaded.updates.map((u) => [...u])).toEqual([[1, 2], [3], [1, 2]]);
    expect(loaded).toMatchObject({ lastSeq: 3, rowCount: 3, byteSize: 5 });
  });

  it('survives reopening the database', async () => {
    await store.append('d', [new Uint8Array([7])]);
    const reopened = await t.reopen();
    try {
      const loaded = await reopened.docs.load('d');
      expect(loaded.updates.map((u) => [...u])).toEqual([[7]]);
    } finally {
      await reopened.close();
    }
  });

  it('keeps the append order per document when appends of one turn are committed together', async () => {
    // Appends started in the same event-loop turn, across documents, each resolve with their own last sequence number.
    const results = await Promise.all([
      store.append('a', [new Uint8Array([1])]),
      store.append('b', [new Uint8Array([10]), new Uint8Array([11])]),
      store.append('a', [new Uint8Array([2]), new Uint8Array([3])]),
      store.append('a', []),
      store.append('b', [new Uint8Array([12])]),
    ]);
    expect(results).toEqual([1, 2, 3, 3, 3]);
    expect((await store.load('a')).updates.map((u) => [...u])).toEqual([[1], [2], [3]]);
    expect((await store.load('b')).updates.map((u) => [...u])).toEqual([[10], [11], [12]]);
    // Many turns in a row keep their order too.
    const many: Promise<number>[] = [];
    for (let i = 0; i < 200; i++) {
      many.push(store.append('c', [new Uint8Array([i % 256, i >> 8])]));
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(many)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect((await store.load('c')).updates.map((u) => u[0]! + (u[1]! << 8))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('resolves an append only once it is readable from a second connection', async () => {
    const seq = await store.append('d', [new Uint8Array([5, 6])]);
    expect(seq).toBe(1);
    expect(await t.countRows('doc_updates')).toBe(1);
  });

  it('compaction keeps every update up to the given sequence and the rows after it', async () => {
    const source = new Y.Doc();
    const text = source.getText('t');
    const updates = recordUpdates(source, () => {
      for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`);
      text.delete(0, 8);
    });
    const seq = await store.append('d', updates);
    // The state covers everything up to `seq`; then two more updates arrive.
    const state = Y.encodeStateAsUpdate(source);
    const later = recordUpdates(source, () => {
      text.insert(0, 'A');
      text.insert(0, 'B');
    });
    await store.append('d', later);
    await store.compact('d', state, seq);

    const loaded = await store.load('d');
    expect(loaded.rowCount).toBe(3);
    const restored = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(restored, u);
    expect(restored.getText('t').toString()).toBe(text.toString());
    expect(loaded.lastSeq).toBe(seq + 2);
    // Appending after compaction continues the sequence.
    expect(await store.append('d', [new Uint8Array([0, 0])])).toBe(seq + 3);
  });

  it('compaction is one transaction: a failing compaction leaves the log untouched', async () => {
    await store.append('d', [new Uint8Array([1]), new Uint8Array([2])]);
    await t.failInsertsOfByteFF();
    await expect(store.compact('d', new Uint8Array([0xff]), 2)).rejects.toThrow('simulated failure');
    expect((await store.load('d')).updates.map((u) => [...u])).toEqual([[1], [2]]);
  });

  it('a failing append commits nothing of its turn and rejects every caller of it', async () => {
    await store.append('d', [new Uint8Array([1])]);
    await t.failInsertsOfByteFF();
    // SQLite commits each append call at once (its commits are synchronous); PostgreSQL commits the
    // appends of one turn together, so one failing row rejects every caller of that turn.
    const results = await Promise.allSettled([store.append('d', [new Uint8Array([2])]), store.append('e', [new Uint8Array([0xff])])]);
    expect(results.map((r) => r.status)).toEqual(kind.name === 'postgres' ? ['rejected', 'rejected'] : ['fulfilled', 'rejected']);
    const expected = kind.name === 'postgres' ? [[1]] : [[1], [2]];
    expect((await store.load('d')).updates.map((u) => [...u])).toEqual(expected);
    expect((await store.load('e')).rowCount).toBe(0);
    // The store keeps working after a failed commit.
    expect(await store.append('d', [new Uint8Array([3])])).toBe(expected.length + 1);
  });
});
