/**
 * The privacy notice: linked from the join page and every page's footer; Werkraum's built-in
 * notice until a signed-in account writes the installation's own; validated while typing; the
 * default restored after a confirmation. A visitor sees the text but no way to change it.
 */
import { expect, test } from '@playwright/test';
import { Limits } from '../shared/limits';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { E2E_ADMIN } from './helpers/env';
import { readFileSync } from 'node:fs';
import { createSessionViaApi, loginAsModerator } from './helpers/moderator';
import { joinByLink } from './helpers/participant';

test('the privacy notice is linked from the join page, written by the moderation and reset to the built-in one', async ({ browser }, testInfo) => {
  const session = await createSessionViaApi('Bildungskonferenz Datenschutz');
  const visitorContext = await browser.newContext();
  const moderatorContext = await browser.newContext();
  try {
    const visitor = await visitorContext.newPage();
    // Before joining, the join page says where to read what is stored.
    await visitor.goto(`/join/${session.joinCode}`);
    await visitor.getByTestId('join-privacy').click();
    // The link names the session: its organisation's notice is the one that applies.
    await expect(visitor).toHaveURL(new RegExp(`/datenschutz\\?code=${session.joinCode}$`));
    const notice = visitor.getByTestId('privacy-notice');
    await expect(notice).toHaveAttribute('data-source', 'default');
    await expect(notice.getByRole('heading', { name: 'Verantwortliche Stelle' })).toBeVisible();
    await expect(notice).toContainText('beim Schließen gelöscht');
    await expect(visitor.getByTestId('privacy-edit')).toHaveCount(0);
    // Nothing joined on this device yet: nothing to download.
    await expect(visitor.getByTestId('privacy-yours')).toHaveCount(0);
    await expectNoSeriousA11yViolations(visitor, testInfo, 'privacy notice (built-in)');

    // Once joined, the person downloads what the session stores about them.
    await joinByLink(visitor, session.joinCode, 'Paula Kita');
    await visitor.goto('/datenschutz');
    const yours = visitor.getByTestId('privacy-yours');
    await expect(yours.getByTestId('privacy-download')).toHaveText('Meine Daten aus „Bildungskonferenz Datenschutz“ herunterladen');
    const [download] = await Promise.all([visitor.waitForEvent('download'), yours.getByTestId('privacy-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^werkraum-meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as { person: { displayName: string; role: string }; session: { title: string } };
    expect(data.person).toMatchObject({ displayName: 'Paula Kita', role: 'participant' });
    expect(data.session.title).toBe('Bildungskonferenz Datenschutz');
    await expect(yours.getByRole('status')).toHaveText('Die Datei wurde heruntergeladen.');

    // The moderation reaches it from the footer and starts from the built-in text.
    const moderator = await moderatorContext.newPage();
    await loginAsModerator(moderator);
    await moderator.getByTestId('footer-privacy').click();
    await expect(moderator).toHaveURL(/\/datenschutz$/);
    // The account's own data, as a file.
    const [accountFile] = await Promise.all([moderator.waitForEvent('download'), moderator.getByTestId('privacy-download-account').click()]);
    const account = JSON.parse(readFileSync(await accountFile.path(), 'utf8')) as { account: { email: string }; sessions: { title: string }[] };
    expect(account.account.email).toBe(E2E_ADMIN.email);
    expect(account.sessions.map((s) => s.title)).toContain('Bildungskonferenz Datenschutz');
    await moderator.getByTestId('privacy-edit').click();
    const text = moderator.getByTestId('privacy-text');
    await expect(text).toBeFocused();
    await expect(text).toHaveValue(/^## Verantwortliche Stelle\n/);

    // Too long: said at once, and saving sends nothing.
    await text.fill('x'.repeat(Limits.privacyNoticeMaxLength + 5));
    await expect(moderator.getByRole('alert')).toContainText(`höchstens ${Limits.privacyNoticeMaxLength} sind möglich`);
    let puts = 0;
    moderator.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/api/privacy')) puts++;
    });
    await moderator.getByTestId('privacy-save').click();
    await expect(text).toBeFocused();
    expect(puts).toBe(0);

    const own = '## Verantwortliche Stelle\nStadt Musterstadt, Bildungsbüro\nMarktplatz 1, 12345 Musterstadt\n\n## Datenschutzbeauftragte\ndatenschutz@musterstadt.example';
    await text.fill(own);
    await moderator.getByTestId('privacy-save').click();
    await expect(moderator.getByRole('status').filter({ hasText: 'Die Datenschutzhinweise wurden gespeichert.' })).toBeAttached();
    await expect(moderator.getByTestId('privacy-edit')).toBeFocused();
    expect(puts).toBe(1);
    const saved = moderator.getByTestId('privacy-notice');
    await expect(saved).toHaveAttribute('data-source', 'custom');
    await expect(saved.getByRole('heading', { name: 'Datenschutzbeauftragte' })).toBeVisible();
    await expect(saved).toContainText('Marktplatz 1, 12345 Musterstadt');
    await expect(saved).toContainText(/Stand: \d{1,2}\. \w+ \d{4}/);

    // The visitor sees the installation's own notice after a reload.
    await visitor.reload();
    await expect(notice).toHaveAttribute('data-source', 'custom');
    await expect(notice).toContainText('Stadt Musterstadt, Bildungsbüro');
    await expect(notice.getByRole('heading', { name: 'Datenschutzbeauftragte' })).toBeVisible();

    // Back to the built-in notice, after a confirmation.
    await moderator.getByTestId('privacy-edit').click();
    await moderator.getByTestId('privacy-reset').click();
    await expect(moderator.getByTestId('privacy-reset-dialog')).toBeVisible();
    await moderator.getByTestId('privacy-reset-confirm').click();
    await expect(saved).toHaveAttribute('data-source', 'default');
    await visitor.reload();
    await expect(notice).toHaveAttribute('data-source', 'default');
  } finally {
    await visitorContext.close();
    await moderatorContext.close();
  }
});
