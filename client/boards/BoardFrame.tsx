/**
 * The frame around every board: heading, per-user undo/redo (buttons and Ctrl+Z / Ctrl+Shift+Z),
 * the "Listenansicht" toggle, a screen-reader live region and a toast with "Rückgängig". The board
 * itself sits behind an error boundary: if it cannot render, the frame says so and offers to reload it.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { JoinResponse, SessionPublic } from '../../shared/api';
import { canEdit } from '../../shared/domain';
import type { WriteContext } from '../../shared/schema/items';
import type { Author } from '../../shared/schema/items';
import { ConfirmDialog } from '../components/Dialog';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useLiveRole, useSessionState } from '../data/session/sessionContext';
import { DeletionNotices, isAuthoredBoard } from './common/DeletionNotices';
import type { PresenceUser } from '../data/docs/presence';
import { BOARD_REGISTRY } from './registry';
import type { BoardProps, BoardToast, BoardView } from './types';
import { UndoRedoButtons } from './common/UndoRedoButtons';
import type { BoardDoc, BoardId } from '../data/docs/useBoardDoc';
import { getMeta, readBoardOrigin } from '../../shared/schema/meta';

const ChangesSinceDialog = lazy(() => import('./common/ChangesSince').then((m) => ({ default: m.ChangesSinceDialog })));

/** The session a board was carried forward from (a follow-up session's boards), as it syncs. */
function useBoardOrigin(doc: Y.Doc | undefined): string | null {
  const [origin, setOrigin] = useState(() => (doc ? readBoardOrigin(doc) : null));
  useEffect(() => {
    if (!doc) return;
    const meta = getMeta(doc);
    const read = () => setOrigin(readBoardOrigin(doc));
    read();
    meta.observe(read);
    return () => meta.unobserve(read);
  }, [doc]);
  return origin;
}

const TOAST_MS = 8000;


function storedView(kind: BoardId): BoardView {
  try {
    return sessionStorage.getItem(`werkraum.view.${kind}`) === 'list' ? 'list' : 'board';
  } catch {
    return 'board';
  }
}

interface BoardFrameProps {
  kind: BoardId;
  board: BoardDoc | undefined;
  join: JoinResponse;
  session: SessionPublic | undefined;
  user: PresenceUser;
  ctx: WriteContext;
  /** The moderation locked this board: read-only for everyone but moderators (the server enforces it). */
  locked?: boolean;
}

