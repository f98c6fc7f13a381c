/**
 * The first paint of a long list shows its head at once and the rest a moment later.
 *
 * Opening a board of a thousand cards used to render every card's stand-in (useNearViewport.ts)
 * in one blocking pass before anything was on screen. With `useProgressiveList`, the first render
 * of a list takes its first FIRST_PAINT items; React then renders the whole list as a transition
 * (interruptible), so the board shows and answers keys while the stand-ins further down are added.
 * `PendingItems` holds their place meanwhile, so the page's height and the scroll bar hardly move.
 * Only the first paint is split: later changes (a card added and focused, a move) render at once.
 */
import { startTransition, useEffect, useState } from 'react';

/** Items in a list's first paint: more than a tall screen shows. */
export const FIRST_PAINT = 24;

/** `[shown, pending]`: the ids to render now, and how many of `ids` are still to come. */
export function useProgressiveList<T>(ids: readonly T[]): [readonly T[], number] {
  const [whole, setWhole] = useState(() => ids.length <= FIRST_PAINT);
  useEffect(() => {
    if (!whole) startTransition(() => setWhole(true));
  }, [whole]);
  if (whole || ids.length <= FIRST_PAINT) return [ids, 0];
  return [ids.slice(0, FIRST_PAINT), ids.length - FIRST_PAINT];
}

/** Holds the place of `count` items not rendered yet (hidden from assistive technology). */
export function PendingItems({ count, height }: { count: number; height: number }) {
  if (count <= 0) return null;
  return <li className="wr-pending-items" aria-hidden="true" style={{ height: count * height }} />;
}
