import type Database from 'better-sqlite3';
import type { SettingKey, SettingsStore, StoredSetting } from '../types';

interface SettingRow {
  value: string;
  updated_by: string;
  updated_at: string;
}

/** Each organisation's settings (e.g. its privacy notice) in SQLite, one row per organisation and key. */
export class SqliteSettingsStore implements SettingsStore {
  private readonly select: Database.Statement<[string, string], SettingRow>;
  private readonly upsert: Database.Statement<[string, string, string, string, string]>;
  private readonly remove: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT value, updated_by, updated_at FROM organisation_settings WHERE organisation_id = ? AND key = ?');
    this.upsert = db.prepare(
      `INSERT INTO organisation_settings (organisation_id, key, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(organisation_id, key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM organisation_settings WHERE organisation_id = ? AND key = ?');
  }

  async get(organisationId: string, key: SettingKey): Promise<StoredSetting | undefined> {
    const row = this.select.get(organisationId, key);
    return row ? { value: row.value, updatedBy: row.updated_by, updatedAt: row.updated_at } : undefined;
  }

  async set(organisationId: string, key: SettingKey, value: string | null, by: string, at: string): Promise<void> {
    if (value === null) this.remove.run(organisationId, key);
    else this.upsert.run(organisationId, key, value, by, at);
  }
}
