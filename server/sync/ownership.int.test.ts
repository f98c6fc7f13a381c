/**
 * Card ownership against the real server with stock Yjs clients: deleting someone else's card
 * reaches its author as a deletion record the server checked (who deleted, what), the author
 * restores it; with the moderation's "only authors and moderators delete" on — stored with the
 * session, across a restart — a scripted deletion of someone else's card is closed with 4422 and
 * nothing of it is kept, while the author and the moderation still delete.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes';
import { addSwotCard, deleteSwotCard, deletionsOf, editSwotCardText, getItemsMap, moveSwotCard, readSwot, restoreDeletedItem } from '../../shared/schema';
import { joinSession, seedSession, sleep, synced, useRealServers, waitFor } from '../test/harness';
import { enterAsModerator, ok, refusedWith, stateWhere, useSockets } from '../test/sockets';

const { start, client, stop } = useRealServers();
const { connectSocket } = useSockets();

const ctxOf = (p: { participantId: string }, displayName: string) => ({ origin: displayName, author: { participantId: p.participantId, displayName } });

describe('card ownership', () => {
  it('a foreign deletion reaches the author with who deleted it, and the author restores the card', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const bernd = await joinSession(srv.baseUrl, session.joinCode, 'Bernd');
    const a = client(srv.wsUrl, anna.docs.swot, anna.token);
    const b = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    await Promise.all([synced(a), synced(b)]);
    const annaCtx = ctxOf(anna, 'Anna');
    const id = addSwotCard(a.doc, annaCtx, { quadrant: 'chancen', text: 'Neue Ganztagsschule im Norden', color: 'green' });
    await waitFor(() => readSwot(b.doc).cards.length === 1, 'card at Bernd');
    const before = readSwot(a.doc).cards[0]!;

    expect(deleteSwotCard(b.doc, ctxOf(bernd, 'Bernd'), id)).toBe(true);
    await waitFor(() => deletionsOf(a.doc, anna.participantId).length === 1, 'deletion record at Anna');
    const record = deletionsOf(a.doc, anna.participantId)[0]!.record;
    expect(record.by).toEqual({ participantId: bernd.participantId, displayName: 'Bernd' });
    expect(record.author).toEqual({ participantId: anna.participantId, displayName: 'Anna' });
    expect(readSwot(a.doc).cards).toEqual([]);

    expect(restoreDeletedItem(a.doc, annaCtx, id)).toBe(true);
    await waitFor(() => readSwot(b.doc).cards.length === 1, 'restored card at Bernd');
    expect(readSwot(b.doc).cards[0]).toMatchObject({ id, text: before.text, quadrant: 'chancen', color: 'green', order: before.order, createdBy: before.createdBy });
    expect(deletionsOf(b.doc, anna.participantId)).toEqual([]);
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('a card deleted offline while its author rewrites and moves it: the deleter’s reconnect is accepted, the record says what the deleter saw', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const bernd = await joinSession(srv.baseUrl, session.joinCode, 'Bernd');
    const a = client(srv.wsUrl, anna.docs.swot, anna.token);
    const b = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    await Promise.all([synced(a), synced(b)]);
    const annaCtx = ctxOf(anna, 'Anna');
    const id = addSwotCard(a.doc, annaCtx, { quadrant: 'chancen', text: 'Neue Ganztagsschule im Norden', color: 'green' });
    await waitFor(() => readSwot(b.doc).cards.length === 1, 'card at Bernd');

    b.provider.disconnect();
    expect(deleteSwotCard(b.doc, ctxOf(bernd, 'Bernd'), id)).toBe(true);
    editSwotCardText(a.doc, annaCtx, id, 'Neue Ganztagsschule im Norden, ab 2027');
    moveSwotCard(a.doc, annaCtx, id, 'risiken', 'end');
    await sleep(300);
    b.provider.connect();
    await waitFor(() => deletionsOf(a.doc, anna.participantId).length === 1, 'deletion record at Anna');
    const record = deletionsOf(a.doc, anna.participantId)[0]!.record;
    expect(record.by).toEqual({ participantId: bernd.participantId, displayName: 'Bernd' });
    expect(record.item.text).toEqual({ text: 'Neue Ganztagsschule im Norden' });
    expect(record.item.quadrant).toEqual({ v: 'chancen' });
    expect(readSwot(a.doc).cards).toEqual([]);
    await waitFor(() => readSwot(b.doc).cards.length === 0 && deletionsOf(b.doc, anna.participantId).length === 1, 'Bernd in step');
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('with "only authors and moderators delete" on, a scripted foreign deletion is closed with 4422; the setting survives a restart', async () => {
    const first = await start();
    const { session, cookie } = await seedSession(first.baseUrl);
    const anna = await joinSession(first.baseUrl, session.joinCode, 'Anna');
    const bernd = await joinSession(first.baseUrl, session.joinCode, 'Bernd');
    const mod = await enterAsModerator(first.baseUrl, cookie, session.id);
    const modSocket = connectSocket(first.baseUrl, mod.token);
    await modSocket.welcome;
    const participantSocket = connectSocket(first.baseUrl, bernd.token);
    await participantSocket.welcome;
    expect(await refusedWith(participantSocket, 'cards.configure', { authorsOnlyDelete: true })).toBe('not_moderator');
    await ok(modSocket, 'cards.configure', { authorsOnlyDelete: true });
    await stateWhere(participantSocket, (s) => s.authorsOnlyDelete === true);

    const a = client(first.wsUrl, anna.docs.swot, anna.token);
    await synced(a);
    const keep = addSwotCard(a.doc, ctxOf(anna, 'Anna'), { quadrant: 'staerken', text: 'Engagierte Schulsozialarbeit' });
    const own = addSwotCard(a.doc, ctxOf(anna, 'Anna'), { quadrant: 'staerken', text: 'Doppelt' });
    await sleep(300);
    a.destroy();
    await stop(first);

    const srv = await start({ dataDir: first.dataDir });
    const a2 = client(srv.wsUrl, anna.docs.swot, anna.token);
    const b = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    await Promise.all([synced(a2), synced(b)]);
    // A scripted client: deletes Anna's card as a plain Yjs call, record or not.
    getItemsMap(b.doc).delete(keep);
    await waitFor(() => b.closes.includes(CloseCode.contentRefused.code), 'Bernd closed with 4422');
    await sleep(200);
    expect(readSwot(a2.doc).cards.map((c) => c.id).sort()).toEqual([keep, own].sort());
    b.destroy();
    // With a deletion record it is refused just the same.
    const b2 = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    await synced(b2);
    deleteSwotCard(b2.doc, ctxOf(bernd, 'Bernd'), keep);
    await waitFor(() => b2.closes.includes(CloseCode.contentRefused.code), 'Bernd closed with 4422 again');
    b2.destroy();

    // The author deletes her own card; the moderation deletes anybody's.
    expect(deleteSwotCard(a2.doc, ctxOf(anna, 'Anna'), own)).toBe(true);
    const m = client(srv.wsUrl, mod.docs.swot, mod.token);
    await synced(m);
    await waitFor(() => readSwot(m.doc).cards.length === 1, 'own deletion at the moderator');
    expect(deleteSwotCard(m.doc, ctxOf(mod, mod.displayName), keep)).toBe(true);
    await waitFor(() => readSwot(a2.doc).cards.length === 0 && deletionsOf(a2.doc, anna.participantId).length === 1, 'moderation deletion at Anna');
    expect(a2.closes).toEqual([]);
    expect(m.closes).toEqual([]);
  });
});
