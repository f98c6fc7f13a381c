import { expect, test, type Page } from '@playwright/test';
import { expectItem, openBoard } from './helpers/boards';
import { expectNoSeriousA11yViolationsIn, moderatedRoom } from './helpers/moderation';
import { scriptedRoom } from './helpers/scripted';

async function addCard(page: Page, quadrant: string, text: string): Promise<void> {
  const before = await page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').count();
  await page.getByTestId(`swot-add-${quadrant}`).click();
  const field = page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').nth(before).getByTestId('swot-card-text');
  await expect(field).toBeFocused();
  await field.fill(text);
}

test.describe('parallel tables (Arbeitstische)', () => {
  test('two tables edit the SWOT board in parallel, the plenary sees both, the merge brings both into the plenary with their table', async ({ browser }, testInfo) => {
    test.setTimeout(150_000);
    const room = await moderatedRoom(browser, { names: ['Anna Schulamt', 'Bernd Jugendhilfe'] });
    const { moderator, session } = room;
    const [anna, bernd] = room.participants as [Page, Page];
    moderator.on('dialog', (d) => void d.accept());
    // Four more people as scripted socket.io clients.
    const others = await scriptedRoom(session.joinCode, 4, 'Tischgast');
    try {
      await moderator.getByTestId('modpanel-tab-tables').click();
      await moderator.getByTestId('tables-mode-choice').check();
      await moderator.getByTestId('tables-count').fill('2');
      await moderator.getByTestId('tables-split').click();
      await expect(moderator.getByTestId('tables-control-2')).toBeVisible();

      // By choice: each sits down at a table.
      await anna.getByTestId('table-join-1').click();
      await bernd.getByTestId('table-join-2').click();
      const tableIds = await moderator.evaluate(() => window.__werkraumSession!.snapshot().state!.tables!.tables.map((t) => t.id));
      for (const [i, p] of others.entries()) await p.send('tables.join', { tableId: tableIds[i % 2] });
      await expect(anna.getByTestId('table-banner-seat')).toContainText('Tisch 1');
      await expect(bernd.getByTestId('table-banner-seat')).toContainText('Tisch 2');

      // A facilitator for table 1.
      const annaId = await anna.evaluate(() => window.__werkraumSession!.snapshot().self!.participantId);
      await moderator.getByTestId('tables-facilitator-1').selectOption(annaId);
      await expect(anna.getByTestId('table-banner-seat')).toContainText('Moderation: Anna Schulamt');

      // Each works on the table's own copy of the board.
      await openBoard(anna, 'swot');
      await openBoard(bernd, 'swot');
      await addCard(anna, 'staerken', 'Gute Kooperation Schule–Jugendhilfe');
      await addCard(bernd, 'risiken', 'Fachkräftemangel in Kitas');
      await expectItem(anna, 'swot', 'text', 'Gute Kooperation Schule–Jugendhilfe');
      await expectItem(bernd, 'swot', 'text', 'Fachkräftemangel in Kitas');
      // Table 2 does not see table 1's card on its board.
      await expect(bernd.getByTestId('swot-quadrant-staerken').getByTestId('swot-card')).toHaveCount(0);

      // The plenary view shows both tables side by side, with their member counts.
      await moderator.goto(`/s/${session.id}/tische`);
      await expect(moderator.getByTestId('table-column-1')).toContainText('Gute Kooperation Schule–Jugendhilfe');
      await expect(moderator.getByTestId('table-column-2')).toContainText('Fachkräftemangel in Kitas');
      await expect(moderator.getByTestId('table-column-1')).toContainText('3 Personen');
      await expect(moderator.getByTestId('table-column-1')).toContainText('Moderation: Anna Schulamt');
      await expectNoSeriousA11yViolationsIn(moderator, testInfo, '[data-testid=tables-overview]', 'tables-overview');
      await expectNoSeriousA11yViolationsIn(anna, testInfo, '[data-testid=table-banner]', 'table-banner');

      // Merge: both tables' cards land in the plenary board, each with its table.
      await moderator.getByTestId('modpanel-tab-tables').click();
      await moderator.getByTestId('tables-merge').click();
      await expect(moderator.getByTestId('tables-merged')).toHaveText('2 Einträge ins Plenum übernommen.');
      await expect(anna.getByTestId('table-banner')).toHaveCount(0);
      await openBoard(moderator, 'swot');
      await expectItem(moderator, 'swot', 'text', 'Gute Kooperation Schule–Jugendhilfe', (item) => item.fromTable === 1);
      await expectItem(moderator, 'swot', 'text', 'Fachkräftemangel in Kitas', (item) => item.fromTable === 2);
      await expect(moderator.getByTestId('swot-quadrant-risiken').getByTestId('swot-card-from-table')).toHaveText('aus Tisch 2');
      // Back in plenary, Anna's board is the plenary board with both cards.
      await expect(anna.getByTestId('swot-quadrant-risiken').getByTestId('swot-card')).toHaveCount(1);
      await expect(anna.getByTestId('swot-quadrant-staerken').getByTestId('swot-card-from-table')).toHaveText('aus Tisch 1');
    } finally {
      for (const p of others) p.socket.disconnect();
      await room.close();
    }
  });
});
