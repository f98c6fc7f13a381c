import { expect, test } from '@playwright/test';
import { createSessionWithTemplate, openBoard } from './helpers/boards';
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
});
