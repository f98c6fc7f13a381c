import { useId, type InputHTMLAttributes, type Ref } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
  testId?: string;
  /** Extra class on the wrapper, e.g. for width. */
  wrapperClassName?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled KERN text input. Hint and error are tied to the input with aria-describedby; an
 * error also sets aria-invalid and is announced (role="alert").
 */
export function TextField({ label, hint, error, testId, wrapperClassName, className, ref, ...rest }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}${wrapperClassName ? ` ${wrapperClassName}` : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <input
        ref={ref}
        id={id}
        className={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        {...rest}
      />
      {error ? (
        <p className="kern-error" id={errorId} role="alert">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </div>
  );
}
