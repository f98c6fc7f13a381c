import { expect, test, type Page } from '@playwright/test';
import { boardItems, expectItem, openBoard, saveScreenshot, twoParticipants } from './helpers/boards';
import { createSessionViaApi } from './helpers/moderator';
import { controlYjsLink, pendingChanges, waitForServiceWorker } from './helpers/network';
import { joinByLink } from './helpers/participant';
import { expectNotesToContain, notesText, typeInNotes, waitForConnected } from './helpers/room';

/** Adds a SWOT card through the UI (as boards-swot.spec.ts does) and types its text. */
async function addSwotCard(page: Page, quadrant: string, text: string): Promise<void> {
  const quadrantEl = page.getByTestId(`swot-quadrant-${quadrant}`);
  const before = await quadrantEl.getByTestId('swot-card').count();
  await page.getByTestId(`swot-add-${quadrant}`).click();
  const field = quadrantEl.getByTestId('swot-card').nth(before).getByTestId('swot-card-text');
  await expect(field).toBeFocused();
  await field.pressSequentially(text, { delay: 10 });
  await expect(field).toHaveValue(text);
}

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

  test('offline browser: notes and a SWOT board edited offline survive a reload and merge after reconnecting', async ({ browser }, testInfo) => {
    // Two contexts, a reload from the service worker and a lot of typing.
    test.setTimeout(120_000);
    const { a: writer, b: reader, close } = await twoParticipants(browser, 'swot', ['Wiebke WLAN', 'Rainer Ruhig']);
    try {
      const state = writer.getByTestId('connection-state');
      // The app shell must be on the device before the network goes: the service worker has
      // precached it and controls the page.
      await waitForServiceWorker(writer);

      await writer.context().setOffline(true);
      await expect(state).toHaveAttribute('data-state', 'offline');
      await expect(state).toContainText('Offline');
      // Chromium keeps open WebSockets through its offline emulation, as a real laptop does for a
      // while: the app must close the live connection itself.
      await writer.waitForFunction(() => window.__werkraum?.provider.wsconnected === false);
      await expect(writer.getByTestId('offline-notice')).toContainText('Sie sind offline');

      const offlineNote = 'Ohne Netz notiert: Schulsozialarbeit verstetigen.';
      await typeInNotes(writer, offlineNote);
      await expect(state).not.toHaveAttribute('data-pending', '0');
      await expect(writer.getByTestId('connection-pending')).toContainText('noch nicht übertragen');
      const pendingNotes = await pendingChanges(writer);

      // The SWOT board's code was never loaded on this page: it comes from the service worker.
      await writer.getByTestId('board-nav-swot').click();
      await expect(writer).toHaveURL(/\/b\/swot$/);
      await writer.waitForFunction(() => window.__werkraum?.boards.swot !== undefined);
      const offlineCard = 'Fachkräftemangel in der Kindertagesbetreuung';
      await addSwotCard(writer, 'schwaechen', offlineCard);
      // The board's changes count as well.
      await expect.poll(() => pendingChanges(writer)).toBeGreaterThan(pendingNotes);
      await expect(state).toHaveAttribute('data-state', 'offline');
      // The provider's retries do not get through either.
      expect(await writer.evaluate(() => window.__werkraum?.provider.wsconnected)).toBe(false);
      // The indicator sits in the room's header: show it with the offline notice below it.
      await writer.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(writer, testInfo, 'offline.png', { fullPage: false });

      // Meanwhile the reader, online, writes too and sees none of the writer's changes.
      const readerNote = 'Parallel ergänzt: Elternarbeit stärken.';
      await typeInNotes(reader, readerNote, { newParagraph: true });
      await expect(reader.getByTestId('connection-state')).toHaveAttribute('data-pending', '0');
      await openBoard(reader, 'swot');
      expect(await notesText(reader)).not.toContain(offlineNote);
      expect(Object.values(await boardItems(reader, 'swot')).map((i) => i.text)).not.toContain(offlineCard);

      // Reloading without network: the shell comes from the service worker, the session from
      // localStorage, the notes and the board from IndexedDB, the unsent count from localStorage.
      const pendingBeforeReload = await pendingChanges(writer);
      await writer.reload();
      await expect(writer.getByTestId('swot-quadrant-schwaechen').getByTestId('swot-card-text')).toHaveValue(offlineCard);
      await expectNotesToContain(writer, offlineNote);
      await expect(state).toHaveAttribute('data-state', 'offline');
      await expect(writer.getByTestId('session-title')).toContainText('Wiebke WLAN');
      await expect(writer.getByTestId('offline-notice')).toBeVisible();
      await expect.poll(() => pendingChanges(writer)).toBeGreaterThanOrEqual(pendingBeforeReload);
      expect(await notesText(writer)).not.toContain(readerNote);
      // Only the static shell is cached: the API is not answered from any cache.
      expect(await writer.evaluate(() => fetch('/api/health').then(() => 'answered', () => 'failed'))).toBe('failed');
      const cached = await writer.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
        return urls;
      });
      expect(cached).toContain('/index.html');
      expect(cached.filter((u) => /^\/(api|yjs|socket\.io)(\/|$)/.test(u))).toEqual([]);

      // Back to the notes, still offline: the board is no longer on screen, its unsent changes
      // still count (and are sent in the background once the network is back).
      await writer.getByTestId('board-nav-notes').click();
      await expect(writer.getByTestId('notes-editor')).toContainText(offlineNote);
      await expect.poll(() => pendingChanges(writer)).toBeGreaterThanOrEqual(pendingBeforeReload);

      await writer.context().setOffline(false);
      await waitForConnected(writer);
      await expect(state).toHaveAttribute('data-pending', '0');
      await expect(writer.getByTestId('offline-notice')).toHaveCount(0);

      // Everything merged: the reader has both offline edits, the writer the reader's note.
      await expectNotesToContain(reader, offlineNote);
      await expectItem(reader, 'swot', 'text', offlineCard, (item) => item.quadrant === 'schwaechen');
      await expect(reader.getByTestId('swot-quadrant-schwaechen').getByTestId('swot-card-text')).toHaveValue(offlineCard);
      await expectNotesToContain(writer, readerNote);
      expect(await notesText(reader)).toContain(readerNote);
    } finally {
      await close();
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
