import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { localeParts } from './tools/localeParts.ts';

// Unit tests sit next to the code (*.test.ts); integration tests start the real server on
// port 0 with a real SQLite file (server/**/*.int.test.ts). e2e/ belongs to Playwright.
export default defineConfig({
  // The client's strings are served split (client/lib/locales.ts), in tests as in the build.
  plugins: [localeParts(resolve(import.meta.dirname, 'client/locales'))],
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster per run for the PostgreSQL store's tests (server/test/postgres.ts).
    globalSetup: ['server/test/postgresSetup.ts'],
  },
});
