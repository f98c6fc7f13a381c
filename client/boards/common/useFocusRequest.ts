import { useCallback, useEffect, useRef } from 'react';

/**
 * Moves focus to the element with `data-focus-key={key}` after the next renders. Used after an
 * item moved (React re-creates its element in the new place, so focus would otherwise be lost) or
 * was created (focus its text field). Gives up after a second.
 */
export function useFocusRequest(): (key: string) => void {
  const pending = useRef<{ key: string; until: number } | null>(null);
  const tryFocus = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    if (Date.now() > p.until) {
      pending.current = null;
      return;
    }
    const el = document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(p.key)}"]`);
    if (el) {
      el.focus();
      pending.current = null;
    }
  }, []);
  useEffect(tryFocus);
  return useCallback(
    (key: string) => {
      pending.current = { key, until: Date.now() + 1000 };
      // The element may already be there (nothing re-renders): try once the current event is done.
      setTimeout(tryFocus, 0);
    },
    [tryFocus],
  );
}
