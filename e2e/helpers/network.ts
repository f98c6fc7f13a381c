/**
 * Simulates a venue Wi-Fi that drops the live connection while the page itself stays loaded:
 * WebSockets to the Yjs endpoint can be refused on demand.
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
