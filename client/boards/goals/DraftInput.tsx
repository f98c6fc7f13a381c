/**
 * An input for a plain (last-writer-wins) field. While someone types, their draft stays put and is
 * written after a short pause and on leaving the field; meanwhile a remote change is not pushed
 * into the field under their fingers. When the field is not focused it shows the shared value.
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

interface DraftInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange'> {
  value: string;
  /** Called with the draft; return false when the draft is invalid (it then stays in the field). */
  onCommit: (value: string) => boolean | void;
  testId?: string;
  /** Milliseconds to wait after the last keystroke before writing. */
  delay?: number;
}

export function DraftInput({ value, onCommit, testId, delay = 350, onBlur, onKeyDown, ...rest }: DraftInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;

  useEffect(() => () => clearTimeout(timer.current), []);

  function commit(v: string, done: boolean) {
    clearTimeout(timer.current);
    const ok = commitRef.current(v) !== false;
    if (done && ok) setDraft(null);
  }

  return (
    <input
      {...rest}
      data-testid={testId}
      value={draft ?? value}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setDraft(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(v, false), delay);
      }}
      onBlur={(e) => {
        if (draft !== null) commit(draft, true);
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== null) commit(draft, true);
        onKeyDown?.(e);
      }}
    />
  );
}
