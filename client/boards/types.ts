import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { JoinResponse, SessionPublic } from '../../shared/api';
import type { SessionRole } from '../../shared/domain';
import type { Author, WriteContext } from '../../shared/schema/items';
import type { PresenceUser } from '../data/docs/presence';
import type { BoardId } from '../data/docs/useBoardDoc';

/** The board frame offers two views of every board: the visual one and its list twin. */
export type BoardView = 'board' | 'list';

export interface BoardToast {
  message: string;
  /** Shows a "Rückgängig" button that runs this. */
  undo?: () => void;
}

/** What the board frame (client/boards/BoardFrame.tsx) gives every board component. */
export interface BoardProps {
  kind: BoardId;
  /** The board's shared document, synced and cached offline. */
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Write with this (`ctx.origin` is what `undoManager` tracks). */
  ctx: WriteContext;
  /** This user's undo manager for `doc`; the frame's buttons and Ctrl+Z / Ctrl+Shift+Z use it. */
  undoManager: Y.UndoManager;
  role: SessionRole;
  /** Observers: show everything, offer no editing controls. The server drops their updates anyway. */
  readOnly: boolean;
  /** Read-only because the moderation locked the board (not because of the role). */
  locked: boolean;
  /** The session, once known (undefined while offline without a cached copy). */
  session: SessionPublic | undefined;
  /** The person's join data: token and document names (e.g. to open another board read-only). */
  join: JoinResponse;
  /** Name and colour for carets / presence. */
  user: PresenceUser;
  /** Which view the frame's "Listenansicht" toggle selects (only offered when the registry says so). */
  view: BoardView;
  /** Shown on the projector (/s/:id/beamer): a board with a projector form shows that (the goal tree its diagram). */
  projector?: boolean;
  /** Says something to screen readers (polite live region of the frame). */
  announce: (message: string) => void;
  /** Shows a short notice at the bottom of the board, optionally with an undo button. */
  notify: (toast: BoardToast) => void;
  /**
   * Runs `remove` (a schema delete helper) as its own undo step and shows "<message> – Rückgängig".
   * Pass another undo manager when the deletion happens in another document (e.g. drafts).
   */
  deleteWithUndo: (message: string, remove: () => boolean, undoManager?: Y.UndoManager) => void;
  /**
   * Whether this person may delete an item created by `author` (absent: yes): their own, anybody's as a
   * moderator, and anybody's unless the moderation lets only authors delete (the server enforces it).
   */
  mayDelete?: (author: Author) => boolean;
  /**
   * Deletes at once when the item is the person's own (`remove`, with undo as usual); someone
   * else's only after a confirmation that names its author (who is told and can restore it).
   * Absent (read-only views): `remove` at once.
   * `what` names the item in the question.
   */
  confirmDelete?: (author: Author, what: string, remove: () => void) => void;
}
