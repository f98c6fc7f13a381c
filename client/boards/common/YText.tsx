/**
 * Plain <input> / <textarea> bound to a Y.Text, for short fields where a rich-text editor per
 * item would be too heavy. Typing becomes the smallest edit at the caret (so concurrent typing in
 * the same field merges), and remote changes are applied to the field without moving the caret
 * away from where the person is typing.
 */
import { useEffect, useRef, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import type { TextEdit } from '../../../shared/schema/items';

/**
 * The edit that turns `prev` into `next`, given the caret after the change (`caret`, in `next`).
 * Without the caret the common prefix/suffix decide; with it, an ambiguous insertion ("a" typed
 * into "aa") lands where the person actually typed.
 */
export function editBetween(prev: string, next: string, caret?: number): TextEdit | null {
  if (prev === next) return null;
  let endNew = next.length;
  let endOld = prev.length;
  if (caret !== undefined && caret >= 0 && caret <= next.length) {
    const tail = next.slice(caret);
    if (prev.endsWith(tail) && prev.length - tail.length >= 0) {
      endNew = caret;
      endOld = prev.length - tail.length;
    }
  }
  const limit = Math.min(endOld, endNew);
  let start = 0;
  while (start < limit && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (caret === undefined || endNew !== caret) {
    while (endOld > start && endNew > start && prev.charCodeAt(endOld - 1) === next.charCodeAt(endNew - 1)) {
      endOld--;
      endNew--;
    }
  }
  return { index: start, deleteCount: endOld - start, insert: next.slice(start, endNew) };
}

type Delta = { insert?: unknown; retain?: number; delete?: number }[];

/** Where a position ends up after a remote change; text inserted exactly at it stays after it. */
export function transformPosition(pos: number, delta: Delta): number {
  let index = 0;
  let p = pos;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (index < p) p += len;
      index += len;
    } else if (op.delete !== undefined) {
      if (index < p) p -= Math.min(op.delete, p - index);
    }
    if (index > p && op.retain !== undefined) break;
  }
  return p;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Whether the browser sizes text areas to their content itself (CSS `field-sizing: content`). */
const fieldSizing = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

function autosize(el: Field): void {
  // Reading scrollHeight forces a layout: with hundreds of cards on a board, one per card and
  // keystroke is what made typing slow. Browsers with field-sizing need none.
  if (el instanceof HTMLTextAreaElement && fieldSizing) {
    if (el.style.getPropertyValue('field-sizing') !== 'content') el.style.setProperty('field-sizing', 'content');
    return;
  }
  if (el instanceof HTMLTextAreaElement) {
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }
}

function useYTextBinding<T extends Field>(text: Y.Text | undefined, onEdit: (edit: TextEdit) => void) {
  const ref = useRef<T>(null);
  const onEditRef = useRef(onEdit);
  useEffect(() => {
    onEditRef.current = onEdit;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el || !text) return;
    el.value = text.toString();
    autosize(el);
    const observer = (event: Y.YTextEvent) => {
      const value = text.toString();
      if (el.value === value) return;
      const focused = document.activeElement === el;
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      const delta = event.delta as Delta;
      el.value = value;
      if (focused) el.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta));
      autosize(el);
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onInput = () => {
    const el = ref.current;
    if (!el || !text) return;
    const edit = editBetween(text.toString(), el.value, el.selectionStart ?? undefined);
    if (edit) onEditRef.current(edit);
    autosize(el);
  };
  return { ref, onInput };
}

interface BindingProps {
  /** The shared text; the field is empty and read-only while undefined. */
  text: Y.Text | undefined;
  /** Applies an edit (use the schema's edit helper, which records the author). */
  onEdit: (edit: TextEdit) => void;
}

export function YTextInput({ text, onEdit, readOnly, ...rest }: BindingProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onInput' | 'onChange'>) {
  const { ref, onInput } = useYTextBinding<HTMLInputElement>(text, onEdit);
  return <input ref={ref} type="text" {...rest} readOnly={readOnly || !text} onInput={onInput} />;
}

export function YTextArea({
  text,
  onEdit,
  readOnly,
  ...rest
}: BindingProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onInput' | 'onChange'>) {
  const { ref, onInput } = useYTextBinding<HTMLTextAreaElement>(text, onEdit);
  return <textarea ref={ref} rows={2} {...rest} readOnly={readOnly || !text} onInput={onInput} />;
}
