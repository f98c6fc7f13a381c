/**
 * The browser side of each metric: Playwright drives Debian's Chromium; what is timed is read in
 * the page (bench/client/inpage.js) and turned into figures by stats.ts.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page, Response } from '@playwright/test';
import type { WriteContext } from '../../shared/schema/items';
import { burstEdit, remoteEdit, type OpenSpec, type Seeded } from './boards';
import { clippedTotal, latencyFigures, typingFigures, type EventEntry, type LatencyFigures, type Span, type TypingFigures } from './stats';
import { type Rng, TYPED_TEXT } from './text';
import type { YClient } from './yclient';

/** The same Chromium and flags as the e2e tests (playwright.config.ts). */
export const LAUNCH_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const INPAGE = fileURLToPath(new URL('./inpage.js', import.meta.url));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const sleepUntil = (epoch: number) => sleep(Math.max(0, epoch - Date.now()));

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * A fresh browser context of a person who has joined (their stored join, nothing cached): empty
 * HTTP cache and IndexedDB. Service workers are blocked, so the app's precache download (the
 * whole build, in the background on a first visit) neither competes with nor counts as the load.
 * The app's Content-Security-Policy (no eval) is bypassed for the bench's own in-page probes,
 * which Playwright evaluates from strings; the app's code runs the same either way.
 */
