/**
 * A small action menu ("Verschieben", "Mehr …"): a button that opens a list of actions. Keyboard:
 * Enter/Space/ArrowDown open it and focus the first action, arrow keys move, Escape closes and
 * returns to the button. It is the keyboard equivalent of every drag operation.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuAction {
  key: string;
  label: string;
  onSelect: () => void;
  disabled?: boolean;
}

interface MoveMenuProps {
  label: ReactNode;
  /** Accessible name when the visible label is not enough (e.g. "Karte „…“ verschieben"). */
  ariaLabel?: string;
  actions: readonly MenuAction[];
  testId?: string;
  /** Lets the board focus this button again after the item moved (see useFocusRequest). */
  focusKey?: string;
  icon?: string;
  /** Compact button, as in the action row of a card. */
  small?: boolean;
}

export function MoveMenu({ label, ariaLabel, actions, testId, focusKey, icon = 'arrow-forward', small = false }: MoveMenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const enabled = actions.map((a, i) => (a.disabled ? -1 : i)).filter((i) => i >= 0);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  useEffect(() => {
    if (open) itemRefs.current[enabled[0] ?? 0]?.focus();
    // Focus the first action only when the menu opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function onMenuKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const current = itemRefs.current.findIndex((el) => el === document.activeElement);
    const pos = enabled.indexOf(current);
    let next: number | undefined;
    if (e.key === 'ArrowDown') next = enabled[(pos + 1) % enabled.length];
    else if (e.key === 'ArrowUp') next = enabled[(pos - 1 + enabled.length) % enabled.length];
    else if (e.key === 'Home') next = enabled[0];
    else if (e.key === 'End') next = enabled[enabled.length - 1];
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    } else if (e.key === 'Tab') {
      setOpen(false);
      return;
    } else return;
    e.preventDefault();
    if (next !== undefined) itemRefs.current[next]?.focus();
  }

  return (
    <div className="wr-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={`kern-btn kern-btn--tertiary wr-menu__button${small ? ' kern-btn--x-small' : ''}`}
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={ariaLabel}
        data-testid={testId}
        data-focus-key={focusKey}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className={`kern-icon kern-icon--${icon}`} aria-hidden="true" />
        <span className="kern-label">{label}</span>
      </button>
      {open ? (
        <ul id={menuId} className="wr-menu__list" onKeyDown={onMenuKeyDown}>
          {actions.map((a, i) => (
            <li key={a.key}>
              <button
                ref={(el) => {
                  itemRefs.current[i] = el;
                }}
                type="button"
                className="wr-menu__item"
                disabled={a.disabled}
                data-testid={testId ? `${testId}-${a.key}` : undefined}
                onClick={() => {
                  close(true);
                  a.onSelect();
                }}
              >
                {a.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
