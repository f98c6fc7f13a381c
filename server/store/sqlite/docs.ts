import type Database from 'better-sqlite3';
import type { DocStore, StoredDoc } from '../types';

/** The Yjs update log in SQLite: one row per appended update, compacted into one state row. */
export class SqliteDocStore implements DocStore {
  private readonly selectRows: Database.Statement<[string], { seq: number; data: Buffer }>;
  private readonly selectLastSeq: Database.Statement<[string], { seq: number | null }>;
  private readonly insertRow: Database.Statement<[string, number, Buffer, string]>;
  private readonly deleteUpTo: Database.Statement<[string, number]>;
  private readonly appendMany: (docName: string, updates: Uint8Array[]) => number;
  private readonly compactTx: (docName: string, state: Uint8Array, uptoSeq: number) => void;

  constructor(private readonly db: Database.Database) {
    this.selectRows = db.prepare('SELECT seq, data FROM doc_updates WHERE doc_name = ? ORDER BY seq');
    this.selectLastSeq = db.prepare('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc_name = ?');
    this.insertRow = db.prepare('INSERT INTO doc_updates (doc_name, seq, data, created_at) VALUES (?, ?, ?, ?)');
    this.deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE doc_name = ? AND seq <= ?');
    this.appendMany = db.transaction((docName: string, updates: Uint8Array[]) => {
      let seq = this.selectLastSeq.get(docName)?.seq ?? 0;
      const now = new Date().toISOString();
      for (const u of updates) this.insertRow.run(docName, ++seq, toBuffer(u), now);
      return seq;
    });
    // The state row takes the sequence number of the last row it replaces, so rows appended
    // later keep sorting after it.
    this.compactTx = db.transaction((docName: string, state: Uint8Array, uptoSeq: number) => {
      this.deleteUpTo.run(docName, uptoSeq);
      this.insertRow.run(docName, uptoSeq, toBuffer(state), new Date().toISOString());
    });
  }

  async load(docName: string): Promise<StoredDoc> {
    const rows = this.selectRows.all(docName);
    let byteSize = 0;
    const updates = rows.map((r) => {
      byteSize += r.data.byteLength;
      return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength);
    });
    return { updates, lastSeq: rows.at(-1)?.seq ?? 0, rowCount: rows.length, byteSize };
  }

  async append(docName: string, updates: Uint8Array[]): Promise<number> {
    return this.appendMany(docName, updates);
  }

  async compact(docName: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    if (uptoSeq <= 0) return;
    this.compactTx(docName, state, uptoSeq);
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
