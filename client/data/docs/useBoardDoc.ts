/**
 * Opens a board's Y.Doc (or the person's private drafts) like the notes: token, protocol version,
 * IndexedDB copy, connection state; plus the user's own undo manager for that document.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { JoinResponse } from '../../../shared/api';
import { docName, privateDocName, type BoardKind } from '../../../shared/docs';
import type { WriteContext } from '../../../shared/schema/items';
import { exposeBoardDoc } from '../../lib/testHook';
import { useSyncedDoc, type ConnectionInfo, type SyncedDoc } from './syncedDoc';

/** What the room can show besides the notes: a board of the steering cycle or the canvas. */
export type BoardId = BoardKind | 'canvas';
export type BoardDocKey = BoardId | 'drafts';

export const BOARD_IDS: readonly BoardId[] = ['swot', 'priorities', 'goals', 'actions', 'canvas'];

export function isBoardId(value: unknown): value is BoardId {
  return typeof value === 'string' && (BOARD_IDS as readonly string[]).includes(value);
}

/**
 * The document name of a board (or the private drafts). Devices that joined before boards existed
 * stored a JoinResponse without them; the names are derived the same way the server does.
 */
export function boardDocName(join: JoinResponse, key: BoardDocKey): string {
  if (key === 'drafts') return join.privateDocs?.drafts ?? privateDocName(join.sessionId, 'drafts', join.participantId);
  return join.docs[key] ?? docName(join.sessionId, key);
}

export interface BoardDoc extends SyncedDoc {
  key: BoardDocKey;
  /** Undoes only this user's changes (those made with `ctx.origin`, and their own Tiptap typing). */
  undoManager: Y.UndoManager;
}

/**
 * Opens the document `key` (nothing while undefined) for the person in `join`. With `expose`,
 * e2e tests find it at `window.__werkraum.boards[key]`.
 */
export function useBoardDoc(
  join: JoinResponse,
  key: BoardDocKey | undefined,
  ctx: WriteContext,
  { expose = true }: { expose?: boolean } = {},
): { board: BoardDoc | undefined; connection: ConnectionInfo } {
  const { synced, connection } = useSyncedDoc(key ? boardDocName(join, key) : undefined, join.token);
  const [board, setBoard] = useState<BoardDoc | undefined>();
  const origin = ctx.origin;

  useEffect(() => {
    if (!synced || !key) return;
    const undoManager = createBoardUndoManager(synced.doc, origin);
    const unexpose = expose ? exposeBoardDoc(key, synced.doc) : () => {};
    setBoard({ ...synced, key, undoManager });
    return () => {
      unexpose();
      undoManager.destroy();
      setBoard(undefined);
    };
  }, [synced, key, origin, expose]);

  return { board: board && board.doc === synced?.doc ? board : undefined, connection };
}

/**
 * The person's undo manager for a board document: their own writes (made with `origin`), and their
 * typing in the board's rich-text fields.
 */
export function createBoardUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  // Tiptap's Yjs binding writes with its plugin key as origin; tracking it makes the user's own
  // typing in rich-text fields undoable from the board's buttons as well. The key is recognised
  // by its shape rather than its class, so boards without rich text never load ProseMirror.
  const trackedOrigins = new Set<unknown>([origin]);
  return new Y.UndoManager(doc, {
    trackedOrigins,
    // The binding also runs empty transactions while it shows other people's changes, and writes
    // on its own (an empty paragraph after an undo emptied a field). Only real changes count,
    // and the binding's only while the person is in an editor: otherwise they are not typing.
    // (The undo manager asks this before it looks at the tracked origins.)
    captureTransaction: (tr) => {
      if (tr.changed.size === 0) return false;
      if (!isBindingOrigin(tr.origin)) return true;
      if (!isEditing()) return false;
      trackedOrigins.add(tr.origin);
      return true;
    },
  });
}

/**
 * The origin of the writes of Tiptap's Yjs binding (@tiptap/y-tiptap): its ProseMirror plugin key
 * `y-sync`, whose `key` is "y-sync$" (a number follows only if a second such key were created).
 */
export function isBindingOrigin(origin: unknown): boolean {
  if (typeof origin !== 'object' || origin === null) return false;
  const key = (origin as { key?: unknown }).key;
  return typeof key === 'string' && /^y-sync\$\d*$/.test(key) && typeof (origin as { getState?: unknown }).getState === 'function';
}

function isEditing(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * A snapshot of a document, re-read after every change. `read` must be a stable function (the
 * schema's read functions are).
 */
export function useDocSnapshot<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [snap, setSnap] = useState(() => ({ doc, value: read(doc) }));
  useEffect(() => {
    const update = () => setSnap({ doc, value: read(doc) });
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc, read]);
  return snap.doc === doc ? snap.value : read(doc);
}

/** Whether an undo manager has something to undo / redo, kept up to date. */
export function useUndoState(undoManager: Y.UndoManager): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState(() => ({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() }));
  useEffect(() => {
    const update = () => setState({ canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() });
    update();
    undoManager.on('stack-item-added', update);
    undoManager.on('stack-item-popped', update);
    undoManager.on('stack-cleared', update);
    return () => {
      undoManager.off('stack-item-added', update);
      undoManager.off('stack-item-popped', update);
      undoManager.off('stack-cleared', update);
    };
  }, [undoManager]);
  return state;
}
