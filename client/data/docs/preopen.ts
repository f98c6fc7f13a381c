/**
 * Opening a room's documents before React asks for them. A reload or a link to `/s/:id/b/:board`
 * used to connect only after the room's code had arrived, the page had rendered and the board had
 * mounted; the first sync then started a second after navigation. The route decides at once which
 * documents the view needs, and the person's join (token, document names) is in localStorage, so
 * App.tsx calls `preopenRoomDocs` as soon as this module's chunk is in: the WebSocket handshake,
 * the server's first sync and the IndexedDB copy load while the rest of the page arrives
 * (`preopenDoc` in syncedDoc.ts; `useSyncedDoc` adopts what was opened).
 */
import { loadStoredSession } from '../../lib/sessionStore';
import { perfMark } from '../../lib/perfMark';
import { preopenDoc } from './syncedDoc';
import { boardDocName, isBoardId } from './useBoardDoc';

/**
 * Pre-opens what the room at `pathname` shows first: the notes (always open in the room) and,
 * on a board's address, that board. Nothing without a stored join for the session.
 */
export function preopenRoomDocs(sessionId: string, board: string | undefined): void {
  const stored = loadStoredSession(sessionId);
  if (!stored) return;
  const { join } = stored;
  perfMark('preopen');
  if (board !== undefined && isBoardId(board)) preopenDoc(boardDocName(join, board), join.token);
  preopenDoc(join.docs.notes, join.token);
}
