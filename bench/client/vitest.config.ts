import { defineConfig } from 'vitest/config';

// The client benchmark's own unit tests (its figures and its seeding), outside the project's suite:
// `npx vitest run --config bench/client/vitest.config.ts`.
export default defineConfig({
  test: {
    include: ['bench/client/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
