import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

// The room page exposes its documents for tests (see client/lib/testHook.ts).
declare global {
  interface Window {
    __werkraum?: {
      doc: Y.Doc;
      provider: WebsocketProvider;
      /** The open board's document by kind, and the person's private drafts as `drafts`. */
      boards: Partial<Record<'swot' | 'priorities' | 'goals' | 'actions' | 'canvas' | 'drafts', Y.Doc>>;
    };
    /** Translation keys the page asked for and did not have (client/i18n.ts). */
    __werkraumMissingKeys?: string[];
  }
}
