/**
 * A second staff account (a colleague in the installation's first organisation) for tests that
 * need two logins, with a password at once: written into the e2e server's own SQLite file with the
 * server's own store and password hashing (as the start-up bootstrap does), then logged in over
 * HTTP. (The app's own way, a colleague's one-time link, is walked in team.spec.ts.)
 */
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { hashPassword } from '../../server/auth/passwords';
import { createSqliteStore } from '../../server/store/sqlite';

export async function createAccount(email: string, displayName: string, password: string): Promise<string> {
  const dataDir = process.env.WERKRAUM_E2E_DATA_DIR;
  if (!dataDir) throw new Error('WERKRAUM_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const store = createSqliteStore(resolve(dataDir, 'werkraum.sqlite'), 'normal');
  try {
    return (await store.accounts.upsert({ email, displayName, passwordHash: await hashPassword(password) })).id;
  } finally {
    await store.close();
  }
}

export async function loginAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/sessions$/);
}
