/** React access to the goal tree's model: the counter, and what every view component needs. */
import { useCallback, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import type * as Y from 'yjs';
import type { WriteContext } from '../../../shared/schema/items';
import type { GoalsModel, MeasurabilityCount } from '../../data/boards/goals';
import type { PresenceStore } from '../../data/docs/presence';
import type { GoalOps } from './operations';

/** "X von Y Zielen messbar", re-rendering only when the numbers change. */
export function useMeasurabilityCount(model: GoalsModel): MeasurabilityCount {
  const subscribe = useCallback((cb: () => void) => model.subscribeMeasurability(cb), [model]);
  const get = useCallback(() => model.measurability, [model]);
  return useSyncExternalStore(subscribe, get, get);
}

/** What every node component of the board needs; one object, stable while none of it changes. */
export interface GoalsEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  model: GoalsModel;
  readOnly: boolean;
  ops: GoalOps;
  undoManager: Y.UndoManager;
  deleteWithUndo: (message: string, remove: () => boolean) => void;
  /** Who is editing which node (the board document's presence). */
  presence: PresenceStore | undefined;
  /** Whether nodes far from the viewport stand in as plain text. */
  windowed: boolean;
  /**
   * The board's translation function and language, handed to the node components (hundreds of
   * them) instead of each subscribing to i18next; a language switch renders them all anew.
   */
  t: TFunction;
  language: string;
}

/** From this many nodes on, outline rows and list entries far from the viewport are stand-ins. */
export const GOALS_WINDOW_THRESHOLD = 60;
