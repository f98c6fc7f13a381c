/**
 * A fresh, empty PostgreSQL namespace for one test: its own schema in the run's test database
 * (`postgresSetup.ts`), reached through a connection string whose `search_path` names it, so the
 * store migrates and uses it as if it were a database of its own. `drop` removes it; what is
 * left goes with the run's database. (A schema is made in milliseconds, a database in a few
 * hundred.)
 */
import { inject } from 'vitest';
import { adminQuery, randomDatabaseName } from './postgres';

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = inject('postgresTestDatabaseUrl');
  const schema = randomDatabaseName('t');
  await adminQuery(base, `CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    url: url.toString(),
    drop: () => adminQuery(base, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
