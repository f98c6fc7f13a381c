import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../data/auth';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { api } from '../data/http/api';
import { errorMessage } from '../data/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** Only same-app paths are accepted as a return target (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/sessions';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.docTitle'));
  const { user, setUser } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (user) void navigate(next, { replace: true });
  }, [user, next, navigate]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fieldErrors: typeof errors = {};
    if (!email.trim()) fieldErrors.email = t('login.emailRequired');
    if (!password) fieldErrors.password = t('login.passwordRequired');
    setErrors(fieldErrors);
    if (fieldErrors.email) return emailRef.current?.focus();
    if (fieldErrors.password) return passwordRef.current?.focus();
    setFormError(undefined);
    setSubmitting(true);
    try {
      const res = await api.login({ email: email.trim(), password });
      setUser(res.user);
      void navigate(next, { replace: true });
    } catch (err) {
      setFormError(errorMessage(t, err));
      setSubmitting(false);
    }
  }

  return (
    <div className="wr-page">
      <h1 className="kern-heading-large">{t('login.title')}</h1>
      <p className="kern-body">{t('login.intro')}</p>
      <form className="wr-form wr-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('login.title')}>
        {formError ? (
          <Alert variant="danger" title={t('errors.title')} testId="login-error">
            <p className="kern-body">{formError}</p>
          </Alert>
        ) : null}
        <TextField
          ref={emailRef}
          type="email"
          label={t('login.email')}
          error={errors.email}
          testId="login-email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          required
          aria-required="true"
        />
        <TextField
          ref={passwordRef}
          type="password"
          label={t('login.password')}
          error={errors.password}
          testId="login-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          aria-required="true"
        />
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" data-testid="login-submit" disabled={submitting}>
            <span className="kern-label">{submitting ? t('login.submitting') : t('login.submit')}</span>
          </button>
        </div>
      </form>
      <p className="kern-body wr-aside-text">
        {t('login.participantHint')}{' '}
        <Link className="kern-link" to="/">
          {t('login.participantLink')}
        </Link>
      </p>
    </div>
  );
}
