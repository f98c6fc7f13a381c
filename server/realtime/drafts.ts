/**
 * "Write privately, then reveal" — the moderator's side: `drafts.publishAll` publishes every
 * participant's private SWOT drafts into the shared board at once (each card under its own id,
 * so a repeat cannot duplicate it). The server is the only party that can read the drafts, so
 * nobody — the moderator included — sees a draft before it is published.
 *
 * A drafts document is written by its owner's client and may hold anything: authorship is taken
 * from the server's record of whose document it is, never from the cards; and a card that cannot
 * be published (a malformed id, an id taken by something else on the board) is skipped and
 * reported, while every other card is published.
 */
import * as Y from 'yjs';
import { docName, participantDocNames } from '../../shared/docs';
import { addSwotCard, deleteItem, eachItem, getItem, getItemsMap, ITEM_ID_PATTERN, readSwot, type SwotCard } from '../../shared/schema';
import type { ParticipantProfile } from '../store/types';
import type { RealtimeContext } from './types';

const SERVER_AUTHOR = { participantId: 'server', displayName: 'Werkraum' };
const ORIGIN = 'drafts.publishAll';

export interface PublishOutcome {
  /** Cards now on the board (and gone from the drafts). */
  published: number;
  /** Cards that could not be published, left in their owner's drafts; a drafts document that could not be read counts as one. */
  skipped: number;
}

/**
 * Adds the owner's cards to the board, each with the owner as author. Returns the ids that are on
 * the board afterwards (published now or earlier) and how many were skipped.
 */
function publishCards(board: Y.Doc, cards: readonly SwotCard[], owner: ParticipantProfile): { done: string[]; skipped: number } {
  const author = { participantId: owner.id, displayName: owner.displayName };
  const items = getItemsMap(board);
  const done: string[] = [];
  let skipped = 0;
  for (const card of cards) {
    if (items.has(card.id)) {
      // Published before (a crash between the two steps): only a card of this owner counts.
      const existing = getItem(items, card.id);
      if (existing && existing.get('publishedFrom') === owner.id) done.push(card.id);
      else skipped++;
      continue;
    }
    if (!ITEM_ID_PATTERN.test(card.id)) {
      skipped++;
      continue;
    }
    try {
      addSwotCard(
        board,
        { origin: ORIGIN, author, newId: () => card.id },
        {
          quadrant: card.quadrant,
          text: card.text,
          color: card.color,
          evidence: card.evidence,
          assessment: card.assessment,
          publishedFrom: owner.id,
        },
      );
      done.push(card.id);
    } catch {
      // addSwotCard checks everything before it writes: nothing of this card is on the board.
      skipped++;
    }
  }
  return { done, skipped };
}

/** Publishes all private drafts of a session. */
/**
 * How many private draft cards are not yet published, and of how many people: counted from the
 * drafts documents without reading any content out (the moderator sees numbers only).
 */
export async function countPendingDrafts(ctx: Pick<RealtimeContext, 'store' | 'sync'>, sessionId: string): Promise<{ cards: number; people: number }> {
  let cards = 0;
  let people = 0;
  for (const person of await ctx.store.moderation.listParticipants(sessionId)) {
    const drafts = participantDocNames(sessionId, person.id).drafts;
    let n = 0;
    await ctx.sync.read(drafts, (d) => {
      for (const _ of eachItem(getItemsMap(d))) n++;
    });
    cards += n;
    if (n > 0) people++;
  }
  return { cards, people };
}

export async function publishAllDrafts(ctx: Pick<RealtimeContext, 'store' | 'sync' | 'log'>, sessionId: string): Promise<PublishOutcome> {
  const board = docName(sessionId, 'swot');
  const writer = { origin: ORIGIN, author: SERVER_AUTHOR };
  const outcome: PublishOutcome = { published: 0, skipped: 0 };
  for (const person of await ctx.store.moderation.listParticipants(sessionId)) {
    const drafts = participantDocNames(sessionId, person.id).drafts;
    // A copy of the drafts as stored (a change that changes nothing is not written).
    const copy = new Y.Doc();
    try {
      await ctx.sync.change(drafts, (d) => Y.applyUpdate(copy, Y.encodeStateAsUpdate(d)));
      const cards = readSwot(copy).cards;
      if (cards.length === 0) continue;
      let result = { done: [] as string[], skipped: 0 };
      await ctx.sync.change(board, (b) => {
        result = publishCards(b, cards, person);
      });
      await ctx.sync.change(drafts, (d) => {
        // Published, not deleted by anyone: no deletion record (schema/deletions.ts) is kept.
        for (const id of result.done) deleteItem(d, writer, getItemsMap(d), id);
      });
      outcome.published += result.done.length;
      outcome.skipped += result.skipped;
      if (result.skipped > 0) ctx.log.warn({ sessionId, participantId: person.id, skipped: result.skipped }, 'drafts.publishAll skipped draft cards that cannot be published');
    } catch (err) {
      // One person's unreadable drafts must not keep everybody else's from the board.
      outcome.skipped += 1;
      ctx.log.error({ err, sessionId, participantId: person.id }, 'drafts.publishAll could not read a drafts document');
    } finally {
      copy.destroy();
    }
  }
  return outcome;
}
