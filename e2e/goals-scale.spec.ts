import { expect, test } from '@playwright/test';
import { openBoard, twoParticipants } from './helpers/boards';
import { childTitles, goalNode } from './helpers/goals';
import { joinByApi, openScriptedDoc, seedGoalTree } from './helpers/seed';

// A tree of 500 nodes and two browsers: generous on a busy machine.
test.describe.configure({ timeout: 300_000 });

test('a goal tree of 500 nodes: search, keyboard move with announcement, undo, and a remote edit, with two participants', async ({ browser }) => {
  const { a, b, session, close } = await twoParticipants(browser, 'goals');
  try {
    // A scripted participant writes the tree through the same schema helpers a browser uses.
    const seeder = await joinByApi(session.joinCode, 'Sekretariat Bildungsbüro');
    const target = await openScriptedDoc(seeder, seeder.docs.goals!);
    const tree = seedGoalTree(target, 500);
    await target.flushed();
    target.close();
    const operative = 'Operatives Ziel 12: Bildungsmonitoring jährlich veröffentlichen';
    const parent = 'Strategisches Ziel 2: Praktika in Betrieben für alle Jugendlichen der Klassen 8 bis 10';
    expect(tree.ids).toHaveLength(500);

    await Promise.all([openBoard(a, 'goals'), openBoard(b, 'goals')]);
    for (const page of [a, b]) {
      await expect(page.getByTestId('goal-filter-summary')).toHaveText('500 Knoten', { timeout: 30_000 });
      await expect(page.getByTestId('goal-node')).toHaveCount(500);
    }
    // Rows far from the viewport stand in as their level and title (bounded rendering).
    await expect.poll(() => a.locator('[data-testid="goal-node"][data-standin]').count()).toBeGreaterThan(300);

    // Anna searches: the match with its ancestors (shown for context), and the count.
    await a.getByTestId('goal-filter-text').fill('operatives ziel 12:');
    await expect(a.getByTestId('goal-filter-summary')).toHaveText('1 von 500 Knoten');
    await expect(a.getByTestId('goal-node')).toHaveCount(3);
    await expect(goalNode(a, parent).getByTestId('goal-context')).toBeVisible();
    await expect(goalNode(a, operative)).toHaveAttribute('aria-level', '3');

    // A keyboard move among its siblings (in the whole tree), announced; Bernd's document follows.
    const before = await childTitles(b, parent);
    const at = before.indexOf(operative);
    expect(at).toBeGreaterThan(0);
    await goalNode(a, operative).click();
    await expect(goalNode(a, operative)).toBeFocused();
    await a.keyboard.press('Alt+ArrowUp');
    await expect(a.getByTestId('board-announcer')).toHaveText('Nach oben');
    await expect(goalNode(a, operative)).toBeFocused();
    const moved = [...before];
    moved.splice(at, 1);
    moved.splice(at - 1, 0, operative);
    await expect.poll(() => childTitles(b, parent), { timeout: 20_000 }).toEqual(moved);

    // Undo with Ctrl+Z: the old order, on both sides.
    await a.keyboard.press('Control+z');
    await expect(a.getByTestId('board-announcer')).toHaveText('Rückgängig gemacht');
    await expect.poll(() => childTitles(b, parent), { timeout: 20_000 }).toEqual(before);

    // Bernd edits the same goal's title in the detail panel: Anna sees who is editing, then the text.
    await b.getByTestId('goal-filter-text').fill('operatives ziel 12:');
    await expect(b.getByTestId('goal-node')).toHaveCount(3);
    await goalNode(b, operative).click();
    const title = b.getByTestId('goal-detail-title');
    await title.click();
    await b.keyboard.press('End');
    await expect(goalNode(a, operative).getByTestId('goal-editing')).toContainText('Bernd Jugendhilfe');
    await title.pressSequentially(' (Kammern)', { delay: 20 });
    await expect(goalNode(a, `${operative} (Kammern)`)).toBeVisible();
    await expect(a.getByTestId('goal-filter-summary')).toHaveText('1 von 500 Knoten');

    // The filter is local: resetting brings back all 500 rows.
    await a.getByTestId('goal-filter-reset').click();
    await expect(a.getByTestId('goal-node')).toHaveCount(500);
    await expect(a.getByTestId('goal-filter-summary')).toHaveText('500 Knoten');
  } finally {
    await close();
  }
});
