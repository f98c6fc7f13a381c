import { expect, test } from '@playwright/test';
import { createSessionWithTemplate } from './helpers/boards';
import { describeLoad, firstLoad, joinedState } from './helpers/firstLoad';

// `npm run check:bundle` counts the first load from the build manifest's static imports; this
// counts what Chromium really fetches, so a lazily loaded part that every visit pulls in at once
// (an `import()` at start-up) is caught as well.
// The budget holds for the room however it is opened (tools/check-bundle.ts: room and swot).
const ROOM_BUDGET = 300 * 1024;

test.describe('first load', () => {
  test('a room opens with at most 300 KB of JavaScript (gzip), boards and English loading only when needed', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const session = await createSessionWithTemplate(`Erster Aufruf ${Date.now()}`, 'steuerungskreislauf');
    const storage = await joinedState(browser, session.joinCode, 'Erika Erstbesuch');

    const room = await firstLoad(browser, storage, `/s/${session.id}`, (page) => page.getByTestId('notes-editor'));
    testInfo.annotations.push({ type: 'room first load', description: describeLoad(room) });
    expect(room.gzip, describeLoad(room)).toBeLessThanOrEqual(ROOM_BUDGET);
    // The notes view fetches no board, none of the boards' strings and no English.
    expect(room.files.map((f) => f.path).filter((p) => /\/assets\/(BoardFrame|SwotBoard|DecisionsArea|boards|en)-/.test(p))).toEqual([]);

    // The SWOT board opened directly: the board and the boards' strings come with it.
    const swot = await firstLoad(
      browser,
      storage,
      `/s/${session.id}/b/swot`,
      (page) => page.locator('[data-testid="swot-board"][data-card-count]'),
      async (page) => {
        await expect(page.getByRole('heading', { level: 3, name: /Stärken/ }).first()).toBeVisible();
        await expect(page.getByTestId('swot-board')).not.toContainText('swot.');
      },
    );
    testInfo.annotations.push({ type: 'SWOT first load', description: describeLoad(swot) });
    expect(swot.files.some((f) => /\/assets\/SwotBoard-/.test(f.path))).toBe(true);
    expect(swot.files.filter((f) => /\/assets\/(boards|en)-/.test(f.path))).toHaveLength(1);
    expect(swot.gzip, describeLoad(swot)).toBeLessThanOrEqual(ROOM_BUDGET);
  });
});
