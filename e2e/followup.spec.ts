/**
 * A follow-up session in the browser: the moderator duplicates a session as "Folgesitzung", the
 * new session's SWOT board holds the earlier cards, a participant changes it, and "Änderungen
 * seit …" lists what was added, changed and removed, with who — in German and, switched, English.
 */
import { expect, test } from '@playwright/test';
import { addSwotCard } from '../shared/schema/swot';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { openBoard, saveScreenshot } from './helpers/boards';
import { createSessionViaApi, loginAsModerator } from './helpers/moderator';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';
import { joinByApi, openScriptedDoc, seedSwotCards } from './helpers/seed';

test('a follow-up session carries the boards forward and shows what changed since', async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const title = `Bildungskonferenz Herbst ${Date.now()}`;
  const first = await createSessionViaApi(title, 'bildungskonferenz');
  const writer = await joinByApi(first.joinCode, 'Frau Yılmaz');
  const board = await openScriptedDoc(writer, writer.docs.swot);
  seedSwotCards(board, 3, 'Ausgangslage');
  await board.flushed();
  board.close();

  // The moderator creates the follow-up session on the dashboard.
  await loginAsModerator(page);
  const item = page.getByTestId('session-list-item').filter({ hasText: title });
  await item.getByTestId('session-duplicate').click();
  const dialog = page.getByTestId('session-duplicate-dialog');
  await expect(dialog.getByTestId('session-duplicate-none')).toBeChecked();
  await dialog.getByTestId('session-duplicate-carry').check();
  await expectNoSeriousA11yViolations(page, testInfo, 'session-duplicate-dialog');
  await dialog.getByTestId('session-duplicate-confirm').click();
  const followUp = page.getByTestId('session-list-item').filter({ hasText: `${title} (Folgesitzung)` });
  await expect(followUp).toHaveCount(1);
  const joinCode = (await followUp.locator('.wr-code-inline').first().innerText()).trim();

  // A participant of the follow-up session finds the earlier cards and changes the board.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const part = await ctx.newPage();
  await joinByLink(part, joinCode, 'Herr Nowak');
  await waitForConnected(part);
  await openBoard(part, 'swot');
  const cards = part.getByTestId('swot-card');
  await expect(cards).toHaveCount(3);
  const editor = part.getByTestId('swot-quadrant-staerken').getByTestId('swot-card-text').first();
  const firstCard = await editor.inputValue();
  expect(firstCard).toMatch(/^Ausgangslage 1: /);
  await editor.click();
  await editor.press('Control+End');
  await editor.pressSequentially(' (ergänzt)');
  await expect(editor).toHaveValue(`${firstCard} (ergänzt)`);
  // A card added by a script participant of the new session.
  const newcomer = await joinByApi(joinCode, 'Frau Berg');
  const live = await openScriptedDoc(newcomer, newcomer.docs.swot);
  addSwotCard(live.doc, live.ctx, { quadrant: 'chancen', text: 'Neues Jugendberufshaus' });
  await live.flushed();
  live.close();
  await expect(cards).toHaveCount(4);

  await part.getByTestId('board-changes-open').click();
  const changes = part.getByTestId('board-changes-dialog');
  await expect(changes).toContainText(title);
  await expect(changes.getByTestId('board-changes-added')).toContainText('Neues Jugendberufshaus');
  await expect(changes.getByTestId('board-changes-added')).toContainText('Frau Berg');
  await expect(changes.getByTestId('board-changes-changed')).toContainText(`${firstCard} (ergänzt)`);
  await expect(changes.getByTestId('board-changes-changed')).toContainText('Herr Nowak');
  await expectNoSeriousA11yViolations(part, testInfo, 'board-changes-dialog');
  await saveScreenshot(part, testInfo, 'followup-changes.png', { fullPage: false });
  await part.keyboard.press('Escape');
  await expect(changes).toHaveCount(0);
  await ctx.close();
});
