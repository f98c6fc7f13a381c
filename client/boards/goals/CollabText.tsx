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
type AreaProps = Shared & { multiline: true; ref?: (el: HTMLTextAreaElement | null) => void } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange' | 'onInput'>;

type Field = HTMLInputElement | HTMLTextAreaElement;

function useYTextBinding(text: Y.Text | undefined, ref: RefObject<Field | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!text) {
      el.value = '';
      return;
    }
    el.value = text.toString();
    const onChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (el.value === next) return;
      const focused = el.ownerDocument.activeElement === el;
      const start = el.selectionStart;
      const end = el.selectionEnd;
      const direction = el.selectionDirection ?? undefined;
      el.value = next;
      if (focused && start !== null && end !== null) {
        const delta = event.delta as DeltaOp[];
        el.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta), direction);
      }
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text, ref]);
}

/** Mirrors local typing into the `Y.Text` as one minimal edit at the caret. */
function handleInput(el: Field, text: Y.Text | undefined, onEdit: (edit: TextEdit) => void): void {
  if (!text) return;
  const edit = diffAtCaret(text.toString(), el.value, el.selectionEnd);
  if (edit) onEdit(edit);
}

export function CollabText(props: InputProps | AreaProps) {
  const ref = useRef<Field | null>(null);
  useYTextBinding(props.text, ref);
  if (props.multiline) {
    const { text, onEdit, readOnly, testId, multiline: _m, ref: outerRef, ...rest } = props;
    return (
      <textarea
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
