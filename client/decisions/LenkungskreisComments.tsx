/** Comments on a draft by the Lenkungskreis and the moderation: the list, oldest first, and a form. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionComment } from '../../shared/decision';
import { DecisionLimits } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { decisionApi } from '../data/http/decisionApi';
import { formatDateTime } from './LenkungskreisModel';
import { errorMessage } from '../data/errors';

interface Props {
  draftId: string;
  token: string;
  comments: DecisionComment[];
  /** The version shown: new comments refer to it. */
  version: number;
  onAdded: (comment: DecisionComment) => void;
}

export function LenkungskreisComments({ draftId, token, comments, version, onAdded }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      setFieldError(t('lenkungskreis.comments.required'));
      ref.current?.focus();
      return;
    }
    setFieldError(undefined);
    setError(undefined);
    setSent(false);
    setSending(true);
    try {
      const res = await decisionApi.comment(draftId, { text: text.trim(), version }, token);
      onAdded(res.comment);
      setText('');
      setSent(true);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="wr-lk-section" aria-labelledby={`${id}-title`} data-testid="lk-comments">
      <h2 id={`${id}-title`} className="kern-heading-medium">
        {t('lenkungskreis.comments.title')}
        {comments.length > 0 ? <span className="wr-count"> ({comments.length})</span> : null}
      </h2>
      {comments.length === 0 ? (
        <p className="kern-body wr-muted">{t('lenkungskreis.comments.empty')}</p>
      ) : (
        <ol className="wr-lk-comments">
          {comments.map((c) => (
            <li key={c.id} className="wr-lk-comment" data-testid="lk-comment">
              <p className="kern-body kern-body--small wr-lk-comment__meta">
                <strong>{c.author.displayName}</strong>
                <span className="wr-muted">
                  {' '}
                  ({t(`lenkungskreis.actorKinds.${c.author.kind}`)}) · {formatDateTime(c.createdAt, i18n.language)}
                  {c.version !== null ? ` · ${t('lenkungskreis.comments.onVersion', { version: c.version })}` : ''}
                </span>
              </p>
              <p className="kern-body wr-lk-pre">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form className="wr-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {error ? (
          <Alert variant="danger" title={t('errors.title')}>
            <p className="kern-body">{error}</p>
          </Alert>
        ) : null}
        <div className={`kern-form-input${fieldError ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-text`}>
            {t('lenkungskreis.comments.label')}
          </label>
          <div className="kern-hint" id={`${id}-hint`}>
            {t('lenkungskreis.comments.hint', { version })}
          </div>
          <textarea
            ref={ref}
            id={`${id}-text`}
            className={`kern-form-input__input wr-lk-textarea${fieldError ? ' kern-form-input__input--error' : ''}`}
            rows={3}
            value={text}
            maxLength={DecisionLimits.commentMaxLength}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-hint${fieldError ? ` ${id}-error` : ''}`}
            aria-invalid={fieldError ? true : undefined}
            data-testid="lk-comment-text"
          />
          {fieldError ? (
            <p className="kern-error" id={`${id}-error`} role="alert">
              <span className="kern-icon kern-icon--danger" aria-hidden="true" />
              <span className="kern-body">{fieldError}</span>
            </p>
          ) : null}
        </div>
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--secondary" disabled={sending} data-testid="lk-comment-submit">
            <span className="kern-label">{sending ? t('lenkungskreis.comments.sending') : t('lenkungskreis.comments.submit')}</span>
          </button>
          <span role="status" className="kern-body kern-body--small">
            {sent ? t('lenkungskreis.comments.sent') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
