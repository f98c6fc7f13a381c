/**
 * Which component renders which board. Every board is a default export taking `BoardProps`
 * (./types.ts), loaded lazily so a room only downloads the boards it shows.
 *
 * - `BoardProps`: `doc`, `ctx` (write with the shared/schema helpers `(doc, ctx, …)`), `undoManager`
 *   (the frame's undo/redo buttons and Ctrl+Z already use it), `readOnly` (observers), `view`
 *   ('board' | 'list', from the frame's "Listenansicht" toggle when `listView` is true), `announce`
 *   (screen-reader live region), `notify` (toast) and `deleteWithUndo` (delete + "… – Rückgängig").
 * - The frame (./BoardFrame.tsx) renders the heading (boards.<kind>.title / question / hint in the
 *   locale files), the undo/redo buttons and the view toggle; a board renders only its content,
 *   below an <h2>, so it uses <h3> and lower.
 * - Reusable helpers: useDocSnapshot (./useBoardDoc), YTextInput / YTextArea (./common/YText) for
 *   plain fields bound to a Y.Text, MoveMenu (./common/MoveMenu), useFocusRequest, and
 *   e2e/helpers/boards.ts. Tests find the document at `window.__werkraum.boards[kind]`.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { BOARD_LOADERS } from './loadBoard';
import type { BoardProps } from './types';
import type { BoardId } from '../data/docs/useBoardDoc';

export type { BoardProps } from './types';

export interface BoardEntry {
  component: LazyExoticComponent<ComponentType<BoardProps>>;
  /** Whether the frame offers the "Listenansicht" toggle. */
  listView: boolean;
}

export const BOARD_REGISTRY: Record<BoardId, BoardEntry> = {
  swot: { component: lazy(BOARD_LOADERS.swot), listView: true },
  priorities: { component: lazy(BOARD_LOADERS.priorities), listView: true },
  goals: { component: lazy(BOARD_LOADERS.goals), listView: true },
  actions: { component: lazy(BOARD_LOADERS.actions), listView: true },
  canvas: { component: lazy(BOARD_LOADERS.canvas), listView: false },
};
