/**
 * Edit-to-durable latency for Werkraum, measured from outside the server: a child process of
 * bench/run.ts opens the server's SQLite file READ-ONLY and polls the update log every few ms.
 * An edit counts as durable at the first poll that finds it in a committed row — exactly what a
 * restarted server would load. (WAL mode: readers see only committed transactions.)
 *
 * Rows are decoded with Y.decodeUpdate and the edit marker (client, seq, phase, due time) is read
 * from the item's content. When a compaction folded new rows into a state row before the poller
 * saw them, that state row is decoded too (markers seen before are skipped), so edits that land
 * next to a compaction are not dropped from the statistics.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { Histogram } from './lib/histogram';
import type { FromDurable, ToDurable } from './lib/ipc';
import type { PhaseWindow } from './lib/recorder';
import { markerOf, now } from './lib/workload';

const send = (msg: FromDurable) => process.send?.(msg);

let db: Database.Database | undefined;
let select: Database.Statement<[string, number], { seq: number; data: Buffer }> | undefined;
let docName = '';
let lastSeq = 0;
let window: PhaseWindow | null = null;
let hist = new Histogram();
let sentHist = new Histogram();
let seen = new Set<string>();
let rows = 0;
let stateRows = 0;
let timer: NodeJS.Timeout | undefined;

function poll(): void {
  if (!select) return;
  const found = select.all(docName, lastSeq);
  if (found.length === 0) return;
  const t = now();
  for (const row of found) {
    lastSeq = Math.max(lastSeq, row.seq);
    rows++;
    if (!window) continue;
    if (row.data.byteLength > 64 * 1024) stateRows++;
    const update = Y.decodeUpdate(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    for (const struct of update.structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
      for (const value of struct.content.arr) {
        const v = markerOf(value);
        if (!v || v.p !== window.id || v.d < window.from || v.d >= window.to) continue;
        const id = `${v.c}:${v.i}`;
        if (seen.has(id)) continue;
        seen.add(id);
        hist.add(t - v.d);
        sentHist.add(t - v.s);
      }
    }
  }
}

process.on('message', (raw) => {
  const msg = raw as ToDurable;
  try {
    switch (msg.type) {
      case 'init': {
        db = new Database(msg.dbFile, { readonly: true, fileMustExist: true });
        select = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq');
        docName = msg.docName;
        poll(); // skip what is stored already
        timer = setInterval(poll, msg.pollMs);
        send({ type: 'ready' });
        break;
      }
      case 'phase':
        poll();
        window = msg.window;
        hist = new Histogram();
        sentHist = new Histogram();
        seen = new Set();
        rows = 0;
        stateRows = 0;
        break;
      case 'collect': {
        poll();
        const id = window?.id ?? -1;
        window = null;
        send({ type: 'collected', id, dueToDurable: hist.toJSON(), sentToDurable: sentHist.toJSON(), rows, stateRows });
        break;
      }
      case 'close':
        if (timer) clearInterval(timer);
        db?.close();
        process.exit(0);
    }
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