export async function newContext(browser: Browser, storageState: StorageState, spec?: OpenSpec): Promise<BrowserContext> {
  const context = await browser.newContext({
    storageState,
    viewport: { width: 1440, height: 1000 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: 'block',
    bypassCSP: true,
  });
  await context.addInitScript({ path: INPAGE });
  if (spec) await context.addInitScript(`window.__benchSpec = ${JSON.stringify(spec)};`);
  return context;
}

/** Joins the session in the UI (as e2e/helpers/participant.ts does) and returns the stored state. */
export async function joinInBrowser(browser: Browser, baseUrl: string, joinCode: string, name: string, timeoutMs: number): Promise<StorageState> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'de-DE', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${baseUrl}/join/${joinCode}`);
    await page.getByTestId('join-session-title').waitFor();
    await page.getByTestId('join-name-input').fill(name);
    await page.getByTestId('join-submit').click();
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+$/);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export interface OpenResult {
  /** Navigation start → the frame in which the readiness condition held was done (ms). */
  openMs: number;
  /** Navigation start → the readiness condition held in the DOM (before that frame's layout and paint). */
  domReadyMs: number | null;
  /**
   * Navigation start → the end of the last long task before the main thread was free for 1 s
   * (after the board showed): from then on a key or a click is answered at once.
   */
  usableMs: number;
  /** `page.goto` → Node saw the page ready (the page answers only when its main thread is free). */
  wallMs: number;
  /** Navigation start → the first item element was in the DOM (ms). */
  firstItemMs: number | null;
  itemsInDom: number;
  /** Where the time went until the board showed (see `timeline` in inpage.js). */
  timeline?: OpenTimeline;
}

export interface OpenTimeline {
  document: { responseEnd: number; domContentLoaded: number; load: number } | null;
  resources: { name: string; type: string; start: number; end: number; bytes: number }[];
  marks: { name: string; at: number }[];
  longTasks: { start: number; ms: number }[];
  /** The renderer's main thread until the board showed (Chromium's Performance metrics, CPU time). */
  mainThread?: { scriptMs: number; styleMs: number; layoutMs: number; taskMs: number };
}

/** One line: the app's milestones, the last script's arrival and the long tasks before `openMs`. */
export function timelineSummary(t: OpenTimeline | undefined, openMs: number): string {
  if (!t) return '';
  const scripts = t.resources.filter((r) => r.type === 'script' || r.name.endsWith('.js'));
  const lastScript = scripts.reduce((m, r) => Math.max(m, r.end), 0);
  const busy = t.longTasks.reduce((sum, x) => sum + x.ms, 0);
  const marks = t.marks.map((m) => `${m.name.replace('werkraum:', '')} ${m.at}`).join(', ');
  const m = t.mainThread;
  const cpu = m ? `; main thread ${m.taskMs} ms (script ${m.scriptMs}, style ${m.styleMs}, layout ${m.layoutMs})` : '';
  return `document ${t.document?.responseEnd ?? '?'} ms, ${scripts.length} scripts (last at ${lastScript} ms), ${marks}; long tasks ${busy} ms in ${t.longTasks.length}${cpu}; shown ${Math.round(openMs)} ms`;
}

interface PageState {
  readyAt?: number;
  domReadyAt?: number;
  firstItemAt?: number;
  itemsInDom: number;
  lastCountSum?: number;
}

/** Opens `url` in a fresh context and waits until the page shows the board (`spec`). */
export async function openBoard(
  browser: Browser,
  storage: StorageState,
  url: string,
  spec: OpenSpec,
  timeoutMs: number,
  profilePath?: string,
): Promise<{ context: BrowserContext; page: Page; result: OpenResult }> {
  const context = await newContext(browser, storage, spec);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  if (profilePath) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const started = Date.now();
  let mainThread: OpenTimeline['mainThread'];
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    await page.waitForFunction('window.__bench !== undefined && window.__bench.state.readyAt !== undefined', undefined, { timeout: timeoutMs, polling: 250 });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? 0) * 1000);
    mainThread = { scriptMs: metric('ScriptDuration'), styleMs: metric('RecalcStyleDuration'), layoutMs: metric('LayoutDuration'), taskMs: metric('TaskDuration') };
    if (profilePath) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(dirname(profilePath), { recursive: true });
      writeFileSync(profilePath, JSON.stringify(profile));
    }
    await cdp.detach();
  } catch (err) {
    const st = (await page.evaluate('window.__bench && window.__bench.state').catch(() => null)) as PageState | null;
    await context.close();
    throw new Error(`${url}: not shown within ${timeoutMs} ms (items in DOM ${st?.itemsInDom ?? '?'}, counts ${st?.lastCountSum ?? '?'}): ${String(err).split('\n')[0]}`);
  }
  const wallMs = Date.now() - started;
  const st = (await page.evaluate('window.__bench.state')) as PageState;
  await waitSettled(page, 1000, timeoutMs);
  const usableMs = (await page.evaluate(`window.__bench.busyUntil(${st.readyAt!}, 1000)`)) as number;
  const timeline = { ...((await page.evaluate(`window.__bench.timeline(${st.readyAt!})`)) as OpenTimeline), mainThread };
  return { context, page, result: { openMs: st.readyAt!, domReadyMs: st.domReadyAt ?? null, usableMs, wallMs, firstItemMs: st.firstItemAt ?? null, itemsInDom: st.itemsInDom, timeline } };
}

interface PageNow {
  perf: number;
  epoch: number;
}

const pageNow = (page: Page) => page.evaluate('window.__bench.now()') as Promise<PageNow>;

/** Waits until the page ran no long task for `quietMs` (at most `maxMs`); returns the ms waited. */
export async function waitSettled(page: Page, quietMs = 1000, maxMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [now, last] = (await page.evaluate('[window.__bench.now().perf, window.__bench.lastLongTaskEnd()]')) as [number, number];
    if (now - last >= quietMs || Date.now() - started > maxMs) return Date.now() - started;
    await sleep(250);
  }
}

/** Waits for two frames and a little more, so Event Timing has reported what happened before. */
const afterFrames = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))))');

const EDITABLE = 'textarea, input[type="text"], input:not([type]), [contenteditable="true"]';

/** Puts the caret into the target item's text (clicking its field, or double-clicking the item). */
async function focusTarget(page: Page, s: Seeded): Promise<void> {
  const item = page.locator(s.typing.selector).first();
  await item.scrollIntoViewIfNeeded();
  const isEditing = () =>
    page.evaluate(
      '(() => { const a = document.activeElement; return !!a && (a.matches("input, textarea") || a.isContentEditable); })()',
    ) as Promise<boolean>;
  if (s.kind === 'notes') {
    // A paragraph of the editor: clicking it puts the caret there.
    await item.click();
  } else {
    const field = item.locator(EDITABLE).first();
    if ((await field.count()) > 0 && (await field.isVisible())) await field.click();
    else await item.dblclick();
  }
  if (!(await isEditing())) {
    // Double-click once more on the item itself (the goal outline edits a title this way).
    await item.dblclick();
    const deadline = Date.now() + 5000;
    while (!(await isEditing())) {
      if (Date.now() > deadline) throw new Error(`typing: could not put the caret into ${s.typing.selector}`);
      await sleep(100);
    }
  }
}

export interface TypingRun extends TypingFigures {
  /** The typed characters showed up in the item (a check that typing went where intended). */
  arrived: boolean;
  ms: number;
}

/**
 * Types TYPED_TEXT (60 characters) into the target item like a fast typist: each key is held
 * 30 ms and followed by a 70 ms pause (≈ 10 characters per second when the page keeps up).
 */
export async function measureTyping(page: Page, s: Seeded): Promise<TypingRun> {
  await focusTarget(page, s);
  await waitSettled(page, 500, 10_000);
  const from = (await pageNow(page)).perf;
  const started = Date.now();
  for (const ch of TYPED_TEXT) {
    await page.keyboard.type(ch, { delay: 30 });
    await sleep(70);
  }
  const ms = Date.now() - started;
  await afterFrames(page);
  const to = (await pageNow(page)).perf;
  const entries = (await page.evaluate(`window.__bench.eventsBetween(${from}, ${to})`)) as EventEntry[];
  const tail = TYPED_TEXT.trim().slice(-12);
  const arrived = (await page.evaluate(
    `(() => { const el = document.querySelector(${JSON.stringify(s.typing.selector)}); if (!el) return ''; let t = el.textContent || ''; for (const f of el.querySelectorAll('input, textarea')) t += ' ' + f.value; if (document.activeElement && document.activeElement.value) t += ' ' + document.activeElement.value; return t; })()`,
  )) as string;
  await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
  return { ...typingFigures(entries, TYPED_TEXT.length), arrived: arrived.includes(tail), ms };
}

/**
 * Another person (the scripted Node client) edits the text of an item on screen `edits` times,
 * one edit every `intervalMs`; the page notes the first frame that shows each edit. Markers are
 * numbered from `firstMarker`, so a session measured again never shows an old one.
 */
export async function measureRemoteVisible(page: Page, editor: YClient, ctx: WriteContext, s: Seeded, firstMarker: number, edits = 20, intervalMs = 250): Promise<LatencyFigures> {
  await page.locator(s.remote.selector).first().scrollIntoViewIfNeeded();
  await waitSettled(page, 500, 10_000);
  await page.evaluate(`window.__bench.watch(${JSON.stringify(s.remote.selector)})`);
  const sentAt: number[] = [];
  const t0 = Date.now() + 300;
  for (let i = 0; i < edits; i++) {
    await sleepUntil(t0 + i * intervalMs);
    sentAt.push(Date.now());
    remoteEdit(editor.doc, ctx, s, firstMarker + i);
  }
  // Until the last edit shows (or 15 s).
  const last = String(firstMarker + edits - 1);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const seen = (await page.evaluate('window.__bench.watchSeen()')) as Record<string, number>;
    if (seen[last] !== undefined) break;
    await sleep(100);
  }
  await afterFrames(page);
  const watched = (await page.evaluate('window.__bench.unwatch()')) as { seen: Record<string, number>; frames: number; misses: number };
  return latencyFigures(sentAt, watched.seen, firstMarker);
}

export interface BurstFigures {
  edits: number;
  moves: number;
  burstMs: number;
  /** Long-task time between the first edit and 1 s after the last (ms). */
  longTaskMs: number;
  /** longTaskMs as a share of the burst's duration. */
  share: number;
  tasks: number;
  longestMs: number;
}

async function longTasksIn(page: Page, fromEpoch: number, toEpoch: number, burstMs: number): Promise<Pick<BurstFigures, 'longTaskMs' | 'share' | 'tasks' | 'longestMs'>> {
  const now = await pageNow(page);
  const from = now.perf - (now.epoch - fromEpoch);
  const to = now.perf - (now.epoch - toEpoch);
  const tasks = (await page.evaluate(`window.__bench.longTasksBetween(${from}, ${to})`)) as Span[];
  const total = clippedTotal(tasks, from, to);
  return { longTaskMs: total, share: total / burstMs, tasks: tasks.length, longestMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0 };
}

/**
 * `rate` remote edits per second for `seconds` (random items: text edits, one in five a move),
 * on an absolute schedule; long tasks are summed from the first edit to 1 s after the last.
 */
export async function measureBurst(page: Page, editor: YClient, ctx: WriteContext, s: Seeded, r: Rng, rate = 10, seconds = 5): Promise<BurstFigures> {
  await waitSettled(page, 1000, 30_000);
  const count = rate * seconds;
  const burstMs = seconds * 1000;
  const t0 = Date.now() + 200;
  let moves = 0;
  for (let k = 0; k < count; k++) {
    await sleepUntil(t0 + (k * 1000) / rate);
    if (burstEdit(editor.doc, ctx, s, r) === 'move') moves++;
  }
  const end = t0 + burstMs + 1000;
  await sleepUntil(end);
  // The page answers only once its main thread is free: then every task of the window is reported.
  await afterFrames(page);
  return { edits: count, moves, burstMs, ...(await longTasksIn(page, t0, end, burstMs)) };
}

/** Long tasks while nothing but presence happens, for `seconds`. */
export async function measureIdle(page: Page, seconds = 5): Promise<Pick<BurstFigures, 'longTaskMs' | 'share' | 'tasks' | 'longestMs'>> {
  const t0 = Date.now();
  await sleep(seconds * 1000);
  await afterFrames(page);
  return longTasksIn(page, t0, t0 + seconds * 1000, seconds * 1000);
}

export interface LoadedFile {
  url: string;
  raw: number;
  gzip: number;
  /** Bytes on the wire (the body as sent, compressed if the server compressed it). */
  transfer: number;
  encoding: string | null;
}

export interface FirstLoad {
  url: string;
  js: { files: number; raw: number; gzip: number; transfer: number };
  /** Everything the page loaded (HTML, CSS, fonts, JS, API), raw bytes. */
  allRaw: number;
  requests: number;
  loadedFiles: LoadedFile[];
  /** Navigation start → network idle (ms). */
  idleAfterMs: number;
}

function isLive(url: string): boolean {
  return url.includes('/socket.io/') || url.includes('/yjs/');
}

/**
 * A first visit of a person who has joined: a fresh context (nothing cached) opens `url`; every
 * response until the page is ready and the network has been idle for 1 s is counted. JavaScript is
 * reported raw and gzip-compressed at level 9 (the server does not compress; when it does, the
 * wire size is in `transfer`).
 */
export async function measureFirstLoad(browser: Browser, storage: StorageState, url: string, ready: { spec?: OpenSpec; selector?: string }, timeoutMs: number): Promise<FirstLoad> {
  const context = await newContext(browser, storage, ready.spec);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  let inflight = 0;
  let lastActivity = Date.now();
  const responses: Response[] = [];
  page.on('request', (req) => {
    if (isLive(req.url())) return;
    inflight++;
    lastActivity = Date.now();
  });
  const done = (req: { url(): string }) => {
    if (isLive(req.url())) return;
    inflight = Math.max(0, inflight - 1);
    lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (res) => {
    if (!isLive(res.url())) responses.push(res);
  });
  try {
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    if (ready.spec) await page.waitForFunction('window.__bench.state.readyAt !== undefined', undefined, { timeout: timeoutMs, polling: 250 });
    if (ready.selector) await page.locator(ready.selector).first().waitFor({ timeout: timeoutMs });
    const deadline = Date.now() + 60_000;
    while (!(inflight === 0 && Date.now() - lastActivity >= 1000) && Date.now() < deadline) await sleep(100);
    const idleAfterMs = lastActivity - started;
    const files: LoadedFile[] = [];
    let allRaw = 0;
    for (const res of responses) {
      let body: Buffer;
      try {
        body = await res.body();
      } catch {
        continue; // a redirect or an aborted request has no body
      }
      allRaw += body.length;
      const type = res.headers()['content-type'] ?? '';
      if (!(type.includes('javascript') || /\.m?js(\?|$)/.test(res.url()))) continue;
      const sizes = await res.request().sizes();
      files.push({
        url: new URL(res.url()).pathname,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        transfer: sizes.responseBodySize,
        encoding: res.headers()['content-encoding'] ?? null,
      });
    }
    files.sort((a, b) => b.gzip - a.gzip);
    const sum = (k: 'raw' | 'gzip' | 'transfer') => files.reduce((a, f) => a + f[k], 0);
    return { url, js: { files: files.length, raw: sum('raw'), gzip: sum('gzip'), transfer: sum('transfer') }, allRaw, requests: responses.length, loadedFiles: files, idleAfterMs };
  } finally {
    await context.close();
  }
}
