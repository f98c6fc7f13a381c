/**
 * The installation's privacy notice (Datenschutzhinweise), linked from every page's footer and
 * from the join page. While nobody has written one, Werkraum's built-in notice says what the app
 * itself stores; a signed-in account writes the installation's own text (plain text: "## " starts
 * a heading, an empty line a new paragraph).
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PrivacyNotice } from '../../shared/api';
import { Limits } from '../../shared/limits';
import { Alert } from '../components/Alert';
import { Dialog } from '../components/Dialog';
import { useAuth } from '../data/auth';
import { errorMessage } from '../data/errors';
import { api, request } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { formatIsoDate, todayIso } from '../lib/dates';
import { listStoredSessions, type StoredSession } from '../lib/sessionStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The sections of the built-in notice, in order (strings under `privacy.default`). */
const DEFAULT_SECTIONS = ['controller', 'data', 'purpose', 'legal', 'retention', 'recipients', 'device', 'rights'] as const;

/** Plain text as headings and paragraphs: a block is separated by an empty line; "## " starts a heading. */
export function noticeBlocks(text: string): { heading?: string; lines: string[] }[] {
  const blocks: { heading?: string; lines: string[] }[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = raw.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0]!;
    if (first.startsWith('## ')) blocks.push({ heading: first.slice(3).trim(), lines: lines.slice(1) });
    else blocks.push({ lines });
  }
  return blocks;
}

