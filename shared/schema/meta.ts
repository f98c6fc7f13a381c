import type * as Y from 'yjs';

/** Root field names of every Werkraum Yjs document. */
export const META_MAP = 'meta';
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** A named, numbered migration of one document kind. `up` runs inside a Yjs transaction. */
export interface Migration {
  version: number;
  name: string;
  up: (doc: Y.Doc) => void;
}

export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP);
}

/** The session a board was carried forward from (written by the server only, see carry.ts). */
export const BOARD_ORIGIN_KEY = 'carriedFromSession';

/** The session this board was carried forward from, or null. */
export function readBoardOrigin(doc: Y.Doc): string | null {
  const v = getMeta(doc).get(BOARD_ORIGIN_KEY);
  return typeof v === 'string' && v !== '' ? v : null;
}

export function getSchemaVersion(doc: Y.Doc): number {
  const v = getMeta(doc).get(SCHEMA_VERSION_KEY);
  return typeof v === 'number' ? v : 0;
}

/**
 * Runs every migration newer than the document's schemaVersion, in order, each in its own
 * transaction with the given origin. Returns the names of the migrations that ran.
 * Migrations must be idempotent: two servers may migrate the same document concurrently.
 */
export function runMigrations(doc: Y.Doc, migrations: readonly Migration[], origin: unknown): string[] {
  const ran: string[] = [];
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (getSchemaVersion(doc) >= m.version) continue;
    doc.transact(() => {
      m.up(doc);
      getMeta(doc).set(SCHEMA_VERSION_KEY, m.version);
    }, origin);
    ran.push(m.name);
  }
  return ran;
}
