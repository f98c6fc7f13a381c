/**
 * A fresh PostgreSQL database for one test, cloned from the migrated template of the run
 * (`postgresSetup.ts`); `drop` removes it.
 */
import { inject } from 'vitest';
import { adminQuery, databaseUrl, randomDatabaseName } from './postgres';

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = randomDatabaseName('werkraum_test');
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  return {
    url: databaseUrl(adminUrl, name),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
