/**
 * Board flows: sessions with a template, two participants in separate browser contexts, opening
 * a board, reading its Y.Doc through `window.__werkraum.boards[kind]`, screenshots.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { expect, request, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import type { SessionForModerator } from '../../shared/api';
import type { SessionKind, SessionTemplate } from '../../shared/domain';
import { E2E_ADMIN, E2E_BASE_URL } from './env';
import { joinByLink } from './participant';
import { waitForConnected } from './room';

export type BoardTestKey = 'swot' | 'priorities' | 'goals' | 'actions' | 'canvas' | 'drafts';

/** Creates a session with a template over the HTTP API. */
export async function createSessionWithTemplate(
  title: string,
  template: SessionTemplate,
  kind: SessionKind = 'bildungskonferenz',
): Promise<SessionForModerator> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    const login = await api.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
    expect(login.status()).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const res = await api.post('/api/sessions', { data: { title, kind, date: today, template } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { session: SessionForModerator }).session;
  } finally {
    await api.dispose();
  }
}

export interface TwoParticipants {
  session: SessionForModerator;
  a: Page;
  b: Page;
  close(): Promise<void>;
}

/**
 * A fresh session with `template` and two participants, each in their own browser context (pages
 * in one context would sync through BroadcastChannel, bypassing the server).
 */
export async function twoParticipants(
  browser: Browser,
  template: SessionTemplate,
  names: [string, string] = ['Anna Schulamt', 'Bernd Jugendhilfe'],
  viewport: { width: number; height: number } = { width: 1440, height: 1000 },
): Promise<TwoParticipants> {
  const session = await createSessionWithTemplate(`${names[0]} und ${names[1]} ${Date.now()}`, template);
  const contexts: BrowserContext[] = [await browser.newContext({ viewport }), await browser.newContext({ viewport })];
  const [ctxA, ctxB] = contexts as [BrowserContext, BrowserContext];
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await Promise.all([joinByLink(a, session.joinCode, names[0]), joinByLink(b, session.joinCode, names[1])]);
  await Promise.all([waitForConnected(a), waitForConnected(b)]);
  return { session, a, b, close: async () => void (await Promise.all(contexts.map((c) => c.close()))) };
}

/** Opens a board through the room's navigation and waits until its document is synced. */
export async function openBoard(page: Page, kind: Exclude<BoardTestKey, 'drafts'>): Promise<void> {
  await page.getByTestId(`board-nav-${kind}`).click();
  await expect(page).toHaveURL(new RegExp(`/b/${kind}$`));
  await expect(page.getByTestId(`board-nav-${kind}`)).toHaveAttribute('aria-current', 'page');
  await waitForBoardDoc(page, kind);
}

/** Waits until `window.__werkraum.boards[key]` exists and the room shows "connected". */
export async function waitForBoardDoc(page: Page, key: BoardTestKey): Promise<void> {
  await page.waitForFunction((k) => window.__werkraum?.boards[k] !== undefined, key);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
}

/** The board's `items` map as plain JSON (Y.Text fields as strings). */
export async function boardItems(page: Page, key: BoardTestKey): Promise<Record<string, Record<string, unknown>>> {
  return page.evaluate((k) => {
    const doc = window.__werkraum?.boards[k];
    return (doc ? doc.getMap('items').toJSON() : {}) as Record<string, Record<string, unknown>>;
  }, key);
}

/** Items of a board whose text field `field` equals `text` (as JSON), polled until it holds. */
export async function expectItem(
  page: Page,
  key: BoardTestKey,
  field: string,
  text: string,
  match: (item: Record<string, unknown>) => boolean = () => true,
): Promise<void> {
  await expect
    .poll(async () => Object.values(await boardItems(page, key)).some((item) => item[field] === text && match(item)), { timeout: 15_000 })
    .toBe(true);
}

/** Saves a screenshot to docs/screenshots/<name> and attaches it to the test report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}): Promise<void> {
  // Carets, focus rings and hover states are noise in documentation screenshots.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.mouse.move(0, 0);
  const shot = await page.screenshot({ fullPage });
  await testInfo.attach(name, { body: shot, contentType: 'image/png' });
  await mkdir('docs/screenshots', { recursive: true });
  await writeFile(`docs/screenshots/${name}`, shot);
}
