import { expect, test, type Page } from '@playwright/test';
import { castResistance, closeRound, moderatedRoom, openRound, openRoundCard, publishedResults } from './helpers/moderation';

test.describe('votes for a large room', () => {
  test('a secret round with two voters shows no distribution; the outcome preselects the leading option and can be corrected', async ({ browser }) => {
    test.setTimeout(120_000);
    const room = await moderatedRoom(browser, { names: ['Anna Schulamt', 'Bernd Jugendhilfe', 'Clara Kita'] });
    const { moderator } = room;
    const [anna, bernd, clara] = room.participants as [Page, Page, Page];
    try {
      // ---- Two of three answer a secret Widerstandsabfrage: below the minimum of three ----
      await openRound(moderator, { title: 'Wer koordiniert?', method: 'widerstandsabfrage', options: ['Schulamt', 'Bildungsbüro'] });
      await castResistance(anna, { Schulamt: 8, Bildungsbüro: 1, 'Status quo beibehalten': 5 });
      await castResistance(bernd, { Schulamt: 2, Bildungsbüro: 9, 'Status quo beibehalten': 4 });
      await closeRound(moderator);
      for (const p of [moderator, anna, bernd, clara]) {
        const latest = p.getByTestId('latest-result');
        await expect(latest.getByTestId('result-withheld')).toHaveText('2 Personen haben teilgenommen — zu wenige für eine geheime Auswertung (mindestens 3).');
        // No chart, no table, no verdict, no groups: nothing of the distribution on the page.
        await expect(latest.getByRole('table')).toHaveCount(0);
        await expect(latest.getByTestId('result-verdict')).toHaveCount(0);
        await expect(latest.getByTestId('result-by-group')).toHaveCount(0);
        await expect(latest).not.toContainText('Geringster Widerstand');
      }
      // The data the page holds has none either.
      const [withheld] = await publishedResults(clara, 1);
      expect(withheld).toMatchObject({ voters: 2, withheld: true, tally: null, online: null, byGroup: null });
      // The large view for the projector says the same.
      await moderator.getByTestId('latest-result').getByTestId('result-projector').click();
      const projector = moderator.getByTestId('projector-view');
      await expect(projector.getByTestId('result-withheld')).toBeVisible();
      await expect(projector.getByRole('table')).toHaveCount(0);
      await projector.getByTestId('projector-close').click();

      // ---- All three answer: the second option meets the least resistance ----
      await openRound(moderator, { title: 'Wer koordiniert künftig?', method: 'widerstandsabfrage', options: ['Schulamt', 'Bildungsbüro'] });
      await castResistance(anna, { Schulamt: 8, Bildungsbüro: 1, 'Status quo beibehalten': 5 });
      await castResistance(bernd, { Schulamt: 6, Bildungsbüro: 2, 'Status quo beibehalten': 7 });
      await castResistance(clara, { Schulamt: 7, Bildungsbüro: 0, 'Status quo beibehalten': 9 });
      await closeRound(moderator);
      const latest = moderator.getByTestId('latest-result');
      await expect(latest.getByTestId('result-verdict')).toHaveText('Geringster Widerstand: Bildungsbüro');

      // "Groß zeigen" in the moderator's window at 1920×1080: the whole result fits the screen
      // (status-quo row and verdict included), and the idle timer is not shown.
      await moderator.setViewportSize({ width: 1920, height: 1080 });
      await latest.getByTestId('result-projector').click();
      const large = moderator.getByTestId('projector-view');
      await expect(large.getByTestId('result-verdict')).toBeVisible();
      await expect(large.getByTestId('projector-timer')).toHaveCount(0);
      await expect(async () => {
        for (const part of [large.locator('.wr-resist__row--sq'), large.getByTestId('result-verdict'), large.locator('.wr-result__title')]) {
          const box = (await part.first().boundingBox())!;
          expect(box.y + box.height).toBeLessThanOrEqual(1080);
          expect(box.x + box.width).toBeLessThanOrEqual(1920);
        }
      }).toPass({ timeout: 10_000 });
      await large.getByTestId('projector-close').click();
      await moderator.setViewportSize({ width: 1440, height: 1000 });

      // "Ergebnis festhalten" preselects the option with the least resistance (the second one).
      await latest.getByTestId('outcome-toggle').click();
      const option = latest.getByTestId('outcome-option');
      await expect(option).toHaveValue('o2');
      await expect(option.locator('option:checked')).toHaveText('Bildungsbüro');
      await expect(latest.getByTestId('outcome-option-hint')).toHaveText('Vorausgewählt: die führende Option.');
      await latest.getByTestId('outcome-konsens').check();
      await latest.getByTestId('outcome-submit').click();
      await expect(latest.getByTestId('outcome-status')).toHaveText('Das Ergebnis ist festgehalten.');
      await expect(anna.getByTestId('latest-result').getByTestId('result-outcomes')).toContainText('Bildungsbüro: Konsens');

      // A correction needs a reason; the error shows where the moderator looks.
      await expect(latest.getByTestId('outcome-option-hint')).toHaveText('Festgehalten: Konsens. Eine neue Angabe korrigiert es.');
      await latest.getByTestId('outcome-konsens_mit_bedenken').check();
      await latest.getByTestId('outcome-submit').click();
      const alert = latest.getByRole('alert');
      await expect(alert).toHaveText('Bitte geben Sie an, warum das festgehaltene Ergebnis korrigiert wird.');
      await expect(alert).toBeInViewport();
      await expect(latest.getByTestId('outcome-reason')).toBeFocused();
      await latest.getByTestId('outcome-reason').fill('Bedenken der Kitas zur Finanzierung übersehen');
      await latest.getByTestId('outcome-submit').click();
      await expect(latest.getByTestId('outcome-status')).toHaveText('Das Ergebnis ist festgehalten.');
      for (const p of [moderator, anna]) {
        const result = p.getByTestId('latest-result');
        await expect(result.getByTestId('result-outcomes')).toContainText('Bildungsbüro: Konsens mit Bedenken');
        await result.getByTestId('outcome-log').locator('summary').click();
        await expect(result.getByTestId('outcome-log').locator('li[data-action="corrected"]')).toContainText(
          'Bildungsbüro – korrigiert von Konsens zu Konsens mit Bedenken (Bedenken der Kitas zur Finanzierung übersehen)',
        );
      }
      await expect(openRoundCard(moderator)).toHaveCount(0);
    } finally {
      await room.close();
    }
  });
});
