/**
 * Exports of a frozen version for the Lenkungskreis (DOCX, PDF, Markdown, JSON, OParl): a job is
 * started, polled with progress, then downloaded with the member's token (runExport).
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECISION_EXPORT_FORMATS, type DecisionExportFormat, type ExportJob } from '../../shared/decisionApi';
import { decisionApi, runExport } from '../lib/decisionApi';
import { isAbort, lkErrorMessage } from './LenkungskreisCommon';

interface Props {
  draftId: string;
  version: number;
  token: string;
}

export function LenkungskreisExport({ draftId, version, token }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<DecisionExportFormat>('docx');
  const [job, setJob] = useState<ExportJob | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'done' | 'error'; text: string } | undefined>();
  const ctrlRef = useRef<AbortController | null>(null);

  async function start() {
    ctrlRef.current?.abort();
    const ctrl = new AbortController();
    ctrlRef.current = ctrl;
    setBusy(true);
    setMessage(undefined);
    setJob(undefined);
    try {
      const done = await runExport(() => decisionApi.exportDraft(draftId, { format, version }, token), { token, signal: ctrl.signal, onProgress: setJob });
      setMessage({ kind: 'done', text: t('lenkungskreis.export.done', { file: done.fileName }) });
    } catch (err) {
      if (isAbort(err)) return;
      setMessage({ kind: 'error', text: lkErrorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  }

  const progress = job && busy ? Math.round(job.progress * 100) : null;

  return (
    <section className="wr-lk-section" aria-labelledby={`${id}-title`} data-testid="lk-export">
      <h2 id={`${id}-title`} className="kern-heading-medium">
        {t('lenkungskreis.export.title')}
      </h2>
      <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.export.intro', { version })}</p>
      <div className="wr-lk-toolbar">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-format`}>
            {t('lenkungskreis.export.format')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id={`${id}-format`} className="kern-form-input__select" value={format} onChange={(e) => setFormat(e.target.value as DecisionExportFormat)} data-testid="lk-export-format">
              {DECISION_EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`lenkungskreis.export.formats.${f}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void start()} disabled={busy} data-testid="lk-export-start">
          <span className="kern-icon kern-icon--download" aria-hidden="true" />
          <span className="kern-label">{busy ? t('lenkungskreis.export.running') : t('lenkungskreis.export.start')}</span>
        </button>
      </div>
      {progress !== null ? <progress className="kern-progress wr-lk-progress" max={100} value={progress} aria-label={t('lenkungskreis.export.progress')} /> : null}
      <p role="status" className={`kern-body kern-body--small${message?.kind === 'error' ? ' wr-lk-error-text' : ''}`} data-testid="lk-export-status">
        {message ? message.text : busy && job ? t('lenkungskreis.export.progressText', { percent: progress ?? 0 }) : ''}
      </p>
    </section>
  );
}
