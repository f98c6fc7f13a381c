import type { SettingKey, SettingsStore, StoredSetting } from '../types';
import type { PgDb } from './db';

/** Each organisation's settings (e.g. its privacy notice) in PostgreSQL, one row per organisation and key. */
export class PgSettingsStore implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  async get(organisationId: string, key: SettingKey): Promise<StoredSetting | undefined> {
    const row = await this.db.one<{ value: string; updated_by: string; updated_at: string }>(
      'SELECT value, updated_by, updated_at FROM organisation_settings WHERE organisation_id = ? AND key = ?',
      [organisationId, key],
    );
    return row ? { value: row.value, updatedBy: row.updated_by, updatedAt: row.updated_at } : undefined;
  }

  async set(organisationId: string, key: SettingKey, value: string | null, by: string, at: string): Promise<void> {
    if (value === null) await this.db.run('DELETE FROM organisation_settings WHERE organisation_id = ? AND key = ?', [organisationId, key]);
    else
      await this.db.run(
        `INSERT INTO organisation_settings (organisation_id, key, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (organisation_id, key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [organisationId, key, value, by, at],
      );
  }
}
