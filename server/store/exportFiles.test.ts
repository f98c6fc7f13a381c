import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionProvenance } from '../../shared/schema/decisions';
import { STORE_KINDS, type TestStore } from './testStores';
import type { Store, StoredExportFile } from './types';

describe.each(STORE_KINDS)('ExportFileStore ($name)', (kind) => {
  let t: TestStore;
  let store: Store;

  beforeEach(async () => {
    t = await kind.open();
    store = t.store;
    const account = await store.accounts.upsert({ email: 'm@example.org', displayName: 'Mia', passwordHash: 'h' });
    await store.sessions.create({
      id: 'session-1',
      title: 'Bildungskonferenz',
      kind: 'bildungskonferenz',
      date: '2026-12-01',
      template: 'steuerungskreislauf',
      joinCode: 'ABCDEF',
      observerCode: 'ABCDEFGHJK',
      createdBy: account.id,
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    await store.decisions.createDraft({
      id: 'draft-1',
      sessionId: 'session-1',
      title: 'Vorlage',
      gremium: 'Lenkungskreis',
      provenance: {} as DecisionProvenance,
      createdBy: { kind: 'moderator', id: account.id, displayName: 'Mia' },
      createdAt: '2026-12-01T10:00:00.000Z',
    });
  });
  afterEach(async () => t.dispose());

  const file = (bytes: string): StoredExportFile => {
    const b = Buffer.from(bytes);
    return { key: 'pdf:draft-1:1', draftId: 'draft-1', fileName: 'v.pdf', mimeType: 'application/pdf', bytes: b, sha512: createHash('sha512').update(b).digest('hex'), createdAt: '2026-12-02T09:00:00.000Z' };
  };

  it('keeps the first file stored under a key, byte for byte', async () => {
    expect(await store.exportFiles.get('pdf:draft-1:1')).toBeUndefined();
    const first = await store.exportFiles.put(file('%PDF-first'));
    expect(first.bytes.toString()).toBe('%PDF-first');
    // A second render of the same version does not replace what was served already.
    const second = await store.exportFiles.put(file('%PDF-second'));
    expect(second).toEqual(first);
    const read = await store.exportFiles.get('pdf:draft-1:1');
    expect(read?.bytes.equals(Buffer.from('%PDF-first'))).toBe(true);
    expect(read?.sha512).toBe(first.sha512);
  });

  it('goes with its draft when the session is deleted', async () => {
    await store.exportFiles.put(file('%PDF-x'));
    await store.sessions.delete('session-1');
    expect(await store.exportFiles.get('pdf:draft-1:1')).toBeUndefined();
  });
});
