import type { DocStore, StoredDoc } from '../types';
import type { PgDb, Queryable } from './db';

interface PendingAppend {
  docName: string;
  updates: Uint8Array[];
  resolve: (seq: number) => void;
  reject: (err: unknown) => void;
}

/**
 * The Yjs update log in PostgreSQL: one row per appended update, compacted into one state row.
 *
 * Group commit: the appends of one event-loop turn (across documents) are written in one
 * transaction, and each caller's promise resolves only after that transaction committed, so an
 * update is durable before it is relayed. Writes run one after another (the next turn's batch
 * waits for the previous commit), which keeps the append order per document and lets the
 * sequence numbers be taken from `MAX(seq)` inside the transaction; compactions join the same line.
 */
export class PgDocStore implements DocStore {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  /** The tail of the write line: resolves when every write queued so far has finished. */
  private line: Promise<void> = Promise.resolve();

  constructor(private readonly db: PgDb) {}

  async load(docName: string): Promise<StoredDoc> {
    const rows = await this.db.all<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq', [docName]);
    let byteSize = 0;
    const updates = rows.map((r) => {
      byteSize += r.data.byteLength;
      return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    });
    return { updates, lastSeq: rows.at(-1)?.seq ?? 0, rowCount: rows.length, byteSize };
  }

  append(docName: string, updates: Uint8Array[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ docName, updates, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          const batch = this.pending;
          this.pending = [];
          this.enqueue(() => this.commit(batch));
        });
      }
    });
  }

  async compact(docName: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    if (uptoSeq <= 0) return;
    // The state row takes the sequence number of the last row it replaces, so rows appended
    // later keep sorting after it.
    await this.enqueue(() =>
      this.db.tx(async (q) => {
        await this.db.run('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?', [docName, uptoSeq], q);
        await this.db.run('INSERT INTO doc_updates (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)', [docName, uptoSeq, toBuffer(state), new Date().toISOString()], q);
      }),
    );
  }

  /** Every write queued so far has finished (for close). */
  async drain(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) await new Promise((r) => setImmediate(r));
    await this.line;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.line.then(work);
    this.line = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    let lastSeqs: number[];
    try {
      lastSeqs = await this.db.tx((q) => writeBatch(this.db, q, batch));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => p.resolve(lastSeqs[i]!));
  }
}

/** Inserts every update of the batch (in order per document) and returns each append's last sequence number. */
async function writeBatch(db: PgDb, q: Queryable, batch: PendingAppend[]): Promise<number[]> {
  const names = [...new Set(batch.map((p) => p.docName))];
  const rows = await db.all<{ doc_name: string; seq: number }>(
    'SELECT doc_name, MAX(seq) AS seq FROM doc_updates WHERE doc_name = ANY(?::text[]) GROUP BY doc_name',
    [names],
    q,
  );
  const last = new Map(rows.map((r) => [r.doc_name, r.seq]));
  const docNames: string[] = [];
  const seqs: number[] = [];
  const data: Buffer[] = [];
  const lastSeqs = batch.map((p) => {
    let seq = last.get(p.docName) ?? 0;
    for (const u of p.updates) {
      docNames.push(p.docName);
      seqs.push(++seq);
      data.push(toBuffer(u));
    }
    last.set(p.docName, seq);
    return seq;
  });
  if (docNames.length > 0) {
    await db.run(
      'INSERT INTO doc_updates (doc_name, seq, data, created_at) SELECT d, s, b, ? FROM unnest(?::text[], ?::bigint[], ?::bytea[]) AS u(d, s, b)',
      [new Date().toISOString(), docNames, seqs, data],
      q,
    );
  }
  return lastSeqs;
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
