import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempStore } from '../../store/sqlite/testStore';
import { SyncPipeline } from '../pipeline';
import { SharedDoc } from '../SharedDoc';
import { migrations } from './migrations';

const logged: unknown[] = [];
const log = { error() {}, info: (o: unknown) => logged.push(o), warn() {}, debug() {} } as unknown as FastifyBaseLogger;
const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
});

describe('migrations hook', () => {
  it('migrates a new document before anyone sees it, stores the migration, and does nothing the second time', async () => {
    const tmp = openTempStore();
    disposers.push(tmp.dispose);
    const name = 'session-0001:goals';
    const pipeline = new SyncPipeline([migrations({ log })]);
    const first = await SharedDoc.load(name, tmp.store.docs, log, {}, pipeline);
    expect(first.doc.getMap('meta').get('schemaVersion')).toBe(1);
    expect(logged).toEqual([{ doc: name, migrations: ['goals-1-initial'] }]);
    first.destroy();
    const rows = (await tmp.store.docs.load(name)).rowCount;
    expect(rows).toBe(1);
    const second = await SharedDoc.load(name, tmp.store.docs, log, {}, pipeline);
    expect(second.doc.getMap('meta').get('schemaVersion')).toBe(1);
    second.destroy();
    expect((await tmp.store.docs.load(name)).rowCount).toBe(rows);
    expect(logged).toHaveLength(1);
  });
});
