import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Limits } from '../../shared/limits';
import { useAuth } from '../data/auth';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { api } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { errorMessage } from '../data/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';

type Status = 'loading' | 'needed' | 'notNeeded' | 'unreachable';

interface FieldErrors {
  displayName?: string;
  email?: string;
  password?: string;
}

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.docTitle'));
  const { setUser } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // A colleague's link names the account whose password it sets: the same form, email fixed.
  const setupStatus = useFetch(['setup', token], (signal) => api.setupStatus(signal, token || undefined));
  const colleague = setupStatus.data?.account;
  const status: Status = setupStatus.data ? (setupStatus.data.needsSetup || colleague ? 'needed' : 'notNeeded') : setupStatus.error !== undefined ? 'unreachable' : 'loading';
  const [displayNameInput, setDisplayName] = useState<string | undefined>();
  const displayName = displayNameInput ?? colleague?.displayName ?? '';
  const [emailInput, setEmail] = useState('');
  const email = colleague?.email ?? emailInput;
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const refs = {
    displayName: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fe: FieldErrors = {};
    if (!displayName.trim()) fe.displayName = t('join.nameRequired');
    if (!email.trim()) fe.email = t('login.emailRequired');
    if (password.length < Limits.passwordMinLength) fe.password = t('setup.passwordTooShort', { min: Limits.passwordMinLength });
    setErrors(fe);
    const firstInvalid = (['displayName', 'email', 'password'] as const).find((k) => fe[k]);
    if (firstInvalid) {
      refs[firstInvalid].current?.focus();
      return;
    }
    setFormError(undefined);
    setSubmitting(true);
    try {
      const res = await api.setup({ token, email: email.trim(), password, displayName: displayName.trim() });
      setUser(res.user);
      void navigate('/sessions', { replace: true });
    } catch (err) {
      setFormError(errorMessage(t, err));
      setSubmitting(false);
    }
  }

  let content;
  if (status === 'loading') {
    content = (
      <p className="kern-body" role="status">
        {t('app.loading')}
      </p>
    );
  } else if (status === 'notNeeded') {
    content = (
      <Alert variant="info" title={t('setup.notNeeded')} live="status">
        <p className="kern-body">
          <Link className="kern-link" to="/login">
            {t('setup.toLogin')}
          </Link>
        </p>
      </Alert>
    );
  } else if (status === 'unreachable') {
    content = (
      <Alert variant="danger" title={t('errors.title')}>
        <p className="kern-body">{t('errors.network')}</p>
      </Alert>
    );
  } else if (!token) {
    content = (
      <Alert variant="danger" title={t('errors.title')}>
        <p className="kern-body">{t('setup.noToken')}</p>
      </Alert>
    );
  } else {
    content = (
      <form className="wr-form wr-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('setup.title')}>
        {formError ? (
          <Alert variant="danger" title={t('errors.title')}>
            <p className="kern-body">{formError}</p>
          </Alert>
        ) : null}
        <TextField
          ref={refs.displayName}
          label={t('setup.displayName')}
          hint={t('setup.displayNameHint')}
          error={errors.displayName}
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          autoComplete="name"
          maxLength={Limits.displayNameMaxLength}
          required
          aria-required="true"
        />
        <TextField
          ref={refs.email}
          type="email"
          label={t('setup.email')}
          error={errors.email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          readOnly={colleague !== undefined}
          autoComplete="username"
          required
          aria-required="true"
        />
        <TextField
          ref={refs.password}
          type="password"
          label={t('setup.password')}
          hint={t('setup.passwordHint', { min: Limits.passwordMinLength })}
          error={errors.password}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          minLength={Limits.passwordMinLength}
          maxLength={Limits.passwordMaxLength}
          required
          aria-required="true"
        />
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting}>
            <span className="kern-label">{submitting ? t('setup.submitting') : t('setup.submit')}</span>
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="wr-page">
      <h1 className="kern-heading-large">{colleague ? t('setup.colleagueTitle') : t('setup.title')}</h1>
      <p className="kern-body">{colleague ? t('setup.colleagueIntro') : t('setup.intro')}</p>
      {content}
    </div>
  );
}
