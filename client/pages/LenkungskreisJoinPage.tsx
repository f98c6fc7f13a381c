/**
 * `/lenkungskreis/einladung#<code>`: redeeming an invitation to the Lenkungskreis. The code is in
 * the fragment (never sent in a request line); the page previews the invitation, asks for a
 * name, keeps the returned member token on this device and opens the inbox.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Limits } from '../../shared/limits';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { formatDateTime, invitationCodeFromHash } from '../decisions/LenkungskreisModel';
import { ApiError, hasStatus } from '../data/http/api';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { redeemStatus } from '../decisions/LenkungskreisCommon';
import { loadMember, saveMember } from '../lib/lenkungskreisStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { errorMessage } from '../data/errors';

/** No valid invitation has this code (unknown, used, expired or withdrawn). */
function isInvalidInvitation(err: unknown): boolean {
  return err instanceof ApiError && (err.id === 'invalid_invitation' || err.status === 404);
}

export function LenkungskreisJoinPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('lenkungskreis.join.docTitle'));
  const { hash } = useLocation();
  const code = invitationCodeFromHash(hash);
  const navigate = useNavigate();
  const invitation = useFetch(code ? ['lk-invitation', code] : null, (signal) => decisionApi.invitationPreview(code, signal));
  /** The code whose redemption showed it is no longer valid (used or withdrawn meanwhile). */
  const [refusedCode, setRefusedCode] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const existing = loadMember();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > Limits.displayNameMaxLength) {
      setNameError(trimmed ? t('lenkungskreis.join.nameTooLong', { max: Limits.displayNameMaxLength }) : t('lenkungskreis.join.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      const res = await decisionApi.redeemInvitation({ code, name: trimmed });
      saveMember({ token: res.token, member: res.member });
      // Replacing drops the fragment: the used code does not stay in the history.
      void navigate('/lenkungskreis', { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.id === 'invalid_invitation') setRefusedCode(code);
      else setSubmitError(errorMessage(t, err));
    }
  }

  const toInbox = existing ? (
    <p className="wr-actions">
      <Link className="kern-btn kern-btn--secondary" to="/lenkungskreis">
        <span className="kern-label">{t('lenkungskreis.join.toInboxAs', { name: existing.member.displayName })}</span>
        <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
      </Link>
    </p>
  ) : null;

  const status = redeemStatus(code, refusedCode, invitation, isInvalidInvitation);

  if (status === 'loading') {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('lenkungskreis.join.title')}</h1>
        <p className="kern-body" role="status">
          {t('lenkungskreis.join.loading')}
        </p>
      </div>
    );
  }

  if (status === 'missing' || status === 'invalid') {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('lenkungskreis.join.title')}</h1>
        <Alert variant="danger" title={t(`lenkungskreis.join.${status}Title`)} testId="lk-join-error">
          <p className="kern-body">{t(`lenkungskreis.join.${status}`)}</p>
        </Alert>
        {toInbox}
      </div>
    );
  }

  if (!invitation.data) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('lenkungskreis.join.title')}</h1>
        <Alert variant={hasStatus(invitation.error, 429) ? 'warning' : 'danger'} title={t('errors.title')} testId="lk-join-error" live="alert">
          <p className="kern-body">{errorMessage(t, invitation.error)}</p>
        </Alert>
        <p className="wr-actions">
          <button type="button" className="kern-btn kern-btn--primary" onClick={invitation.reload}>
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('lenkungskreis.retry')}</span>
          </button>
        </p>
      </div>
    );
  }

  const preview = invitation.data;
  return (
    <div className="wr-page">
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline">{t('lenkungskreis.join.preline')}</p>
        <h1 className="kern-heading-large">{t('lenkungskreis.join.title')}</h1>
      </div>
      <p className="kern-body">{t('lenkungskreis.join.intro')}</p>
      <dl className="wr-facts" data-testid="lk-join-preview">
        {preview.label ? (
          <div className="wr-facts__item">
            <dt className="wr-facts__key">{t('lenkungskreis.join.for')}</dt>
            <dd className="wr-facts__value">{preview.label}</dd>
          </div>
        ) : null}
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('lenkungskreis.join.validUntil')}</dt>
          <dd className="wr-facts__value">{formatDateTime(preview.expiresAt, i18n.language, 'long')}</dd>
        </div>
      </dl>
      {existing ? (
        <Alert variant="info" title={t('lenkungskreis.join.alreadyTitle', { name: existing.member.displayName })}>
          <p className="kern-body">{t('lenkungskreis.join.already')}</p>
          {toInbox}
        </Alert>
      ) : null}
      <form className="wr-form wr-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="lk-join-form-title">
        <h2 id="lk-join-form-title" className="kern-heading-small">
          {t('lenkungskreis.join.formTitle')}
        </h2>
        {submitError ? (
          <Alert variant="danger" title={t('errors.title')} testId="lk-join-submit-error">
            <p className="kern-body">{submitError}</p>
          </Alert>
        ) : null}
        <TextField
          ref={nameRef}
          label={t('lenkungskreis.join.nameLabel')}
          hint={t('lenkungskreis.join.nameHint')}
          error={nameError}
          testId="lk-join-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
          maxLength={Limits.displayNameMaxLength}
          required
          aria-required="true"
        />
        <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.join.privacy')}</p>
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" data-testid="lk-join-submit" disabled={submitting}>
            <span className="kern-label">{submitting ? t('lenkungskreis.join.submitting') : t('lenkungskreis.join.submit')}</span>
          </button>
        </div>
      </form>
    </div>
  );
}
