import { mkdir, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { watchCsp } from './helpers/csp';
import { createSessionInUi, loginAsModerator, openSessionFromDashboard, readJoinCode } from './helpers/moderator';
import { joinByCode, joinByLink } from './helpers/participant';
import { expectNotesToContain, typeInNotes, waitForConnected } from './helpers/room';

test.describe('collaborative notes', () => {
  test('moderator opens a session, two participants write together and see each other', async ({ browser }, testInfo) => {
    // The title shows in the README screenshot; a fresh data directory per run keeps it unique.
    const title = '3. Bildungskonferenz „Übergang Schule – Beruf“';
    // Separate browser contexts: pages in one context would sync through BroadcastChannel.
    const moderatorCtx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const annaCtx = await browser.newContext();
    const berndCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // The server's Content-Security-Policy must let the whole room work: shell, editor, carets, QR code.
    const csp = await Promise.all([moderatorCtx, annaCtx, berndCtx].map(watchCsp));
    try {
      const moderator = await moderatorCtx.newPage();
      await loginAsModerator(moderator);
      await createSessionInUi(moderator, title, 'bildungskonferenz');
      await openSessionFromDashboard(moderator, title);
      await waitForConnected(moderator);
      const joinCode = await readJoinCode(moderator);
      const qr = moderator.getByTestId('session-qr');
      await expect(qr.locator('svg')).toBeVisible();
      await expect(qr).toHaveAttribute('data-value', new RegExp(`/join/${joinCode}$`));

      const anna = await annaCtx.newPage();
      await joinByCode(anna, joinCode, 'Anna Schulamt');
      await waitForConnected(anna);
      await expect(anna.getByTestId('role-badge')).toHaveAttribute('data-role', 'participant');

      const bernd = await berndCtx.newPage();
      await joinByLink(bernd, joinCode, 'Bernd Jugendhilfe');
      await waitForConnected(bernd);

      // Anna writes; Bernd's document receives it and his editor shows Anna's named caret.
      const annasText = 'Wo stehen wir? Bestandsaufnahme der Angebote im Übergang Schule – Beruf.';
      await typeInNotes(anna, annasText);
      await expectNotesToContain(bernd, annasText);
      await expect(bernd.getByTestId('notes-editor')).toContainText(annasText);
      await expect(bernd.locator('.collaboration-carets__label', { hasText: 'Anna Schulamt' })).toBeVisible();

      // And the other way round.
      const berndsText = 'Jugendberufsagentur und Kammern einbeziehen.';
      await typeInNotes(bernd, berndsText, { newParagraph: true });
      await expectNotesToContain(anna, berndsText);
      await expect(anna.locator('.collaboration-carets__label', { hasText: 'Bernd Jugendhilfe' })).toBeVisible();
      await expectNotesToContain(moderator, berndsText);

      // Everybody is listed as present in the moderator's room.
      const presence = moderator.getByTestId('presence-list');
      await expect(presence.getByTestId('presence-item')).toHaveCount(3);
      await expect(presence).toContainText('Anna Schulamt');
      await expect(presence).toContainText('Bernd Jugendhilfe');
      await expect(moderator.getByTestId('connection-state')).toHaveAttribute('data-pending', '0');

      // Screenshot for the README: the moderator's room with both participants' text and a caret.
      await typeInNotes(anna, 'Offene Frage: Welche Daten liefert das Bildungsmonitoring?', { newParagraph: true });
      await expect(moderator.locator('.collaboration-carets__label', { hasText: 'Anna Schulamt' })).toBeVisible();
      await moderator.getByTestId('notes-editor').evaluate((el) => (el as HTMLElement).blur());
      const shot = await moderator.screenshot({ fullPage: true });
      await testInfo.attach('session.png', { body: shot, contentType: 'image/png' });
      await mkdir('docs/screenshots', { recursive: true });
      await writeFile('docs/screenshots/session.png', shot);

      for (const watch of csp) expect(await watch.violations()).toEqual([]);
    } finally {
      await Promise.all([moderatorCtx.close(), annaCtx.close(), berndCtx.close()]);
    }
  });

  test('an observer reads along but cannot edit', async ({ browser }) => {
    const title = `Interfraktionelle AG ${Date.now()}`;
    const moderatorCtx = await browser.newContext();
    const observerCtx = await browser.newContext();
    try {
      const moderator = await moderatorCtx.newPage();
      await loginAsModerator(moderator);
      await createSessionInUi(moderator, title, 'interfraktionelle_ag');
      await openSessionFromDashboard(moderator, title);
      await waitForConnected(moderator);
      const observerLink = await moderator.getByTestId('session-observer-link').innerText();
      const observerCode = observerLink.split('/join/')[1] ?? '';
      expect(observerCode).toMatch(/^[A-Z0-9]{10}$/);

      const observer = await observerCtx.newPage();
      await observer.goto(`/join/${observerCode}`);
      await expect(observer.getByText('Beobachtung – nur lesen').first()).toBeVisible();
      await joinByLink(observer, observerCode, 'Ratsmitglied Meier');
      await waitForConnected(observer);
      await expect(observer.getByTestId('role-badge')).toHaveAttribute('data-role', 'observer');
      await expect(observer.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'false');
      await expect(observer.getByRole('toolbar')).toHaveCount(0);

      const text = 'Meinungsbild: breite Zustimmung, keine Abstimmung.';
      await typeInNotes(moderator, text);
      await expectNotesToContain(observer, text);
    } finally {
      await Promise.all([moderatorCtx.close(), observerCtx.close()]);
    }
  });

  test('an unknown join code gives a clear message', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('join-code-input').fill('zzz-zzz');
    await page.getByTestId('join-submit').click();
    await expect(page.getByTestId('join-error')).toContainText('ZZZZZZ');
    await expect(page.getByRole('alert')).toBeVisible();
  });
});
