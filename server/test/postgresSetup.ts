/**
 * Vitest global setup: one PostgreSQL cluster for the whole run (or WERKRAUM_TEST_DATABASE_URL),
 * and one database of the run in it, where each test gets a schema of its own (`postgresTestDb.ts`).
 * The migrations are applied once here, so a broken migration fails the run with one message.
 */
import type { TestProject } from 'vitest/node';
import { createPostgresStore } from '../store/postgres';
import { adminQuery, databaseUrl, randomDatabaseName, startTestCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's database on the test server (tests make schemas in it). */
    postgresTestDatabaseUrl: string;
    /** The server's maintenance database (for integration tests that need a database of their own). */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.WERKRAUM_TEST_DATABASE_URL?.trim();
  const cluster = external ? undefined : await startTestCluster();
  const adminUrl = external || cluster!.adminUrl;
  const database = randomDatabaseName('werkraum_test');
  const url = databaseUrl(adminUrl, database);
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
    // The ballot tests read raw pages to show that a closed round's ballots are gone.
    await adminQuery(url, 'CREATE EXTENSION IF NOT EXISTS pageinspect');
    const store = await createPostgresStore(url, { poolSize: 1 });
    await store.close();
  } catch (err) {
    cluster?.stop();
    throw new Error(`PostgreSQL for the tests is not usable (${external ? 'WERKRAUM_TEST_DATABASE_URL' : 'own cluster'}): ${(err as Error).message}`, { cause: err });
  }
  project.provide('postgresTestDatabaseUrl', url);
  project.provide('postgresAdminUrl', adminUrl);
  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    cluster?.stop();
  };
}
