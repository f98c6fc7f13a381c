import { expect, test } from '@playwright/test';
import { createSessionWithTemplate, openBoard } from './helpers/boards';
import { loginAsModerator, openSessionFromDashboard } from './helpers/moderator';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

test.describe('board shell', () => {
  test('the room lists the template boards in order, the URL names the board and a reload keeps it', async ({ page }) => {
    const session = await createSessionWithTemplate(`Steuerungskreislauf ${Date.now()}`, 'steuerungskreislauf');
    await joinByLink(page, session.joinCode, 'Nora Navigation');
    await waitForConnected(page);
    const nav = page.getByTestId('board-nav');
    await expect(nav.getByRole('link')).toHaveText([/Notizen/, /Ausgangslage/, /Prioritäten/, /Zielbaum/, /Handlungskonzept/]);
    await expect(page.getByTestId('board-nav-notes')).toHaveAttribute('aria-current', 'page');

    await openBoard(page, 'priorities');
    await expect(page.getByRole('heading', { level: 2, name: 'Prioritäten – Wo wollen wir hin?' })).toBeFocused();
    await page.reload();
    await expect(page.getByTestId('board-nav-priorities')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('board-priorities')).toBeVisible();

    // Keyboard: the navigation links are reachable and follow with Enter.
    await page.getByTestId('board-nav-goals').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/b\/goals$/);
    await page.getByTestId('board-nav-notes').click();
    await expect(page.getByTestId('notes-editor')).toBeVisible();
  });

  test('a single-board template shows only that board', async ({ page }) => {
    const session = await createSessionWithTemplate(`Canvas ${Date.now()}`, 'gesamtkonzept');
    await joinByLink(page, session.joinCode, 'Carla Canvas');
    await waitForConnected(page);
    await expect(page.getByTestId('board-nav').getByRole('link')).toHaveText([/Notizen/, /Gesamtkonzept/]);
  });

  test('the dashboard offers templates with an explanation, and the room follows the chosen one', async ({ page }) => {
    await loginAsModerator(page);
    const title = `Gesamtkonzept ${Date.now()}`;
    await page.getByTestId('session-create-title').fill(title);
    await expect(page.getByTestId('session-create-template')).toHaveValue('steuerungskreislauf');
    await expect(page.getByTestId('session-create-template-hint')).toContainText('Alle vier Tafeln');
    await page.getByTestId('session-create-template').selectOption('gesamtkonzept');
    await expect(page.getByTestId('session-create-template-hint')).toContainText('sechs Bausteine');
    await page.getByTestId('session-create-submit').click();
    const item = page.getByTestId('session-list-item').filter({ hasText: title });
    await expect(item.getByTestId('session-template')).toHaveText('Gesamtkonzept-Canvas');
    await openSessionFromDashboard(page, title);
    await openBoard(page, 'canvas');
    await expect(page.getByTestId('canvas-section-politik')).toBeVisible();
  });

  test('observers read the boards but get no editing controls', async ({ browser }) => {
    const session = await createSessionWithTemplate(`Beobachtung ${Date.now()}`, 'steuerungskreislauf', 'interfraktionelle_ag');
    const writerCtx = await browser.newContext();
    const observerCtx = await browser.newContext();
    try {
      const writer = await writerCtx.newPage();
      await joinByLink(writer, session.joinCode, 'Wanda Writer');
      await waitForConnected(writer);
      await openBoard(writer, 'swot');
      await writer.getByTestId('swot-add-chancen').click();
      await writer.getByTestId('swot-card-text').fill('Neue Förderrichtlinie des Landes');

      const observer = await observerCtx.newPage();
      await joinByLink(observer, session.observerCode, 'Ratsmitglied Meier');
      await waitForConnected(observer);
      await openBoard(observer, 'swot');
      await expect(observer.getByTestId('swot-card-text-view')).toHaveText('Neue Förderrichtlinie des Landes');
      await expect(observer.getByTestId('board-swot')).toContainText('nur lesen');
      await expect(observer.getByTestId('swot-add-chancen')).toHaveCount(0);
      await expect(observer.getByTestId('swot-card-delete')).toHaveCount(0);
      await expect(observer.getByTestId('swot-private-toggle')).toHaveCount(0);
      await expect(observer.getByTestId('board-undo')).toHaveCount(0);
      await openBoard(observer, 'priorities');
      await expect(observer.getByTestId('priority-add')).toHaveCount(0);
    } finally {
      await Promise.all([writerCtx.close(), observerCtx.close()]);
    }
  });
});
