/**
 * Test hook: e2e reads document state through `page.evaluate` on `window.__werkraum` instead of
 * scraping markup. `boards` is one shared object, so the notes hook and the board hooks can set
 * their parts independently and in any order.
 */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/** Keys of `window.__werkraum.boards`: a board kind, 'canvas', or 'drafts' (own private cards). */
export type TestDocKey = 'swot' | 'priorities' | 'goals' | 'actions' | 'canvas' | 'drafts';

declare global {
  interface Window {
    /** Only set while a room is open. */
    __werkraum?: { doc: Y.Doc; provider: WebsocketProvider; boards: Partial<Record<TestDocKey, Y.Doc>> };
  }
}

export const testBoards: Partial<Record<TestDocKey, Y.Doc>> = {};

export function exposeBoardDoc(key: TestDocKey, doc: Y.Doc): () => void {
  testBoards[key] = doc;
  return () => {
    if (testBoards[key] === doc) delete testBoards[key];
  };
}
