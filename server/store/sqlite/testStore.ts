import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../types';
import { createSqliteStore } from './index';

/** A store on a fresh SQLite file in a temp directory, for tests. `dispose` closes and deletes it. */
export function openTempStore(): { store: Store; file: string; dispose: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'werkraum-store-'));
  const file = join(dir, 'test.sqlite');
  const store = createSqliteStore(file, 'normal');
  return {
    store,
    file,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
