/**
 * No raw keys on screen: the moderator and a participant walk through every page and board of a
 * full steering-cycle session, in German and in English, and the app must never have asked for a
 * translation it does not have (client/i18n.ts records each as `window.__werkraumMissingKeys`), nor
 * show text shaped like a key ("decisions.rows.cols.goalId").
 */
import { expect, test, type Page } from '@playwright/test';
import { addPriorityTopic, closedKonsenscheck } from './helpers/decisions';
import { createDraftByApi } from './helpers/hostile';
import { moderatedRoom, modTab, waitForSessionState } from './helpers/moderation';
import { waitForConnected } from './helpers/room';

/** Dotted lower-camel words of three or more parts, outside links and e-mail addresses. */
const KEY_SHAPED = /(?<![\w@/.-])[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9_]+){2,}(?![\w/@-])/g;

async function keyShapedText(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const withoutLinks = text.replace(/\b(?:https?|wss?):\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' ');
  return [...new Set(withoutLinks.match(KEY_SHAPED) ?? [])];
}

async function missingKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__werkraumMissingKeys ?? []);
}

/** Checks the page as it is now; `where` names it in the failure. */
async function expectNoRawKeys(page: Page, where: string): Promise<void> {
  // Parts of the page load lazily (boards, their strings): give them a moment to arrive.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  expect({ where, missing: await missingKeys(page) }).toEqual({ where, missing: [] });
  expect({ where, keyShaped: await keyShapedText(page) }).toEqual({ where, keyShaped: [] });
}

async function setLanguage(page: Page, lang: 'de' | 'en'): Promise<void> {
  const now = await page.locator('html').getAttribute('lang');
  if (now === lang) return;
  await page.getByTestId('lang-switch').first().click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

const BOARDS = ['swot', 'priorities', 'goals', 'actions'] as const;

test('no missing translation and no key-shaped text on any page, in German and English', async ({ browser }) => {
  // Two people, every page twice: ~2–4 min; more on a busy machine.
  test.setTimeout(360_000);
  const room = await moderatedRoom(browser, { names: ['Ida Integration'], template: 'steuerungskreislauf' });
  try {
    const { moderator, participants, session } = room;
    const [participant] = participants as [Page];
    // Something on the boards, so their items and counts are rendered, not only empty states.
    await participant.goto(`/s/${session.id}/b/swot`);
    await waitForConnected(participant);
    await participant.getByTestId('swot-add-staerken').click();
    await participant.getByTestId('swot-card-text').fill('Viele Ganztagsschulen im Kreis');
    const topic = await addPriorityTopic(participant, session.id, 'Übergang Kita–Grundschule');
    // A closed round with its outcome: results, the topic's vote slot and the draft's record show it.
    await participant.goto(`/s/${session.id}`);
    await waitForSessionState(participant);
    await closedKonsenscheck(moderator, [participant], { title: 'Übergänge zuerst?', label: 'Übergang Kita–Grundschule', source: { board: 'priorities', itemId: topic } });
    // A decision draft with its tables (goals, measures, costs), made from the topic.
    const draftId = await createDraftByApi(session.id, 'Übergänge gestalten', [{ board: 'priorities', itemId: topic }]);

    for (const lang of ['de', 'en'] as const) {
      for (const page of [moderator, participant]) {
        const who = page === moderator ? 'moderator' : 'participant';
        await page.goto(`/s/${session.id}`);
        await waitForConnected(page);
        await waitForSessionState(page);
        await setLanguage(page, lang);
        await expectNoRawKeys(page, `${lang} ${who} notes`);
        for (const board of BOARDS) {
          await page.getByTestId(`board-nav-${board}`).click();
          await expect(page).toHaveURL(new RegExp(`/b/${board}$`));
          await expect(page.locator('.wr-loading')).toHaveCount(0);
          await expectNoRawKeys(page, `${lang} ${who} ${board}`);
        }
        await page.getByTestId('board-nav-decisions').click();
        await expect(page).toHaveURL(/\/beschluesse$/);
        await expectNoRawKeys(page, `${lang} ${who} decisions`);
        await page.goto(`/s/${session.id}/beschluesse/${draftId}`);
        await expect(page.getByTestId('decisions-area')).toBeVisible();
        await expect(page.locator('.wr-loading')).toHaveCount(0);
        await expectNoRawKeys(page, `${lang} ${who} draft`);
        if (page === moderator) {
          await page.getByTestId('board-nav-notes').click();
          for (const tab of ['agenda', 'people', 'votes', 'locks'] as const) {
            await modTab(page, tab);
            await expectNoRawKeys(page, `${lang} moderator panel ${tab}`);
          }
          await page.goto('/sessions');
          await expect(page.getByTestId('session-create-title')).toBeVisible();
          await expectNoRawKeys(page, `${lang} dashboard`);
          await page.goto(`/s/${session.id}/beamer`);
          await expect(page.getByTestId('session-qr').locator('svg')).toBeVisible();
          await expectNoRawKeys(page, `${lang} beamer`);
        }
        await page.goto('/datenschutz');
        await expect(page.getByTestId('privacy-notice')).toBeVisible();
        await expectNoRawKeys(page, `${lang} ${who} privacy notice`);
      }
    }
  } finally {
    await room.close();
  }
});
