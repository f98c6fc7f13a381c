/** What a person's undo in a decision draft covers (see DraftUndo.tsx). */
import * as Y from 'yjs';
import { ROW_COLLECTIONS } from '../../shared/decision';
import { DRAFT_TEXT_FIELDS, draftMapName, draftTextName, rowsMapName } from '../../shared/schema/decisions';

/** This draft's root types that undo covers; a name another client declared with another type is skipped. */
export function draftScope(doc: Y.Doc, draftId: string): Y.AbstractType<unknown>[] {
  const scope: Y.AbstractType<unknown>[] = [];
  const add = (get: () => Y.AbstractType<unknown>) => {
    try {
      scope.push(get());
    } catch {
      // Not a type this draft can write to anyway.
    }
  };
  add(() => doc.getMap<unknown>(draftMapName(draftId)) as Y.AbstractType<unknown>);
  for (const field of DRAFT_TEXT_FIELDS) add(() => doc.getText(draftTextName(draftId, field)) as Y.AbstractType<unknown>);
  for (const collection of ROW_COLLECTIONS) add(() => doc.getMap<unknown>(rowsMapName(draftId, collection)) as Y.AbstractType<unknown>);
  return scope;
}

/** An undo manager for one person (`origin`) over one draft's fields and rows. */
export function createDraftUndoManager(doc: Y.Doc, draftId: string, origin: unknown): Y.UndoManager {
  return new Y.UndoManager(draftScope(doc, draftId), { trackedOrigins: new Set<unknown>([origin]) });
}
