import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code (*.test.ts); integration tests start the real server on
// port 0 with a real SQLite file (server/**/*.int.test.ts). e2e/ belongs to Playwright.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
