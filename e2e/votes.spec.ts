import { expect, test, type Page } from '@playwright/test';
import type { RoundResult } from '../shared/votes';
import {
  castDots,
  castResistance,
  closeRound,
  expectNoSeriousA11yViolationsIn,
  moderatedRoom,
  modTab,
  openBallot,
  openRound,
  openRoundCard,
  PHONE,
  publishedResults,
  saveShot,
  setActorGroup,
} from './helpers/moderation';

/** What every page must agree on: the published numbers, without timestamps of arrival. */
function published(r: RoundResult) {
  return { roundId: r.roundId, method: r.method, voters: r.voters, tally: r.tally, byGroup: r.byGroup, ballots: r.ballots };
}

async function expectProgress(pages: Page[], voted: number, eligible: number): Promise<void> {
  for (const p of pages) await expect(openRoundCard(p).getByTestId('round-progress')).toHaveText(`${voted} von ${eligible} haben abgestimmt`);
}

async function expectOpinionProgress(pages: Page[], voted: number, eligible: number): Promise<void> {
  for (const p of pages) await expect(openRoundCard(p).getByTestId('round-progress')).toHaveText(`${voted} von ${eligible} haben ihre Einschätzung abgegeben`);
}

test.describe('votes', () => {
  test('a moderator and three participants run a Punktabfrage and a Widerstandsabfrage and all see the same result', async ({ browser }, testInfo) => {
    // Five browsers on a shared machine: generous (~30–50 s on a quiet one, over 120 s once on CI).
    test.setTimeout(180_000);
    const room = await moderatedRoom(browser, { names: ['Anna Schulamt', 'Bernd Jugendhilfe', 'Clara Kita'], viewports: [undefined, undefined, PHONE] });
    const { moderator } = room;
    const [anna, bernd, clara] = room.participants as [Page, Page, Page];
    const everyone = [moderator, anna, bernd, clara];
    try {
      // Three people from schools: enough for a breakdown by actor group (a group needs 3).
      await Promise.all([anna, bernd, clara].map((p) => setActorGroup(p, 'schule')));

      // ---- Punktabfrage: 3 dots per person, at most 2 on one option ----
      await openRound(moderator, { title: 'Welche Schwerpunkte zuerst?', method: 'punktabfrage', options: ['Sprachförderung', 'Übergang Schule–Beruf', 'Ganztag'], dots: 3, maxPerOption: 2 });
      await expectProgress(everyone, 0, 3);

      await castDots(anna, { Sprachförderung: 2, Ganztag: 1 });
      await castDots(bernd, { Sprachförderung: 1, 'Übergang Schule–Beruf': 2 });
      // Clara votes on a phone; the ballot dialog is checked with axe there.
      const dialog = await openBallot(clara);
      await expect(dialog.getByTestId('ballot-budget')).toHaveText('Noch 3 von 3 Punkten');
      const claraOption = (label: string) => dialog.getByTestId('ballot-option').filter({ hasText: label });
      await claraOption('Sprachförderung').getByTestId('ballot-dot-plus').click();
      await claraOption('Sprachförderung').getByTestId('ballot-dot-plus').click();
      // At most 2 on one option: the third dot cannot go there.
      await expect(claraOption('Sprachförderung').getByTestId('ballot-dot-plus')).toBeDisabled();
      await claraOption('Übergang Schule–Beruf').getByTestId('ballot-dot-plus').click();
      await expect(dialog.getByTestId('ballot-budget')).toHaveText('Noch 0 von 3 Punkten');
      await expectNoSeriousA11yViolationsIn(clara, testInfo, '[data-testid="ballot-dialog"]', 'ballot-punktabfrage');
      await saveShot(clara, testInfo, 'ballot-punktabfrage-phone.png');
      await dialog.getByTestId('ballot-submit').click();
      await expect(dialog).toBeHidden();
      await expectProgress(everyone, 3, 3);
      // Nobody sees what others chose while the round is open.
      expect(await anna.evaluate(() => JSON.stringify(window.__werkraumSession?.snapshot().state?.rounds))).not.toContain('dots":{');

      // A changed ballot replaces the earlier one (still 3 voters).
      const change = await openBallot(anna);
      const option = (label: string) => change.getByTestId('ballot-option').filter({ hasText: label });
      await expect(option('Ganztag').getByTestId('ballot-dot-value')).toContainText('1');
      await expect(change.getByTestId('ballot-budget')).toHaveText('Noch 0 von 3 Punkten');
      await option('Ganztag').getByTestId('ballot-dot-minus').click();
      await option('Übergang Schule–Beruf').getByTestId('ballot-dot-plus').click();
      await change.getByTestId('ballot-submit').click();
      await expect(change).toBeHidden();
      await expectProgress([moderator], 3, 3);

      await closeRound(moderator);
      const dots = await Promise.all(everyone.map((p) => publishedResults(p, 1)));
      const expected = published(dots[0]![0]!);
      for (const r of dots) expect(published(r[0]!)).toEqual(expected);
      expect(expected.voters).toBe(3);
      expect(expected.tally?.method).toBe('punktabfrage');
      if (expected.tally?.method === 'punktabfrage') {
        expect(expected.tally.options.map((o) => o.dots)).toEqual([5, 4, 0]);
        expect(expected.tally.options.map((o) => o.rank)).toEqual([1, 2, 3]);
      }
      expect(expected.ballots).toBeNull();
      expect(expected.byGroup?.map((g) => [g.group, g.voters])).toEqual([['schule', 3]]);
      // The rendered numbers are the same on every page, on the phone too.
      for (const p of everyone) {
        await expect(p.getByTestId('latest-result').getByTestId('result-dots')).toHaveText(['5 Punkte', '4 Punkte', '0 Punkte']);
        await expect(p.getByTestId('latest-result').getByTestId('result-voters')).toHaveText('3 Personen haben abgestimmt');
      }
      await saveShot(moderator.getByTestId('latest-result'), testInfo, 'vote-punktabfrage.png');

      // ---- Widerstandsabfrage: the status quo is added automatically ----
      await openRound(moderator, { title: 'Wie organisieren wir das Übergangsmanagement?', method: 'widerstandsabfrage', options: ['Bildungsbüro koordiniert', 'Kammern koordinieren'] });
      await expectProgress(everyone, 0, 3);
      await castResistance(anna, { 'Bildungsbüro koordiniert': 1, 'Kammern koordinieren': 6, 'Status quo beibehalten': 9 });
      await castResistance(bernd, { 'Bildungsbüro koordiniert': 2, 'Kammern koordinieren': 3, 'Status quo beibehalten': 10 });
      // Every option needs an answer: submitting early says which one is missing.
      const ballot = await openBallot(clara);
      const row = (label: string) => ballot.getByTestId('ballot-option').filter({ hasText: label });
      await row('Bildungsbüro koordiniert').getByTestId('ballot-resistance-0').check();
      await ballot.getByTestId('ballot-submit').click();
      await expect(ballot.getByTestId('ballot-error')).toContainText('Kammern koordinieren');
      await row('Kammern koordinieren').getByTestId('ballot-resistance-7').check();
      await row('Status quo beibehalten').getByTestId('ballot-resistance-8').check();
      await saveShot(clara, testInfo, 'ballot-widerstand-phone.png');
      await ballot.getByTestId('ballot-submit').click();
      await expect(ballot).toBeHidden();
      await expectProgress(everyone, 3, 3);

      // Two more people voted by hand in the room.
      await openRoundCard(moderator).getByTestId('round-manual').click();
      const manual = moderator.getByTestId('manual-dialog');
      await manual.getByTestId('manual-voters').fill('2');
      await manual.getByTestId('manual-o1-2').fill('2');
      await manual.getByTestId('manual-o2-5').fill('2');
      await manual.getByTestId('manual-status_quo-10').fill('2');
      await manual.getByTestId('manual-submit').click();
      await expect(manual).toBeHidden();
      await expect(openRoundCard(anna).getByTestId('round-progress')).toContainText('Handzeichen/Papier');

      await closeRound(moderator);
      const resist = await Promise.all(everyone.map((p) => publishedResults(p, 2)));
      const expectedR = published(resist[0]![1]!);
      for (const r of resist) expect(published(r[1]!)).toEqual(expectedR);
      expect(expectedR.voters).toBe(5);
      if (expectedR.tally?.method !== 'widerstandsabfrage') throw new Error('expected a Widerstandsabfrage');
      expect(expectedR.tally.ranking).toEqual(['o1', 'o2', 'status_quo']);
      expect(expectedR.tally.options.map((o) => o.total)).toEqual([7, 26, 47]);
      for (const p of everyone) {
        const latest = p.getByTestId('latest-result');
        await expect(latest.getByTestId('result-verdict')).toHaveText('Geringster Widerstand: Bildungsbüro koordiniert');
        await expect(latest.getByTestId('result-resistance').first()).toHaveAttribute('data-total', '7');
        await expect(latest.getByTestId('result-manual')).toHaveText('davon 2 per Handzeichen/Papier');
      }
      // The chart has a table twin for everyone who asks for it.
      await moderator.getByTestId('latest-result').getByTestId('chart-table-toggle').click();
      await expect(moderator.getByTestId('latest-result').getByRole('table').first()).toBeVisible();
      await moderator.getByTestId('latest-result').getByTestId('chart-table-toggle').click();

      // The moderation records the outcome; everyone sees it.
      const latest = moderator.getByTestId('latest-result');
      await latest.getByTestId('outcome-toggle').click();
      await latest.getByTestId('outcome-konsens_mit_bedenken').check();
      await latest.getByTestId('outcome-submit').click();
      await expect(anna.getByTestId('latest-result').getByTestId('result-outcomes')).toContainText('Konsens mit Bedenken');
      await latest.getByTestId('outcome-toggle').click();

      await saveShot(moderator.getByTestId('latest-result'), testInfo, 'vote-widerstand.png');
      await moderator.getByTestId('result-projector').click();
      await expect(moderator.getByTestId('projector-view')).toBeVisible();
      await saveShot(moderator, testInfo, 'vote-widerstand-projector.png');
      await moderator.getByTestId('projector-close').click();
    } finally {
      await room.close();
    }
  });

  test('an interfraktionelle Arbeitsgruppe takes only Meinungsbilder, labelled as no vote', async ({ browser }) => {
    const room = await moderatedRoom(browser, { names: ['Frau Ratsmitglied'], kind: 'interfraktionelle_ag' });
    const { moderator } = room;
    const [member] = room.participants as [Page];
    try {
      await modTab(moderator, 'votes');
      await moderator.getByTestId('open-round-button').click();
      const dialog = moderator.getByTestId('open-round-dialog');
      await expect(dialog).toContainText('Meinungsbild — unverbindlich');
      await expect(dialog.locator('[data-testid^="open-round-method-"]')).toHaveCount(0);
      await expect(dialog.getByTestId('open-round-named')).toHaveCount(0);
      await dialog.getByTestId('open-round-dialog-close').click();
      await expect(dialog).toBeHidden();
      await openRound(moderator, { title: 'Stimmung zum Ganztagsausbau', method: 'meinungsbild', options: ['Ausbau 2027'] });

      await expect(openRoundCard(member)).toContainText('Meinungsbild — unverbindlich');
      const ballot = await openBallot(member);
      // In its own words: an opinion is given, nothing is voted.
      await expect(ballot).not.toContainText(/Abstimm|abgestimmt|Stimme/);
      await expect(ballot.getByTestId('ballot-submit')).toHaveText('Einschätzung abgeben');
      await ballot.getByTestId('ballot-opinion-dafuer').check();
      await ballot.getByTestId('ballot-submit').click();
      await expectOpinionProgress([moderator], 1, 1);
      await expect(moderator.getByTestId('modpanel-tab-votes')).toContainText('Meinungsbilder');
      await expect(openRoundCard(member)).not.toContainText(/Abstimm|abgestimmt|Stimme/);
      await closeRound(moderator);
      const [result] = await publishedResults(member, 1);
      expect(result?.nonBinding).toBe(true);
      await expect(member.getByTestId('result-nonbinding')).toHaveText('Meinungsbild — unverbindlich');
      await expect(member.getByTestId('votes-area')).not.toContainText(/Abstimm|abgestimmt|Stimme/);
      // No outcome can be marked as if it were a decision.
      await expect(moderator.getByTestId('outcome-toggle')).toHaveCount(0);
    } finally {
      await room.close();
    }
  });
});
