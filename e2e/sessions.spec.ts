/**
 * Session management on the dashboard: a session from the full steering-cycle template starts with
 * its agenda; rename, duplicate, archive and restore, delete with confirmation.
 */
import { expect, test } from '@playwright/test';
import { loginAsModerator, openSessionFromDashboard } from './helpers/moderator';

test('create from the full template, rename, duplicate, archive, restore, delete', async ({ page }) => {
  test.setTimeout(180_000);
  const title = `Steuerung ${Date.now()}`;
  await loginAsModerator(page);
  await page.getByTestId('session-create-title').fill(title);
  await page.getByTestId('session-create-template').selectOption('steuerungskreislauf');
  await expect(page.getByTestId('session-create-prefill')).toBeChecked();
  await page.getByTestId('session-create-submit').click();
  const item = page.getByTestId('session-list-item').filter({ hasText: title }).first();
  await expect(item).toBeVisible();

  // The agenda is there in the room, along the steering cycle.
  await openSessionFromDashboard(page, title);
  const agenda = page.getByTestId('agenda-item');
  await expect(agenda).toHaveCount(5);
  await expect(agenda.first()).toContainText('Wo stehen wir?');
  await expect(agenda.nth(3)).toContainText('Wie kommen wir ans Ziel?');
  await page.goto('/sessions');

  // Rename.
  const renamed = `${title} umbenannt`;
  await item.getByTestId('session-rename').click();
  await page.getByTestId('session-rename-input').fill(renamed);
  await page.getByTestId('session-rename-confirm').click();
  const renamedItem = page.getByTestId('session-list-item').filter({ hasText: renamed }).first();
  await expect(renamedItem).toBeVisible();

  // Duplicate (with the boards' content).
  await renamedItem.getByTestId('session-duplicate').click();
  await page.getByTestId('session-duplicate-content').check();
  await page.getByTestId('session-duplicate-confirm').click();
  const copy = page.getByTestId('session-list-item').filter({ hasText: `${renamed} (Kopie)` });
  await expect(copy).toHaveCount(1);
  const codes = await page.getByTestId('session-list-item').filter({ hasText: renamed }).locator('.wr-code-inline').allInnerTexts();
  expect(new Set(codes).size).toBe(2);

  // Archive: out of the active list, into the archive, marked; then restore.
  await copy.getByTestId('session-archive').click();
  await expect(page.getByTestId('session-list-active').getByText(`${renamed} (Kopie)`)).toHaveCount(0);
  await page.getByTestId('session-archive').locator('summary').click();
  const archived = page.getByTestId('session-list-archived').getByTestId('session-list-item').filter({ hasText: `${renamed} (Kopie)` });
  await expect(archived.getByTestId('session-archived-badge')).toBeVisible();
  await archived.getByTestId('session-restore').click();
  await expect(page.getByTestId('session-list-active').getByTestId('session-list-item').filter({ hasText: `${renamed} (Kopie)` })).toBeVisible();

  // Delete the original: the dialog says what goes and wants the title typed (the session holds content).
  const original = page.getByTestId('session-list-item').filter({ hasText: renamed }).filter({ hasNotText: '(Kopie)' });
  await original.getByTestId('session-delete').click();
  const dialog = page.getByTestId('session-delete-dialog');
  await expect(dialog.getByTestId('session-delete-contents')).toContainText('Boards');
  await expect(dialog.getByTestId('session-delete-contents')).toContainText('Zugangsschlüssel');
  await expect(page.getByTestId('session-delete-confirm')).toBeDisabled();
  await page.getByTestId('session-delete-typed').fill('falsch');
  await expect(page.getByTestId('session-delete-confirm')).toBeDisabled();
  await page.getByTestId('session-delete-typed').fill(renamed);
  await page.getByTestId('session-delete-confirm').click();
  await expect(page.getByTestId('session-list-item').filter({ hasText: renamed }).filter({ hasNotText: '(Kopie)' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('session-list-item').filter({ hasText: `${renamed} (Kopie)` })).toHaveCount(1);
  await expect(page.getByTestId('session-list-item').filter({ hasText: renamed })).toHaveCount(1);
});
