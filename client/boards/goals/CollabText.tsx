/**
 * A plain text input or textarea bound to a `Y.Text`: several people can type in it at once.
 * The element is uncontrolled; the `Y.Text` is the single source of truth and the element mirrors it.
 */
import { useLayoutEffect, useRef, type InputHTMLAttributes, type RefObject, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import type { TextEdit } from '../../../shared/schema/items';
import { diffAtCaret, transformPosition, type DeltaOp } from './textBinding';

type Shared = {
  /** The text to show and edit; `undefined` shows an empty, read-only field (e.g. a node just deleted). */
  text: Y.Text | undefined;
  /** Writes an edit (through the schema's write helpers, so authorship and undo are right). */
  onEdit: (edit: TextEdit) => void;
  readOnly?: boolean;
  testId?: string;
};

type InputProps = Shared & { multiline?: false; ref?: (el: HTMLInputElement | null) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'onInput'>;
type AreaProps = Shared & {
  multiline: true;
  ref?: (el: HTMLTextAreaElement | null) => void;
  /** Grows with its text instead of scrolling inside (texts read on a projector). */
  autoGrow?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange' | 'onInput'>;

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Whether the browser sizes text areas to their content itself (CSS `field-sizing: content`). */
const fieldSizing = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * Sets a textarea's height to its content (at least its `rows`). Reading scrollHeight forces a
 * layout of the whole page — with a goal tree of hundreds of rows beside it, that is what made
 * typing and opening slow; browsers with `field-sizing` need no measuring at all.
 */
function fit(el: Field, autoGrow: boolean): void {
  if (!autoGrow || !(el instanceof HTMLTextAreaElement)) return;
  if (fieldSizing) {
    if (el.style.getPropertyValue('field-sizing') !== 'content') el.style.setProperty('field-sizing', 'content');
    return;
  }
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
}

function useYTextBinding(text: Y.Text | undefined, ref: RefObject<Field | null>, autoGrow: boolean): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!text) {
      el.value = '';
      fit(el, autoGrow);
      return;
    }
    el.value = text.toString();
    fit(el, autoGrow);
    // Width changes re-wrap the text (phone rotated, projector view); with field-sizing the browser does it.
    const ro = autoGrow && !fieldSizing ? new ResizeObserver(() => fit(el, autoGrow)) : undefined;
    ro?.observe(el);
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next) return;
      const focused = el.ownerDocument.activeElement === el;
      const start = el.selectionStart;
      const end = el.selectionEnd;
      const direction = el.selectionDirection ?? undefined;
      el.value = next;
      fit(el, autoGrow);
      if (focused && start !== null && end !== null) {
        const delta = event.delta as DeltaOp[];
        el.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta), direction);
      }
    };
    text.observe(onChange);
    return () => {
      text.unobserve(onChange);
      ro?.disconnect();
    };
  }, [text, ref, autoGrow]);
}

/** Mirrors local typing into the `Y.Text` as one minimal edit at the caret. */
function handleInput(el: Field, text: Y.Text | undefined, onEdit: (edit: TextEdit) => void, autoGrow = false): void {
  fit(el, autoGrow);
  if (!text) return;
  const edit = diffAtCaret(text.toString(), el.value, el.selectionEnd);
  if (edit) onEdit(edit);
}

export function CollabText(props: InputProps | AreaProps) {
  const ref = useRef<Field | null>(null);
  useYTextBinding(props.text, ref, props.multiline === true && props.autoGrow === true);
  if (props.multiline) {
    const { text, onEdit, readOnly, testId, multiline: _m, ref: outerRef, autoGrow = false, ...rest } = props;
    return (
      <textarea
        {...rest}
        ref={(el) => {
          ref.current = el;
          outerRef?.(el);
        }}
        readOnly={readOnly || !text}
        data-testid={testId}
        onInput={(e) => handleInput(e.currentTarget, text, onEdit, autoGrow)}
      />
    );
  }
  const { text, onEdit, readOnly, testId, multiline: _m, ref: outerRef, ...rest } = props;
  return (
    <input
      type="text"
      {...rest}
      ref={(el) => {
        ref.current = el;
        outerRef?.(el);
      }}
      readOnly={readOnly || !text}
      data-testid={testId}
      onInput={(e) => handleInput(e.currentTarget, text, onEdit)}
    />
  );
}
