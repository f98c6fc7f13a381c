/**
 * Vitest global setup: one PostgreSQL cluster for the whole run (or WERKRAUM_TEST_DATABASE_URL),
 * with a template database migrated once. Tests get fresh databases from it (`postgresTestDb.ts`).
 */
import type { TestProject } from 'vitest/node';
import { createPostgresStore } from '../store/postgres';
import { adminQuery, databaseUrl, randomDatabaseName, startTestCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance database of the test server. */
    postgresAdminUrl: string;
    /** A migrated database to clone per test. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.WERKRAUM_TEST_DATABASE_URL?.trim();
  const cluster = external ? undefined : await startTestCluster();
  const adminUrl = external || cluster!.adminUrl;
  const template = randomDatabaseName('werkraum_template');
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${template}`);
    const store = await createPostgresStore(databaseUrl(adminUrl, template), { poolSize: 1 });
    await store.close();
  } catch (err) {
    cluster?.stop();
    throw new Error(`PostgreSQL for the tests is not usable (${external ? 'WERKRAUM_TEST_DATABASE_URL' : 'own cluster'}): ${(err as Error).message}`, { cause: err });
  }
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresTemplate', template);
  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    cluster?.stop();
  };
}
