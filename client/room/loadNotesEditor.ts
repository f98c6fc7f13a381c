/**
 * The notes editor (Tiptap, ProseMirror and their Yjs binding: the largest part of the room's
 * code) in a file of its own. The app starts fetching it together with the room when the notes
 * are opened (App.tsx), so it arrives while the room connects; boards and decision drafts opened
 * directly never load it. A failed fetch is forgotten, so showing the notes again retries.
 */
import type * as NotesEditorModule from './NotesEditor';

let pending: Promise<typeof NotesEditorModule> | undefined;

export function loadNotesEditor(): Promise<typeof NotesEditorModule> {
  pending ??= import('./NotesEditor').catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}
