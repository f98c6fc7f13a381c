/**
 * The Yjs endpoint against the real server, real SQLite file and stock WebsocketProvider clients.
 */
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { join as joinPath } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/closeCodes';
import { Limits } from '../../shared/limits';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { getNotesFragment } from '../../shared/schema';
import {
  type InProcess,
  joinSession,
  opened,
  rowCount,
  rawConnect,
  seedSession,
  sleep,
  synced,
  waitFor,
  useRealServers,
} from '../test/harness';

const { start, client, stop } = useRealServers();

async function twoParticipants(srv: InProcess) {
  const { session, cookie } = await seedSession(srv.baseUrl);
  const a = await joinSession(srv.baseUrl, session.joinCode, 'Anna');
  const b = await joinSession(srv.baseUrl, session.joinCode, 'Bernd');
  return { session, cookie, a, b, docName: a.docs.actions };
}

/** A plain text every client may write: one Zielfeld of the action plan (see schema/actions.ts). */
const T = 'aktion:ziel-1:wirkungen';

describe('Yjs endpoint', () => {
  it('two clients converge on concurrent edits, and new clients see the stored state', async () => {
    const srv = await start();
    const { a, b, docName } = await twoParticipants(srv);
    const ca = client(srv.wsUrl, docName, a.token);
    const cb = client(srv.wsUrl, docName, b.token);
    await Promise.all([synced(ca), synced(cb)]);
    // The server ran the schema migration before anyone synced.
    expect(ca.doc.getMap('meta').get('schemaVersion')).toBe(1);

    const ta = ca.doc.getText(T);
    const tb = cb.doc.getText(T);
    for (let i = 0; i < 20; i++) {
      ta.insert(0, `a${i} `);
      tb.insert(tb.length, `b${i} `);
    }
    await waitFor(() => ta.toString() === tb.toString() && (ta.toString().match(/a\d+ /g) ?? []).length === 20 && (tb.toString().match(/b\d+ /g) ?? []).length === 20, 'all edits on both sides');

    const cc = client(srv.wsUrl, docName, b.token);
    await synced(cc);
    expect(cc.doc.getText(T).toString()).toBe(ta.toString());
  });

  it('refuses a missing, wrong or foreign token with 4401/4403 before sending any content', async () => {
    const srv = await start();
    const { docName } = await twoParticipants(srv);
    const other = await seedSession(srv.baseUrl);
    const foreign = await joinSession(srv.baseUrl, other.session.joinCode, 'Fremd');

    const cases: [string, number][] = [
      [`${srv.wsUrl}/${docName}`, CloseCode.unauthenticated.code],
      [`${srv.wsUrl}/${docName}?token=not-a-token`, CloseCode.unauthenticated.code],
      [`${srv.wsUrl}/${docName}?token=${foreign.token}`, CloseCode.forbidden.code],
      [`${srv.wsUrl}/nonsense?token=${foreign.token}`, CloseCode.unknownDocument.code],
      [`${srv.wsUrl}/${docName}?token=${foreign.token}&v=0`, CloseCode.protocolTooOld.code],
    ];
    for (const [url, code] of cases) {
      const conn = rawConnect(url);
      const closed = await conn.closed;
      expect(closed.code, url).toBe(code);
      expect(conn.frames, url).toHaveLength(0);
    }
  });

  it('the stock client stops retrying after an authentication failure', async () => {
    const srv = await start();
    const { docName } = await twoParticipants(srv);
    const c = client(srv.wsUrl, docName, 'wrong-token');
    await waitFor(() => c.closes.length > 0, 'close');
    await sleep(1000); // maxBackoffTime is 200 ms: a retrying client would have tried again
    expect(c.closes).toEqual([CloseCode.unauthenticated.code]);
    expect(c.provider.synced).toBe(false);
  });

  it('refuses a browser connection from a foreign Origin', async () => {
    const srv = await start();
    const { a, docName } = await twoParticipants(srv);
    const conn = rawConnect(`${srv.wsUrl}/${docName}?token=${a.token}`, { Origin: 'https://evil.example' });
    expect((await conn.closed).code).toBe(CloseCode.forbidden.code);
    expect(conn.frames).toHaveLength(0);
    const same = rawConnect(`${srv.wsUrl}/${docName}?token=${a.token}`, { Origin: srv.baseUrl });
    await opened(same);
    await waitFor(() => same.frames.length > 0, 'sync step 1 from the server');
    same.ws.close();
  });

  it("an observer's edits are never applied, relayed or stored", async () => {
    const srv = await start();
    const { session, a, docName } = await twoParticipants(srv);
    const obs = await joinSession(srv.baseUrl, session.observerCode, 'Beobachterin');
    expect(obs.role).toBe('observer');
    const cp = client(srv.wsUrl, docName, a.token);
    const co = client(srv.wsUrl, docName, obs.token);
    await Promise.all([synced(cp), synced(co)]);

    co.doc.getText(T).insert(0, 'observer was here');
    cp.doc.getText(T).insert(0, 'participant text');
    await waitFor(() => co.doc.getText(T).toString().includes('participant text'), 'observer receives');
    await sleep(300);
    expect(cp.doc.getText(T).toString()).toBe('participant text');

    const fresh = client(srv.wsUrl, docName, a.token);
    await synced(fresh);
    expect(fresh.doc.getText(T).toString()).toBe('participant text');
  });

  it('a burst of edits reaches a peer as fewer, merged frames that were all stored before they were sent', async () => {
    const srv = await start();
    const { a, b, docName } = await twoParticipants(srv);
    const ca = client(srv.wsUrl, docName, a.token);
    await synced(ca);
    const db = new Database(joinPath(srv.dataDir, 'werkraum.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY seq');
    const storedStateVector = () => {
      const d = new Y.Doc();
      for (const r of rows.all(docName) as { data: Buffer }[]) Y.applyUpdate(d, r.data);
      return Y.decodeStateVector(Y.encodeStateVector(d));
    };
    // A raw peer: records every relayed update and, the moment it arrives (the server runs in
    // this process, so nothing can commit in between), checks it against the committed log.
    const peer = rawConnect(`${srv.wsUrl}/${docName}?token=${b.token}&v=${PROTOCOL_VERSION}`);
    const relayed: Uint8Array[] = [];
    const unstored: string[] = [];
    peer.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 2) return;
      const update = decoding.readVarUint8Array(d);
      relayed.push(update);
      const stored = storedStateVector();
      for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
        if ((stored.get(clientId) ?? 0) < clock) unstored.push(`${clientId}:${clock}`);
      }
    });
    await opened(peer);
    await waitFor(() => peer.frames.length > 0, 'server sync step 1');

    // 60 separate transactions in one turn: the stock provider sends 60 frames back to back.
    const board = ca.doc.getMap('links');
    for (let i = 0; i < 60; i++) board.set(`g${i}:n${i}`, { goalId: `g${i}`, nodeId: `n${i}` });
    const mirror = new Y.Doc();
    await waitFor(() => {
      for (const u of relayed.splice(0)) Y.applyUpdate(mirror, u);
      return mirror.getMap('links').size === 60;
    }, 'peer has every edit');
    db.close();
    const frames = peer.frames.filter((f) => f[0] === 0 && f[1] === 2).length;
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(60);
    expect(unstored).toEqual([]);
    expect(mirror.getMap('links').toJSON()).toEqual(board.toJSON());
    peer.ws.close();
  });

  it('a malformed frame closes only its own connection; the room carries on', async () => {
    const srv = await start();
    const { a, b, docName } = await twoParticipants(srv);
    const ca = client(srv.wsUrl, docName, a.token);
    const cb = client(srv.wsUrl, docName, b.token);
    await Promise.all([synced(ca), synced(cb)]);
    ca.doc.getText(T).insert(0, 'before ');
    await waitFor(() => cb.doc.getText(T).toString() === 'before ', 'first edit');

    const garbage: Uint8Array[] = [
      new Uint8Array([0, 2, 0xff, 0xff, 0xff]), // truncated varint inside an update
      new Uint8Array([7, 1, 2, 3]), // unknown message type
      (() => { const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, new Uint8Array([1, 0xff, 0xff, 0xff, 0x0f, 1, 0])); return encoding.toUint8Array(e); })(), // update claiming ~2^32 structs
      (() => { const e = encoding.createEncoder(); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b])); return encoding.toUint8Array(e); })(), // awareness with invalid JSON
    ];
    for (const bad of garbage) {
      const conn = rawConnect(`${srv.wsUrl}/${docName}?token=${a.token}&v=${PROTOCOL_VERSION}`);
      await opened(conn);
      conn.ws.send(bad);
      expect((await conn.closed).code).toBe(CloseCode.badRequest.code);
    }
    ca.doc.getText(T).insert(7, 'after');
    await waitFor(() => cb.doc.getText(T).toString() === 'before after', 'room still works');
    const fresh = client(srv.wsUrl, docName, b.token);
    await synced(fresh);
    expect(fresh.doc.getText(T).toString()).toBe('before after');
  });

  it('an oversized frame closes its connection with 4413 (1009 above the hard cap); others carry on', async () => {
    const srv = await start();
    const { a, b, docName } = await twoParticipants(srv);
    const cb = client(srv.wsUrl, docName, b.token);
    await synced(cb);
    for (const [size, code] of [
      [Limits.maxFrameBytes + 1, CloseCode.payloadTooLarge.code],
      [Limits.hardMaxFrameBytes + 1, CloseCode.frameTooLarge.code],
    ] as const) {
      const conn = rawConnect(`${srv.wsUrl}/${docName}?token=${a.token}`);
      await opened(conn);
      conn.ws.send(new Uint8Array(size));
      expect((await conn.closed).code).toBe(code);
    }
    const ca = client(srv.wsUrl, docName, a.token);
    await synced(ca);
    ca.doc.getText(T).insert(0, 'still fine');
    await waitFor(() => cb.doc.getText(T).toString() === 'still fine', 'room still works');
  });

  it('a document over the size cap refuses the update with 4409 and keeps what it had', async () => {
    const srv = await start({ env: { WERKRAUM_MAX_DOCUMENT_BYTES: '4096' } });
    const { a, b, docName } = await twoParticipants(srv);
    const ca = client(srv.wsUrl, docName, a.token);
    const cb = client(srv.wsUrl, docName, b.token);
    await Promise.all([synced(ca), synced(cb)]);
    ca.doc.getText(T).insert(0, 'small');
    await waitFor(() => cb.doc.getText(T).toString() === 'small', 'small edit');
    ca.doc.getText(T).insert(5, 'x'.repeat(8000));
    await waitFor(() => ca.closes.includes(CloseCode.documentTooLarge.code), 'size-cap close');
    await sleep(200);
    expect(cb.doc.getText(T).toString()).toBe('small');
  });

  it('stores every update: a restarted server serves what it had; the log is compacted on unload and past the threshold', async () => {
    const first = await start({ env: { WERKRAUM_COMPACT_AFTER_UPDATES: '20' } });
    const { a } = await twoParticipants(first);
    const docName = a.docs.notes;
    const ca = client(first.wsUrl, docName, a.token);
    await synced(ca);
    const frag = getNotesFragment(ca.doc);
    for (let i = 0; i < 45; i++) {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`Absatz ${i}`)]);
      frag.insert(frag.length, [p]);
      if (i % 10 === 9) await sleep(50);
    }
    await waitFor(() => (first.server.sync.peerCount === 1), 'peer');
    const shared = (await first.server.sync.loadedDocs()).get(docName)!;
    await waitFor(() => shared.stats().lastSeq >= 46, 'all updates stored');
    // Compacted past the threshold while editing: far fewer rows than updates.
    expect(rowCount(first.dataDir, docName)).toBeLessThanOrEqual(21);

    ca.destroy();
    await waitFor(() => first.server.sync.peerCount === 0, 'disconnect');
    await waitFor(() => rowCount(first.dataDir, docName) === 1, 'compaction on unload');
    await waitFor(() => !first.server.sync.isLoaded(docName), 'unloaded from memory');
    await stop(first);

    const second = await start({ dataDir: first.dataDir });
    const again = client(second.wsUrl, docName, a.token);
    await synced(again);
    expect(getNotesFragment(again.doc).length).toBe(45);
    expect(getNotesFragment(again.doc).toString()).toBe(frag.toString());
  });
});
