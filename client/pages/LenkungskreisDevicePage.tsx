/**
 * `/lenkungskreis/geraet#<code>`: binding another device to a Lenkungskreis member with a link
 * made on a signed-in device (single use, valid for ten minutes). The code is in the fragment
 * (never sent in a request line); the page shows whose access this is, asks for an optional name
 * for this device, keeps the returned token here and opens the inbox.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Limits } from '../../shared/limits';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { invitationCodeFromHash } from '../decisions/LenkungskreisModel';
import { ApiError, hasStatus } from '../data/http/api';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { redeemStatus } from '../decisions/LenkungskreisCommon';
import { loadMember, saveMember } from '../lib/lenkungskreisStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { errorMessage } from '../data/errors';

/** No open link has this code (unknown, used, expired, or the member was revoked). */
function isInvalidLink(err: unknown): boolean {
  return err instanceof ApiError && (err.id === 'invalid_invitation' || err.status === 404);
}

export function LenkungskreisDevicePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('lenkungskreis.device.docTitle'));
  const { hash } = useLocation();
  const code = invitationCodeFromHash(hash);
  const navigate = useNavigate();
  const preview = useFetch(code ? ['lk-device-link', code] : null, (signal) => decisionApi.deviceLinkPreview(code, signal));
  /** The code whose redemption showed it is no longer valid (used or expired meanwhile). */
  const [refusedCode, setRefusedCode] = useState<string | undefined>();
  const [label, setLabel] = useState('');
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const existing = loadMember();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      const res = await decisionApi.redeemDeviceLink({ code, label: label.trim() });
      saveMember({ token: res.token, member: res.member });
      // Replacing drops the fragment: the used code does not stay in the history.
      void navigate('/lenkungskreis', { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (isInvalidLink(err)) setRefusedCode(code);
      else setSubmitError(errorMessage(t, err));
    }
  }

  const title = <h1 className="kern-heading-large">{t('lenkungskreis.device.title')}</h1>;
  const status = redeemStatus(code, refusedCode, preview, isInvalidLink);

  if (status === 'loading') {
    return (
      <div className="wr-page">
        {title}
        <p className="kern-body" role="status">
          {t('lenkungskreis.device.loading')}
        </p>
      </div>
    );
  }

  if (status === 'missing' || status === 'invalid') {
    return (
      <div className="wr-page">
        {title}
        <Alert variant="danger" title={t(`lenkungskreis.device.${status}Title`)} testId="lk-device-error">
          <p className="kern-body">{t(`lenkungskreis.device.${status}`)}</p>
        </Alert>
        {existing ? (
          <p className="wr-actions">
            <Link className="kern-btn kern-btn--secondary" to="/lenkungskreis">
              <span className="kern-label">{t('lenkungskreis.join.toInboxAs', { name: existing.member.displayName })}</span>
              <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
            </Link>
          </p>
        ) : null}
      </div>
    );
  }

  if (!preview.data) {
    return (
      <div className="wr-page">
        {title}
        <Alert variant={hasStatus(preview.error, 429) ? 'warning' : 'danger'} title={t('errors.title')} testId="lk-device-error" live="alert">
          <p className="kern-body">{errorMessage(t, preview.error)}</p>
        </Alert>
        <p className="wr-actions">
          <button type="button" className="kern-btn kern-btn--primary" onClick={preview.reload}>
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('lenkungskreis.retry')}</span>
          </button>
        </p>
      </div>
    );
  }

  const member = preview.data.member;
  return (
    <div className="wr-page">
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline">{t('lenkungskreis.join.preline')}</p>
        {title}
      </div>
      <p className="kern-body" data-testid="lk-device-member">
        {t('lenkungskreis.device.intro', { name: member.displayName })}
      </p>
      {existing && existing.member.id !== member.id ? (
        <Alert variant="info" title={t('lenkungskreis.join.alreadyTitle', { name: existing.member.displayName })}>
          <p className="kern-body">{t('lenkungskreis.device.replaces')}</p>
        </Alert>
      ) : null}
      <form className="wr-form wr-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="lk-device-form-title">
        <h2 id="lk-device-form-title" className="kern-heading-small">
          {t('lenkungskreis.device.formTitle')}
        </h2>
        {submitError ? (
          <Alert variant="danger" title={t('errors.title')} testId="lk-device-submit-error">
            <p className="kern-body">{submitError}</p>
          </Alert>
        ) : null}
        <TextField
          label={t('lenkungskreis.device.labelLabel')}
          hint={t('lenkungskreis.device.labelHint')}
          testId="lk-device-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={Limits.displayNameMaxLength}
        />
        <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.device.privacy')}</p>
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" data-testid="lk-device-submit" disabled={submitting}>
            <span className="kern-label">{submitting ? t('lenkungskreis.device.submitting') : t('lenkungskreis.device.submit')}</span>
          </button>
        </div>
      </form>
    </div>
  );
}
