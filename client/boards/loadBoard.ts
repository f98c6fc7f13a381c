/**
 * The code a board view needs — the board's frame with the boards' strings, and the board itself —
 * in one place, so the room can fetch it as soon as the address names a board (App.tsx starts it
 * together with the room page) instead of one chunk after the other as the page renders. Imports
 * resolve to the same module either way; a failed fetch is retried when the view renders.
 */
import type { ComponentType } from 'react';
import { loadLocalePart } from '../lib/locales';
import type { BoardId } from '../data/docs/useBoardDoc';
import type * as BoardFrameModule from './BoardFrame';
import type { BoardProps } from './types';

export const BOARD_LOADERS: Record<BoardId, () => Promise<{ default: ComponentType<BoardProps> }>> = {
  swot: () => import('./swot/SwotBoard'),
  priorities: () => import('./priorities/PrioritiesBoard'),
  goals: () => import('./goals/GoalsBoard'),
  actions: () => import('./actions/ActionsBoard'),
  canvas: () => import('./canvas/CanvasBoard'),
};

/** The frame around every board, with the boards' strings. */
export async function loadBoardFrame(): Promise<typeof BoardFrameModule> {
  const [m] = await Promise.all([import('./BoardFrame'), loadLocalePart('boards')]);
  return m;
}

/** Starts fetching a board view's code when `board` names one (errors surface when it renders). */
export function prefetchBoardView(board: string | undefined): void {
  if (!board || !Object.hasOwn(BOARD_LOADERS, board)) return;
  void Promise.all([loadBoardFrame(), BOARD_LOADERS[board as BoardId]()]).catch(() => undefined);
}
