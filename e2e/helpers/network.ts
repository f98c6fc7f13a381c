/**
 * Network conditions for the room: a venue Wi-Fi that drops the live connection while the page
 * itself stays loaded (WebSockets to the Yjs endpoint refused on demand), and what a browser
 * needs before it can be taken offline altogether (`context.setOffline`).
 */
import type { Page } from '@playwright/test';
import { Paths } from '../../shared/protocol';

export interface YjsLink {
  /** Drops the current connection and refuses new ones. */
  cut(): Promise<void>;
  /** Lets the provider's next retry through to the server. */
  restore(): void;
}

/**
 * Must be called before the room opens: the provider keeps the WebSocket class it found when it
 * was created, so only sockets opened after routing is installed can be controlled.
 */
export async function controlYjsLink(page: Page): Promise<YjsLink> {
  let blocked = false;
  await page.routeWebSocket(
    (url) => url.pathname.startsWith(`${Paths.yjs}/`),
    (ws) => {
      if (blocked) {
        // 1013 "try again later": the provider keeps retrying, as after a real network drop.
        void ws.close({ code: 1013, reason: 'simulated outage' });
        return;
      }
      ws.connectToServer();
    },
  );
  return {
    async cut() {
      blocked = true;
      await page.evaluate(() => window.__werkraum?.provider.ws?.close());
    },
    restore() {
      blocked = false;
    },
  };
}

/**
 * Waits until the service worker has precached the app shell and controls the page, so the page
 * can be reloaded (and lazy chunks loaded) without network.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The number of unsent changes the room's connection indicator shows. */
export async function pendingChanges(page: Page): Promise<number> {
  return Number(await page.getByTestId('connection-state').getAttribute('data-pending'));
}
