import type { ExportFileStore, StoredExportFile } from '../types';
import type { PgDb } from './db';
import { type FileRow, toFile } from '../rows/exportFiles';

/** Rendered files in PostgreSQL, one row per key; the first stored file for a key stays. */
export class PgExportFileStore implements ExportFileStore {
  constructor(private readonly db: PgDb) {}

  async get(key: string): Promise<StoredExportFile | undefined> {
    const row = await this.db.one<FileRow>('SELECT * FROM export_files WHERE key = ?', [key]);
    return row ? toFile(row) : undefined;
  }

  async put(file: StoredExportFile): Promise<StoredExportFile> {
    await this.db.run(
      `INSERT INTO export_files (key, draft_id, file_name, mime_type, bytes, sha512, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
      [file.key, file.draftId, file.fileName, file.mimeType, file.bytes, file.sha512, file.createdAt],
    );
    return (await this.get(file.key))!;
  }
}
