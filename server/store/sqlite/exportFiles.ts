import type Database from 'better-sqlite3';
import type { ExportFileStore, StoredExportFile } from '../types';
import { type FileRow, toFile } from '../rows/exportFiles';

/** Rendered files in SQLite, one row per key; the first stored file for a key stays. */
export class SqliteExportFileStore implements ExportFileStore {
  private readonly select: Database.Statement<[string], FileRow>;
  private readonly insert: Database.Statement<[string, string, string, string, Buffer, string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT * FROM export_files WHERE key = ?');
    this.insert = db.prepare(
      `INSERT INTO export_files (key, draft_id, file_name, mime_type, bytes, sha512, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(key) DO NOTHING`,
    );
  }

  async get(key: string): Promise<StoredExportFile | undefined> {
    const row = this.select.get(key);
    return row ? toFile(row) : undefined;
  }

  async put(file: StoredExportFile): Promise<StoredExportFile> {
    this.insert.run(file.key, file.draftId, file.fileName, file.mimeType, file.bytes, file.sha512, file.createdAt);
    return toFile(this.select.get(file.key)!);
  }
}
