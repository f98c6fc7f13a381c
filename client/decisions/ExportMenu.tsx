/**
 * Exports of a decision draft (DOCX, PDF, Markdown, JSON, OParl) as server jobs: a progress bar
 * with the job's stage while it runs, the error if it fails, then the download. Reused by the
 * Lenkungskreis side (`token`, no `current`).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionVersionMeta } from '../../shared/decision';
import { DECISION_EXPORT_FORMATS, PROTOKOLL_EXPORT_FORMATS, type DecisionExportFormat, type ExportJob, type ExportJobResponse, type VersionRef } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { isAbortError } from '../data/http/api';
import { decisionApi, runExport } from '../data/http/decisionApi';
import { errorMessage } from '../data/errors';

const STAGES = ['queued', 'loading', 'rendering', 'packing', 'done', 'failed'] as const;
type Stage = (typeof STAGES)[number];

type RunState = { status: 'idle' } | { status: 'running'; job: ExportJob | null } | { status: 'done'; job: ExportJob } | { status: 'failed'; message: string };

/** Runs export jobs one at a time and keeps their state for the UI. */
function useExportRunner(token: string | undefined) {
  const { t } = useTranslation();
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const ctrl = useRef<AbortController | null>(null);
  useEffect(() => () => ctrl.current?.abort(), []);

  async function run(start: () => Promise<ExportJobResponse>) {
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    setState({ status: 'running', job: null });
    try {
      const job = await runExport(start, { token, signal: c.signal, onProgress: (j) => setState({ status: 'running', job: j }) });
      setState({ status: 'done', job });
    } catch (err) {
      if (isAbortError(err)) return;
      setState({ status: 'failed', message: errorMessage(t, err) });
    }
  }
  return { state, run };
}

function ExportProgress({ state, testId }: { state: RunState; testId: string }) {
  const { t } = useTranslation();
  const id = useId();
  if (state.status === 'running') {
    const stage = (STAGES as readonly string[]).includes(state.job?.stage ?? 'queued') ? ((state.job?.stage ?? 'queued') as Stage) : 'rendering';
    return (
      <div className="wr-dec-export__progress" data-testid={`${testId}-progress`} data-stage={stage}>
        <label className="kern-label" htmlFor={id}>
          {t('decisions.export.running')} {t(`decisions.export.stages.${stage}`)}
        </label>
        <div className="kern-progress">
          <progress id={id} max={1} value={state.job?.progress ?? 0} />
        </div>
      </div>
    );
  }
  if (state.status === 'done') {
    return (
      <p className="kern-body kern-body--small" role="status" data-testid={`${testId}-done`}>
        {t('decisions.export.done', { file: state.job.fileName })}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <Alert variant="danger" title={t('decisions.export.failed')} testId={`${testId}-error`}>
        <p className="kern-body">{state.message}</p>
      </Alert>
    );
  }
  return null;
}

interface ExportMenuProps {
  draftId: string;
  token?: string;
  versions: readonly DecisionVersionMeta[];
  /** Offer the live draft ("aktueller Stand"): session side only. */
  allowCurrent: boolean;
}

export function ExportMenu({ draftId, token, versions, allowCurrent }: ExportMenuProps) {
  const { t } = useTranslation();
  const id = useId();
  const [format, setFormat] = useState<DecisionExportFormat>('docx');
  const latest = versions.length > 0 ? Math.max(...versions.map((v) => v.number)) : null;
  const [version, setVersion] = useState<string>(latest !== null ? String(latest) : 'current');
  const { state, run } = useExportRunner(token);
  const choices: { value: string; label: string }[] = [
    ...(allowCurrent ? [{ value: 'current', label: t('decisions.compare.current') }] : []),
    ...[...versions].sort((a, b) => b.number - a.number).map((v) => ({ value: String(v.number), label: t('decisions.compare.versionN', { n: v.number }) })),
  ];
  // A version handed over since the last render becomes the default.
  useEffect(() => {
    if (latest !== null) setVersion(String(latest));
  }, [latest]);
  const selected = choices.some((c) => c.value === version) ? version : (choices[0]?.value ?? 'current');
  const ref: VersionRef = selected === 'current' ? 'current' : Number(selected);

  return (
    <section className="wr-dec-export" aria-labelledby={`${id}-h`} data-testid="decision-export">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('decisions.export.heading')}
      </h3>
      <div className="wr-dec-export__row">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-format`}>
            {t('decisions.export.format')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id={`${id}-format`} className="kern-form-input__select" value={format} onChange={(e) => setFormat(e.target.value as DecisionExportFormat)} data-testid="decision-export-format">
              {DECISION_EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`decisions.export.formats.${f}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {choices.length > 0 ? (
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-version`}>
              {t('decisions.export.version')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select id={`${id}-version`} className="kern-form-input__select" value={selected} onChange={(e) => setVersion(e.target.value)} data-testid="decision-export-version">
                {choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
        <button
          type="button"
          className="kern-btn kern-btn--secondary wr-dec-export__go"
          disabled={state.status === 'running' || choices.length === 0}
          onClick={() => void run(() => decisionApi.exportDraft(draftId, { format, version: ref }, token))}
          data-testid="decision-export-submit"
        >
          <span className="kern-icon kern-icon--download" aria-hidden="true" />
          <span className="kern-label">{t('decisions.export.submit')}</span>
        </button>
      </div>
      <ExportProgress state={state} testId="decision-export" />
    </section>
  );
}

/** The session's Protokoll (DOCX, PDF, Markdown), for moderators. */
export function ProtokollExport({ sessionId, token }: { sessionId: string; token?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { state, run } = useExportRunner(token);
  return (
    <section className="wr-dec-export" aria-labelledby={`${id}-h`} data-testid="protokoll-export">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('decisions.export.protokoll.heading')}
      </h3>
      <p className="kern-body kern-body--small wr-muted">{t('decisions.export.protokoll.hint')}</p>
      <div className="wr-dec-export__row">
        {PROTOKOLL_EXPORT_FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            className="kern-btn kern-btn--secondary"
            disabled={state.status === 'running'}
            onClick={() => void run(() => decisionApi.exportProtokoll(sessionId, { format: f }, token))}
            data-testid={`protokoll-export-${f}`}
          >
            <span className="kern-icon kern-icon--download" aria-hidden="true" />
            <span className="kern-label">{t('decisions.export.protokoll.submit', { format: t(`decisions.export.formats.${f}`) })}</span>
          </button>
        ))}
      </div>
      <ExportProgress state={state} testId="protokoll-export" />
    </section>
  );
}
