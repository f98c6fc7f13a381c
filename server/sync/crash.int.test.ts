/**
 * Durability under SIGKILL: the server runs as a child process and is killed while a client
 * types. Every update that another client had received must be there after the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ChildServer,
  type Client,
  cleanup,
  connect,
  freePort,
  joinSession,
  rowCount,
  seedSession,
  sleep,
  startChildServer,
  synced,
  tempDir,
  waitFor,
} from '../test/harness';

const children: ChildServer[] = [];
const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of children.splice(0)) s.child.kill('SIGKILL');
});

/** True when `a` holds every update `b` holds (per-client clocks). */
function covers(a: Y.Doc, b: Y.Doc): boolean {
  const sa = Y.decodeStateVector(Y.encodeStateVector(a));
  for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(b))) {
    if ((sa.get(clientId) ?? 0) < clock) return false;
  }
  return true;
}

describe('crash durability', () => {
  it('every update a client had received survives kill -9 of the server, over repeated cycles', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    try {
      let srv = await startChildServer(dataDir, port);
      children.push(srv);
      const { session } = await seedSession(srv.baseUrl);
      const writer = await joinSession(srv.baseUrl, session.joinCode, 'Schreiberin');
      const reader = await joinSession(srv.baseUrl, session.joinCode, 'Leser');
      const docName = writer.docs.actions;
      const cycles = 3;
      let typed = 0;

      for (let cycle = 0; cycle < cycles; cycle++) {
        const w = connect(srv.wsUrl, docName, writer.token);
        const r = connect(srv.wsUrl, docName, reader.token);
        clients.push(w, r);
        await Promise.all([synced(w), synced(r)]);
        // Type at ~30 edits/s until the kill.
        let typing = true;
        const loop = (async () => {
          while (typing) {
            w.doc.getText('aktion:ziel-1:wirkungen').insert(w.doc.getText('aktion:ziel-1:wirkungen').length, `${cycle}:${typed++} `);
            await sleep(30);
          }
        })();
        await sleep(700);
        srv.child.kill('SIGKILL');
        await srv.exited;
        typing = false;
        await loop;
        // What the reader had received at the moment of the kill.
        const snapshot = new Y.Doc();
        Y.applyUpdate(snapshot, Y.encodeStateAsUpdate(r.doc));
        w.provider.disconnect();
        r.provider.disconnect();
        expect(snapshot.getText('aktion:ziel-1:wirkungen').length).toBeGreaterThan(0);

        srv = await startChildServer(dataDir, port);
        children.push(srv);
        const check = connect(srv.wsUrl, docName, reader.token);
        clients.push(check);
        await synced(check);
        expect(covers(check.doc, snapshot), `cycle ${cycle}: an update the reader had seen is missing`).toBe(true);
        // No duplicated content: each typed token appears at most once.
        const tokens = check.doc.getText('aktion:ziel-1:wirkungen').toString().trim().split(' ');
        expect(new Set(tokens).size).toBe(tokens.length);

        // The writer comes back and re-sends what the server never stored; all converge.
        w.provider.connect();
        await waitFor(() => check.doc.getText('aktion:ziel-1:wirkungen').toString() === w.doc.getText('aktion:ziel-1:wirkungen').toString(), 'writer resync', 15_000);
        check.destroy();
        w.destroy();
        r.destroy();
      }
      // A clean shutdown with a client still connected: stored, compacted, exit code 0.
      const last = connect(srv.wsUrl, docName, reader.token);
      clients.push(last);
      await synced(last);
      last.doc.getText('aktion:ziel-1:wirkungen').insert(0, 'final ');
      await waitFor(() => rowCount(dataDir, docName) > 1, 'final edit stored');
      srv.child.kill('SIGTERM');
      expect(await srv.exited).toBe(0);
      expect(rowCount(dataDir, docName)).toBe(1);
    } finally {
      cleanup(dataDir);
    }
  }, 120_000);
});
