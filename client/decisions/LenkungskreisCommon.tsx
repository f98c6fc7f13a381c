/**
 * Small pieces the Lenkungskreis pages share: the "access by invitation" notice, a copy button and a lazily loaded QR code.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './Lenkungskreis.css';
import { Link } from 'react-router';
import { Alert } from '../components/Alert';

/** No member token on this device, or the server no longer accepts it. */
export function NoAccess({ reason }: { reason: 'none' | 'revoked' }) {
  const { t } = useTranslation();
  return (
    <div className="wr-page" data-testid="lk-no-access">
      <h1 className="kern-heading-large">{t('lenkungskreis.noAccess.title')}</h1>
      <Alert variant={reason === 'revoked' ? 'warning' : 'info'} title={reason === 'revoked' ? t('lenkungskreis.noAccess.revokedTitle') : t('lenkungskreis.noAccess.noneTitle')}>
        <p className="kern-body">{reason === 'revoked' ? t('lenkungskreis.noAccess.revoked') : t('lenkungskreis.noAccess.none')}</p>
        <p className="kern-body">{t('lenkungskreis.noAccess.howTo')}</p>
      </Alert>
      <p className="wr-actions">
        <Link className="kern-btn kern-btn--secondary" to="/">
          <span className="kern-label">{t('lenkungskreis.noAccess.toStart')}</span>
        </Link>
      </p>
    </div>
  );
}

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(id);
  }, [state]);
  return (
    <span className="wr-lk-copy">
      <button
        type="button"
        className="kern-btn kern-btn--secondary kern-btn--x-small"
        data-testid={testId}
        onClick={() => {
          if (!navigator.clipboard) return setState('failed');
          navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        <span className="kern-icon kern-icon--content-copy" aria-hidden="true" />
        <span className="kern-label">{label}</span>
      </button>
      <span className="kern-body kern-body--small" role="status">
        {state === 'copied' ? t('lenkungskreis.copy.done') : state === 'failed' ? t('lenkungskreis.copy.failed') : ''}
      </span>
    </span>
  );
}

// The QR generator is loaded only when an invitation is shown (as in the room), keeping the
// dashboard's bundle small.
const QrCodeLazy = lazy(() => import('../components/QrCode').then((m) => ({ default: m.QrCode })));

export function InvitationQr({ value, label }: { value: string; label: string }) {
  return (
    <Suspense fallback={<div className="wr-qr wr-lk-qr" aria-hidden="true" />}>
      <QrCodeLazy value={value} label={label} className="wr-lk-qr" />
    </Suspense>
  );
}

/**
 * Where a page that redeems a single-use link stands (an invitation, a second device's link):
 * no code in the address, refused (unknown, used, expired), its preview loaded, failed otherwise,
 * or still loading.
 */
export function redeemStatus<T>(
  code: string,
  refusedCode: string | undefined,
  preview: { data?: T; error?: unknown },
  isRefused: (err: unknown) => boolean,
): 'missing' | 'invalid' | 'ready' | 'error' | 'loading' {
  if (!code) return 'missing';
  if (refusedCode === code || (!preview.data && isRefused(preview.error))) return 'invalid';
  if (preview.data) return 'ready';
  return preview.error !== undefined ? 'error' : 'loading';
}
