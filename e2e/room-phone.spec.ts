/**
 * The room for a hundred, from a participant's side: a phone (390×844, touch) sees what is going
 * on — an open vote with its ballot button — on the first screen, with a notice, and the board
 * tabs fit its width; "Folgen" follows the moderation's changes, never a link, a reload or a
 * draft, and "Zurück zur Moderation" leads back.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { createSessionWithTemplate } from './helpers/boards';
import { addPriorityTopic, openDecisions } from './helpers/decisions';
import { E2E_ADMIN } from './helpers/env';
import { addAgendaItem, DESKTOP, gotoAgendaItem, moderatedRoom, openRound, openRoundCard, saveShot, waitForSessionState } from './helpers/moderation';
import { joinByLink } from './helpers/participant';
import { waitForConnected } from './helpers/room';

const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
/** Longer than the 1.5–2.5 s after which the old follow-me pulled people back. */
const QUIET_MS = 3500;

/** A session with a real-length title and its moderator (signed in, in the room, on a desktop). */
async function moderatorIn(browser: Browser, title: string) {
  const session = await createSessionWithTemplate(title, 'steuerungskreislauf', 'bildungskonferenz');
  const context = await browser.newContext({ viewport: DESKTOP });
  const login = await context.request.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(login.status()).toBe(200);
  const moderator = await context.newPage();
  await moderator.goto(`/s/${session.id}`);
  await expect(moderator.getByTestId('moderator-panel')).toBeVisible();
  await waitForSessionState(moderator);
  return { session, moderator };
}

async function joinOnPhone(browser: Browser, joinCode: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await joinByLink(page, joinCode, name);
  await waitForConnected(page);
  await waitForSessionState(page);
  return page;
}

