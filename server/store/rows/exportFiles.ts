/**
 * The exportFiles rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */
import type { StoredExportFile } from '../types';

export interface FileRow {
  key: string;
  draft_id: string;
  file_name: string;
  mime_type: string;
  bytes: Buffer;
  sha512: string;
  created_at: string;
}

export const toFile = (r: FileRow): StoredExportFile => ({
  key: r.key,
  draftId: r.draft_id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  bytes: r.bytes,
  sha512: r.sha512,
  createdAt: r.created_at,
});
