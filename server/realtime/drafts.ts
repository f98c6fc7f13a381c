/**
 * "Write privately, then reveal" — the moderator's side: `drafts.publishAll` publishes every
 * participant's private SWOT drafts into the shared board at once (each card under its own id,
 * so a repeat cannot duplicate it). The server is the only party that can read the drafts, so
 * nobody — the moderator included — sees a draft before it is published.
 */
import * as Y from 'yjs';
import { docName, participantDocNames } from '../../shared/docs';
import { deleteSwotCard, publishDrafts, readSwot } from '../../shared/schema';
import type { RealtimeContext } from './types';

const SERVER_AUTHOR = { participantId: 'server', displayName: 'Werkraum' };

/** Publishes all private drafts of a session; returns how many cards were published. */
export async function publishAllDrafts(ctx: Pick<RealtimeContext, 'store' | 'sync'>, sessionId: string): Promise<number> {
  const board = docName(sessionId, 'swot');
  const writer = { origin: 'drafts.publishAll', author: SERVER_AUTHOR };
  let total = 0;
  for (const person of await ctx.store.moderation.listParticipants(sessionId)) {
    const drafts = participantDocNames(sessionId, person.id).drafts;
    // A copy of the drafts as stored (a change that changes nothing is not written).
    const copy = new Y.Doc();
    await ctx.sync.change(drafts, (d) => Y.applyUpdate(copy, Y.encodeStateAsUpdate(d)));
    if (readSwot(copy).cards.length === 0) continue;
    let published: string[] = [];
    await ctx.sync.change(board, (b) => {
      published = publishDrafts(copy, b, writer);
    });
    await ctx.sync.change(drafts, (d) => {
      for (const id of published) deleteSwotCard(d, writer, id);
    });
    total += published.length;
    copy.destroy();
  }
  return total;
}
