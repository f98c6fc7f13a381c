/**
 * The dashboard's team area: the administrator adds a colleague and passes on the one-time link,
 * the colleague sets her password through it (once), finds the administrator's session among the
 * colleagues' sessions and takes it over ("Mitmoderieren") — it then is hers to open as moderator.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { createSessionViaApi, loginAsModerator, openSessionFromDashboard } from './helpers/moderator';

test('an administrator adds a colleague with a one-time link; she sets her password and takes over a session', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const email = `team-${stamp}@example.org`;
  const name = `Kollegin Tea ${stamp}`;
  const title = `Übernahme ${stamp}`;
  await createSessionViaApi(title);

  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await adminCtx.newPage();
  await loginAsModerator(admin);
  const team = admin.getByTestId('team');
  await expect(team.getByTestId('team-organisation')).toContainText('Administration');
  await team.getByTestId('team-add-name').fill(name);
  await team.getByTestId('team-add-email').fill(email);
  // Keyboard only: the role select and the submit button are reachable and work with the keyboard.
  await team.getByTestId('team-add-role').focus();
  await team.getByTestId('team-add-submit').focus();
  await admin.keyboard.press('Enter');
  const link = await team.getByTestId('team-link').inputValue();
  expect(link).toMatch(/\/setup\?token=/);
  await expect(team.getByTestId('team-member').filter({ hasText: name })).toContainText('Passwort noch nicht gesetzt');
  await expectNoSeriousA11yViolations(admin, testInfo, 'dashboard-team');

  const colleagueCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const colleague = await colleagueCtx.newPage();
  await colleague.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(colleague.getByRole('heading', { name: 'Passwort festlegen' })).toBeVisible();
  await expect(colleague.getByLabel('E-Mail-Adresse')).toHaveValue(email);
  await colleague.getByLabel(/^Passwort/).fill('ein langes Passwort für Tea');
  await colleague.getByRole('button', { name: 'Konto anlegen' }).click();
  await expect(colleague).toHaveURL(/\/sessions$/);

  // The administrator's session is listed apart; "Mitmoderieren" makes it hers.
  const theirs = colleague.getByTestId('colleague-session').filter({ hasText: title });
  await expect(theirs).toBeVisible();
  await theirs.getByTestId('colleague-session-take-over').click();
  await expect(colleague.getByTestId('session-list-item').filter({ hasText: title })).toBeVisible();
  await expect(colleague.getByTestId('colleague-session').filter({ hasText: title })).toHaveCount(0);
  await openSessionFromDashboard(colleague, title);
  await expect(colleague.getByTestId('role-badge')).toHaveAttribute('data-role', 'moderator');

  // The link worked once.
  const again = await colleagueCtx.newPage();
  await again.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(again.getByRole('heading', { name: 'Passwort festlegen' })).toHaveCount(0);
  await Promise.all([adminCtx.close(), colleagueCtx.close()]);
});
