/**
 * Boards against the real server: they persist across a restart, and private SWOT drafts never
 * reach anybody else over the wire until they are published.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/closeCodes';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { addGoal, addSwotCard, boardMeasurability, publishDrafts, readGoalTree, readSwot } from '../../shared/schema';
import {
  joinSession,
  opened,
  rawConnect,
  seedSession,
  sleep,
  synced,
  waitFor,
  useRealServers,
} from '../test/harness';
import { enterAsModerator, ok, refusedWith, useSockets } from '../test/sockets';

const { start, client, stop } = useRealServers();
const { connectSocket } = useSockets();

describe('boards', () => {
  it('every board of the steering cycle survives a server restart', async () => {
    const first = await start();
    const { session } = await seedSession(first.baseUrl);
    expect(session.template).toBe('steuerungskreislauf');
    const p = await joinSession(first.baseUrl, session.joinCode, 'Anna');
    const author = { participantId: p.participantId, displayName: 'Anna' };
    const swot = client(first.wsUrl, p.docs.swot, p.token);
    const goals = client(first.wsUrl, p.docs.goals, p.token);
    await Promise.all([synced(swot), synced(goals)]);
    addSwotCard(swot.doc, { origin: 'a', author }, { quadrant: 'schwaechen', text: 'Zu wenige Ganztagsplätze' });
    const leitbild = addGoal(goals.doc, { origin: 'a', author }, { level: 'leitbild', title: 'Bildung für alle' });
    addGoal(goals.doc, { origin: 'a', author }, { level: 'strategisch', parentId: leitbild, title: 'Übergänge gestalten' });
    await sleep(300);
    swot.destroy();
    goals.destroy();
    await stop(first);

    const second = await start({ dataDir: first.dataDir });
    const swot2 = client(second.wsUrl, p.docs.swot, p.token);
    const goals2 = client(second.wsUrl, p.docs.goals, p.token);
    await Promise.all([synced(swot2), synced(goals2)]);
    expect(readSwot(swot2.doc).cards.map((c) => c.text)).toEqual(['Zu wenige Ganztagsplätze']);
    const tree = readGoalTree(goals2.doc);
    expect(tree.nodes.map((n) => n.title).sort()).toEqual(['Bildung für alle', 'Übergänge gestalten']);
    expect(boardMeasurability(goals2.doc)).toMatchObject({ measurable: 0, total: 1 });
  });

  it('private drafts open for their owner only and never cross the wire before they are published', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const bernd = await joinSession(srv.baseUrl, session.joinCode, 'Bernd');
    const obs = await joinSession(srv.baseUrl, session.observerCode, 'Presse');

    // Nobody else may open Anna's drafts, whatever their role.
    for (const other of [bernd, obs]) {
      const conn = rawConnect(`${srv.wsUrl}/${anna.privateDocs.drafts}?token=${other.token}`);
      expect((await conn.closed).code).toBe(CloseCode.forbidden.code);
      expect(conn.frames).toHaveLength(0);
    }

    // Bernd and the observer listen to everything the server sends on the board.
    const listeners = [bernd, obs].map((o) => rawConnect(`${srv.wsUrl}/${anna.docs.swot}?token=${o.token}&v=${PROTOCOL_VERSION}`));
    await Promise.all(listeners.map(opened));
    const berndBoard = client(srv.wsUrl, bernd.docs.swot, bernd.token);
    const drafts = client(srv.wsUrl, anna.privateDocs.drafts, anna.token);
    const board = client(srv.wsUrl, anna.docs.swot, anna.token);
    await Promise.all([synced(berndBoard), synced(drafts), synced(board)]);

    const ctx = { origin: 'anna', author: { participantId: anna.participantId, displayName: 'Anna' } };
    const secret = 'Geheimer Gedanke zur Schulsozialarbeit';
    const id = addSwotCard(drafts.doc, ctx, { quadrant: 'chancen', text: secret });
    await sleep(500);
    const heard = () => Buffer.concat(listeners.flatMap((l) => l.frames)).toString('utf8');
    expect(heard()).not.toContain(secret);
    expect(heard()).not.toContain(id);
    expect(readSwot(berndBoard.doc).cards).toHaveLength(0);

    publishDrafts(drafts.doc, board.doc, ctx);
    await waitFor(() => readSwot(berndBoard.doc).cards.some((c) => c.text === secret), 'published card at Bernd');
    await waitFor(() => heard().includes(secret), 'published card on the wire');
    expect(readSwot(drafts.doc).cards).toHaveLength(0);
    for (const l of listeners) l.ws.close();
  });

  it('the moderator publishes everyone’s drafts at once without seeing them first', async () => {
    const srv = await start();
    const { session, cookie } = await seedSession(srv.baseUrl);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const mod = await enterAsModerator(srv.baseUrl, cookie, session.id);
    const drafts = client(srv.wsUrl, anna.privateDocs.drafts, anna.token);
    const modBoard = client(srv.wsUrl, mod.docs.swot, mod.token);
    await Promise.all([synced(drafts), synced(modBoard)]);
    const ctx = { origin: 'anna', author: { participantId: anna.participantId, displayName: 'Anna' } };
    addSwotCard(drafts.doc, ctx, { quadrant: 'staerken', text: 'Engagierte Schulleitungen' });
    addSwotCard(drafts.doc, ctx, { quadrant: 'risiken', text: 'Sinkende Schülerzahlen' });
    await sleep(300);
    expect(readSwot(modBoard.doc).cards).toHaveLength(0);

    const modSocket = connectSocket(srv.baseUrl, mod.token);
    await modSocket.welcome;
    const annaSocket = connectSocket(srv.baseUrl, anna.token);
    await annaSocket.welcome;
    expect(await refusedWith(annaSocket, 'drafts.publishAll', {})).toBe('not_moderator');
    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 2 });
    await waitFor(() => readSwot(modBoard.doc).cards.length === 2, 'published cards on the board');
    expect(readSwot(modBoard.doc).cards.every((c) => c.publishedFrom === anna.participantId && c.createdBy.displayName === 'Anna')).toBe(true);
    await waitFor(() => readSwot(drafts.doc).cards.length === 0, 'drafts emptied');
    // A second call finds nothing left and duplicates nothing.
    expect(await ok(modSocket, 'drafts.publishAll', {})).toEqual({ published: 0 });
    expect(readSwot(modBoard.doc).cards).toHaveLength(2);
  });

  it('a malformed percent-encoding in the document name is refused, not a crash', async () => {
    const srv = await start();
    const { session } = await seedSession(srv.baseUrl);
    const anna = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
    const conn = rawConnect(`${srv.wsUrl}/%E0%A4%A?token=${anna.token}`);
    expect((await conn.closed).code).toBe(CloseCode.unknownDocument.code);
    const ok = client(srv.wsUrl, anna.docs.notes, anna.token);
    await synced(ok);
  });
});
