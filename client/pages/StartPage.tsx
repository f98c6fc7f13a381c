import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isJoinCodeShaped, JOIN_CODE_LENGTH, normalizeJoinCode, OBSERVER_CODE_LENGTH } from '../../shared/domain';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { listStoredSessions } from '../lib/sessionStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** Router state other pages pass when they send someone here. */
export interface StartPageState {
  rejoinNeeded?: boolean;
}

export function StartPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('start.docTitle'));
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as StartPageState;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const recent = listStoredSessions()
    .filter((s) => s.session)
    .slice(0, 3);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) {
      setError(t('start.codeRequired'));
      return;
    }
    if (!isJoinCodeShaped(normalized, JOIN_CODE_LENGTH) && !isJoinCodeShaped(normalized, OBSERVER_CODE_LENGTH)) {
      setError(t('start.codeInvalid'));
      return;
    }
    setError(undefined);
    void navigate(`/join/${normalized}`);
  }

  return (
    <div className="wr-page wr-start">
      <section className="wr-panel wr-start__join" aria-labelledby="start-title">
        <h1 id="start-title" className="kern-heading-large">
          {t('start.title')}
        </h1>
        <p className="kern-body">{t('start.intro')}</p>
        {state.rejoinNeeded ? (
          <Alert variant="info" title={t('start.rejoinNeeded')} live="status" />
        ) : null}
        <form className="wr-form" onSubmit={onSubmit} noValidate>
          <TextField
            label={t('start.codeLabel')}
            hint={t('start.codeHint')}
            error={error}
            testId="join-code-input"
            className="wr-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            enterKeyHint="go"
            maxLength={24}
          />
          <div className="wr-actions">
            <button type="submit" className="kern-btn kern-btn--primary" data-testid="join-submit">
              <span className="kern-label">{t('start.submit')}</span>
              <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
            </button>
          </div>
        </form>
      </section>

      {recent.length > 0 ? (
        <section className="wr-panel wr-panel--quiet" aria-labelledby="recent-title">
          <h2 id="recent-title" className="kern-heading-small">
            {t('start.recentTitle')}
          </h2>
          <ul className="wr-plain-list">
            {recent.map((s) => (
              <li key={s.join.sessionId}>
                <Link className="kern-link" to={`/s/${s.join.sessionId}`}>
                  {t('start.recentOpen', { title: s.session?.title ?? '' })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="wr-panel wr-panel--quiet" aria-labelledby="moderator-title">
        <h2 id="moderator-title" className="kern-heading-small">
          {t('start.moderatorTitle')}
        </h2>
        <p className="kern-body">{t('start.moderatorText')}</p>
        <Link className="kern-link" to="/login">
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
          {t('start.moderatorLink')}
        </Link>
      </section>
    </div>
  );
}
