/**
 * Moderation and voting flows: a moderator and participants in separate browser contexts, the
 * agenda, and the session state each page holds, read through `window.__werkraumSession`
 * (client/data/session/sessionClient.ts) instead of scraping markup.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { SessionForModerator } from '../../shared/api';
import type { DocKind } from '../../shared/docs';
import type { SessionKind, SessionTemplate } from '../../shared/domain';
import type { ParticipantSelf, SessionState, SteeringPhase } from '../../shared/moderation';
import type { RoundResult } from '../../shared/votes';
import { createSessionWithTemplate } from './boards';
import { E2E_ADMIN } from './env';
import { joinByLink } from './participant';
import { waitForConnected } from './room';

/** What the page's session store holds (the part tests read). */
export interface SessionSnapshotForTests {
  connected: boolean;
  self: ParticipantSelf | null;
  state: SessionState | null;
  results: RoundResult[];
  clock: { offsetMs: number; rttMs: number | null };
}

declare global {
  interface Window {
    __werkraumSession?: { snapshot(): SessionSnapshotForTests; serverNow(): number; send(event: string, payload: unknown): Promise<unknown> };
  }
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 1000 } as const;

export interface ModeratedRoom {
  session: SessionForModerator;
  moderator: Page;
  participants: Page[];
  /** Opens one more participant (a late joiner) in a context of its own. */
  join(name: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A fresh session with a moderator (signed in, in the room) and participants, each in a browser
 * context of its own, all connected to the session's socket.
 */
export async function moderatedRoom(
  browser: Browser,
  {
    names,
    kind = 'bildungskonferenz',
    template = 'steuerungskreislauf',
    viewports = [],
  }: { names: string[]; kind?: SessionKind; template?: SessionTemplate; viewports?: ({ width: number; height: number } | undefined)[] },
): Promise<ModeratedRoom> {
  const session = await createSessionWithTemplate(`Moderation ${names.join(' ')} ${Date.now()}`, template, kind);
  const contexts: BrowserContext[] = [];
  const modContext = await browser.newContext({ viewport: DESKTOP });
  contexts.push(modContext);
  const login = await modContext.request.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(login.status()).toBe(200);
  const moderator = await modContext.newPage();
  await moderator.goto(`/s/${session.id}`);
  // The panel is a chunk of its own with its strings; on a machine running two browsers per test it can take a while.
  await expect(moderator.getByTestId('moderator-panel')).toBeVisible({ timeout: 30_000 });

  const join = async (name: string, viewport: { width: number; height: number } = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    await joinByLink(page, session.joinCode, name);
    await waitForConnected(page);
    await waitForSessionState(page);
    return page;
  };
  const participants = await Promise.all(names.map((n, i) => join(n, viewports[i])));
  await waitForSessionState(moderator);
  return { session, moderator, participants, join, close: async () => void (await Promise.all(contexts.map((c) => c.close()))) };
}

export async function snapshot(page: Page): Promise<SessionSnapshotForTests | null> {
  return page.evaluate(() => {
    const s = window.__werkraumSession?.snapshot();
    return s ? { connected: s.connected, self: s.self, state: s.state, results: s.results, clock: s.clock } : null;
  });
}

export async function waitForSessionState(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__werkraumSession?.snapshot().state != null && window.__werkraumSession.snapshot().self != null);
}

/** Sends a socket.io command from a page, as its UI would, and returns the acknowledgement. */
export async function sendCommand(page: Page, event: string, payload: unknown): Promise<{ ok: boolean }> {
  return page.evaluate(([e, p]) => window.__werkraumSession!.send(e as string, p) as Promise<{ ok: boolean }>, [event, payload] as const);
}

/** Opens a tab of the moderator panel. */
export async function modTab(page: Page, tab: 'agenda' | 'people' | 'votes' | 'locks'): Promise<void> {
  await page.getByTestId(`modpanel-tab-${tab}`).click();
  await expect(page.getByTestId(`modpanel-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

/** Adds an agenda item through the moderator panel's form. */
export async function addAgendaItem(page: Page, item: { title: string; phase: SteeringPhase; board: DocKind; minutes: number }): Promise<void> {
  await modTab(page, 'agenda');
  const details = page.locator('details.wr-agenda__add');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByTestId('agenda-add-toggle').click();
  const form = details.getByTestId('agenda-form');
  await form.getByTestId('agenda-form-title').fill(item.title);
  await form.getByTestId('agenda-form-phase').selectOption(item.phase);
  await form.getByTestId('agenda-form-board').selectOption(item.board);
  await form.getByTestId('agenda-form-minutes').fill(String(item.minutes));
  await form.getByTestId('agenda-form-submit').click();
  await expect(agendaItem(page, item.title)).toBeVisible();
}

export function agendaItem(page: Page, title: string): Locator {
  return page.getByTestId('agenda-item').filter({ has: page.getByTestId('agenda-item-title').getByText(title, { exact: false }) });
}

/** "Zu diesem Punkt wechseln". */
export async function gotoAgendaItem(page: Page, title: string): Promise<void> {
  await modTab(page, 'agenda');
  await agendaItem(page, title).getByTestId('agenda-goto').click();
  await expect(agendaItem(page, title)).toHaveAttribute('aria-current', 'step');
}

/** The seconds a page's timer shows (parsed from its mm:ss text). */
export async function timerSeconds(timer: Locator): Promise<number> {
  const text = (await timer.innerText()).trim();
  const m = /^(\d+):(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a timer text: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Gives one's actor group (once) in the room's side panel. */
export async function setActorGroup(page: Page, group: string): Promise<void> {
  await page.getByTestId('actor-group-select').selectOption(group);
  await page.getByTestId('actor-group-save').click();
  await expect(page.getByTestId('actor-group-value')).toBeVisible();
}

/** Opens a round from the moderator panel with typed-in options. */
export async function openRound(
  page: Page,
  round: { title: string; method: 'punktabfrage' | 'widerstandsabfrage' | 'konsenscheck' | 'meinungsbild'; options: string[]; dots?: number; maxPerOption?: number },
): Promise<void> {
  await modTab(page, 'votes');
  await page.getByTestId('open-round-button').click();
  const dialog = page.getByTestId('open-round-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('open-round-title').fill(round.title);
  const method = dialog.getByTestId(`open-round-method-${round.method}`);
  if (await method.count()) await method.check();
  if (round.method === 'punktabfrage') {
    await dialog.getByTestId('open-round-dots').fill(String(round.dots ?? 3));
    await dialog.getByTestId('open-round-max').fill(String(round.maxPerOption ?? 2));
  }
  await dialog.getByTestId('open-round-source').selectOption('typed');
  for (const option of round.options) {
    await dialog.getByTestId('open-round-typed').fill(option);
    await dialog.getByTestId('open-round-add').click();
  }
  await expect(dialog.getByTestId('open-round-chosen').locator('li')).toHaveCount(round.options.length);
  await dialog.getByTestId('open-round-submit').click();
  await expect(dialog).toBeHidden();
}

/** The open round's card on a page (there is one open round in these tests). */
export function openRoundCard(page: Page): Locator {
  return page.getByTestId('open-round');
}

/** Opens the ballot dialog of the open round. */
export async function openBallot(page: Page): Promise<Locator> {
  await openRoundCard(page).getByTestId('round-vote').click();
  const dialog = page.getByTestId('ballot-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('ballot-submit')).toBeEnabled();
  return dialog;
}

function ballotOption(dialog: Locator, label: string): Locator {
  return dialog.getByTestId('ballot-option').filter({ hasText: label });
}

/** Punktabfrage: gives each option (by label) that many dots and submits. */
export async function castDots(page: Page, dots: Record<string, number>): Promise<void> {
  const dialog = await openBallot(page);
  for (const [label, n] of Object.entries(dots)) {
    const plus = ballotOption(dialog, label).getByTestId('ballot-dot-plus');
    for (let i = 0; i < n; i++) await plus.click();
    await expect(ballotOption(dialog, label).getByTestId('ballot-dot-value')).toContainText(String(n));
  }
  await dialog.getByTestId('ballot-submit').click();
  await expect(dialog).toBeHidden();
  await expect(openRoundCard(page).getByTestId('round-cast')).toBeVisible();
}

/** Widerstandsabfrage: resistance 0–10 per option label (the status quo included) and submit. */
export async function castResistance(page: Page, resistance: Record<string, number>): Promise<void> {
  const dialog = await openBallot(page);
  for (const [label, r] of Object.entries(resistance)) {
    await ballotOption(dialog, label).getByTestId(`ballot-resistance-${r}`).check();
  }
  await dialog.getByTestId('ballot-submit').click();
  await expect(dialog).toBeHidden();
  await expect(openRoundCard(page).getByTestId('round-cast')).toBeVisible();
}

/** Closes the open round (with the confirmation) from the moderator's view. */
export async function closeRound(page: Page): Promise<void> {
  await openRoundCard(page).getByTestId('round-close').click();
  await page.getByTestId('round-close-dialog-confirm').click();
  await expect(openRoundCard(page)).toHaveCount(0);
}

/** The published results a page holds, polled until there are `count`. */
export async function publishedResults(page: Page, count: number): Promise<RoundResult[]> {
  await expect.poll(async () => (await snapshot(page))?.results.length ?? 0, { timeout: 15_000 }).toBe(count);
  return (await snapshot(page))!.results;
}

/** axe (WCAG 2.1 A/AA) on parts of the page; fails on serious or critical findings. */
export async function expectNoSeriousA11yViolationsIn(page: Page, testInfo: TestInfo, selectors: string | string[], label: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of Array.isArray(selectors) ? selectors : [selectors]) builder = builder.include(selector);
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const minor = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length > 0) testInfo.annotations.push({ type: 'axe', description: `${label}: ${minor.map((v) => `${v.impact} ${v.id}`).join(', ')}` });
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe found serious/critical violations on ${label}`).toEqual([]);
}

/** Saves an element's (or the page's) screenshot to docs/screenshots/<name> and attaches it. */
export async function saveShot(target: Page | Locator, testInfo: TestInfo, name: string): Promise<void> {
  const page = 'page' in target ? target.page() : target;
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  const shot = await target.screenshot({ animations: 'disabled' });
  await testInfo.attach(name, { body: shot, contentType: 'image/png' });
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir('docs/screenshots', { recursive: true });
  await writeFile(`docs/screenshots/${name}`, shot);
}
