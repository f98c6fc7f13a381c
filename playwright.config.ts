import { defineConfig, devices } from '@playwright/test';
import { E2E_ADMIN, E2E_BASE_URL } from './e2e/helpers/env';

/**
 * End-to-end tests drive Debian's Chromium (browsers cannot be downloaded here) against a real
 * Werkraum server started from source with a fresh data directory per run. The built client must
 * exist (`npm test` runs `npm run build` first).
 */
const BASE_URL = E2E_BASE_URL;
const PORT = new URL(BASE_URL).port;

// A fresh, empty data directory for every run: tests must not depend on earlier runs.
// The config is evaluated in the runner and in every worker; the env var keeps one directory for all.
const dataDir = (process.env.WERKRAUM_E2E_DATA_DIR ??= `test-results/e2e-data-${Date.now()}`);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // The end of the run names the files that took longest (the suite's time budget is tight).
  reportSlowTests: { max: 12, threshold: 90_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `${BASE_URL}/api/setup`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WERKRAUM_ADMIN_EMAIL: E2E_ADMIN.email,
      WERKRAUM_ADMIN_PASSWORD: E2E_ADMIN.password,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
  },
});
