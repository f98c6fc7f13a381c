import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { openBoard, saveScreenshot, twoParticipants } from './helpers/boards';
import { expectOutline, goalNode, goalOutline, seedGoalTree, typeTitle, type SeedNode } from './helpers/goals';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

const LEITBILD = 'Bildung für alle in Musterstadt';
const UEBERGANG = 'Übergang Schule – Beruf verbessern';
const PRAKTIKA = 'Praktika in Betrieben ausbauen';
const ABSCHLUSS = 'Jugendliche ohne Abschluss halbieren';
const WEITERBILDUNG = 'Weiterbildung im Quartier stärken';

const TREE: SeedNode[] = [
  {
    title: LEITBILD,
    children: [
      { title: UEBERGANG, children: [{ title: ABSCHLUSS, children: [{ title: 'Mentoring durch Ehrenamtliche' }] }, { title: PRAKTIKA }] },
      { title: WEITERBILDUNG },
    ],
  },
];

/** Makes ABSCHLUSS measurable in the detail panel: an owner and one complete indicator. */
async function makeMeasurable(page: Page, withDeadline: boolean): Promise<void> {
  await goalNode(page, ABSCHLUSS).click();
  await page.getByTestId('goal-detail-owner').fill('Bildungsbüro (Frau Yilmaz)');
  await page.getByTestId('goal-indicator-add').click();
  const row = page.getByTestId('goal-indicator');
  await row.getByTestId('goal-indicator-name').fill('Schulabgänge ohne Abschluss');
  await row.getByTestId('goal-indicator-unit').fill('%');
  await row.getByTestId('goal-indicator-baseline').fill('8,4');
  await row.getByTestId('goal-indicator-target').fill('4,2');
  await row.getByTestId('goal-indicator-data-source').fill('Schulstatistik (Bildungsmonitoring)');
  await row.getByTestId('goal-indicator-name').focus();
  if (withDeadline) await row.getByTestId('goal-indicator-deadline').fill('2028-07-31');
}