/** The element lies wholly inside the first screen: the page is not scrolled and its box is inside the viewport. */
async function expectOnFirstScreen(page: Page, testId: string): Promise<void> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await page.getByTestId(testId).first().boundingBox())!;
  expect(box, testId).not.toBeNull();
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${testId} bottom`).toBeLessThanOrEqual(PHONE_VIEWPORT.height);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
}

test.describe('the room on a phone, and follow-me', () => {
  test('a phone sees the open vote on its first screen, with a notice; the board tabs fit in one row', async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    // Titles as long as real sessions have them.
    const { moderator, session } = await moderatorIn(browser, '3. Bildungskonferenz „Übergang Kita–Grundschule“');
    let phone: Page | undefined;
    try {
      phone = await joinOnPhone(browser, session.joinCode, 'Paula Jugendhilfe');
      await addAgendaItem(moderator, { title: 'Schwerpunkte für den Übergang Kita–Grundschule setzen', phase: 'wo_wollen_wir_hin', board: 'priorities', minutes: 15 });
      await gotoAgendaItem(moderator, 'Schwerpunkte für den Übergang Kita–Grundschule setzen');

      // The view switch is shown and said, and the phone says where it is.
      await expect(phone).toHaveURL(new RegExp(`/s/${session.id}/b/priorities$`));
      const announcer = phone.getByTestId('follow-announcer');
      await expect(announcer).toHaveAttribute('role', 'status');
      await expect(announcer).toHaveText('Die Moderation ist jetzt bei „Schwerpunkte für den Übergang Kita–Grundschule setzen“.');
      await expect(announcer).toBeVisible();
      await expect(phone.getByTestId('follow-status')).toHaveText('Sie folgen der Moderation');

      // A one-row header: the navigation folds behind "Menü".
      const header = (await phone.locator('header.wr-header').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(64);
      await expect(phone.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();
      await phone.getByTestId('header-menu').tap();
      await expect(phone.getByTestId('header-menu')).toHaveAttribute('aria-expanded', 'true');
      await expect(phone.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
      await phone.getByTestId('header-menu').tap();
      await expect(phone.getByRole('navigation', { name: 'Hauptnavigation' })).toBeHidden();

      // The board tabs, "Beschlussentwürfe" included: one row, inside 390 px, nothing to scroll sideways.
      const tabs = phone.getByRole('navigation', { name: 'Arbeitsbereiche der Sitzung' }).getByRole('link');
      await expect(tabs).toHaveCount(6);
      const boxes = await tabs.evaluateAll((links) => links.map((l) => l.getBoundingClientRect().toJSON() as DOMRect));
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
        expect(Math.abs(b.top - boxes[0]!.top)).toBeLessThan(2);
        expect(b.width).toBeGreaterThanOrEqual(44);
        expect(b.height).toBeGreaterThanOrEqual(44);
      }
      const scrolls = await phone.locator('.wr-board-nav__list').evaluateAll((lists) => lists.map((l) => l.scrollWidth - l.clientWidth));
      expect(scrolls.every((d) => d <= 0)).toBe(true);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      // The full names stay the links' names for screen readers.
      await expect(phone.getByRole('link', { name: /Beschlussentwürfe/ })).toBeVisible();
      await expect(phone.getByRole('link', { name: /Prioritäten/ })).toHaveAttribute('aria-current', 'page');

      // The moderator opens a round: a notice appears on the phone (shown and in a live region),
      // and the ballot button is on the first screen without scrolling.
      await openRound(moderator, { title: 'Welche Schwerpunkte zuerst?', method: 'konsenscheck', options: ['Sprachförderung', 'Gemeinsame Übergangsgespräche'] });
      const alert = phone.getByTestId('room-alert');
      await expect(alert).toHaveAttribute('role', 'status');
      await expect(alert.getByTestId('room-alert-vote')).toBeVisible();
      await expect(alert).toContainText('Abstimmung geöffnet: „Welche Schwerpunkte zuerst?“');
      // The newer notice takes the place of the note of the move.
      await expect(announcer).toHaveText('');
      await expect(openRoundCard(phone).getByTestId('round-vote')).toBeVisible();
      await expectOnFirstScreen(phone, 'room-alert-vote');
      await expectOnFirstScreen(phone, 'round-vote');
      await expectOnFirstScreen(phone, 'current-item-title');
      // The moderator opened it and gets no notice.
      await expect(moderator.getByTestId('room-alert-vote')).toHaveCount(0);

      await expectNoSeriousA11yViolations(phone, testInfo, 'room-phone-vote');
      await saveShot(phone, testInfo, 'phone-vote.png');

      // The button works by touch; the notice can be hidden.
      await openRoundCard(phone).getByTestId('round-vote').tap();
      await expect(phone.getByTestId('ballot-dialog')).toBeVisible();
      await phone.keyboard.press('Escape');
      await expect(phone.getByTestId('ballot-dialog')).toBeHidden();
      await phone.getByTestId('room-alert-hide').tap();
      await expect(phone.getByTestId('room-alert-vote')).toHaveCount(0);

      // A called speaker is on the first screen, for everyone.
      await phone.getByTestId('hand-raise').tap();
      await expect(phone.getByTestId('hand-raise')).toHaveAttribute('aria-pressed', 'true');
      await moderator.getByTestId('modpanel-tab-people').click();
      await moderator.getByTestId('speakers-next').click();
      await expect(phone.getByTestId('current-speaker')).toHaveText('Das Wort hat: Paula Jugendhilfe');
      await expect(phone.getByTestId('hand-status')).toHaveText('Sie haben das Wort.');
      await expectOnFirstScreen(phone, 'current-speaker');
      await expectOnFirstScreen(phone, 'hand-status');

      // The same room on a desktop keeps its layout: full board names with their questions in one row.
      await expect(moderator.getByTestId('board-nav-swot')).toContainText('Wo stehen wir?');
      await expect(moderator.getByTestId('header-menu')).toBeHidden();
      await expect(moderator.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
    } finally {
      await Promise.all([moderator.context().close(), phone?.context().close()]);
    }
  });

  test('follow-me leaves links, reloads and drafts alone, follows changes, and leads back', async ({ browser }) => {
    test.setTimeout(120_000);
    const room = await moderatedRoom(browser, { names: ['Anna Schulamt'] });
    const { moderator, session } = room;
    const [anna] = room.participants as [Page];
    const base = `/s/${session.id}`;
    try {
      await addAgendaItem(moderator, { title: 'Ausgangslage analysieren', phase: 'wo_stehen_wir', board: 'swot', minutes: 20 });
      await addAgendaItem(moderator, { title: 'Schwerpunkte setzen', phase: 'wo_wollen_wir_hin', board: 'priorities', minutes: 15 });
      await gotoAgendaItem(moderator, 'Ausgangslage analysieren');
      await expect(anna).toHaveURL(new RegExp(`${base}/b/swot$`));
      await expect(anna.getByTestId('follow-status')).toHaveText('Sie folgen der Moderation');
      await expect(anna.getByTestId('follow-back')).toHaveCount(0);

      // The moderator (following too) writes a decision draft: the draft stays open.
      await addPriorityTopic(moderator, session.id, 'Sprachförderung ausbauen');
      await openDecisions(moderator);
      await moderator.getByTestId('decision-new').click();
      const picker = moderator.getByTestId('source-picker');
      await picker.getByTestId('source-option').first().check();
      await picker.getByTestId('source-picker-submit').click();
      await expect(moderator).toHaveURL(/\/beschluesse\/[^/]+$/);
      const draftPath = new URL(moderator.url()).pathname;
      await expect(moderator.getByTestId('follow-toggle')).toBeChecked();
      await moderator.waitForTimeout(QUIET_MS);
      await expect(moderator).toHaveURL(new RegExp(`${draftPath}$`));

      // Anna opens a link to the draft: she stays there, sees the way back, and follows still.
      await anna.goto(draftPath);
      await waitForSessionState(anna);
      await expect(anna.getByTestId('decision-draft-title')).toBeVisible();
      await anna.waitForTimeout(QUIET_MS);
      await expect(anna).toHaveURL(new RegExp(`${draftPath}$`));
      await expect(anna.getByTestId('follow-back')).toHaveText('Zurück zur Moderation');
      await expect(anna.getByTestId('follow-toggle')).toBeChecked();

      // A reload of another board stays too, and so does a reload of the notes (the bare room URL).
      await anna.goto(`${base}/b/goals`);
      await anna.reload();
      await waitForSessionState(anna);
      await anna.waitForTimeout(QUIET_MS);
      await expect(anna).toHaveURL(new RegExp(`${base}/b/goals$`));
      await anna.getByTestId('board-nav-notes').click();
      await expect(anna).toHaveURL(new RegExp(`${base}$`));
      await anna.reload();
      await waitForSessionState(anna);
      await anna.waitForTimeout(QUIET_MS);
      await expect(anna).toHaveURL(new RegExp(`${base}$`));

      // A change of the moderation moves her, and says so.
      await gotoAgendaItem(moderator, 'Schwerpunkte setzen');
      await expect(anna).toHaveURL(new RegExp(`${base}/b/priorities$`));
      await expect(anna.getByTestId('follow-announcer')).toHaveText('Die Moderation ist jetzt bei „Schwerpunkte setzen“.');
      await expect(anna.getByTestId('follow-status')).toBeVisible();
      // The moderator's own draft stayed open through that change.
      await expect(moderator).toHaveURL(new RegExp(`${draftPath}$`));

      // Working in a draft, she is told of the next change but not moved; "Zurück zur Moderation" leads there.
      await anna.goto(draftPath);
      await waitForSessionState(anna);
      await expect(anna.getByTestId('decision-draft-title')).toBeVisible();
      await gotoAgendaItem(moderator, 'Ausgangslage analysieren');
      await expect(anna.getByTestId('current-item-title')).toHaveText('Ausgangslage analysieren');
      await expect(anna.getByTestId('follow-announcer')).toContainText('Die Moderation ist jetzt bei „Ausgangslage analysieren“. Sie bleiben bei den Beschlussentwürfen');
      await anna.waitForTimeout(QUIET_MS);
      await expect(anna).toHaveURL(new RegExp(`${draftPath}$`));
      await anna.getByTestId('follow-back').click();
      await expect(anna).toHaveURL(new RegExp(`${base}/b/swot$`));
      await expect(anna.getByTestId('follow-status')).toHaveText('Sie folgen der Moderation');
      // The way back moves focus to the board's heading, as the board navigation does.
      await expect(anna.locator('[data-focus-on-navigate]')).toBeFocused();

      // The same in English.
      await anna.getByRole('button', { name: 'English' }).click();
      await expect(anna.getByTestId('follow-status')).toHaveText('You are following the moderator');
      await anna.getByTestId('board-nav-goals').click();
      await expect(anna.getByTestId('follow-back')).toHaveText('Back to the moderator');
    } finally {
      await room.close();
    }
  });
});
