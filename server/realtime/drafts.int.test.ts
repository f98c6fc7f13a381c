/**
 * `drafts.publishAll` against the real server with scripted Yjs clients writing the drafts
 * documents as a hostile participant could: forged authorship and malformed items.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addSwotCard, getItemsMap, readSwot } from '../../shared/schema';
import { joinSession, seedSession, sleep, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, useSockets } from '../test/sockets';

const { start, client } = useRealServers();
const { connectSocket } = useSockets();

async function room() {
  const srv = await start();
  const { session, cookie } = await seedSession(srv.baseUrl);
  const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
  const bernd = await joinSession(srv.baseUrl, session.joinCode, 'Bernd');
  const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
  const modSocket = connectSocket(srv.baseUrl, mod.token);
  await modSocket.welcome;
  const board = client(srv.wsUrl, mod.docs.swot, mod.token);
  await synced(board);
  return { srv, anna, bernd, mod, modSocket, board };
}

describe('drafts.publishAll', () => {
  it('publishes each card as written by the owner of the drafts, whatever the drafts document claims', async () => {
    const { srv, anna, bernd, modSocket, board } = await room();
    const drafts = client(srv.wsUrl, anna.privateDocs.drafts, anna.token);
    await synced(drafts);
    // Anna's client writes cards claiming to be Bernd's and the moderation's.
    const asBernd = { origin: 'forged', author: { participantId: bernd.participantId, displayName: 'Bernd' } };
    addSwotCard(drafts.doc, asBernd, { quadrant: 'risiken', text: 'Bernd sagt: alles schlecht', publishedFrom: bernd.participantId });
    const asModeration = { origin: 'forged', author: { participantId: 'server', displayName: 'Moderation' } };
    addSwotCard(drafts.doc, asModeration, { quadrant: 'chancen', text: 'Offizielle Mitteilung' });
    await sleep(300);

    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 2 });
    await waitFor(() => readSwot(board.doc).cards.length === 2, 'published cards on the board');
    const anna_ = { participantId: anna.participantId, displayName: 'Anna' };
    for (const card of readSwot(board.doc).cards) {
      expect(card.createdBy).toEqual(anna_);
      expect(card.updatedBy).toEqual(anna_);
      expect(card.publishedFrom).toBe(anna.participantId);
    }
    expect(readSwot(board.doc).cards.map((c) => c.text).sort()).toEqual(['Bernd sagt: alles schlecht', 'Offizielle Mitteilung']);
  });

  it('skips and reports a card that cannot be published, and publishes everybody else’s', async () => {
    const { srv, anna, bernd, modSocket, board } = await room();
    const annaDrafts = client(srv.wsUrl, anna.privateDocs.drafts, anna.token);
    const berndDrafts = client(srv.wsUrl, bernd.privateDocs.drafts, bernd.token);
    await Promise.all([synced(annaDrafts), synced(berndDrafts)]);
    const anna_ = { origin: 'anna', author: { participantId: anna.participantId, displayName: 'Anna' } };
    // A well-formed Yjs update whose item id no board accepts.
    annaDrafts.doc.transact(() => {
      const item = new Y.Map<unknown>();
      item.set('quadrant', 'staerken');
      item.set('text', new Y.Text('Kaputte Karte'));
      item.set('createdBy', anna_.author);
      getItemsMap(annaDrafts.doc).set('bad id!', item);
    });
    addSwotCard(annaDrafts.doc, anna_, { quadrant: 'staerken', text: 'Engagierte Schulleitungen' });
    addSwotCard(berndDrafts.doc, { origin: 'bernd', author: { participantId: bernd.participantId, displayName: 'Bernd' } }, { quadrant: 'schwaechen', text: 'Zu wenige Ganztagsplätze' });
    await sleep(300);

    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 2, skipped: 1 });
    await waitFor(() => readSwot(board.doc).cards.length === 2, 'published cards on the board');
    expect(readSwot(board.doc).cards.map((c) => c.text).sort()).toEqual(['Engagierte Schulleitungen', 'Zu wenige Ganztagsplätze']);
    // The bad card stays in Anna's drafts (nothing of hers is lost), the published ones are gone.
    await waitFor(() => readSwot(annaDrafts.doc).cards.length === 1 && readSwot(berndDrafts.doc).cards.length === 0, 'drafts emptied');
    expect(readSwot(annaDrafts.doc).cards[0]!.id).toBe('bad id!');
    // A second call is not broken by it either.
    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 0, skipped: 1 });
    addSwotCard(berndDrafts.doc, { origin: 'bernd', author: { participantId: bernd.participantId, displayName: 'Bernd' } }, { quadrant: 'chancen', text: 'Neue Förderprogramme' });
    await sleep(300);
    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 1, skipped: 1 });
    await waitFor(() => readSwot(board.doc).cards.length === 3, 'third card on the board');
  });

  it('does not take over a board card of someone else that a draft names by its id', async () => {
    const { srv, anna, bernd, modSocket, board } = await room();
    const berndBoard = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    const annaDrafts = client(srv.wsUrl, anna.privateDocs.drafts, anna.token);
    await Promise.all([synced(berndBoard), synced(annaDrafts)]);
    const bernd_ = { origin: 'bernd', author: { participantId: bernd.participantId, displayName: 'Bernd' } };
    const berndsCard = addSwotCard(berndBoard.doc, bernd_, { quadrant: 'staerken', text: 'Bernds Karte' });
    addSwotCard(annaDrafts.doc, { origin: 'anna', author: { participantId: anna.participantId, displayName: 'Anna' }, newId: () => berndsCard }, { quadrant: 'risiken', text: 'Annas Kopie' });
    await sleep(300);
    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 0, skipped: 1 });
    await waitFor(() => readSwot(board.doc).cards.length === 1, 'Bernd’s card on the board');
    expect(readSwot(board.doc).cards[0]).toMatchObject({ text: 'Bernds Karte', createdBy: bernd_.author });
  });
});
