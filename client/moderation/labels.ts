/** Names and paths of the session's documents as the moderation shows them. */
import type { TFunction } from 'i18next';
import type { DocKind } from '../../shared/docs';
import { templateBoards, type SessionTemplate } from '../../shared/domain';

/** The room's name for a document: "Notizen", "Ausgangslage", … (the board navigation's words). */
export function docLabel(t: TFunction, kind: DocKind): string {
  switch (kind) {
    case 'notes':
      return t('boards.nav.notes');
    case 'decisions':
      return t('moderation.docs.decisions');
    default:
      return t(`boards.${kind}.nav`);
  }
}

/** The documents a session of this template works on, in the room's order (notes first). */
export function sessionDocs(template: SessionTemplate): DocKind[] {
  return ['notes', ...templateBoards(template)];
}
