import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { normalizeJoinCode } from '../../shared/domain';
import { Limits } from '../../shared/limits';
import { Alert } from '../components/Alert';
import { SessionFacts } from '../components/SessionFacts';
import { TextField } from '../components/TextField';
import { api, ApiError } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { errorMessage } from '../data/errors';
import { loadStoredSession, saveJoin } from '../lib/sessionStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const LAST_NAME_KEY = 'werkraum.lastName';

function lastUsedName(): string {
  try {
    return localStorage.getItem(LAST_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The preview answered that no session has this code (or the code is malformed). */
function isUnknownCode(err: unknown): boolean {
  return err instanceof ApiError && (err.id === 'unknown_join_code' || err.id === 'not_found' || err.id === 'validation_error');
}

export function JoinPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('join.docTitle'));
  const params = useParams();
  const code = normalizeJoinCode(params.code ?? '');
  const navigate = useNavigate();
  const preview = useFetch(['join-preview', code], (signal) => api.joinPreview(code, signal));
  const [name, setName] = useState(lastUsedName);
  const [nameError, setNameError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!preview.data) return;
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(t('join.nameRequired'));
      nameRef.current?.focus();
      return;
    }
    if (trimmed.length > Limits.displayNameMaxLength) {
      setNameError(t('join.nameTooLong', { max: Limits.displayNameMaxLength }));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      const res = await api.join({ code, name: trimmed });
      saveJoin(res, preview.data.session, code);
      try {
        localStorage.setItem(LAST_NAME_KEY, trimmed);
      } catch {
        // Only a convenience.
      }
      void navigate(`/s/${res.sessionId}`);
    } catch (err) {
      setSubmitError(errorMessage(t, err));
      setSubmitting(false);
    }
  }

  if (!preview.data && preview.error === undefined) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('join.title')}</h1>
        <p className="kern-body" role="status">
          {t('join.loading')}
        </p>
      </div>
    );
  }

  if (!preview.data && isUnknownCode(preview.error)) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('join.unknownCodeTitle')}</h1>
        <Alert variant="danger" title={t('join.unknownCodeTitle')} testId="join-error">
          <p className="kern-body">{t('join.unknownCode', { code })}</p>
        </Alert>
        <p className="wr-actions">
          <Link className="kern-btn kern-btn--secondary" to="/">
            <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
            <span className="kern-label">{t('join.otherCode')}</span>
          </Link>
        </p>
      </div>
    );
  }

  if (!preview.data) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('join.title')}</h1>
        <Alert variant="danger" title={t('errors.title')} testId="join-error">
          <p className="kern-body">{errorMessage(t, preview.error)}</p>
        </Alert>
        <p className="wr-actions">
          <button type="button" className="kern-btn kern-btn--primary" onClick={preview.reload}>
            <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
            <span className="kern-label">{t('join.retry')}</span>
          </button>
          <Link className="kern-btn kern-btn--secondary" to="/">
            <span className="kern-label">{t('join.otherCode')}</span>
          </Link>
        </p>
      </div>
    );
  }

  const { session, role } = preview.data;
  const existing = loadStoredSession(session.id);
  const canContinue = existing && existing.join.role === role;

  return (
    <div className="wr-page">
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline">{t('join.title')}</p>
        <h1 className="kern-heading-large" data-testid="join-session-title">
          {session.title}
        </h1>
      </div>
      <SessionFacts session={session} role={role} />
      {role === 'observer' ? (
        <Alert variant="info" title={t('roles.observer')}>
          <p className="kern-body">{t('join.observerNotice')}</p>
        </Alert>
      ) : null}

      {canContinue ? (
        <section className="wr-panel wr-panel--quiet" aria-labelledby="continue-title">
          <h2 id="continue-title" className="kern-heading-small">
            {t('join.alreadyJoined', { name: existing.join.displayName })}
          </h2>
          <Link className="kern-btn kern-btn--secondary" to={`/s/${session.id}`}>
            <span className="kern-label">{t('join.continueAs', { name: existing.join.displayName })}</span>
            <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
          </Link>
        </section>
      ) : null}

      <form className="wr-form wr-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="join-form-title">
        <h2 id="join-form-title" className="kern-heading-small">
          {canContinue ? t('join.asSomeoneElse') : t('join.formTitle')}
        </h2>
        {submitError ? (
          <Alert variant="danger" title={t('errors.title')}>
            <p className="kern-body">{submitError}</p>
          </Alert>
        ) : null}
        <TextField
          ref={nameRef}
          label={t('join.nameLabel')}
          hint={t('join.nameHint')}
          error={nameError}
          testId="join-name-input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="nickname"
          maxLength={Limits.displayNameMaxLength}
          required
          aria-required="true"
        />
        <p className="kern-body kern-body--small wr-muted">
          {t('join.privacy')}{' '}
          <Link className="kern-link" to={code ? `/datenschutz?code=${encodeURIComponent(code)}` : '/datenschutz'} data-testid="join-privacy">
            {t('join.privacyLink')}
          </Link>
        </p>
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" data-testid="join-submit" disabled={submitting}>
            <span className="kern-label">{submitting ? t('join.submitting') : t('join.submit')}</span>
          </button>
        </div>
      </form>
    </div>
  );
}
