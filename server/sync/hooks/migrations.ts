/**
 * Runs the document kind's pending schema migrations when a document is loaded, as one server
 * change: stored (and checked) before anyone sees the document.
 */
import type { FastifyBaseLogger } from 'fastify';
import { MIGRATIONS, getSchemaVersion, runMigrations } from '../../../shared/schema';
import type { SyncHook } from '../pipeline';

const MIGRATION_ORIGIN = Symbol('migration');

export function migrations(options: { log: FastifyBaseLogger }): SyncHook {
  return {
    name: 'migrations',
    async load(doc) {
      if (!doc.kind) return;
      const list = MIGRATIONS[doc.kind];
      const latest = Math.max(0, ...list.map((m) => m.version));
      if (getSchemaVersion(doc.doc) >= latest) return;
      let ran: string[] = [];
      await doc.applyServerChange((d) => {
        ran = runMigrations(d, list, MIGRATION_ORIGIN);
      });
      if (ran.length > 0) options.log.info({ doc: doc.name, migrations: ran }, 'document migrated');
    },
  };
}