// Two or three browsers typing at once; generous on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.describe('Zielbaum (goal tree)', () => {
  test('built by keyboard at one side, seen at the other; the measurability counter follows live', async ({ browser }) => {
    const { a, b, close } = await twoParticipants(browser, 'goals');
    try {
      await Promise.all([openBoard(a, 'goals'), openBoard(b, 'goals')]);
      await expect(b.getByTestId('goal-measurable-count')).toHaveAttribute('data-total', '0');

      // Anna builds the tree with the keyboard only: add child, sibling, indent, move, outdent.
      await a.getByTestId('goal-add-root').click();
      await typeTitle(a, LEITBILD);
      await a.keyboard.press('Control+Enter');
      await typeTitle(a, UEBERGANG);
      await a.keyboard.press('Enter');
      await typeTitle(a, PRAKTIKA);
      await a.keyboard.press('Tab');
      await expect(goalNode(a, PRAKTIKA)).toHaveAttribute('aria-level', '3');
      await expect(goalNode(a, PRAKTIKA)).toBeFocused();
      await a.keyboard.press('Enter');
      await typeTitle(a, ABSCHLUSS);
      await a.keyboard.press('Alt+ArrowUp');
      await expect(goalNode(a, ABSCHLUSS)).toBeFocused();
      await a.keyboard.press('ArrowDown');
      await expect(goalNode(a, PRAKTIKA)).toBeFocused();
      await a.keyboard.press('Enter');
      await typeTitle(a, WEITERBILDUNG);
      await a.keyboard.press('Shift+Tab');

      await expectOutline(
        [a, b],
        [
          { title: LEITBILD, level: 'leitbild', depth: 0 },
          { title: UEBERGANG, level: 'strategisch', depth: 1 },
          { title: ABSCHLUSS, level: 'operativ', depth: 2 },
          { title: PRAKTIKA, level: 'operativ', depth: 2 },
          { title: WEITERBILDUNG, level: 'strategisch', depth: 1 },
        ],
      );
      // Bernd's outline has the ARIA structure a screen reader reads.
      await expect(b.getByRole('tree').getByRole('treeitem')).toHaveCount(5);
      await expect(goalNode(b, PRAKTIKA)).toHaveAttribute('aria-level', '3');
      await expect(goalNode(b, UEBERGANG)).toHaveAttribute('aria-expanded', 'true');
      // Collapse and expand with the arrow keys (local to each person).
      await goalNode(b, UEBERGANG).click();
      await b.keyboard.press('ArrowLeft');
      await expect(goalNode(b, UEBERGANG)).toHaveAttribute('aria-expanded', 'false');
      await expect(b.getByRole('treeitem')).toHaveCount(3);
      await b.keyboard.press('ArrowRight');
      await expect(b.getByRole('treeitem')).toHaveCount(5);

      const counter = b.getByTestId('goal-measurable-count');
      await expect(counter).toHaveAttribute('data-total', '4');
      await expect(counter).toHaveText('0 von 4 Zielen vollständig messbar');

      // Anna makes one goal measurable; Bernd sees the gaps shrink, then the counter move.
      await makeMeasurable(a, false);
      await expect(goalNode(b, ABSCHLUSS).getByTestId('goal-gaps')).toHaveAttribute('data-gaps', 'no_deadline');
      await expect(counter).toHaveAttribute('data-measurable', '0');
      await a.getByTestId('goal-indicator-deadline').fill('2028-07-31');
      await expect(counter).toHaveText('1 von 4 Zielen vollständig messbar');
      await expect(goalNode(b, ABSCHLUSS).getByTestId('goal-gaps')).toHaveAttribute('data-gaps', '');
    } finally {
      await close();
    }
  });

  test('co-edited titles merge, delete is undone, and the diagram goes on the projector', async ({ browser }, testInfo) => {
    const { a, b, close } = await twoParticipants(browser, 'goals');
    try {
      await Promise.all([openBoard(a, 'goals'), openBoard(b, 'goals')]);
      await seedGoalTree(a, TREE);
      await expect(b.getByTestId('goal-node')).toHaveCount(6);
      await makeMeasurable(a, true);

      // Bernd searches (accent-folded): the match with its ancestors for context, and the count.
      await expect(b.getByTestId('goal-filter-summary')).toHaveText('6 Knoten');
      await b.getByTestId('goal-filter-text').fill('UBERGANG');
      await expect(b.getByTestId('goal-filter-summary')).toHaveText('1 von 6 Knoten');
      await expect(b.getByTestId('goal-node')).toHaveCount(2);
      await expect(goalNode(b, LEITBILD).getByTestId('goal-context')).toBeVisible();
      await expect(goalNode(b, UEBERGANG).getByTestId('goal-context')).toHaveCount(0);
      // Further filters: the measurable goals, then those without indicators at the strategic level.
      await b.getByTestId('goal-filter-text').fill('');
      await b.getByTestId('goal-filter-more').click();
      await b.getByTestId('goal-filter-measurability').selectOption('measurable');
      await expect(b.getByTestId('goal-filter-summary')).toHaveText('1 von 6 Knoten');
      await expect(goalNode(b, ABSCHLUSS)).toHaveAttribute('aria-level', '3');
      await b.getByTestId('goal-filter-measurability').selectOption('any');
      await b.getByTestId('goal-filter-level').selectOption('strategisch');
      await b.getByTestId('goal-filter-indicators').selectOption('without');
      await expect(b.getByTestId('goal-filter-summary')).toHaveText('2 von 6 Knoten');
      await b.getByTestId('goal-filter-reset').click();
      await expect(b.getByTestId('goal-node')).toHaveCount(6);

      // Both type into the Leitbild's title at the same moment: the edits merge, no caret jumps.
      await goalNode(a, LEITBILD).click();
      await goalNode(b, LEITBILD).click();
      const titleA = a.getByTestId('goal-detail-title');
      const titleB = b.getByTestId('goal-detail-title');
      await titleA.click();
      await a.keyboard.press('End');
      await titleB.click();
      await b.keyboard.press('Home');
      await Promise.all([titleA.pressSequentially(' – ein Leben lang', { delay: 30 }), titleB.pressSequentially('Gute ', { delay: 60 })]);
      const merged = `Gute ${LEITBILD} – ein Leben lang`;
      await expect(titleA).toHaveValue(merged);
      await expect(titleB).toHaveValue(merged);
      await expect(goalNode(b, merged)).toBeVisible();

      // Delete by keyboard, undo from the notice; Bernd sees both.
      const counter = b.getByTestId('goal-measurable-count');
      await expect(counter).toHaveAttribute('data-total', '4');
      await goalNode(a, WEITERBILDUNG).click();
      await a.keyboard.press('Delete');
      await expect.poll(async () => (await goalOutline(b)).map((r) => r.title)).not.toContain(WEITERBILDUNG);
      await expect(counter).toHaveAttribute('data-total', '3');
      await a.getByTestId('board-toast-undo').click();
      await expect.poll(async () => (await goalOutline(b)).map((r) => r.title)).toContain(WEITERBILDUNG);
      await expect(counter).toHaveText('1 von 4 Zielen vollständig messbar');

      await goalNode(a, ABSCHLUSS).click();
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-outline');
      await saveScreenshot(a, testInfo, 'board-goals.png');

      // The diagram: same data, drawn; its caption leads back to the outline (its text version).
      await a.getByTestId('goal-view-diagram').click();
      await expect(a.getByTestId('goal-diagram-node')).toHaveCount(6);
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-diagram');
      await a.getByTestId('goal-diagram-to-outline').click();
      await expect(goalNode(a, ABSCHLUSS)).toBeFocused();

      // Bernd puts it on the projector.
      await b.setViewportSize({ width: 1920, height: 1080 });
      await b.getByTestId('goal-view-diagram').click();
      await b.getByTestId('goal-beamer').click();
      const beamer = b.getByTestId('goal-diagram-beamer');
      await expect(beamer.getByTestId('goal-diagram-node')).toHaveCount(6);
      await expect(beamer.getByTestId('goal-measurable-count')).toHaveText('1 von 4 Zielen vollständig messbar');
      await expectNoSeriousA11yViolations(b, testInfo, 'goals-beamer');
      await saveScreenshot(b, testInfo, 'board-goals-diagram.png', { fullPage: false });
      await b.keyboard.press('Escape');
      await expect(beamer).toHaveCount(0);

      // The frame's list view: the whole tree as nested lists.
      await a.getByTestId('board-view-toggle').click();
      await expect(a.getByTestId('goal-list-item')).toHaveCount(6);
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-list');
    } finally {
      await close();
    }
  });

  test('an observer on a phone reads along without editing controls', async ({ browser }, testInfo) => {
    const { a, session, close } = await twoParticipants(browser, 'goals');
    const observerCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await openBoard(a, 'goals');
      await seedGoalTree(a, TREE.slice(0, 1));
      await makeMeasurable(a, true);

      const o = await observerCtx.newPage();
      await joinByLink(o, session.observerCode, 'Olga Ortsbeirat');
      await waitForConnected(o);
      await openBoard(o, 'goals');
      await expect(o.getByTestId('goal-node')).toHaveCount(6);
      await expect(o.getByTestId('goal-measurable-count')).toHaveText('1 von 4 Zielen vollständig messbar');
      await expect(o.getByTestId('goal-add-child')).toHaveCount(0);
      await goalNode(o, ABSCHLUSS).click();
      await o.keyboard.press('Enter');
      await expect(o.getByTestId('goal-title-input')).toHaveCount(0);
      await expect(o.getByTestId('goal-detail-title')).toHaveAttribute('readonly', '');
      await expect(o.getByTestId('goal-indicator-baseline')).toHaveValue('8,4');
      await expect(o.getByTestId('goal-indicator-add')).toHaveCount(0);
      await expectNoSeriousA11yViolations(o, testInfo, 'goals-observer-phone');
      await testInfo.attach('goals-phone.png', { body: await o.screenshot({ fullPage: true }), contentType: 'image/png' });
    } finally {
      await observerCtx.close();
      await close();
    }
  });
});
