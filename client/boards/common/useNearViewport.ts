/**
 * Windowing for boards of hundreds of items without giving up what a full list offers.
 *
 * An item far from the viewport renders as a light stand-in (its text, no controls); as it comes
 * within `NEAR_MARGIN` of the viewport — by scrolling, by Tab moving focus onto the next item, or
 * by a search jumping to it — it mounts in full. The stand-ins keep every item's text in the
 * page (find in page and screen readers' reading mode still reach all of them) and keep the
 * list's height stable: a stand-in takes the height its item last had in full.
 *
 * One IntersectionObserver serves every item on the page. An item that holds the focus stays
 * mounted in full however far it is scrolled away (the caret is never lost).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

/** How far beyond the viewport items are mounted in full (about two screens). */
export const NEAR_MARGIN = '1200px 0px 1200px 0px';

type Callback = (near: boolean) => void;
let observer: IntersectionObserver | undefined;
const callbacks = new WeakMap<Element, Callback>();

function shared(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: NEAR_MARGIN },
  );
  return observer;
}

/** Heights items last had in full, by key, so their stand-ins keep the page from jumping. */
const heights = new Map<string, number>();

export function standInHeight(key: string, fallback: number): number {
  return heights.get(key) ?? fallback;
}

/**
 * `[ref, near]` for one item: attach `ref` to the item's outer element (stand-in and full item
 * alike). With `enabled` false the item is always near (small boards render everything).
 * `wake()` mounts the item in full at once (e.g. when a stand-in is clicked or focused).
 */
export function useNearViewport(key: string, enabled: boolean): [(el: Element | null) => void, boolean, () => void] {
  const [near, setNear] = useState(false);
  const elRef = useRef<Element | null>(null);
  const nearRef = useRef(false);

  const apply = useCallback(
    (next: boolean) => {
      const el = elRef.current;
      if (!next && el && el.contains(document.activeElement)) return; // keep the focused item
      if (!next && el && nearRef.current) heights.set(key, el.getBoundingClientRect().height);
      nearRef.current = next;
      setNear(next);
    },
    [key],
  );

  const ref = useCallback(
    (el: Element | null) => {
      const io = enabled ? shared() : undefined;
      const prev = elRef.current;
      if (prev === el) return;
      if (prev && io) {
        io.unobserve(prev);
        callbacks.delete(prev);
      }
      elRef.current = el;
      if (el && io) {
        callbacks.set(el, apply);
        io.observe(el);
      }
    },
    [enabled, apply],
  );

  useEffect(
    () => () => {
      const el = elRef.current;
      if (el) {
        observer?.unobserve(el);
        callbacks.delete(el);
      }
    },
    [],
  );

  const wake = useCallback(() => apply(true), [apply]);
  return [ref, !enabled || near, wake];
}
