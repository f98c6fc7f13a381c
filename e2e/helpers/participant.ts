/** Participant flow: enter a join code on the start page (or follow a link), give a name, enter the room. */
import { expect, type Page } from '@playwright/test';

/** Types the code the way people do (lower case, with a space) on the start page. */
export async function joinByCode(page: Page, joinCode: string, name: string): Promise<void> {
  await page.goto('/');
  const typed = `${joinCode.slice(0, 3)} ${joinCode.slice(3)}`.toLowerCase();
  await page.getByTestId('join-code-input').fill(typed);
  await page.getByTestId('join-submit').click();
  await expect(page).toHaveURL(new RegExp(`/join/${joinCode}$`));
  await enterName(page, name);
}

/** Follows a join link (participant or observer code) and joins under `name`. */
export async function joinByLink(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await enterName(page, name);
}

async function enterName(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('join-session-title')).toBeVisible();
  await page.getByTestId('join-name-input').fill(name);
  await page.getByTestId('join-submit').click();
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]+$/);
}
