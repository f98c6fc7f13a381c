import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { openBoard, saveScreenshot, twoParticipants } from './helpers/boards';
import { goalNode, typeTitle } from './helpers/goals';

const STRATEGIC = 'Übergang Schule – Beruf verbessern';
const PRAKTIKA = 'Praktika in Betrieben ausbauen';

/** One Zielfeld text of a goal's action plan, as the page's actions document holds it. */
async function actionText(page: Page, goalId: string, zielfeld: string): Promise<string> {
  return page.evaluate(([g, z]) => window.__werkraum?.boards.actions?.getText(`aktion:${g}:${z}`).toString() ?? '', [goalId, zielfeld] as const);
}

// Two browsers typing at once; generous on a busy machine.
test.describe.configure({ timeout: 180_000 });

test.describe('Handlungskonzept (action plan)', () => {
  test('the four Zielfelder per strategic goal are co-edited and linked to the goal tree; hints follow live', async ({ browser }, testInfo) => {
    const { a, b, close } = await twoParticipants(browser, 'steuerungskreislauf');
    try {
      // A small goal tree: Leitbild → two strategic goals, the first with an operative goal (Zielfeld Leistungen).
      await openBoard(a, 'goals');
      await a.getByTestId('goal-add-root').click();
      await typeTitle(a, 'Bildung für alle in Musterstadt');
      await a.keyboard.press('Control+Enter');
      await typeTitle(a, STRATEGIC);
      await a.keyboard.press('Control+Enter');
      await typeTitle(a, PRAKTIKA);
      await a.getByTestId('goal-detail-zielfeld').selectOption('leistungen');
      await goalNode(a, STRATEGIC).click();
      await a.keyboard.press('Enter');
      await typeTitle(a, 'Weiterbildung im Quartier stärken');

      await Promise.all([openBoard(a, 'actions'), openBoard(b, 'actions')]);
      const goalA = a.getByTestId('action-goal').filter({ hasText: STRATEGIC });
      const goalB = b.getByTestId('action-goal').filter({ hasText: STRATEGIC });
      await expect(b.getByTestId('action-goal')).toHaveCount(2);
      const goalId = (await goalB.getAttribute('data-goal-id')) ?? '';
      expect(goalId).not.toBe('');
      // Nothing written yet: four empty fields and no link.
      await expect(goalB.getByTestId('action-hints')).toHaveAttribute('data-count', '5');
      await expect(goalB.getByTestId('action-field-empty')).toHaveCount(4);

      // Anna writes the intended effect; Bernd sees it and the hint for that field goes away.
      const effect = 'Mehr Jugendliche in der Stadtmitte und im Nordviertel finden direkt nach der Schule einen Ausbildungsplatz.';
      await goalA.getByTestId('action-field-wirkungen').fill(effect);
      await expect(goalB.getByTestId('action-field-wirkungen')).toHaveValue(effect);
      await expect.poll(() => actionText(b, goalId, 'wirkungen')).toBe(effect);
      await expect(goalB.getByTestId('action-hints')).toHaveAttribute('data-count', '4');
      await expect(goalB.getByTestId('action-column-wirkungen').getByTestId('action-field-empty')).toHaveCount(0);

      // Bernd writes the resources at the same time as Anna writes the processes.
      const resources = 'Halbe Stelle im Bildungsbüro, Räume der VHS';
      const processes = 'Jugendberufsagentur als Anlaufstelle';
      await Promise.all([
        goalB.getByTestId('action-field-ressourcen').pressSequentially(resources),
        goalA.getByTestId('action-field-prozesse').pressSequentially(processes),
      ]);
      await expect(goalA.getByTestId('action-field-ressourcen')).toHaveValue(resources);
      await expect(goalB.getByTestId('action-field-prozesse')).toHaveValue(processes);

      // Anna links the operative goal from the goal's subtree; it shows in its Zielfeld at Bernd's.
      await goalA.getByTestId('action-link-picker').selectOption({ label: `Operatives Ziel: ${PRAKTIKA}` });
      await goalA.getByTestId('action-link-add').click();
      await expect(goalB.getByTestId('action-link')).toHaveText(new RegExp(PRAKTIKA));
      await expect(goalB.getByTestId('action-column-leistungen')).toContainText(PRAKTIKA);
      await expect(goalB.getByTestId('action-hint')).toHaveCount(1);
      await expect(goalB.getByTestId('action-hint')).toHaveAttribute('data-kind', 'empty_zielfeld');
      await expect(goalB.getByTestId('action-hint')).toHaveText('Feld leer: Leistungsangebote/Produkte');

      await goalA
        .getByTestId('action-field-leistungen')
        .fill('Betriebspraktika ab Klasse 8 in allen Schulformen; Praktikumsbörse mit IHK und HWK.');
      await expect(goalB.getByTestId('action-hints-ok')).toBeVisible();

      // Unlinking brings the hint back.
      await goalB.getByTestId('action-unlink').click();
      await expect(goalA.getByTestId('action-hint')).toHaveAttribute('data-kind', 'no_linked_nodes');
      await goalA.getByTestId('action-link-picker').selectOption({ label: `Operatives Ziel: ${PRAKTIKA}` });
      await goalA.getByTestId('action-link-add').click();
      await expect(goalB.getByTestId('action-hints-ok')).toBeVisible();

      // Search: a word in one Zielfeld (accents folded) finds that goal's plan; filters narrow further.
      await a.getByTestId('action-filter-text').fill('JUGENDBERUFSAGENTUR');
      await expect(a.getByTestId('action-filter-summary')).toHaveText('1 von 2 Zielen');
      await expect(a.getByTestId('action-goal')).toHaveCount(1);
      await expect(a.getByTestId('action-goal')).toHaveAttribute('data-goal-id', goalId);
      await a.getByTestId('action-filter-reset').click();
      await expect(a.getByTestId('action-goal')).toHaveCount(2);
      await a.getByTestId('action-filter-more').click();
      await a.getByTestId('action-filter-zielfeld').selectOption('ressourcen');
      await expect(goalA.locator('[data-testid^="action-column-"]')).toHaveCount(1);
      await expect(goalA.getByTestId('action-column-ressourcen')).toBeVisible();
      await a.getByTestId('action-filter-status').selectOption('complete');
      await expect(a.getByTestId('action-filter-summary')).toHaveText('1 von 2 Zielen');
      await expect(a.getByTestId('action-goal')).toHaveCount(1);
      await a.getByTestId('action-filter-reset').click();
      await expect(a.getByTestId('action-goal')).toHaveCount(2);
      await expect(goalA.locator('[data-testid^="action-column-"]')).toHaveCount(4);
      // Who is writing where: Bernd's focus in a Zielfeld shows on Anna's section.
      await goalB.getByTestId('action-field-wirkungen').focus();
      await expect(goalA.getByTestId('action-goal-editing')).toHaveText('Bernd Jugendhilfe bearbeitet');
      await goalB.getByTestId('action-field-wirkungen').blur();
      await expect(goalA.getByTestId('action-goal-editing')).toHaveCount(0);

      await expectNoSeriousA11yViolations(a, testInfo, 'actions');
      await a.setViewportSize({ width: 1920, height: 1080 });
      // Four columns side by side on a wide screen.
      const top = async (page: Page, z: string) => (await page.getByTestId('action-goal').first().getByTestId(`action-column-${z}`).boundingBox())?.y;
      await expect.poll(async () => new Set([await top(a, 'wirkungen'), await top(a, 'ressourcen')]).size).toBe(1);
      await saveScreenshot(a, testInfo, 'board-actions.png');

      // Stacked on a phone.
      await b.setViewportSize({ width: 390, height: 844 });
      await expect.poll(async () => ((await top(b, 'ressourcen')) ?? 0) > ((await top(b, 'prozesse')) ?? 0)).toBe(true);
    } finally {
      await close();
    }
  });
});
