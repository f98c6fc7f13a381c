import type { Config } from '../config';
import { createPostgresStore } from './postgres';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';

/** The store the configuration names: PostgreSQL when `DATABASE_URL` is set, else the SQLite file in the data directory. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dbFile' | 'sqliteSync'>): Promise<Store> {
  if (config.databaseUrl) return createPostgresStore(config.databaseUrl);
  return createSqliteStore(config.dbFile, config.sqliteSync);
}
