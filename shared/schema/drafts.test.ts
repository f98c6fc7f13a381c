import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { publishDrafts } from './drafts';
import { addSwotCard, readSwot } from './swot';

const anna = { origin: 'anna', author: { participantId: 'p-anna-0001', displayName: 'Anna' } };
const moderator = { origin: 'mod', author: { participantId: 'p-mod-00001', displayName: 'Moderation' } };

describe('publishDrafts', () => {
  it('moves draft cards into the board under the same id, keeping author and content', () => {
    const drafts = new Y.Doc();
    const board = new Y.Doc();
    const id = addSwotCard(drafts, anna, {
      quadrant: 'chancen',
      text: 'Neues Familienzentrum im Quartier',
      color: 'green',
      assessment: { probability: 'high', timing: 'medium', impact: 'high' },
    });
    addSwotCard(drafts, anna, { quadrant: 'staerken', text: 'bleibt privat' });
    expect(publishDrafts(drafts, board, moderator, [id])).toEqual([id]);
    const card = readSwot(board).cards[0]!;
    expect(card).toMatchObject({ id, quadrant: 'chancen', text: 'Neues Familienzentrum im Quartier', color: 'green', publishedFrom: 'p-anna-0001' });
    expect(card.createdBy.displayName).toBe('Anna');
    expect(readSwot(drafts).cards.map((c) => c.text)).toEqual(['bleibt privat']);
  });

  it('publishing again (e.g. after a crash between the steps) never duplicates a card', () => {
    const drafts = new Y.Doc();
    const board = new Y.Doc();
    addSwotCard(drafts, anna, { quadrant: 'risiken', text: 'Fachkräftemangel' });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(drafts));
    publishDrafts(drafts, board, anna);
    // The drafts as they were before the removal reached the server: publish them again.
    publishDrafts(copy, board, anna);
    expect(readSwot(board).cards).toHaveLength(1);
  });
});
