import { expect, test, type Page } from '@playwright/test';
import { canvasFieldName } from '../shared/schema/canvas';
import { expectNoSeriousA11yViolations } from './helpers/a11y';
import { watchCsp } from './helpers/csp';
import { openBoard, saveScreenshot, twoParticipants } from './helpers/boards';

/** The plain text of a canvas section as the page's Y.Doc holds it. */
async function sectionText(page: Page, sectionId: string): Promise<string> {
  return page.evaluate((field) => {
    const xml = window.__werkraum?.boards.canvas?.getXmlFragment(field).toString() ?? '';
    return xml
      .replace(/<\/(paragraph|heading|listItem)>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .trim();
  }, canvasFieldName(sectionId));
}

/** Clicks into a section's editor and types (key by key, or at once with `paste`). */
async function typeIn(page: Page, sectionId: string, text: string, { paste = false } = {}) {
  const editor = page.getByTestId(`canvas-editor-${sectionId}`);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  if (paste) await page.keyboard.insertText(text);
  else await editor.pressSequentially(text, { delay: 5 });
}

test.describe('Gesamtkonzept canvas', () => {
  test.describe.configure({ timeout: 180_000 });

  test('six sections with guiding questions, co-edited by two participants, undo of own typing', async ({ browser }, testInfo) => {
    const { a, b, close } = await twoParticipants(browser, 'gesamtkonzept', ['Anna Schulamt', 'Bernd Jugendhilfe'], { width: 1920, height: 1080 });
    // Carets and selections are drawn without style attributes (the server's policy blocks them).
    const csp = await Promise.all([a.context(), b.context()].map(watchCsp));
    try {
      await Promise.all([openBoard(a, 'canvas'), openBoard(b, 'canvas')]);
      await expect(a.getByRole('heading', { level: 3 })).toHaveCount(6);
      await expect(a.getByTestId('canvas-section-akteure')).toContainText('Wer erarbeitet das strategische Konzept?');

      const text = 'Übergang Schule – Beruf für alle Jugendlichen im Kreis';
      await typeIn(a, 'inhalte', text);
      await expect.poll(() => sectionText(b, 'inhalte')).toBe(text);
      await expect(b.getByTestId('canvas-editor-inhalte')).toContainText(text);
      // Anna's named caret shows in Bernd's editor of that section.
      await expect(b.getByTestId('canvas-editor-inhalte').locator('.collaboration-carets__label', { hasText: 'Anna Schulamt' })).toBeVisible();

      await typeIn(b, 'politik', 'Interfraktionelle AG in jeder Phase einbinden', { paste: true });
      await expect.poll(() => sectionText(a, 'politik')).toBe('Interfraktionelle AG in jeder Phase einbinden');
      // Bernd's selection shows in Anna's editor of that section as a highlight.
      await b.keyboard.press('ControlOrMeta+A');
      await expect(a.getByTestId('canvas-editor-politik').locator('.collaboration-carets__selection').first()).toContainText('Interfraktionelle');

      // The frame's undo takes back only Anna's own typing, not Bernd's.
      // Inserted at once: one undo step whatever the machine's speed (typing pauses over 0.5 s split steps).
      await typeIn(a, 'steuerung', 'Lenkungskreis', { paste: true });
      await expect.poll(() => sectionText(b, 'steuerung')).toBe('Lenkungskreis');
      await a.getByTestId('board-undo').click();
      await expect.poll(() => sectionText(b, 'steuerung')).toBe('');
      expect(await sectionText(b, 'politik')).toBe('Interfraktionelle AG in jeder Phase einbinden');
      // Anna's earlier text in another section stays: each stretch of typing is its own undo step.
      expect(await sectionText(b, 'inhalte')).toBe(text);
      await a.getByTestId('board-redo').click();
      await expect.poll(() => sectionText(b, 'steuerung')).toBe('Lenkungskreis');

      await typeIn(a, 'akteure', 'Bildungsbüro mit Jugendamt, Schulamt und Kammern', { paste: true });
      await typeIn(b, 'bildungskommission', 'Tagt zweimal im Jahr, Vorsitz Landrat', { paste: true });
      await typeIn(a, 'ist_aufnahme', 'Bildungsbericht 2024 und Trägerbefragung', { paste: true });
      await expect.poll(() => sectionText(b, 'ist_aufnahme')).toBe('Bildungsbericht 2024 und Trägerbefragung');

      // Search: the sections whose answer (or guiding questions) hold the text; the others are hidden.
      await a.getByTestId('canvas-filter-text').fill('ZWEIMAL');
      await expect(a.getByTestId('canvas-filter-summary')).toHaveText('1 von 6 Bausteinen');
      await expect(a.getByTestId('canvas-section-bildungskommission')).toBeVisible();
      await expect(a.getByTestId('canvas-section-inhalte')).toBeHidden();
      await expect(a.getByTestId('canvas-section-bildungskommission').getByTestId('canvas-found')).toHaveText('Treffer in der Antwort');
      // What the other person writes meanwhile is found as well, and shows who is writing there.
      await typeIn(b, 'inhalte', ' – zweimal im Jahr berichten', { paste: true });
      await expect(a.getByTestId('canvas-filter-summary')).toHaveText('2 von 6 Bausteinen');
      await expect(a.getByTestId('canvas-section-inhalte')).toBeVisible();
      await expect(a.getByTestId('canvas-section-inhalte').getByTestId('canvas-editing')).toHaveText('Bernd Jugendhilfe schreibt hier');
      await a.getByTestId('canvas-filter-reset').click();
      await expect(a.getByTestId('canvas-section-politik')).toBeVisible();
      await expect(a.getByTestId('canvas-filter-summary')).toHaveText('6 Bausteine');

      for (const watch of csp) expect(await watch.violations()).toEqual([]);
      await expectNoSeriousA11yViolations(a, testInfo, 'board-canvas');
      await saveScreenshot(a, testInfo, 'board-canvas.png');

      // The guiding questions follow the language.
      await a.getByTestId('lang-switch').click();
      await expect(a.getByTestId('canvas-section-akteure')).toContainText('Who drafts the strategic concept?');
    } finally {
      await close();
    }
  });
});
