/**
 * Which component renders which board.
 *
 * For the engineer building the Zielbaum (goals) and the Handlungskonzept (actions):
 * - Write `export default function GoalsBoard(props: BoardProps)` in client/boards/goals/GoalsBoard.tsx
 *   (and ActionsBoard in client/boards/actions/), then point the `goals` / `actions` entries below to
 *   `lazy(() => import('./goals/GoalsBoard'))`. `BoardProps` is in ./types.ts: `doc`, `ctx` (write
 *   with the shared/schema helpers `(doc, ctx, …)`), `undoManager` (the frame's undo/redo buttons and
 *   Ctrl+Z already use it), `readOnly` (observers), `view` ('board' | 'list', from the frame's
 *   "Listenansicht" toggle when `listView` is true), `announce` (screen-reader live region),
 *   `notify` (toast) and `deleteWithUndo` (delete + "… gelöscht – Rückgängig").
 * - The frame renders the heading (boards.<kind>.title / question / hint in the locale files),
 *   the undo/redo buttons and the view toggle; the component renders only the board's content,
 *   starting below an <h2>, so use <h3> and lower.
 * - Helpers you may reuse: useDocSnapshot (./useBoardDoc), YTextInput / YTextArea (./common/YText)
 *   for plain inputs bound to a Y.Text, MoveMenu (./common/MoveMenu), and e2e/helpers/boards.ts.
 * - Tests find the document at `window.__werkraum.boards[kind]`.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { BoardProps } from './types';
import type { BoardId } from './useBoardDoc';

export type { BoardProps } from './types';

export interface BoardEntry {
  component: LazyExoticComponent<ComponentType<BoardProps>>;
  /** Whether the frame offers the "Listenansicht" toggle. */
  listView: boolean;
}

export const BOARD_REGISTRY: Record<BoardId, BoardEntry> = {
  swot: { component: lazy(() => import('./swot/SwotBoard')), listView: true },
  priorities: { component: lazy(() => import('./priorities/PrioritiesBoard')), listView: true },
  goals: { component: lazy(() => import('./goals/GoalsBoard')), listView: true },
  actions: { component: lazy(() => import('./actions/ActionsBoard')), listView: true },
  canvas: { component: lazy(() => import('./canvas/CanvasBoard')), listView: false },
};
