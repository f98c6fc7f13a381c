import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { localeParts } from './tools/localeParts.ts';

/** Tests that need PostgreSQL: the store suite (on both stores) and the server on PostgreSQL. */
const POSTGRES_TESTS = ['server/store/**/*.test.ts'];

// Unit tests sit next to the code (*.test.ts); integration tests start the real server on
// port 0 with a real SQLite file (server/**/*.int.test.ts). e2e/ belongs to Playwright.
export default defineConfig({
  // The client's strings are served split (client/lib/locales.ts), in tests as in the build.
  plugins: [localeParts(resolve(import.meta.dirname, 'client/locales'))],
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'tools/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...POSTGRES_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'store',
          include: POSTGRES_TESTS,
          // One throwaway PostgreSQL cluster per run (server/test/postgres.ts), started only when
          // one of these files runs.
          globalSetup: ['server/test/postgresSetup.ts'],
        },
      },
    ],
  },
});
