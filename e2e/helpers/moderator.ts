/** Moderator flow: sign in, create a session, open its room. */
import { expect, request, type Page } from '@playwright/test';
import type { SessionForModerator } from '../../shared/api';
import type { SessionKind } from '../../shared/domain';
import { E2E_ADMIN, E2E_BASE_URL } from './env';

export async function loginAsModerator(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/sessions$/);
}

/** Creates a session through the dashboard form; the dashboard must be open. */
export async function createSessionInUi(page: Page, title: string, kind: SessionKind = 'bildungskonferenz'): Promise<void> {
  await page.getByTestId('session-create-title').fill(title);
  await page.getByTestId('session-create-kind').selectOption(kind);
  // The date defaults to today.
  await expect(page.getByTestId('session-create-date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByTestId('session-create-submit').click();
  // New sessions are listed first; `first()` also copes with a title left over from a retry.
  await expect(page.getByTestId('session-list-item').filter({ hasText: title }).first()).toBeVisible();
}

/** Opens a session's room from the dashboard (POST /enter) and waits until it is connected. */
export async function openSessionFromDashboard(page: Page, title: string): Promise<void> {
  const item = page.getByTestId('session-list-item').filter({ hasText: title }).first();
  await item.getByTestId('session-open').click();
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('session-title')).toHaveText(title);
}

/** Reads the join code shown in the room's moderator panel, without the dash. */
export async function readJoinCode(page: Page): Promise<string> {
  const code = page.getByTestId('session-join-code');
  await expect(code).toHaveText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  return (await code.innerText()).replace('-', '');
}

/** Creates a session over the HTTP API (for tests that only need one to exist). */
export async function createSessionViaApi(title: string, kind: SessionKind = 'arbeitsgruppe'): Promise<SessionForModerator> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    const login = await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
    expect(login.status()).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const res = await api.post('/api/sessions', { data: { title, kind, date: today } });
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { session: SessionForModerator };
    return body.session;
  } finally {
    await api.dispose();
  }
}
