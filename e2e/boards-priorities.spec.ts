import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { boardItems, expectItem, openBoard, saveScreenshot, twoParticipants } from './helpers/boards';

/** Topic titles in ranking order, read from the page's priorities document. */
async function rankedTitles(page: Page): Promise<string[]> {
  const items = Object.values(await boardItems(page, 'priorities'));
  return items
    .sort((x, y) => {
      const a = String(x.order);
      const b = String(y.order);
      return a < b ? -1 : a > b ? 1 : 0;
    })
    .map((i) => String(i.title));
}

async function addTopic(page: Page, title: string) {
  const count = await page.getByTestId('priority-item').count();
  await page.getByTestId('priority-add').click();
  const item = page.getByTestId('priority-item').nth(count);
  await expect(item.getByTestId('priority-title')).toBeFocused();
  await item.getByTestId('priority-title').fill(title);
  return item;
}

test.describe('Priorities board (Prioritäten)', () => {
  test.describe.configure({ timeout: 120_000 });

  test('two participants: topics from scratch and from SWOT, ranking by keyboard, role, actors, vote slot', async ({ browser }, testInfo) => {
    const { a, b, close } = await twoParticipants(browser, 'steuerungskreislauf');
    try {
      // A SWOT card to take over.
      await openBoard(a, 'swot');
      const swotText = 'Übergang Schule – Beruf: viele Jugendliche ohne Anschluss';
      await a.getByTestId('swot-add-schwaechen').click();
      await a.getByTestId('swot-card-text').fill(swotText);
      await expectItem(a, 'swot', 'text', swotText);

      await Promise.all([openBoard(a, 'priorities'), openBoard(b, 'priorities')]);
      await expect(b.getByTestId('priorities-board')).toContainText('Noch keine Schwerpunktthemen');

      await addTopic(a, 'Ganztag ausbauen');
      await expectItem(b, 'priorities', 'title', 'Ganztag ausbauen');

      // Take the SWOT card over; the topic keeps the link and names its source.
      await a.getByTestId('priority-from-swot').click();
      const picker = a.getByTestId('priority-picker');
      await expect(picker.getByRole('heading', { level: 3 })).toBeFocused();
      await picker.getByTestId('priority-pick-item').filter({ hasText: 'Übernehmen' }).first().click();
      await expect(picker).toHaveCount(0);
      await expectItem(b, 'priorities', 'title', swotText, (item) => (item.source as { board?: string } | null)?.board === 'swot');
      await expect(b.getByTestId('priority-item').nth(1).getByTestId('priority-source')).toContainText('Aus der Ausgangslage (Schwächen)');
      expect(await rankedTitles(b)).toEqual(['Ganztag ausbauen', swotText]);

      // Rank by keyboard: the "up" button of the second topic, then focus stays with the topic.
      const second = a.getByTestId('priority-item').nth(1);
      await second.getByTestId('priority-up').focus();
      await a.keyboard.press('Enter');
      await expect.poll(() => rankedTitles(b)).toEqual([swotText, 'Ganztag ausbauen']);
      await expect(a.getByTestId('priority-item').first().getByTestId('priority-up')).toBeFocused();
      await expect(b.getByTestId('priority-item').first()).toHaveAttribute('data-rank', '1');
      await expect(b.getByTestId('priority-item').first().getByTestId('priority-title')).toHaveValue(swotText);

      // And with dnd-kit's keyboard sensor: pick up the second topic, move it up, drop it.
      const handle = a.getByTestId('priority-item').nth(1).getByTestId('priority-handle');
      await handle.focus();
      await a.keyboard.press('Space');
      await expect(handle).toHaveAttribute('aria-pressed', 'true');
      await a.keyboard.press('ArrowUp');
      await expect(a.locator('[id^="DndLiveRegion"]')).toContainText('Rang 1 von 2');
      await a.keyboard.press('Space');
      await expect.poll(() => rankedTitles(b)).toEqual(['Ganztag ausbauen', swotText]);

      // Role of the municipality and responsible actors, seen on the other side.
      const first = a.getByTestId('priority-item').first();
      await first.getByTestId('priority-role-gewaehrleisterin').check();
      await first.getByTestId('priority-description').fill('Rechtsanspruch ab 2026: Plätze, Räume und Personal gemeinsam mit den Trägern planen.');
      await first.getByTestId('priority-actor-input').fill('Jugendamt');
      await first.getByTestId('priority-actor-input').press('Enter');
      await first.getByTestId('priority-actor-input').fill('Schulträger');
      await first.getByTestId('priority-actor-add').click();
      const bFirst = b.getByTestId('priority-item').first();
      await expect(bFirst.getByTestId('priority-role-gewaehrleisterin')).toBeChecked();
      await expect(bFirst.getByTestId('priority-actor')).toHaveText(['Jugendamt', 'Schulträger']);

      // The vote slot: empty, then a published opinion picture (as the voting feature will write it).
      await expect(bFirst.getByTestId('priority-vote')).toHaveText('Noch keine Abstimmung');
      await a.evaluate(() => {
        const items = window.__werkraum?.boards.priorities?.getMap('items');
        if (!items) throw new Error('no priorities document');
        for (const [, item] of items.entries()) {
          const map = item as { get(k: string): unknown; set(k: string, v: unknown): void };
          if (map.get('title')?.toString() === 'Ganztag ausbauen') {
            map.set('voteResult', { roundId: 'r1', method: 'punktabfrage', totals: { points: 14 }, participants: 9, outcome: null, meinungsbild: true, publishedAt: Date.now() });
          }
        }
      });
      await expect(bFirst.getByTestId('priority-vote')).toContainText('Meinungsbild – keine Abstimmung');
      await expect(bFirst.getByTestId('priority-vote')).toContainText('Punkte:14');
      await expect(bFirst.getByTestId('priority-vote-outcome')).toHaveCount(0);

      // Delete with undo.
      await a.getByTestId('priority-item').nth(1).getByTestId('priority-delete').click();
      await expect(b.getByTestId('priority-item')).toHaveCount(1);
      await a.getByTestId('board-toast-undo').click();
      await expect(b.getByTestId('priority-item')).toHaveCount(2);

      // The goal-tree picker opens too (the tree is still empty here).
      await a.getByTestId('priority-from-goals').click();
      await expect(a.getByTestId('priority-picker')).toContainText('noch keine Ziele');
      await a.keyboard.press('Escape');
      await expect(a.getByTestId('priority-from-goals')).toBeFocused();

      await expectNoSeriousA11yViolations(a, testInfo, 'board-priorities');
      await a.getByTestId('board-view-toggle').click();
      await expect(a.getByTestId('priority-list-view')).toBeVisible();
      await expect(a.getByRole('heading', { level: 3, name: 'Rang 1: Ganztag ausbauen' })).toBeVisible();
      await expectNoSeriousA11yViolations(a, testInfo, 'board-priorities-list');
      await a.getByTestId('board-view-toggle').click();

      await a.setViewportSize({ width: 1440, height: 1000 });
      await saveScreenshot(a, testInfo, 'board-priorities.png');
    } finally {
      await close();
    }
  });
});
