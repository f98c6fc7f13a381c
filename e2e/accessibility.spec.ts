import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { createSessionViaApi, loginAsModerator } from './helpers/moderator';
import { joinByLink } from './helpers/participant';
import { typeInNotes, waitForConnected } from './helpers/room';

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('start page', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'start');
    // The form error state is checked too: it adds role="alert" and aria-invalid.
    await page.getByTestId('join-submit').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'start-error');
  });

  test('login page', async ({ page }, testInfo) => {
    await page.goto('/login');
    await expect(page.getByTestId('login-email')).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'login');
    await page.getByTestId('login-email').fill('niemand@example.org');
    await page.getByTestId('login-password').fill('falsches-passwort');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error')).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'login-error');
  });

  test('join page', async ({ page }, testInfo) => {
    const session = await createSessionViaApi(`Arbeitsgruppe Barrierefreiheit ${Date.now()}`);
    await page.goto(`/join/${session.joinCode}`);
    await expect(page.getByTestId('join-session-title')).toHaveText(session.title);
    await expectNoSeriousA11yViolations(page, testInfo, 'join');
  });

  test('dashboard', async ({ page }, testInfo) => {
    await loginAsModerator(page);
    await expect(page.getByTestId('session-create-title')).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, 'dashboard');
  });

  test('session room (participant) and projector view (moderator)', async ({ page, browser }, testInfo) => {
    const session = await createSessionViaApi(`Bildungskonferenz Barrierefreiheit ${Date.now()}`, 'bildungskonferenz');
    await joinByLink(page, session.joinCode, 'Petra Prüferin');
    await waitForConnected(page);
    await typeInNotes(page, 'Barrierefreiheit ist Pflicht (BITV 2.0).');
    await expectNoSeriousA11yViolations(page, testInfo, 'session');

    const moderatorCtx = await browser.newContext();
    try {
      const moderator = await moderatorCtx.newPage();
      await loginAsModerator(moderator);
      await moderator.goto(`/s/${session.id}`);
      await waitForConnected(moderator);
      await expect(moderator.getByTestId('session-qr').locator('svg')).toBeVisible();
      await expectNoSeriousA11yViolations(moderator, testInfo, 'session-moderator');
      await moderator.goto(`/s/${session.id}/beamer`);
      await expect(moderator.getByTestId('session-qr').locator('svg')).toBeVisible();
      await expectNoSeriousA11yViolations(moderator, testInfo, 'beamer');
    } finally {
      await moderatorCtx.close();
    }
  });
});
