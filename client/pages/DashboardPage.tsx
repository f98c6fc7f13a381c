import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionForModerator } from '../../shared/api';
import { DEFAULT_SESSION_TEMPLATE, formatJoinCode, SESSION_KINDS, SESSION_TEMPLATES, type SessionKind, type SessionTemplate } from '../../shared/domain';
import { Limits } from '../../shared/limits';
import { templateAgenda } from '../../shared/sessionTemplates';
import { useAuth } from '../data/auth';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { LenkungskreisAdmin } from '../decisions/LenkungskreisAdmin';
import { ColleagueSessions } from '../team/ColleagueSessions';
import { TeamAdmin } from '../team/TeamAdmin';
import { SessionActions, type SessionChange } from './SessionActions';
import { api, ApiError, hasStatus } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { formatIsoDate, todayIso } from '../lib/dates';
import { errorMessage } from '../data/errors';
import { saveJoin } from '../lib/sessionStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';

export function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('sessions.docTitle'));
  const { user } = useAuth();
  const navigate = useNavigate();
  const toLogin = useCallback(() => void navigate('/login?next=/sessions', { replace: true }), [navigate]);
  const all = useFetch(user ? ['sessions', user.id] : null, (signal) => api.listSessions(signal), {
    onError: (err) => {
      if (hasStatus(err, 401)) toLogin();
    },
  });
  // Signed out meanwhile: the page is left at once; until then it keeps saying "loading".
  const listError = hasStatus(all.error, 401) ? undefined : all.error;
  const list = {
    data: all.data?.sessions,
    mutate: (update: (prev: SessionForModerator[] | undefined) => SessionForModerator[]) =>
      all.mutate((prev) => ({ sessions: update(prev?.sessions), colleagueSessions: prev?.colleagueSessions ?? [] })),
  };

  /** Taken over: the session leaves the colleagues' list and joins mine. */
  function onTakenOver(session: SessionForModerator) {
    all.mutate((prev) => ({
      sessions: [session, ...(prev?.sessions ?? []).filter((s) => s.id !== session.id)],
      colleagueSessions: (prev?.colleagueSessions ?? []).filter((s) => s.id !== session.id),
    }));
  }

  useEffect(() => {
    if (user === null) toLogin();
  }, [user, toLogin]);

  function onCreated(session: SessionForModerator) {
    list.mutate((prev) => [session, ...(prev ?? [])]);
  }

  function onChange({ updated, added, removed }: SessionChange) {
    list.mutate((prev) => {
      let next = prev ?? [];
      if (updated) next = next.map((s) => (s.id === updated.id ? updated : s));
      if (removed) next = next.filter((s) => s.id !== removed);
      if (added) next = [added, ...next];
      return next;
    });
  }

  const active = list.data?.filter((s) => s.archivedAt === null);
  const archived = list.data?.filter((s) => s.archivedAt !== null) ?? [];

  if (!user) {
    return (
      <div className="wr-page">
        <h1 className="kern-heading-large">{t('sessions.title')}</h1>
        <p className="kern-body" role="status">
          {t('app.loading')}
        </p>
      </div>
    );
  }

  return (
    <div className="wr-page wr-page--wide wr-dashboard">
      <div className="kern-hgroup wr-hgroup">
        <h1 className="kern-heading-large">{t('sessions.title')}</h1>
        <p className="kern-subline">{t('nav.loggedInAs', { name: user.displayName })}</p>
      </div>
      <p className="wr-jump">
        <a className="kern-link" href="#create-title">
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          {t('sessions.createTitle')}
        </a>
      </p>
      <div className="wr-dashboard__grid">
        <section aria-labelledby="session-list-title" className="wr-dashboard__list">
          <h2 id="session-list-title" className="kern-heading-medium">
            {t('sessions.listLabel')}
            {active && active.length > 0 ? <span className="wr-count"> ({active.length})</span> : null}
          </h2>
          {listError !== undefined && !list.data ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{errorMessage(t, listError)}</p>
            </Alert>
          ) : !active ? (
            <p className="kern-body" role="status">
              {t('sessions.loading')}
            </p>
          ) : active.length === 0 ? (
            <p className="kern-body wr-muted">{t('sessions.empty')}</p>
          ) : (
            <ul className="wr-session-list" data-testid="session-list-active">
              {active.map((s) => (
                <SessionItem key={s.id} session={s} onChange={onChange} />
              ))}
            </ul>
          )}
          {archived.length > 0 ? (
            <details className="wr-session-archive" data-testid="session-archive">
              <summary className="kern-body">{t('sessions.manage.archiveList', { count: archived.length })}</summary>
              <ul className="wr-session-list" data-testid="session-list-archived">
                {archived.map((s) => (
                  <SessionItem key={s.id} session={s} onChange={onChange} />
                ))}
              </ul>
            </details>
          ) : null}
        </section>
        <CreateSessionForm onCreated={onCreated} />
      </div>
      {all.data ? <ColleagueSessions sessions={all.data.colleagueSessions} onTakenOver={onTakenOver} /> : null}
      <TeamAdmin />
      <LenkungskreisAdmin />
    </div>
  );
}