function Blocks({ text }: { text: string }) {
  return (
    <>
      {noticeBlocks(text).map((b, i) => (
        <section key={i} className="wr-privacy__section">
          {b.heading ? <h2 className="kern-heading-medium">{b.heading}</h2> : null}
          {b.lines.length > 0 ? (
            <p className="kern-body">
              {b.lines.flatMap((line, j): ReactNode[] => (j === 0 ? [line] : [<br key={j} />, line]))}
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** The built-in notice as plain text in the editor's format, to start one's own text from. */
function defaultAsText(t: TFunction): string {
  return DEFAULT_SECTIONS.map((s) => `## ${t(`privacy.default.${s}.title`)}\n${t(`privacy.default.${s}.text`)}`).join('\n\n');
}

/**
 * The person's own data from each session this device joined (GET /api/me/data with that
 * session's token), saved as a file.
 */
/** Key of the account's own download in the busy/message state (session ids never look like it). */
const ACCOUNT = ' account';

function YourData({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const [sessions] = useState(() => listStoredSessions().filter((s) => s.join.role !== 'observer'));
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ sessionId: string; text: string; error: boolean } | null>(null);
  if (sessions.length === 0 && !signedIn) return null;

  /** One session's data with its token, or (without) the signed-in account's. */
  async function download(s: StoredSession | null) {
    const key = s?.join.sessionId ?? ACCOUNT;
    setBusy(key);
    setMessage(null);
    try {
      const data = await request<{ generatedAt: string }>('GET', '/me/data', { token: s?.join.token });
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `werkraum-meine-${s ? 'daten' : 'kontodaten'}-${data.generatedAt.slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ sessionId: key, text: t('privacy.yours.done'), error: false });
    } catch (err) {
      setMessage({ sessionId: key, text: errorMessage(t, err), error: true });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="wr-privacy__section" aria-labelledby="privacy-yours-title" data-testid="privacy-yours">
      <h2 id="privacy-yours-title" className="kern-heading-medium">
        {t('privacy.yours.title')}
      </h2>
      <p className="kern-body">{t('privacy.yours.intro')}</p>
      <ul className="wr-privacy__sessions">
        {signedIn ? (
          <li>
            <button type="button" className="kern-btn kern-btn--secondary" disabled={busy !== null} onClick={() => void download(null)} data-testid="privacy-download-account">
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">{busy === ACCOUNT ? t('privacy.yours.downloading') : t('privacy.yours.account')}</span>
            </button>{' '}
            <span className="kern-body kern-body--small wr-muted">{t('privacy.yours.accountIntro')}</span>
            {message?.sessionId === ACCOUNT ? (
              <p className="kern-body kern-body--small" role={message.error ? 'alert' : 'status'}>
                {message.text}
              </p>
            ) : null}
          </li>
        ) : null}
        {sessions.map((s) => {
          const title = s.session?.title ?? t('privacy.yours.untitled', { date: new Date(s.savedAt).toLocaleDateString() });
          const mine = message?.sessionId === s.join.sessionId ? message : null;
          return (
            <li key={s.join.sessionId}>
              <button type="button" className="kern-btn kern-btn--secondary" disabled={busy !== null} onClick={() => void download(s)} data-testid="privacy-download">
                <span className="kern-icon kern-icon--download" aria-hidden="true" />
                <span className="kern-label">{busy === s.join.sessionId ? t('privacy.yours.downloading') : t('privacy.yours.download', { title })}</span>
              </button>{' '}
              <span className="kern-body kern-body--small wr-muted">{t('privacy.yours.as', { name: s.join.displayName })}</span>
              {mine ? (
                <p className="kern-body kern-body--small" role={mine.error ? 'alert' : 'status'}>
                  {mine.text}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function PrivacyPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('privacy.docTitle'));
  const { user } = useAuth();
  // From the join page: `?code=` names the session whose organisation's notice applies.
  const [params] = useSearchParams();
  const code = params.get('code') ?? undefined;
  const notice = useFetch<PrivacyNotice>(['privacy', code], (signal) => api.privacyNotice(signal, code));
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [confirmReset, setConfirmReset] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  /** Where the focus goes once the next render shows it: the editor opened, or the notice back. */
  const focusNext = useRef<'editor' | 'edit-button' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'editor' ? textRef.current : focusNext.current === 'edit-button' ? editButtonRef.current : null;
    if (!target) return;
    focusNext.current = null;
    target.focus();
  });

  const text = notice.data?.text ?? null;
  const tooLong = draft !== null && draft.length > Limits.privacyNoticeMaxLength;

  async function save(value: string, message: string) {
    setSaving(true);
    setError(undefined);
    try {
      notice.mutate(await api.updatePrivacyNotice({ text: value }));
      setDraft(null);
      setDone(message);
      focusNext.current = 'edit-button';
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (draft === null) return;
    if (tooLong) return textRef.current?.focus();
    void save(draft, t('privacy.saved'));
  }

  const updated = notice.data?.updatedAt ? formatIsoDate(todayIso(new Date(notice.data.updatedAt)), i18n.language) : null;

  return (
    <div className="wr-page wr-privacy">
      <h1 className="kern-heading-large">{t('privacy.title')}</h1>
      {notice.data === undefined && notice.loading ? (
        <p className="kern-body" role="status">
          {t('privacy.loading')}
        </p>
      ) : null}
      {notice.error !== undefined && notice.data === undefined ? (
        <Alert variant="danger" title={t('errors.title')} testId="privacy-error">
          <p className="kern-body">{errorMessage(t, notice.error)}</p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={notice.reload}>
            <span className="kern-label">{t('privacy.retry')}</span>
          </button>
        </Alert>
      ) : null}
      <p className="wr-sr-only" role="status" aria-live="polite">
        {done ?? ''}
      </p>
      {notice.data !== undefined && draft === null ? (
        <div data-testid="privacy-notice" data-source={text === null ? 'default' : 'custom'}>
          {text === null ? (
            <>
              <p className="kern-body wr-muted">{t('privacy.builtIn')}</p>
              {DEFAULT_SECTIONS.map((s) => (
                <section key={s} className="wr-privacy__section">
                  <h2 className="kern-heading-medium">{t(`privacy.default.${s}.title`)}</h2>
                  <p className="kern-body">{t(`privacy.default.${s}.text`)}</p>
                </section>
              ))}
            </>
          ) : (
            <Blocks text={text} />
          )}
          {updated ? <p className="kern-body kern-body--small wr-muted">{t('privacy.updatedAt', { date: updated })}</p> : null}
          {user ? (
            <p>
              <button
                ref={editButtonRef}
                type="button"
                className="kern-btn kern-btn--secondary"
                data-testid="privacy-edit"
                onClick={() => {
                  setDone(undefined);
                  setError(undefined);
                  setDraft(text ?? defaultAsText(t));
                  focusNext.current = 'editor';
                }}
              >
                <span className="kern-icon kern-icon--edit" aria-hidden="true" />
                <span className="kern-label">{t('privacy.edit')}</span>
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
      {draft !== null ? (
        <form className="wr-form wr-panel" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`} className="kern-heading-medium">
            {t('privacy.editTitle')}
          </h2>
          {error ? (
            <Alert variant="danger" title={t('errors.title')} testId="privacy-save-error">
              <p className="kern-body">{error}</p>
            </Alert>
          ) : null}
          <div className={`kern-form-input${tooLong ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor={`${id}-text`}>
              {t('privacy.textLabel')}
            </label>
            <div className="kern-hint" id={`${id}-hint`}>
              {t('privacy.editHint', { max: Limits.privacyNoticeMaxLength.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE') })}
            </div>
            {tooLong ? (
              <p className="kern-error" id={`${id}-error`} role="alert">
                <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
                <span className="kern-body">{t('privacy.tooLong', { count: draft.length, max: Limits.privacyNoticeMaxLength })}</span>
              </p>
            ) : null}
            <textarea
              ref={textRef}
              id={`${id}-text`}
              className="kern-form-input__input wr-textarea wr-privacy__text"
              rows={18}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              aria-describedby={`${id}-hint ${id}-count${tooLong ? ` ${id}-error` : ''}`}
              aria-invalid={tooLong || undefined}
              data-testid="privacy-text"
            />
            <p className="kern-body kern-body--small wr-muted" id={`${id}-count`}>
              {t('privacy.count', { count: draft.length, max: Limits.privacyNoticeMaxLength })}
            </p>
          </div>
          <div className="wr-actions">
            <button type="submit" className="kern-btn kern-btn--primary" disabled={saving} data-testid="privacy-save">
              <span className="kern-label">{saving ? t('privacy.saving') : t('privacy.save')}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--secondary" disabled={saving} onClick={() => setDraft(null)}>
              <span className="kern-label">{t('privacy.cancel')}</span>
            </button>
            {text !== null ? (
              <button type="button" className="kern-btn kern-btn--tertiary" disabled={saving} onClick={() => setConfirmReset(true)} data-testid="privacy-reset">
                <span className="kern-label">{t('privacy.reset')}</span>
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {draft === null ? <YourData signedIn={user !== null && user !== undefined} /> : null}
      {confirmReset ? (
        <Dialog
          title={t('privacy.reset')}
          onClose={() => setConfirmReset(false)}
          testId="privacy-reset-dialog"
          footer={
            <>
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                data-testid="privacy-reset-confirm"
                onClick={() => {
                  setConfirmReset(false);
                  void save('', t('privacy.resetDone'));
                }}
              >
                <span className="kern-label">{t('privacy.reset')}</span>
              </button>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setConfirmReset(false)}>
                <span className="kern-label">{t('privacy.cancel')}</span>
              </button>
            </>
          }
        >
          <p className="kern-body">{t('privacy.resetConfirm')}</p>
        </Dialog>
      ) : null}
    </div>
  );
}
