/**
 * The JavaScript a browser really fetches on a first visit: the counterpart, in Chromium, of
 * `npm run check:bundle` (which reads the build manifest). A person who has joined opens a page in
 * a fresh context (nothing cached, service workers blocked so the app's precache neither competes
 * with nor counts as the load); every script response until the page is ready and the network has
 * been quiet for a second counts, gzip-compressed at level 9 like tools/check-bundle.ts does.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page, Response } from '@playwright/test';
import { Paths } from '../../shared/protocol';
import { joinByLink } from './participant';

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export interface ScriptLoad {
  /** Path of each script file and its gzip size, largest first. */
  files: { path: string; gzip: number }[];
  gzip: number;
}

const isLive = (url: string) => url.includes(`${Paths.yjs}/`) || url.includes('/socket.io/');

/** Joins `joinCode` as `name` in a context of its own and returns what that device remembers. */
export async function joinedState(browser: Browser, joinCode: string, name: string): Promise<StorageState> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await joinByLink(page, joinCode, name);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * Opens `path` in a fresh context with `storage`, waits until `ready(page)` is visible and the
 * network (live connections aside) has been quiet for a second, and returns the scripts fetched.
 * `check` then runs on the still open page.
 */
export async function firstLoad(
  browser: Browser,
  storage: StorageState,
  path: string,
  ready: (page: Page) => Locator,
  check: (page: Page) => Promise<void> = async () => {},
): Promise<ScriptLoad> {
  const context = await browser.newContext({ storageState: storage, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
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

    await page.goto(path);
    await ready(page).waitFor();
    // Whatever the page fetches on its own once shown (a lazily loaded part it always needs)
    // belongs to the first load too.
    const deadline = Date.now() + 30_000;
    while (!(inflight === 0 && Date.now() - lastActivity >= 1000) && Date.now() < deadline) await page.waitForTimeout(100);
    await check(page);

    const files: ScriptLoad['files'] = [];
    for (const res of responses) {
      const type = res.headers()['content-type'] ?? '';
      if (!type.includes('javascript')) continue;
      const body = await res.body();
      files.push({ path: new URL(res.url()).pathname, gzip: gzipSync(body, { level: 9 }).length });
    }
    files.sort((a, b) => b.gzip - a.gzip);
    return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
  } finally {
    await context.close();
  }
}

export const describeLoad = (load: ScriptLoad): string =>
  `${(load.gzip / 1024).toFixed(1)} KB JS gzip in ${load.files.length} files: ${load.files.map((f) => `${f.path} ${(f.gzip / 1024).toFixed(1)}`).join(', ')}`;
