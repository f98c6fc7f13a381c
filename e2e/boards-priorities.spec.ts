import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { boardItems, expectItem, openBoard, saveScreenshot, twoParticipants, waitForBoardDoc } from './helpers/boards';
import { watchCsp } from './helpers/csp';
import { joinByApi, openScriptedDoc, seedPriorityTopics } from './helpers/seed';

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

/** Waits until the number of topics rendered in full stops changing (stand-ins mount as they near the viewport). */
async function settled(page: Page) {
  let last = -1;
  await expect
    .poll(
      async () => {
        const n = await page.getByTestId('priority-item').count();
        const same = n === last;
        last = n;
        return same;
      },
      { intervals: [500] },
    )
    .toBe(true);
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

      // The vote slot: empty. Only the server writes it (when it closes a round it ran): a result
      // forged in Anna's browser is refused whole, her board is loaded afresh and says so, and
      // Bernd never sees it.
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
      await expect(a.getByTestId('refused-notice')).toBeVisible();
      await waitForBoardDoc(a, 'priorities');
      await expect(a.getByTestId('priority-item').first().getByTestId('priority-vote')).toHaveText('Noch keine Abstimmung');
      await expect(a.getByTestId('priority-item').first().getByTestId('priority-actor')).toHaveText(['Jugendamt', 'Schulträger']);
      await expect(bFirst.getByTestId('priority-vote')).toHaveText('Noch keine Abstimmung');

      // Search (accents folded) and filter by the municipality's role, with counts.
      await a.getByTestId('priority-filter-text').fill('ubergang');
      await expect(a.getByTestId('priority-filter-summary')).toHaveText('1 von 2 Themen');
      await expect(a.getByTestId('priority-item')).toHaveCount(1);
      await expect(a.getByTestId('priority-item').getByTestId('priority-title')).toHaveValue(swotText);
      await a.getByTestId('priority-filter-reset').click();
      await expect(a.getByTestId('priority-item')).toHaveCount(2);
      await expect(a.getByTestId('priority-filter-summary')).toHaveText('2 Themen');
      await a.getByTestId('priority-filter-more').click();
      await a.getByTestId('priority-filter-role').selectOption('gewaehrleisterin');
      await expect(a.getByTestId('priority-item')).toHaveCount(1);
      await expect(a.getByTestId('priority-item').getByTestId('priority-title')).toHaveValue('Ganztag ausbauen');
      await expect(a.getByTestId('board-announcer')).toHaveText('1 von 2 Themen');
      await a.getByTestId('priority-filter-reset').click();
      await expect(a.getByTestId('priority-item')).toHaveCount(2);

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

  test('a ranking of 200 topics: search, keyboard moves with announcements, undo and a co-editor, with far topics standing in', async ({ browser }) => {
    test.setTimeout(300_000);
    const { session, a, b, close } = await twoParticipants(browser, 'steuerungskreislauf');
    // Stand-ins keep their height through the DOM's style object, never a style attribute (the CSP blocks those).
    const csp = await Promise.all([a.context(), b.context()].map(watchCsp));
    try {
      const join = await joinByApi(session.joinCode, 'Vorbereitung');
      const seeder = await openScriptedDoc(join, join.docs.priorities);
      const ids = seedPriorityTopics(seeder, 200);
      await seeder.flushed();
      seeder.close();

      await Promise.all([openBoard(a, 'priorities'), openBoard(b, 'priorities')]);
      for (const page of [a, b]) {
        await expect(page.getByTestId('priorities-board')).toHaveAttribute('data-topic-count', '200');
        await expect(page.getByTestId('priority-filter-summary')).toHaveText('200 Themen');
        // Topics far from the viewport stand in as text; every topic is in the page.
        await expect(page.locator('[data-topic-id]')).toHaveCount(200);
        await expect(page.getByTestId('priority-item-standin').first()).toBeAttached();
        expect(await page.getByTestId('priority-item').count()).toBeLessThan(100);
      }
      const topic = (page: typeof a, id: string) => page.locator(`[data-topic-id="${id}"]`);

      // Keyboard drag and drop at the top of the ranking, announced with the rank out of 200
      // (once the topics near the viewport are mounted: dnd-kit measures them when a drag starts).
      const handle = a.getByTestId('priority-item').nth(1).getByTestId('priority-handle');
      await handle.scrollIntoViewIfNeeded();
      await settled(a);
      await handle.focus();
      await a.keyboard.press('Space');
      await expect(handle).toHaveAttribute('aria-pressed', 'true');
      await a.keyboard.press('ArrowUp');
      await expect(a.locator('[id^="DndLiveRegion"]')).toContainText('Rang 1 von 200');
      await a.keyboard.press('Space');
      await expect(topic(b, ids[1]!)).toHaveAttribute('data-rank', '1');
      await a.getByTestId('board-undo').click();
      await expect(topic(b, ids[1]!)).toHaveAttribute('data-rank', '2');
      await expect(topic(b, ids[0]!)).toHaveAttribute('data-rank', '1');

      // Search finds a topic far down the ranking; it moves up one rank by keyboard, announced.
      const title = 'Thema 150: Digitale Bildung in der Volkshochschule';
      await a.getByTestId('priority-filter-text').fill('thema 150:');
      await expect(a.getByTestId('priority-filter-summary')).toHaveText('1 von 200 Themen');
      await expect(a.getByTestId('priority-item')).toHaveCount(1);
      const found = a.getByTestId('priority-item');
      await expect(found).toHaveAttribute('data-rank', '150');
      await found.getByTestId('priority-up').focus();
      await a.keyboard.press('Enter');
      await expect(a.getByTestId('board-announcer')).toHaveText(`„${title}“ jetzt auf Rang 149 von 200.`);
      await expect(found.getByTestId('priority-up')).toBeFocused();
      await expect(topic(b, ids[149]!)).toHaveAttribute('data-rank', '149');
      // Undo is Anna's own: the topic goes back, at Bernd's too.
      await a.getByTestId('board-undo').click();
      await expect(topic(b, ids[149]!)).toHaveAttribute('data-rank', '150');
      await expect(found).toHaveAttribute('data-rank', '150');

      // Bernd finds the same topic and edits it; Anna sees who edits it and the text.
      await b.getByTestId('priority-filter-text').fill('Volkshochschule');
      await expect(b.getByTestId('priority-filter-summary')).toHaveText('25 von 200 Themen');
      // It stands in far down his list until he scrolls to it.
      await expect(topic(b, ids[149]!)).toHaveAttribute('data-testid', 'priority-item-standin');
      await topic(b, ids[149]!).scrollIntoViewIfNeeded();
      const bTitle = topic(b, ids[149]!).getByTestId('priority-title');
      await bTitle.click();
      await b.keyboard.press('End');
      // Inserted at once: one undo step whatever the machine's speed (typing pauses over 0.5 s split steps).
      await b.keyboard.insertText(' (dringend)');
      await expect(found.getByTestId('priority-title')).toHaveValue(`${title} (dringend)`);
      await expect(found.getByTestId('priority-editing')).toHaveText('Bernd Jugendhilfe bearbeitet');
      await expect(a.getByTestId('priority-filter-summary')).toHaveText('1 von 200 Themen');
      // Bernd's undo takes back his typing only.
      await b.getByTestId('board-undo').click();
      await expect(found.getByTestId('priority-title')).toHaveValue(title);
      await expect(found).toHaveAttribute('data-rank', '150');
      for (const watch of csp) expect(await watch.violations()).toEqual([]);
    } finally {
      await close();
    }
  });
});
