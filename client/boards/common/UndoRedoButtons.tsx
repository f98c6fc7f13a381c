import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import { useUndoState } from '../../data/docs/useBoardDoc';

export interface UndoRedoLabels {
  /** The group's accessible name. */
  group: string;
  undo: string;
  redo: string;
  /** Tooltips naming the shortcuts. */
  undoTitle: string;
  redoTitle: string;
}

/**
 * "Rückgängig" / "Wiederholen" for one person's own changes (a board, a decision draft). The
 * buttons stay focusable when there is nothing to undo (aria-disabled), so the group keeps its
 * place in the tab order.
 */
export function UndoRedoButtons({
  undoManager,
  onUndo,
  onRedo,
  labels,
  testIdPrefix,
  className = '',
  children,
}: {
  undoManager: Y.UndoManager;
  onUndo: () => void;
  onRedo: () => void;
  labels: UndoRedoLabels;
  testIdPrefix: string;
  className?: string;
  /** E.g. a live region announcing what was undone. */
  children?: ReactNode;
}) {
  const { canUndo, canRedo } = useUndoState(undoManager);
  return (
    <div className={`wr-undo ${className}`.trim()} role="group" aria-label={labels.group}>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary"
        onClick={onUndo}
        aria-disabled={!canUndo}
        title={labels.undoTitle}
        aria-keyshortcuts="Control+Z"
        data-testid={`${testIdPrefix}-undo`}
      >
        <span className="wr-glyph" aria-hidden="true">↶</span>
        <span className="kern-label">{labels.undo}</span>
      </button>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary"
        onClick={onRedo}
        aria-disabled={!canRedo}
        title={labels.redoTitle}
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        data-testid={`${testIdPrefix}-redo`}
      >
        <span className="wr-glyph" aria-hidden="true">↷</span>
        <span className="kern-label">{labels.redo}</span>
      </button>
      {children}
    </div>
  );
}
