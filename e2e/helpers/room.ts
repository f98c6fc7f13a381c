/** Reading and writing the shared notes of a room, through the Y.Doc the page exposes for tests. */
import { expect, type Page } from '@playwright/test';
import { NOTES_FRAGMENT } from '../../shared/schema/notes';

export async function waitForConnected(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await page.waitForFunction(() => window.__werkraum?.provider.synced === true);
}

/** The plain text of the notes as the page's Y.Doc holds it (paragraphs joined by newlines). */
export async function notesText(page: Page): Promise<string> {
  return page.evaluate((field) => {
    const w = window.__werkraum;
    if (!w) return '';
    const xml = w.doc.getXmlFragment(field).toString();
    return xml
      .replace(/<\/(paragraph|heading|listItem)>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .trim();
  }, NOTES_FRAGMENT);
}

/**
 * Clicks into the editor, moves to the end and types like a person (one key at a time).
 * With `newParagraph` the text starts a paragraph of its own.
 */
export async function typeInNotes(page: Page, text: string, { newParagraph = false } = {}): Promise<void> {
  const editor = page.getByTestId('notes-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  if (newParagraph) await page.keyboard.press('Enter');
  await editor.pressSequentially(text, { delay: 15 });
}

export async function expectNotesToContain(page: Page, text: string): Promise<void> {
  await expect.poll(() => notesText(page), { timeout: 15_000 }).toContain(text);
}
