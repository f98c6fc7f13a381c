import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { openBoard, saveScreenshot, twoParticipants, waitForBoardDoc } from './helpers/boards';
import { expectOutline, goalNode, goalOutline, typeTitle } from './helpers/goals';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

const LEITBILD = 'Bildung für alle in Musterstadt';
const UEBERGANG = 'Übergang Schule – Beruf verbessern';
const PRAKTIKA = 'Praktika in Betrieben ausbauen';
const ABSCHLUSS = 'Jugendliche ohne Abschluss halbieren';
const WEITERBILDUNG = 'Weiterbildung im Quartier stärken';

test.describe('Zielbaum (goal tree)', () => {
  test('two participants build a tree by keyboard, co-edit a title, and the measurability counter updates live', async ({ browser }, testInfo) => {
    const { a, b, session, close } = await twoParticipants(browser, 'goals');
    try {
      await Promise.all([openBoard(a, 'goals'), openBoard(b, 'goals')]);
      await expect(b.getByTestId('goal-measurable-count')).toHaveAttribute('data-total', '0');

      // Anna builds the tree with the keyboard only.
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

      const built = [
        { title: LEITBILD, level: 'leitbild', depth: 0 },
        { title: UEBERGANG, level: 'strategisch', depth: 1 },
        { title: ABSCHLUSS, level: 'operativ', depth: 2 },
        { title: PRAKTIKA, level: 'operativ', depth: 2 },
        { title: WEITERBILDUNG, level: 'strategisch', depth: 1 },
      ];
      await expectOutline([a, b], built);
      // Bernd's outline shows the same tree with the ARIA structure a screen reader reads.
      await expect(b.getByRole('tree').getByRole('treeitem')).toHaveCount(5);
      await expect(goalNode(b, PRAKTIKA)).toHaveAttribute('aria-level', '3');
      await expect(goalNode(b, UEBERGANG)).toHaveAttribute('aria-expanded', 'true');
      const counter = b.getByTestId('goal-measurable-count');
      await expect(counter).toHaveAttribute('data-total', '4');
      await expect(counter).toHaveAttribute('data-measurable', '0');
      await expect(counter).toHaveText('0 von 4 Zielen vollständig messbar');

      // Anna makes one goal measurable; Bernd sees what is missing shrink, then the counter move.
      await goalNode(a, ABSCHLUSS).click();
      await a.getByTestId('goal-detail-owner').fill('Bildungsbüro');
      await a.getByTestId('goal-indicator-add').click();
      const row = a.getByTestId('goal-indicator');
      await row.getByTestId('goal-indicator-name').fill('Schulabgänge ohne Abschluss');
      await row.getByTestId('goal-indicator-unit').fill('%');
      await row.getByTestId('goal-indicator-baseline').fill('8,4');
      await row.getByTestId('goal-indicator-target').fill('4,2');
      await row.getByTestId('goal-indicator-data-source').fill('Bildungsmonitoring, Schulstatistik');
      await row.getByTestId('goal-indicator-name').focus();
      await expect(goalNode(b, ABSCHLUSS).getByTestId('goal-gaps')).toHaveAttribute('data-gaps', 'no_deadline');
      await expect(counter).toHaveAttribute('data-measurable', '0');
      await row.getByTestId('goal-indicator-deadline').fill('2028-07-31');
      await expect(counter).toHaveText('1 von 4 Zielen vollständig messbar');
      await expect(goalNode(b, ABSCHLUSS).getByTestId('goal-gaps')).toHaveAttribute('data-gaps', '');

      // Both type into the Leitbild's title at the same moment: the edits merge, nobody's caret jumps.
      await goalNode(a, LEITBILD).click();
      await goalNode(b, LEITBILD).click();
      const titleA = a.getByTestId('goal-detail-title');
      const titleB = b.getByTestId('goal-detail-title');
      await titleA.click();
      await a.keyboard.press('End');
      await titleB.click();
      await b.keyboard.press('Home');
      await Promise.all([titleA.pressSequentially(' – gemeinsam', { delay: 40 }), titleB.pressSequentially('Leitbild: ', { delay: 40 })]);
      const merged = `Leitbild: ${LEITBILD} – gemeinsam`;
      await expect(titleA).toHaveValue(merged);
      await expect(titleB).toHaveValue(merged);
      await expect(goalNode(b, merged)).toBeVisible();

      // Delete by keyboard, undo from the notice; Bernd sees both.
      await goalNode(a, WEITERBILDUNG).click();
      await a.keyboard.press('Delete');
      await expect.poll(async () => (await goalOutline(b)).map((r) => r.title)).not.toContain(WEITERBILDUNG);
      await expect(counter).toHaveAttribute('data-total', '3');
      await a.getByTestId('board-toast-undo').click();
      await expect.poll(async () => (await goalOutline(b)).map((r) => r.title)).toContain(WEITERBILDUNG);

      await goalNode(a, ABSCHLUSS).click();
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-outline');
      await saveScreenshot(a, testInfo, 'board-goals.png');

      // The diagram: same data, drawn; Bernd's projector view fills the screen.
      await a.getByTestId('goal-view-diagram').click();
      await expect(a.getByTestId('goal-diagram-node')).toHaveCount(5);
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-diagram');
      await a.getByTestId('goal-diagram-to-outline').click();
      await expect(goalNode(a, ABSCHLUSS)).toBeFocused();

      await b.setViewportSize({ width: 1920, height: 1080 });
      await b.getByTestId('goal-view-diagram').click();
      await b.getByTestId('goal-beamer').click();
      const beamer = b.getByTestId('goal-diagram-beamer');
      await expect(beamer).toBeVisible();
      await expect(beamer.getByTestId('goal-diagram-node')).toHaveCount(5);
      await expect(beamer.getByTestId('goal-measurable-count')).toHaveText('1 von 4 Zielen vollständig messbar');
      await expectNoSeriousA11yViolations(b, testInfo, 'goals-beamer');
      await saveScreenshot(b, testInfo, 'board-goals-diagram.png', { fullPage: false });
      await b.keyboard.press('Escape');
      await expect(beamer).toHaveCount(0);

      // The frame's list view: the whole tree as nested lists.
      await a.getByTestId('board-view-toggle').click();
      await expect(a.getByTestId('goal-list-item')).toHaveCount(5);
      await expectNoSeriousA11yViolations(a, testInfo, 'goals-list');

      // An observer reads along: same tree, no editing controls, read-only fields.
      const observerCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      try {
        const o = await observerCtx.newPage();
        await joinByLink(o, session.observerCode, 'Olga Ortsbeirat');
        await waitForConnected(o);
        await openBoard(o, 'goals');
        await waitForBoardDoc(o, 'goals');
        await expect(o.getByTestId('goal-node')).toHaveCount(5);
        await expect(o.getByTestId('goal-add-child')).toHaveCount(0);
        await goalNode(o, ABSCHLUSS).click();
        await expect(o.getByTestId('goal-detail-title')).toHaveAttribute('readonly', '');
        await expect(o.getByTestId('goal-indicator-add')).toHaveCount(0);
        await expectNoSeriousA11yViolations(o, testInfo, 'goals-observer-phone');
      } finally {
        await observerCtx.close();
      }
    } finally {
      await close();
    }
  });
});