export function BoardFrame({ kind, board, join, session, user, ctx, locked = false }: BoardFrameProps) {
  const { t } = useTranslation();
  const entry = BOARD_REGISTRY[kind];
  const [view, setView] = useState<BoardView>(() => storedView(kind));
  const [announcement, setAnnouncement] = useState('');
  const [toast, setToast] = useState<(BoardToast & { id: number }) | undefined>();
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const toastButton = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const readOnly = !canEdit(join.role) || locked;
  const showList = entry.listView && view === 'list';
  const authorsOnlyDelete = useSessionState()?.authorsOnlyDelete === true;
  const moderator = useLiveRole(join.role) === 'moderator';
  const me = ctx.author.participantId;
  const [confirm, setConfirm] = useState<{ author: string; what: string; remove: () => void } | undefined>();
  const carried = useBoardOrigin(board?.doc) !== null;
  const [showChanges, setShowChanges] = useState(false);
  const isOwn = useCallback((author: Author) => author.participantId === '' || author.participantId === me, [me]);
  const mayDelete = useCallback((author: Author) => !authorsOnlyDelete || moderator || isOwn(author), [authorsOnlyDelete, moderator, isOwn]);
  const confirmDelete = useCallback(
    (author: Author, what: string, remove: () => void) => {
      if (isOwn(author)) remove();
      else setConfirm({ author: author.displayName || t('boards.deletion.someone'), what, remove });
    },
    [isOwn, t],
  );

  useEffect(() => () => clearTimeout(toastTimer.current), []);

  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message be read again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const notify = useCallback((next: BoardToast) => {
    clearTimeout(toastTimer.current);
    setToast({ ...next, id: Date.now() });
    toastTimer.current = setTimeout(() => setToast(undefined), TOAST_MS);
  }, []);

  const undoManager = board?.undoManager;
  const deleteWithUndo = useCallback(
    (message: string, remove: () => boolean, manager?: Y.UndoManager) => {
      const um = manager ?? undoManager;
      if (!um) return;
      // Its own undo step, so "Rückgängig" restores exactly this deletion.
      um.stopCapturing();
      if (!remove()) return;
      um.stopCapturing();
      const item = um.undoStack[um.undoStack.length - 1];
      notify({
        message,
        undo: () => {
          if (item && um.undoStack[um.undoStack.length - 1] === item) um.undo();
        },
      });
    },
    [undoManager, notify],
  );

  // Keyboard users whose focused control disappeared with the deleted item land on "Rückgängig".
  useEffect(() => {
    if (toast?.undo && (document.activeElement === document.body || document.activeElement === null)) toastButton.current?.focus();
  }, [toast]);

  function toggleView() {
    const next: BoardView = view === 'list' ? 'board' : 'list';
    setView(next);
    try {
      sessionStorage.setItem(`werkraum.view.${kind}`, next);
    } catch {
      // Not remembering the view is fine.
    }
    announce(next === 'list' ? t('boards.frame.listOn') : t('boards.frame.listOff'));
  }

  function undo() {
    if (undoManager?.undo()) announce(t('boards.frame.undone'));
  }
  function redo() {
    if (undoManager?.redo()) announce(t('boards.frame.redone'));
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (readOnly || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    // Rich-text editors (Tiptap) bring their own undo for the text being typed.
    if (e.target instanceof HTMLElement && e.target.isContentEditable) return;
    e.preventDefault();
    if (key === 'y' || e.shiftKey) redo();
    else undo();
  }

  const Component = entry.component;
  return (
    <section className={`wr-board wr-board--${kind}`} aria-labelledby="board-heading" data-testid={`board-${kind}`} onKeyDown={onKeyDown}>
      <div className="wr-board__head">
        <div className="kern-hgroup wr-hgroup wr-board__titles">
          <h2 id="board-heading" ref={headingRef} className="kern-heading-medium" tabIndex={-1} data-focus-on-navigate="">
            {t(`boards.${kind}.title`)}
          </h2>
          <p className="kern-subline wr-board__question">{t(`boards.${kind}.question`)}</p>
        </div>
        <div className="wr-board__tools">
          {!readOnly && undoManager ? (
            <UndoRedoButtons
              undoManager={undoManager}
              onUndo={undo}
              onRedo={redo}
              testIdPrefix="board"
              labels={{
                group: t('boards.frame.history'),
                undo: t('boards.frame.undo'),
                redo: t('boards.frame.redo'),
                undoTitle: t('boards.frame.undoShortcut'),
                redoTitle: t('boards.frame.redoShortcut'),
              }}
            />
          ) : null}
          {carried ? (
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setShowChanges(true)} data-testid="board-changes-open">
              <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
              <span className="kern-label">{t('boards.changes.open')}</span>
            </button>
          ) : null}
          {entry.listView ? (
            <button
              type="button"
              className="kern-btn kern-btn--secondary wr-board__view-toggle"
              aria-pressed={showList}
              onClick={toggleView}
              data-testid="board-view-toggle"
            >
              <span className={`kern-icon kern-icon--${showList ? 'check' : 'checklist'}`} aria-hidden="true" />
              <span className="kern-label">{t('boards.frame.listView')}</span>
            </button>
          ) : null}
        </div>
      </div>
      <p className="kern-body kern-body--small wr-muted wr-board__hint">{locked ? t('boards.frame.locked') : readOnly ? t('boards.frame.readOnly') : t(`boards.${kind}.hint`)}</p>
      {board && !readOnly && isAuthoredBoard(kind) ? <DeletionNotices doc={board.doc} ctx={ctx} kind={kind} canRestore={!locked} announce={announce} /> : null}
      {showChanges ? (
        <Suspense fallback={null}>
          <ChangesSinceDialog kind={kind} join={join} onClose={() => setShowChanges(false)} />
        </Suspense>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={t('boards.deletion.confirmTitle', { name: confirm.author })}
          text={t('boards.deletion.confirmText', { name: confirm.author, text: confirm.what })}
          confirmLabel={t('boards.deletion.confirm')}
          testId="delete-confirm"
          danger
          onCancel={() => setConfirm(undefined)}
          onConfirm={() => {
            setConfirm(undefined);
            confirm.remove();
          }}
        />
      ) : null}
      {board ? (
        // A board that fails to render (or to load) shows what failed; the room around it keeps working.
        <ErrorBoundary area={t(`boards.${kind}.nav`)} resetKeys={[board.doc.guid]}>
          <Suspense fallback={<BoardLoading />}>
            <Component
              key={board.doc.guid}
              {...({
                kind,
                doc: board.doc,
                provider: board.provider,
                ctx,
                undoManager: board.undoManager,
                role: join.role,
                readOnly,
                locked,
                session,
                join,
                user,
                view: showList ? 'list' : 'board',
                announce,
                notify,
                deleteWithUndo,
                mayDelete,
                confirmDelete,
              } satisfies BoardProps)}
            />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <BoardLoading />
      )}
      <div className="wr-sr-only" role="status" aria-live="polite" data-testid="board-announcer">
        {announcement}
      </div>
      <div className="wr-toast-region" role="status" aria-live="polite">
        {toast ? (
          <div
            className="wr-toast"
            data-testid="board-toast"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                setToast(undefined);
                headingRef.current?.focus();
              }
            }}
          >
            <span className="wr-toast__text">{toast.message}</span>
            {toast.undo ? (
              <button
                ref={toastButton}
                type="button"
                className="kern-btn kern-btn--tertiary wr-toast__btn"
                data-testid="board-toast-undo"
                onClick={() => {
                  toast.undo?.();
                  setToast(undefined);
                  announce(t('boards.frame.undone'));
                  headingRef.current?.focus();
                }}
              >
                <span className="kern-label">{t('boards.frame.undo')}</span>
              </button>
            ) : null}
            <button
              type="button"
              className="kern-btn kern-btn--tertiary wr-toast__close"
              aria-label={t('boards.frame.closeToast')}
              onClick={() => setToast(undefined)}
            >
              <span className="kern-icon kern-icon--close" aria-hidden="true" />
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function BoardLoading() {
  const { t } = useTranslation();
  return (
    <p className="kern-body" role="status">
      {t('boards.frame.loading')}
    </p>
  );
}
