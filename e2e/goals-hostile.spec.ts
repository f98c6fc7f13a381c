import { expect, test, type Page } from '@playwright/test';
import { CloseCode } from '../shared/closeCodes';
import { Limits } from '../shared/limits';
import { createSessionWithTemplate } from './helpers/boards';
import { joinByLink } from './helpers/participant';
import { expectNotesToContain, typeInNotes, waitForConnected } from './helpers/room';
import { joinByApi, writeGoalChainAs } from './helpers/seed';

/** Levels the views nest (GOAL_DISPLAY_DEPTH in client/data/boards/goals.ts). */
const GOAL_DISPLAY_DEPTH = 12;

// A browser that must survive a hostile document; generous on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** Collects what would have blanked the page: uncaught errors and stack overflows. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Maximum call stack|too much recursion/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test.describe('the goal tree survives a hostile document', () => {
  // The views themselves render a 6,000-level chain without recursion (client/boards/goals/GoalsBoard.test.tsx).
  test('a 6,000-level chain is refused; the deepest chain the server accepts renders in the outline, the diagram and the list', async ({ browser }) => {
    const session = await createSessionWithTemplate(`Tiefe Kette ${Date.now()}`, 'goals');
    // A participant with a scripted Yjs client writes 6,000 levels: the server refuses them as a whole.
    const attacker = await joinByApi(session.joinCode, 'Kettenschreiber');
    const hostile = await writeGoalChainAs(attacker, attacker.docs.goals!, 6000);
    expect(hostile.refusedWith).toBe(CloseCode.contentRefused.code);
    // Another writes the deepest chain it accepts, far deeper than the views nest.
    const writer = await joinByApi(session.joinCode, 'Ebenenschreiberin');
    const chain = await writeGoalChainAs(writer, writer.docs.goals!, Limits.goalTreeMaxDepth + 1);
    expect(chain.refusedWith).toBeNull();
    expect(chain.depth).toBeGreaterThan(GOAL_DISPLAY_DEPTH);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await joinByLink(page, session.joinCode, 'Anna Schulamt');
      await waitForConnected(page);
      await page.getByTestId('board-nav-goals').click();
      await expect(page).toHaveURL(/\/b\/goals$/);

      // The outline: every level present, indentation bounded, the deepest reachable by keyboard.
      await expect(page.getByTestId('goal-filter-summary')).toHaveText(`${chain.depth} Knoten`);
      await expect(page.getByTestId('goal-node')).toHaveCount(chain.depth);
      await expect(page.getByTestId('goal-deep-note')).toContainText(`${chain.depth} Ebenen tief`);
      await page.getByTestId('goal-node').first().click();
      await page.keyboard.press('End');
      const last = page.getByTestId('goal-node').last();
      await expect(last).toBeFocused();
      await expect(last).toHaveAttribute('aria-level', String(chain.depth));
      await expect(last.getByTestId('goal-node-title')).toHaveText(`Ebene ${chain.depth}`);
      await expect(last.getByTestId('goal-deep-level')).toHaveText(`Ebene ${chain.depth}`);

      // The diagram: at most GOAL_DISPLAY_DEPTH columns, then one note for the rest.
      await page.getByTestId('goal-view-diagram').click();
      await expect(page.getByTestId('goal-diagram-svg')).toBeVisible();
      await expect(page.getByTestId('goal-diagram-node')).toHaveCount(GOAL_DISPLAY_DEPTH);
      await expect(page.getByTestId('goal-diagram-deeper')).toHaveAttribute('data-count', String(chain.depth - GOAL_DISPLAY_DEPTH));

      // The list view: nested to the bound, then flat, every level listed.
      await page.getByTestId('board-view-toggle').click();
      await expect(page.getByTestId('goal-list')).toBeVisible();
      await expect(page.getByTestId('goal-list-item')).toHaveCount(chain.depth);
      await expect(page.getByTestId('goal-list-flat')).toBeVisible();

      // Nothing failed, no part of the room is replaced by an error message, and the room works on.
      await expect(page.getByTestId('error-boundary')).toHaveCount(0);
      await page.getByTestId('board-nav-notes').click();
      await typeInNotes(page, 'Der Raum arbeitet weiter.');
      await expectNotesToContain(page, 'Der Raum arbeitet weiter.');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a board that cannot be shown says what failed, the room keeps working, and "Neu laden" brings it back', async ({ browser }) => {
    const session = await createSessionWithTemplate(`Fehlergrenze ${Date.now()}`, 'goals');
    // No service worker: the board's code is fetched from the network, where the test can cut it off.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await joinByLink(page, session.joinCode, 'Anna Schulamt');
      await waitForConnected(page);
      await page.route(/\/assets\/GoalsBoard-[^/]*\.js$/, (route) => route.abort('connectionreset'));
      await page.getByTestId('board-nav-goals').click();
      const boundary = page.getByTestId('board-goals').getByTestId('error-boundary');
      await expect(boundary).toBeVisible({ timeout: 30_000 });
      await expect(boundary).toContainText('Zielbaum – Anzeige nicht möglich');
      await expect(boundary.getByTestId('error-boundary-name')).toHaveText('TypeError');
      await expect(boundary.getByTestId('error-boundary-retry')).toHaveText('Neu laden');
      // The rest of the room is there and works: navigation, presence, the notes.
      await expect(page.locator('#board-heading')).toHaveText('Zielbaum – Wo wollen wir hin?');
      await page.getByTestId('board-nav-notes').click();
      await typeInNotes(page, 'Notizen gehen weiter.');
      await expectNotesToContain(page, 'Notizen gehen weiter.');

      // Back online: "Neu laden" on the board brings it.
      await page.getByTestId('board-nav-goals').click();
      await expect(boundary).toBeVisible();
      await page.unroute(/\/assets\/GoalsBoard-[^/]*\.js$/);
      await boundary.getByTestId('error-boundary-retry').click();
      await expect(page.getByTestId('goal-add-root')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('error-boundary')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
