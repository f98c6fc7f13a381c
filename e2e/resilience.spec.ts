import { expect, test } from '@playwright/test';
import { createSessionViaApi } from './helpers/moderator';
import { controlYjsLink } from './helpers/network';
import { joinByLink } from './helpers/participant';
import { expectNotesToContain, notesText, typeInNotes, waitForConnected } from './helpers/room';

test.describe('unreliable connections', () => {
  test('edits made while disconnected are counted, survive a reload and arrive after reconnecting', async ({ browser }) => {
    const session = await createSessionViaApi(`Arbeitsgruppe WLAN ${Date.now()}`);
    const writerCtx = await browser.newContext();
    const readerCtx = await browser.newContext();
    try {
      const writer = await writerCtx.newPage();
      const link = await controlYjsLink(writer);
      await joinByLink(writer, session.joinCode, 'Wiebke Wackelkontakt');
      await waitForConnected(writer);
      const reader = await readerCtx.newPage();
      await joinByLink(reader, session.joinCode, 'Rainer Ruhig');
      await waitForConnected(reader);

      await link.cut();
      const state = writer.getByTestId('connection-state');
      await expect(state).toHaveAttribute('data-state', 'reconnecting');
      await expect(state).toContainText('Verbindung wird wiederhergestellt');

      const text = 'Im Funkloch notiert: Ganztag ausbauen.';
      await typeInNotes(writer, text);
      await expect(state).not.toHaveAttribute('data-pending', '0');
      await expect(writer.getByTestId('connection-pending')).toContainText('noch nicht übertragen');
      expect(await notesText(reader)).not.toContain(text);

      // A reload while still disconnected restores the text from this device's IndexedDB copy.
      await writer.reload();
      await expectNotesToContain(writer, text);
      await expect(state).toHaveAttribute('data-state', /^(connecting|reconnecting)$/);

      link.restore();
      await waitForConnected(writer);
      await expect(state).toHaveAttribute('data-pending', '0');
      await expectNotesToContain(reader, text);
    } finally {
      await Promise.all([writerCtx.close(), readerCtx.close()]);
    }
  });

  test('an invalid token is explained and leads back to joining', async ({ page }) => {
    const session = await createSessionViaApi(`Arbeitsgruppe Zugang ${Date.now()}`);
    await joinByLink(page, session.joinCode, 'Tina Token');
    await waitForConnected(page);
    // Corrupt the stored token, as if it had been revoked on the server.
    await page.evaluate((id) => {
      const key = `werkraum.session.${id}`;
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { join: { token: string } };
      stored.join.token = 'ungueltig-' + stored.join.token;
      localStorage.setItem(key, JSON.stringify(stored));
    }, session.id);
    await page.reload();
    await expect(page.getByTestId('token-invalid')).toBeVisible();
    await expect(page.getByTestId('token-invalid')).toContainText('nicht mehr gültig');
    // Re-joining goes straight to the code this device joined with.
    await page.getByTestId('rejoin').click();
    await expect(page).toHaveURL(new RegExp(`/join/${session.joinCode}$`));
    await page.getByTestId('join-name-input').fill('Tina Token');
    await page.getByTestId('join-submit').click();
    await waitForConnected(page);
    await expect(page.getByTestId('token-invalid')).toHaveCount(0);
  });
});
