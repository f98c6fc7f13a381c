import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_KINDS, PRIVATE_DOC_KINDS } from '../docs';
import { getSchemaVersion, MIGRATIONS, runMigrations } from './index';

describe('document migrations', () => {
  it.each(DOC_KINDS)('%s: every migration runs on a fresh document and sets the version', (kind) => {
    const migrations = MIGRATIONS[kind];
    expect(migrations.length).toBeGreaterThan(0);
    // Numbered 1..n without gaps, named after their kind, names unique.
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name).toMatch(new RegExp(`^${kind}-${m.version}-[a-z0-9-]+$`));
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);

    const doc = new Y.Doc();
    const ran = runMigrations(doc, migrations, 'server');
    expect(ran).toEqual(migrations.map((m) => m.name));
    expect(getSchemaVersion(doc)).toBe(migrations.length);
    expect(runMigrations(doc, migrations, 'server')).toEqual([]);
  });

  it('a migrated document reaches a client that migrates again without change', () => {
    for (const kind of DOC_KINDS) {
      const server = new Y.Doc();
      runMigrations(server, MIGRATIONS[kind], 'server');
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      expect(getSchemaVersion(client)).toBe(MIGRATIONS[kind].length);
      expect(runMigrations(client, MIGRATIONS[kind], 'client')).toEqual([]);
    }
  });

  it('has migrations for exactly the known document kinds', () => {
    expect(Object.keys(MIGRATIONS).sort()).toEqual([...DOC_KINDS, ...PRIVATE_DOC_KINDS].sort());
  });
});
