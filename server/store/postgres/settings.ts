import type { SettingKey, SettingsStore, StoredSetting } from '../types';
import type { PgDb } from './db';

/** The installation's settings (e.g. its privacy notice) in PostgreSQL, one row per key. */
export class PgSettingsStore implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  async get(key: SettingKey): Promise<StoredSetting | undefined> {
    const row = await this.db.one<{ value: string; updated_by: string; updated_at: string }>(
      'SELECT value, updated_by, updated_at FROM settings WHERE key = ?',
      [key],
    );
    return row ? { value: row.value, updatedBy: row.updated_by, updatedAt: row.updated_at } : undefined;
  }

  async set(key: SettingKey, value: string | null, by: string, at: string): Promise<void> {
    if (value === null) await this.db.run('DELETE FROM settings WHERE key = ?', [key]);
    else
      await this.db.run(
        `INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [key, value, by, at],
      );
  }
}
