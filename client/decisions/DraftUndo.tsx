/**
 * Per-user undo/redo for a draft's structured fields and rows, like the boards: one
 * `Y.UndoManager` over this draft's root types (choices, short texts, row collections), tracking
 * only the writes made with the person's own origin (`ctx.origin`, which every writer in
 * shared/schema/decisions.ts passes to its transaction). Other people's edits are never undone.
 * The prose fields are left out: their Tiptap editors bring their own collaborative undo.
 */
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { UndoRedoButtons } from '../boards/common/UndoRedoButtons';
import { createDraftUndoManager } from './undoScope';

export interface DraftUndo {
  undoManager: Y.UndoManager | undefined;
  undo: () => void;
  redo: () => void;
  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y outside the rich-text editors. */
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  /** Focus moved within the editor: what follows is a new undo step (a field, a row added). */
  onFocus: () => void;
  /** What a screen reader hears after an undo or redo. */
  announcement: string;
}

export function useDraftUndo(doc: Y.Doc, draftId: string, origin: unknown, enabled: boolean): DraftUndo {
  const { t } = useTranslation();
  const [undoManager, setUndoManager] = useState<Y.UndoManager | undefined>();
  useEffect(() => {
    const um = createDraftUndoManager(doc, draftId, origin);
    setUndoManager(um);
    return () => {
      um.destroy();
      setUndoManager(undefined);
    };
  }, [doc, draftId, origin]);
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => {
    // Clearing first makes a repeated message be read again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const undo = useCallback(() => {
    if (enabled && undoManager?.undo()) announce(t('decisions.undo.undone'));
  }, [enabled, undoManager, announce, t]);
  const redo = useCallback(() => {
    if (enabled && undoManager?.redo()) announce(t('decisions.undo.redone'));
  }, [enabled, undoManager, announce, t]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (!enabled || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      // The prose editors (Tiptap) undo the text being typed in them themselves.
      if (e.target instanceof HTMLElement && e.target.isContentEditable) return;
      e.preventDefault();
      if (key === 'y' || e.shiftKey) redo();
      else undo();
    },
    [enabled, undo, redo],
  );

  const onFocus = useCallback(() => undoManager?.stopCapturing(), [undoManager]);

  return { undoManager, undo, redo, onKeyDown, onFocus, announcement };
}

/** "Rückgängig" / "Wiederholen" for the person's own changes to the draft. */
export function DraftUndoButtons({ undo }: { undo: DraftUndo }) {
  const { t } = useTranslation();
  if (!undo.undoManager) return null;
  return (
    <UndoRedoButtons
      undoManager={undo.undoManager}
      onUndo={undo.undo}
      onRedo={undo.redo}
      className="wr-dec-undo"
      testIdPrefix="decision"
      labels={{
        group: t('decisions.undo.history'),
        undo: t('decisions.undo.undo'),
        redo: t('decisions.undo.redo'),
        undoTitle: t('decisions.undo.undoShortcut'),
        redoTitle: t('decisions.undo.redoShortcut'),
      }}
    >
      <span className="wr-sr-only" role="status" aria-live="polite" data-testid="decision-undo-announcer">
        {undo.announcement}
      </span>
    </UndoRedoButtons>
  );
}
