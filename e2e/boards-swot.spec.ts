import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { boardItems, expectItem, openBoard, saveScreenshot, twoParticipants } from './helpers/boards';

/** Adds a card to a quadrant through the UI and types its text; returns the card's locator. */
async function addCard(page: Page, quadrant: string, text: string, { type = false } = {}) {
  const before = await page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').count();
  await page.getByTestId(`swot-add-${quadrant}`).click();
  const card = page.getByTestId(`swot-quadrant-${quadrant}`).getByTestId('swot-card').nth(before);
  const field = card.getByTestId('swot-card-text');
  await expect(field).toBeFocused();
  if (type) await field.pressSequentially(text, { delay: 10 });
  else await field.fill(text);
  return card;
}


test.describe('SWOT board (Ausgangslage)', () => {
  // Two browser contexts and a lot of typing: more than the default minute on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test('two participants: create, move by keyboard, assess, private draft, delete with undo', async ({ browser }, testInfo) => {
    const { a, b, close } = await twoParticipants(browser, 'swot');
    try {
      await Promise.all([openBoard(a, 'swot'), openBoard(b, 'swot')]);
      await expect(a.getByTestId('swot-quadrant-staerken')).toContainText('Stärken');

      // Anna writes a card; Bernd's document and board show it.
      const text = 'Ganztagsangebote an allen Grundschulen';
      await addCard(a, 'staerken', text, { type: true });
      await expectItem(b, 'swot', 'text', text, (item) => item.quadrant === 'staerken');
      await expect(b.getByTestId('swot-quadrant-staerken').getByTestId('swot-card-text')).toHaveValue(text);

      // Anna moves it to Chancen with the keyboard ("Verschieben" menu); focus follows the card.
      const card = a.getByTestId('swot-card').filter({ has: a.getByTestId('swot-card-text') }).first();
      await card.getByTestId('swot-card-move').focus();
      await a.keyboard.press('Enter');
      await expect(a.getByTestId('swot-card-move-to-schwaechen')).toBeFocused();
      await a.keyboard.press('ArrowDown');
      await expect(a.getByTestId('swot-card-move-to-chancen')).toBeFocused();
      await a.keyboard.press('Enter');
      await expectItem(b, 'swot', 'text', text, (item) => item.quadrant === 'chancen');
      await expect(a.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-move')).toBeFocused();
      await expect(b.getByTestId('swot-quadrant-chancen').getByTestId('swot-card')).toHaveCount(1);

      // A second card in Chancen, then reorder with dnd-kit's keyboard sensor: Space, ArrowUp, Space.
      const second = 'Bundesprogramm Startchancen';
      await addCard(a, 'chancen', second);
      await expectItem(b, 'swot', 'text', second);
      const handle = a.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-handle').nth(1);
      await handle.focus();
      await a.keyboard.press('Space');
      await expect(handle).toHaveAttribute('aria-pressed', 'true');
      await a.keyboard.press('ArrowUp');
      // dnd-kit announces the new place (in German) before the drop.
      await expect(a.locator('[id^="DndLiveRegion"]')).toContainText('Über Karte „Ganztagsangebote');
      await a.keyboard.press('Space');
      await expect
        .poll(async () => {
          const items = Object.values(await boardItems(b, 'swot')).filter((i) => i.quadrant === 'chancen');
          return items.sort((x, y) => String(x.order).localeCompare(String(y.order), 'en')).map((i) => i.text);
        })
        .toEqual([second, text]);
      await expect(b.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-text').first()).toHaveValue(second);

      // Concurrent typing in the same card merges (minimal edits), Bernd at the end, Anna at the start.
      const bField = b.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-text').first();
      const aField = a.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-text').first();
      await bField.click();
      await b.keyboard.press('End');
      await aField.click();
      await a.keyboard.press('Home');
      await Promise.all([bField.pressSequentially(' 2026', { delay: 20 }), aField.pressSequentially('Neu: ', { delay: 20 })]);
      await expect(aField).toHaveValue(`Neu: ${second} 2026`);
      await expect(bField).toHaveValue(`Neu: ${second} 2026`);

      // Assessment of an external factor, seen on the other side.
      await a.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-details').first().click();
      await a.getByTestId('swot-assessment-probability').selectOption('high');
      await a.getByTestId('swot-assessment-timing').selectOption('medium');
      await expect(b.getByTestId('swot-quadrant-chancen').getByTestId('swot-card-assessment').first()).toHaveText(
        'Wahrscheinlichkeit: hoch · Zeitpunkt: mittelfristig',
      );

      // Private drafts: not visible (not even in the document) on the other side until published.
      await a.getByTestId('swot-private-toggle').check();
      const secret = 'Fachkräftemangel in Kitas';
      await a.getByTestId('swot-add-risiken').click();
      const draft = a.getByTestId('swot-drafts').getByTestId('swot-draft-card');
      await expect(draft).toHaveCount(1);
      await draft.getByTestId('swot-card-text').fill(secret);
      await expectItem(a, 'drafts', 'text', secret, (item) => item.quadrant === 'risiken');
      await expect(a.getByTestId('swot-drafts')).toContainText('Nur für Sie sichtbar');
      await b.waitForTimeout(500);
      expect(Object.values(await boardItems(b, 'swot')).map((i) => i.text)).not.toContain(secret);
      await expect(b.getByTestId('swot-drafts').getByTestId('swot-draft-card')).toHaveCount(0);
      await draft.getByTestId('swot-publish').click();
      await expectItem(b, 'swot', 'text', secret, (item) => item.quadrant === 'risiken' && typeof item.publishedFrom === 'string');
      await expect(a.getByTestId('swot-drafts').getByTestId('swot-draft-card')).toHaveCount(0);
      await a.getByTestId('swot-private-toggle').uncheck();

      // Delete with undo.
      const risk = b.getByTestId('swot-quadrant-risiken').getByTestId('swot-card');
      await expect(risk).toHaveCount(1);
      await a.getByTestId('swot-quadrant-risiken').getByTestId('swot-card-delete').click();
      await expect(risk).toHaveCount(0);
      await expect(a.getByTestId('board-toast')).toContainText('Karte gelöscht');
      await a.getByTestId('board-toast-undo').click();
      await expect(risk).toHaveCount(1);
      await expect(risk.getByTestId('swot-card-text')).toHaveValue(secret);

      await expectNoSeriousA11yViolations(a, testInfo, 'board-swot');
      // The list twin: headings per quadrant and the same actions.
      await a.getByTestId('board-view-toggle').click();
      await expect(a.getByTestId('swot-list')).toBeVisible();
      await expect(a.getByRole('heading', { level: 3, name: /Chancen/ })).toBeVisible();
      await expect(a.getByTestId('swot-list-chancen').getByTestId('swot-card')).toHaveCount(2);
      await expectNoSeriousA11yViolations(a, testInfo, 'board-swot-list');
      await a.getByTestId('board-view-toggle').click();
    } finally {
      await close();
    }
  });

  test('screenshot of a filled board', async ({ browser }, testInfo) => {
    const { a, close } = await twoParticipants(browser, 'swot', ['Anna Schulamt', 'Bernd Jugendhilfe'], { width: 1440, height: 1100 });
    try {
      await openBoard(a, 'swot');
      await addCard(a, 'staerken', 'Gut ausgebautes Netz an Ganztagsgrundschulen');
      const vhs = await addCard(a, 'staerken', 'Starke Volkshochschule mit Angeboten in allen Stadtteilen');
      await vhs.getByTestId('swot-card-details').click();
      await vhs.getByTestId('swot-color-green').check();
      await vhs.getByTestId('swot-card-details').click();
      const gap = await addCard(a, 'schwaechen', 'Übergang Schule – Beruf: viele Jugendliche ohne Anschluss');
      await gap.getByTestId('swot-card-details').click();
      await gap.getByTestId('swot-evidence-indicator').fill('Abgänge ohne Abschluss');
      await gap.getByTestId('swot-evidence-value').fill('7,4');
      await gap.getByTestId('swot-evidence-unit').fill('%');
      await gap.getByTestId('swot-evidence-year').fill('2023');
      await gap.getByTestId('swot-evidence-source').fill('Bildungsmonitoring');
      await gap.getByTestId('swot-evidence-save').click();
      await expect(gap.getByTestId('swot-card-evidence')).toContainText('7,4 %');
      await gap.getByTestId('swot-card-details').click();
      await a.getByTestId('swot-add-cluster-schwaechen').click();
      await expect(a.getByTestId('swot-cluster-title')).toBeFocused();
      await a.getByTestId('swot-cluster-title').fill('Daten und Transparenz');
      const data = await addCard(a, 'schwaechen', 'Kein gemeinsames Bildungsmonitoring der Träger');
      await data.getByTestId('swot-card-details').click();
      await data.getByTestId('swot-card-cluster').selectOption({ label: 'Daten und Transparenz' });
      await expect(a.getByTestId('swot-cluster').getByTestId('swot-card')).toHaveCount(1);
      const chance = await addCard(a, 'chancen', 'Rechtsanspruch auf Ganztagsbetreuung ab 2026');
      await chance.getByTestId('swot-card-details').click();
      await chance.getByTestId('swot-color-blue').check();
      await chance.getByTestId('swot-assessment-probability').selectOption('high');
      await chance.getByTestId('swot-assessment-timing').selectOption('short');
      await chance.getByTestId('swot-assessment-impact').selectOption('high');
      await chance.getByTestId('swot-card-details').click();
      const risk = await addCard(a, 'risiken', 'Rückläufige Schülerzahlen in den Ortsteilen');
      await risk.getByTestId('swot-card-details').click();
      await risk.getByTestId('swot-color-pink').check();
      await risk.getByTestId('swot-assessment-probability').selectOption('medium');
      await risk.getByTestId('swot-assessment-timing').selectOption('long');
      await risk.getByTestId('swot-assessment-impact').selectOption('high');
      await risk.getByTestId('swot-card-details').click();
      await expect(a.getByTestId('connection-state')).toHaveAttribute('data-pending', '0');
      await saveScreenshot(a, testInfo, 'board-swot.png');
    } finally {
      await close();
    }
  });
});
