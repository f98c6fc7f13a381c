import type { AnyDocKind } from '../docs';
import { canvasMigrations } from './canvas';
import { decisionsMigrations } from './decisions';
import { actionsMigrations } from './actions';
import { goalsMigrations } from './goals';
import type { Migration } from './meta';
import { notesMigrations } from './notes';
import { prioritiesMigrations } from './priorities';
import { swotMigrations } from './swot';

export * from './canvas';
export * from './meta';
export * from './notes';
export * from './order';
export * from './items';
export * from './tree';
export * from './swot';
export * from './priorities';
export * from './goals';
export * from './actions';
export * from './deletions';

/** The migrations of every document kind; the server runs them when it loads a document. */
export const MIGRATIONS: Record<AnyDocKind, readonly Migration[]> = {
  canvas: canvasMigrations,
  // Private drafts hold SWOT cards, so they share the SWOT schema.
  drafts: swotMigrations,
  notes: notesMigrations,
  swot: swotMigrations,
  priorities: prioritiesMigrations,
  goals: goalsMigrations,
  actions: actionsMigrations,
  decisions: decisionsMigrations,
};
export * from './drafts';
export * from './decisions';
