import type { ReactNode } from 'react';

type Variant = 'info' | 'success' | 'warning' | 'danger';

interface AlertProps {
  variant: Variant;
  title: string;
  children?: ReactNode;
  /** `alert` interrupts (errors), `status` waits politely, `none` for static notices. */
  live?: 'alert' | 'status' | 'none';
  testId?: string;
}

/** A KERN alert box. Errors use role="alert" so screen readers announce them at once. */
export function Alert({ variant, title, children, live = variant === 'danger' ? 'alert' : 'none', testId }: AlertProps) {
  const role = live === 'none' ? undefined : live;
  return (
    <div className={`kern-alert kern-alert--${variant} wr-alert`} role={role} data-testid={testId}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
