import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

// The room page exposes its document and provider for tests (see client/room/useCollaboration.ts).
declare global {
  interface Window {
    __werkraum?: { doc: Y.Doc; provider: WebsocketProvider };
  }
}
