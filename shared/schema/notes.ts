import type * as Y from 'yjs';
import type { Migration } from './meta';

/** The XmlFragment Tiptap's Collaboration extension binds to (its `field` option). */
export const NOTES_FRAGMENT = 'notes';

export function getNotesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(NOTES_FRAGMENT);
}

export const notesMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'notes-1-initial',
    // The fragment needs no initial content; declaring it fixes the root type.
    up: (doc) => {
      getNotesFragment(doc);
    },
  },
];
