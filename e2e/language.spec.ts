import { expect, test } from '@playwright/test';
import { createSessionWithTemplate, openBoard } from './helpers/boards';
import { createSessionViaApi } from './helpers/moderator';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

test.describe('language switch', () => {
  test('switching to English changes the visible text and is remembered', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('An einer Sitzung teilnehmen');
    await expect(page.getByTestId('lang-switch')).toHaveText('English');

    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join a session');
    await expect(page.getByText('Session code', { exact: true })).toBeVisible();
    await expect(page.getByTestId('lang-switch')).toHaveText('Deutsch');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join a session');

    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('An einer Sitzung teilnehmen');
  });

  test('the session room follows the language too', async ({ page }) => {
    const session = await createSessionViaApi(`Arbeitsgruppe Sprache ${Date.now()}`);
    await joinByLink(page, session.joinCode, 'Lea Language');
    await waitForConnected(page);
    await expect(page.getByTestId('connection-state')).toContainText('Verbunden');
    await expect(page.getByRole('heading', { name: 'Gemeinsame Notizen' })).toBeVisible();
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('connection-state')).toContainText('Connected');
    await expect(page.getByRole('heading', { name: 'Shared notes' })).toBeVisible();
    await expect(page.getByTestId('session-kind').or(page.locator('.kern-preline'))).toContainText('Working group');
  });

  test('a board follows the language too: its strings load with it, in the language shown', async ({ page }) => {
    const session = await createSessionWithTemplate(`Sprache Tafel ${Date.now()}`, 'swot');
    await joinByLink(page, session.joinCode, 'Lea Language');
    await waitForConnected(page);
    await openBoard(page, 'swot');
    const board = page.getByTestId('swot-board');
    await expect(board.getByRole('heading', { level: 3, name: /Stärken/ }).first()).toBeVisible();

    await page.getByTestId('lang-switch').click();
    await expect(board.getByRole('heading', { level: 3, name: /Strengths/ }).first()).toBeVisible();
    await expect(board).not.toContainText('swot.');

    // Opened directly with English remembered, the board comes with the English strings.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(board.getByRole('heading', { level: 3, name: /Strengths/ }).first()).toBeVisible();
    await expect(board).not.toContainText('swot.');
  });
});
