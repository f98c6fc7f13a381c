/**
 * Goal tree flow: read the tree a page holds (through `window.__werkraum.boards.goals`) and
 * resolve it with the same shared code the client uses, so tests compare structure, not markup.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { resolveTree } from '../../shared/schema/tree';
import { boardItems } from './boards';

export interface OutlineRow {
  title: string;
  level: string;
  depth: number;
}

/** The goal tree of `page` in outline order: title, level and depth of every node. */
export async function goalOutline(page: Page): Promise<OutlineRow[]> {
  const items = await boardItems(page, 'goals');
  const removed = await page.evaluate(() => (window.__werkraum?.boards.goals?.getMap('removed').toJSON() ?? {}) as Record<string, string | null>);
  const links = Object.entries(items).map(([id, item]) => ({
    id,
    parentId: typeof item.parentId === 'string' && item.parentId !== '' ? item.parentId : null,
    order: typeof item.order === 'string' ? item.order : '',
  }));
  const tree = resolveTree(links, (id) => removed[id]);
  return tree.preorder.map(({ id, depth }) => ({ title: String(items[id]?.title ?? ''), level: String(items[id]?.level ?? ''), depth }));
}

/** Polls until both pages hold `expected` (title, level, depth per node). */
export async function expectOutline(pages: Page[], expected: OutlineRow[]): Promise<void> {
  for (const page of pages) await expect.poll(() => goalOutline(page), { timeout: 15_000 }).toEqual(expected);
}

/** The outline's tree item with this title. */
export function goalNode(page: Page, title: string): Locator {
  return page.getByTestId('goal-node').filter({ has: page.getByTestId('goal-node-title').getByText(title, { exact: true }) });
}

/** Types a title into the node being edited in place and confirms it with Enter. */
export async function typeTitle(page: Page, title: string): Promise<void> {
  const input = page.getByTestId('goal-title-input');
  await expect(input).toBeFocused();
  await input.pressSequentially(title, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('goal-title-input')).toHaveCount(0);
}
