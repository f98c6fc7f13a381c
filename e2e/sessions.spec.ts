/**
 * Session management on the dashboard: a session from the full steering-cycle template starts with
 * its agenda; rename, the details for the Protokoll, duplicate, archive and restore, delete with confirmation. A participant's room
 * takes a rename and the archiving live. The creator adds a co-moderator, who then opens the room
 * as moderator.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { createAccount, loginAs } from './helpers/accounts';
import { createSessionViaApi, loginAsModerator, openSessionFromDashboard } from './helpers/moderator';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

test('create from the full template, rename, duplicate, archive, restore, delete', async ({ page }, testInfo) => {
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

  // The details for the Protokoll: an end before the start is refused in place; saved, they come back.
  await renamedItem.getByTestId('session-minutes').click();
  const minutes = page.getByTestId('session-minutes-dialog');
  await minutes.getByTestId('session-minutes-place').fill('Rathaus, Großer Saal');
  await minutes.getByTestId('session-minutes-start').fill('13:00');
  await minutes.getByTestId('session-minutes-end').fill('09:30');
  await minutes.getByTestId('session-minutes-taker').fill('Özlem Şahin');
  await minutes.getByTestId('session-minutes-confirm').click();
  await expect(minutes.getByRole('alert')).toContainText('Das Ende liegt vor dem Beginn');
  await expectNoSeriousA11yViolations(page, testInfo, 'session-minutes-dialog');
  await minutes.getByTestId('session-minutes-start').fill('09:00');
  await minutes.getByTestId('session-minutes-confirm').click();
  await expect(minutes).toHaveCount(0);
  await renamedItem.getByTestId('session-minutes').click();
  await expect(minutes.getByTestId('session-minutes-place')).toHaveValue('Rathaus, Großer Saal');
  await expect(minutes.getByTestId('session-minutes-start')).toHaveValue('09:00');
  await expect(minutes.getByTestId('session-minutes-end')).toHaveValue('09:30');
  await expect(minutes.getByTestId('session-minutes-taker')).toHaveValue('Özlem Şahin');
  await minutes.getByRole('button', { name: 'Abbrechen' }).click();

  // Duplicate (with the boards' content).
  await renamedItem.getByTestId('session-duplicate').click();
  await page.getByTestId('session-duplicate-copy').check();
  await page.getByTestId('session-duplicate-confirm').click();
  const copy = page.getByTestId('session-list-item').filter({ hasText: `${renamed} (Kopie)` });
  await expect(copy).toHaveCount(1);
  // Two sessions, two different join codes (the list may still be refreshing after the copy arrived).
  const codes = page.getByTestId('session-list-item').filter({ hasText: renamed }).locator('.wr-code-inline');
  await expect.poll(async () => new Set(await codes.allInnerTexts()).size).toBe(2);

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

test('a participant sees a rename and the archiving live, and the room turns read-only', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const title = `Live-Archiv ${Date.now()}`;
  const session = await createSessionViaApi(title);
  const modCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const mod = await modCtx.newPage();
  await loginAsModerator(mod);
  const partCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const part = await partCtx.newPage();
  await joinByLink(part, session.joinCode, 'Frau Demir');
  await waitForConnected(part);
  await expect(part.getByTestId('session-title')).toHaveText(title);
  await expect(part.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'true');
  await expect(part.getByTestId('archived-notice')).toHaveCount(0);

  // Renamed on the dashboard: the participant's heading follows without a reload.
  const item = mod.getByTestId('session-list-item').filter({ hasText: title }).first();
  await item.getByTestId('session-rename').click();
  await mod.getByTestId('session-rename-input').fill(`${title} neu`);
  await mod.getByTestId('session-rename-confirm').click();
  await expect(part.getByTestId('session-title')).toHaveText(`${title} neu`);

  // Archived: the banner appears live and the notes are read-only.
  await mod.getByTestId('session-list-item').filter({ hasText: `${title} neu` }).first().getByTestId('session-archive').click();
  await expect(part.getByTestId('archived-notice')).toContainText('Diese Sitzung ist archiviert');
  await expect(part.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'false');
  await expectNoSeriousA11yViolations(part, testInfo, 'room-archived');

  // Restored: the banner goes again.
  await mod.getByTestId('session-archive').locator('summary').click();
  await mod.getByTestId('session-list-archived').getByTestId('session-list-item').filter({ hasText: `${title} neu` }).getByTestId('session-restore').click();
  await expect(part.getByTestId('archived-notice')).toHaveCount(0);
  await Promise.all([modCtx.close(), partCtx.close()]);
});

test('the creator adds a co-moderator on the dashboard, who opens the room as moderator; removing ends it', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `kollegin-${stamp}@example.org`;
  const password = 'ein langes Passwort für Kaya';
  await createAccount(email, `Kollegin Kaya ${stamp}`, password);
  const title = `Co-Moderation ${stamp}`;
  await createSessionViaApi(title);

  const ownerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const owner = await ownerCtx.newPage();
  await loginAsModerator(owner);
  const row = owner.getByTestId('session-list-item').filter({ hasText: title }).first();
  await expect(row.getByTestId('session-comoderators-names')).toHaveCount(0);
  await row.getByTestId('session-comoderators').click();
  const dialog = owner.getByTestId('session-comoderators-dialog');
  await expect(dialog.getByTestId('session-comoderators-none')).toBeVisible();
  // The creator is not offered; the colleague is.
  const select = dialog.getByTestId('session-comoderator-select');
  await expect(select.locator('option', { hasText: 'moderator@example.org' })).toHaveCount(0);
  await select.selectOption({ label: `Kollegin Kaya ${stamp} (${email})` });
  await dialog.getByTestId('session-comoderator-add').click();
  await expect(dialog.getByTestId('session-comoderator')).toHaveText(new RegExp(`Kollegin Kaya ${stamp}`));
  await expect(select.locator('option', { hasText: email })).toHaveCount(0);
  await expectNoSeriousA11yViolations(owner, testInfo, 'dashboard-comoderators');
  await dialog.getByTestId('session-comoderators-close').click();
  await expect(row.getByTestId('session-comoderators-names')).toHaveText(`Co-Moderation: Kollegin Kaya ${stamp}`);

  // The colleague finds the session on her dashboard (no delete, no co-moderation) and moderates it.
  const colleagueCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const colleague = await colleagueCtx.newPage();
  await loginAs(colleague, email, password);
  const hers = colleague.getByTestId('session-list-item').filter({ hasText: title }).first();
  await expect(hers).toBeVisible();
  await expect(hers.getByTestId('session-delete')).toHaveCount(0);
  await expect(hers.getByTestId('session-comoderators')).toHaveCount(0);
  await openSessionFromDashboard(colleague, title);
  await expect(colleague.getByTestId('role-badge')).toHaveAttribute('data-role', 'moderator');
  await expect(colleague.getByTestId('session-join-code')).toBeVisible();

  // Removed again: the session is no longer hers.
  await row.getByTestId('session-comoderators').click();
  await dialog.getByTestId('session-comoderator-remove').click();
  await expect(dialog.getByTestId('session-comoderators-none')).toBeVisible();
  await dialog.getByTestId('session-comoderators-close').click();
  await expect(row.getByTestId('session-comoderators-names')).toHaveCount(0);
  await colleague.goto('/sessions');
  // She moderates nothing else: the list is loaded and empty.
  await expect(colleague.getByText('Sie haben noch keine Sitzung angelegt.')).toBeVisible();
  await expect(colleague.getByTestId('session-list-item').filter({ hasText: title })).toHaveCount(0);
  await Promise.all([ownerCtx.close(), colleagueCtx.close()]);
});
