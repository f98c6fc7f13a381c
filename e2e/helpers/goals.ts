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

export interface SeedNode {
  title: string;
  children?: SeedNode[];
}

/**
 * Builds a goal tree on an empty goals board with the keyboard, the way people do: the first
 * root with "Leitbild anlegen", then Ctrl+Enter for a first child, Enter for a next sibling and
 * ArrowLeft to climb back to a parent. Levels follow the depth (Leitbild → … → Maßnahme).
 */
export async function seedGoalTree(page: Page, roots: SeedNode[]): Promise<void> {
  await page.getByTestId('goal-add-root').click();
  const walk = async (nodes: SeedNode[], first: boolean, parentTitle: string | null): Promise<void> => {
    for (const [i, node] of nodes.entries()) {
      if (!(first && i === 0)) {
        if (i === 0) await page.keyboard.press('Control+Enter');
        else {
          // Back on the previous sibling (its subtree may have moved focus deeper), then Enter.
          await goalNode(page, nodes[i - 1]?.title ?? '').focus();
          await page.keyboard.press('Enter');
        }
      }
      await typeTitle(page, node.title);
      if (node.children?.length) await walk(node.children, false, node.title);
    }
    if (parentTitle) await goalNode(page, parentTitle).focus();
  };
  await walk(roots, true, null);
}

/** Titles of the children of the node titled `parentTitle`, in order, as the page's document holds them. */
export async function childTitles(page: Page, parentTitle: string): Promise<string[]> {
  const items = await boardItems(page, 'goals');
  const removed = await page.evaluate(() => (window.__werkraum?.boards.goals?.getMap('removed').toJSON() ?? {}) as Record<string, string | null>);
  const links = Object.entries(items).map(([id, item]) => ({
    id,
    parentId: typeof item.parentId === 'string' && item.parentId !== '' ? item.parentId : null,
    order: typeof item.order === 'string' ? item.order : '',
  }));
  const tree = resolveTree(links, (id) => removed[id]);
  const parent = Object.keys(items).find((id) => items[id]?.title === parentTitle);
  return parent ? (tree.childrenOf.get(parent) ?? []).map((id) => String(items[id]?.title ?? '')) : [];
}
