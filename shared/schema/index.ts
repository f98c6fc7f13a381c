import type { DocKind } from '../docs';
import type { Migration } from './meta';
import { notesMigrations } from './notes';

export * from './meta';
export * from './notes';

/** The migrations of every document kind; the server runs them when it loads a document. */
export const MIGRATIONS: Record<DocKind, readonly Migration[]> = {
  notes: notesMigrations,
};
