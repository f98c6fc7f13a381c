/**
 * "Write privately, then reveal": while a brainstorming phase runs, a participant's new SWOT
 * cards live in their private `drafts` document, which the server lets nobody else open. Publishing
 * copies a card into the shared `swot` board under the same id — so publishing twice (e.g. after a
 * crash between the two steps) cannot duplicate it — and then removes it from the drafts.
 */
import type * as Y from 'yjs';
import { getItem, getItemsMap, type WriteContext } from './items';
import { addSwotCard, deleteSwotCard, readSwot } from './swot';

/**
 * Publishes the given draft cards (all when `ids` is omitted) from `drafts` into `board`, each
 * keeping its original author. Returns the ids published.
 */
export function publishDrafts(drafts: Y.Doc, board: Y.Doc, ctx: WriteContext, ids?: readonly string[]): string[] {
  const cards = readSwot(drafts).cards.filter((c) => !ids || ids.includes(c.id));
  for (const card of cards) {
    if (getItem(getItemsMap(board), card.id)) continue;
    addSwotCard(
      board,
      { ...ctx, author: card.createdBy, newId: () => card.id },
      {
        quadrant: card.quadrant,
        text: card.text,
        color: card.color,
        evidence: card.evidence,
        assessment: card.assessment,
        publishedFrom: card.createdBy.participantId || null,
      },
    );
  }
  for (const card of cards) deleteSwotCard(drafts, ctx, card.id);
  return cards.map((c) => c.id);
}
