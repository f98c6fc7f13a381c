/**
 * A KERN modal dialog on the native <dialog>: the browser keeps focus inside and closes it with
 * Esc; focus returns to whatever opened it. Full width on phones (KERN's own rule).
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './Dialog.css';

interface DialogProps {
  title: string;
  /** A line above the title (e.g. the method of a vote). */
  preline?: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  className?: string;
  /** The label of the close button in the header (default "Schließen"). */
  closeLabel?: string;
}

export function Dialog({ title, preline, onClose, children, footer, testId, className, closeLabel }: DialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have gone with the change the dialog made; then focus stays where it is.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`kern-dialog wr-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      <header className="kern-dialog__header">
        <div className="wr-dialog__titles">
          {preline ? <p className="kern-preline wr-dialog__preline">{preline}</p> : null}
          <h2 className="kern-title wr-dialog__title" id={`${id}-title`}>
            {title}
          </h2>
        </div>
        <button type="button" className="kern-btn kern-btn--tertiary wr-dialog__close" onClick={() => onCloseRef.current()} data-testid={testId ? `${testId}-close` : undefined}>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label wr-sr-only">{closeLabel ?? t('moderation.dialog.close')}</span>
        </button>
      </header>
      <div className="kern-dialog__body wr-dialog__body">{children}</div>
      {footer ? <footer className="kern-dialog__footer">{footer}</footer> : null}
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
  danger?: boolean;
}

/** "Wirklich …?" with the safe choice focused first. */
export function ConfirmDialog({ title, text, confirmLabel, onConfirm, onCancel, testId }: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      testId={testId}
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onCancel} autoFocus data-testid={testId ? `${testId}-cancel` : undefined}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--primary" onClick={onConfirm} data-testid={testId ? `${testId}-confirm` : undefined}>
            <span className="kern-label">{confirmLabel}</span>
          </button>
        </>
      }
    >
      <p className="kern-body">{text}</p>
    </Dialog>
  );
}
