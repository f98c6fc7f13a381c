import type Database from 'better-sqlite3';
import type { SettingKey, SettingsStore, StoredSetting } from '../types';

interface SettingRow {
  value: string;
  updated_by: string;
  updated_at: string;
}

/** The installation's settings (e.g. its privacy notice) in SQLite, one row per key. */
export class SqliteSettingsStore implements SettingsStore {
  private readonly select: Database.Statement<[string], SettingRow>;
  private readonly upsert: Database.Statement<[string, string, string, string]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT value, updated_by, updated_at FROM settings WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  async get(key: SettingKey): Promise<StoredSetting | undefined> {
    const row = this.select.get(key);
    return row ? { value: row.value, updatedBy: row.updated_by, updatedAt: row.updated_at } : undefined;
  }

  async set(key: SettingKey, value: string | null, by: string, at: string): Promise<void> {
    if (value === null) this.remove.run(key);
    else this.upsert.run(key, value, by, at);
  }
}
