import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from './db';
import { SqliteDocStore } from './docs';

describe('SqliteDocStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'werkraum-docs-'));
    file = join(dir, 'test.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
    const store = new SqliteDocStore(openDatabase(file));
    expect(await store.load('x')).toEqual({ updates: [], lastSeq: 0, rowCount: 0, byteSize: 0 });
  });

  it('appends in order and returns the last sequence number', async () => {
    const store = new SqliteDocStore(openDatabase(file));
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3]);
    expect(await store.append('d', [a])).toBe(1);
    expect(await store.append('d', [b, a])).toBe(3);
    expect(await store.append('other', [b])).toBe(1);
    const loaded = await store.load('d');
    expect(loaded.updates.map((u) => [...u])).toEqual([[1, 2], [3], [1, 2]]);
    expect(loaded).toMatchObject({ lastSeq: 3, rowCount: 3, byteSize: 5 });
  });

  it('survives reopening the database file', async () => {
    const db = openDatabase(file);
    await new SqliteDocStore(db).append('d', [new Uint8Array([7])]);
    db.close();
    const loaded = await new SqliteDocStore(openDatabase(file)).load('d');
    expect(loaded.updates.map((u) => [...u])).toEqual([[7]]);
  });

  it('compaction keeps every update up to the given sequence and the rows after it', async () => {
    const store = new SqliteDocStore(openDatabase(file));
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
    const db = openDatabase(file);
    const store = new SqliteDocStore(db);
    await store.append('d', [new Uint8Array([1]), new Uint8Array([2])]);
    db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON doc_updates WHEN NEW.data = x'ff'
             BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`);
    await expect(store.compact('d', new Uint8Array([0xff]), 2)).rejects.toThrow('simulated failure');
    expect((await store.load('d')).updates.map((u) => [...u])).toEqual([[1], [2]]);
  });
});