/** Enters a session as its moderator (POST /enter) and opens the room. */
function useOpenSession(session: SessionForModerator) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | undefined>();
  async function open() {
    setOpening(true);
    setError(undefined);
    try {
      const res = await api.enterSession(session.id);
      saveJoin(res, session);
      void navigate(`/s/${session.id}`);
    } catch (err) {
      setError(errorMessage(t, err));
      setOpening(false);
    }
  }
  return { open, opening, error };
}

function SessionItem({ session, onChange }: { session: SessionForModerator; onChange: (change: SessionChange) => void }) {
  const { t, i18n } = useTranslation();
  const { open, opening, error } = useOpenSession(session);
  const titleId = useId();

  return (
    <li className="wr-session" data-testid="session-list-item" data-session-id={session.id}>
      <div className="wr-session__main">
        <h3 id={titleId} className="kern-heading-small wr-session__title">
          {session.title}
        </h3>
        <p className="kern-body kern-body--small wr-session__meta">
          <span>{t(`kinds.${session.kind}`)}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="session-template">{t(`templates.names.${session.template ?? DEFAULT_SESSION_TEMPLATE}`)}</span>
          <span aria-hidden="true"> · </span>
          <span>{formatIsoDate(session.date, i18n.language)}</span>
          <span aria-hidden="true"> · </span>
          <span>
            {t('sessions.code')}: <span className="wr-code-inline">{formatJoinCode(session.joinCode)}</span>
          </span>
          {session.archivedAt !== null ? (
            <>
              <span aria-hidden="true"> · </span>
              <span className="kern-badge kern-badge--info" data-testid="session-archived-badge">
                {t('sessions.manage.archived')}
              </span>
            </>
          ) : null}
        </p>
        {session.coModerators.length > 0 ? (
          <p className="kern-body kern-body--small wr-session__meta" data-testid="session-comoderators-names">
            {t('sessions.manage.coModeratorsList', { names: session.coModerators.map((m) => m.displayName).join(', ') })}
          </p>
        ) : null}
        {error ? (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
      </div>
      <div className="wr-session__actions">
        <button
          type="button"
          className="kern-btn kern-btn--primary"
          onClick={() => void open()}
          disabled={opening}
          aria-describedby={titleId}
          data-testid="session-open"
        >
          <span className="kern-label">{opening ? t('sessions.opening') : t('sessions.open')}</span>
        </button>
        <Link className="kern-btn kern-btn--tertiary" to={`/s/${session.id}/beamer`} aria-describedby={titleId}>
          <span className="kern-label">{t('room.joinPanel.beamer')}</span>
        </Link>
      </div>
      <SessionActions session={session} onChange={onChange} />
    </li>
  );
}

function CreatedNotice({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  const { open, opening, error } = useOpenSession(session);
  return (
    <Alert variant="success" title={t('sessions.createdTitle')} live="none">
      <p className="kern-body">{t('sessions.created', { title: session.title })}</p>
      <p className="kern-body">
        {t('sessions.code')}: <span className="wr-code-inline">{formatJoinCode(session.joinCode)}</span>
      </p>
      {error ? <p className="kern-body">{error}</p> : null}
      <p>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void open()} disabled={opening}>
          <span className="kern-label">{opening ? t('sessions.opening') : t('sessions.openNow')}</span>
        </button>
      </p>
    </Alert>
  );
}

function CreateSessionForm({ onCreated }: { onCreated: (s: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<SessionKind>('bildungskonferenz');
  const [template, setTemplate] = useState<SessionTemplate>(DEFAULT_SESSION_TEMPLATE);
  const [date, setDate] = useState(todayIso);
  const [prefillAgenda, setPrefillAgenda] = useState(true);
  const prefillId = useId();
  const [errors, setErrors] = useState<{ title?: string; date?: string }>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [created, setCreated] = useState<SessionForModerator | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const kindId = useId();
  const templateId = useId();
  const templateHintId = useId();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fe: typeof errors = {};
    if (!title.trim()) fe.title = t('sessions.titleRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fe.date = t('sessions.dateRequired');
    setErrors(fe);
    if (fe.title) return titleRef.current?.focus();
    if (fe.date) return dateRef.current?.focus();
    setFormError(undefined);
    setCreated(undefined);
    setSubmitting(true);
    try {
      const res = await api.createSession({ title: title.trim(), kind, date, template, prefillAgenda });
      onCreated(res.session);
      setCreated(res.session);
      setTitle('');
    } catch (err) {
      if (err instanceof ApiError && err.field === 'title') setErrors({ title: errorMessage(t, err) });
      else setFormError(errorMessage(t, err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section aria-labelledby="create-title" className="wr-panel wr-dashboard__create">
      <h2 id="create-title" className="kern-heading-medium" tabIndex={-1}>
        {t('sessions.createTitle')}
      </h2>
      <div aria-live="polite" role="status" className="wr-status-slot">
        {created ? <CreatedNotice session={created} /> : null}
      </div>
      {formError ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{formError}</p>
        </Alert>
      ) : null}
      <form className="wr-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          ref={titleRef}
          label={t('sessions.titleLabel')}
          hint={t('sessions.titleHint')}
          error={errors.title}
          testId="session-create-title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={Limits.sessionTitleMaxLength}
          autoComplete="off"
          required
          aria-required="true"
        />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={kindId}>
            {t('sessions.kindLabel')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={kindId}
              className="kern-form-input__select"
              data-testid="session-create-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as SessionKind)}
            >
              {SESSION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="kern-hint wr-select-hint">{t(`kindHints.${kind}`)}</p>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={templateId}>
            {t('templates.label')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={templateId}
              className="kern-form-input__select"
              data-testid="session-create-template"
              value={template}
              aria-describedby={templateHintId}
              onChange={(e) => setTemplate(e.target.value as SessionTemplate)}
            >
              {SESSION_TEMPLATES.map((tpl) => (
                <option key={tpl} value={tpl}>
                  {t(`templates.names.${tpl}`)}
                </option>
              ))}
            </select>
          </div>
          <p id={templateHintId} className="kern-hint wr-select-hint" data-testid="session-create-template-hint">
            {t(`templates.hints.${template}`)}
          </p>
        </div>
        <div className="kern-form-check">
          <input
            id={prefillId}
            type="checkbox"
            className="kern-form-check__checkbox"
            checked={prefillAgenda}
            onChange={(e) => setPrefillAgenda(e.target.checked)}
            data-testid="session-create-prefill"
          />
          <label htmlFor={prefillId} className="kern-label">
            {t('sessions.manage.prefillAgenda', { count: templateAgenda(template).length })}
          </label>
        </div>
        <TextField
          ref={dateRef}
          type="date"
          label={t('sessions.dateLabel')}
          error={errors.date}
          testId="session-create-date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
          aria-required="true"
          className="wr-date-input"
        />
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--primary" data-testid="session-create-submit" disabled={submitting}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{submitting ? t('sessions.submitting') : t('sessions.submit')}</span>
          </button>
        </div>
      </form>
    </section>
  );
}
