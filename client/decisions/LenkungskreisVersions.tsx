/**
 * The frozen versions of a draft (number, short hash, hand-over) with a choice of the version
 * shown, and a comparison of two versions as the server computes it (`…/compare`).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionVersionMeta } from '../../shared/decision';
import type { CompareResponse } from '../../shared/decisionApi';
import type { FieldChange, WordOp } from '../../shared/decisionDiff';
import { decisionApi } from '../lib/decisionApi';
import { lkErrorMessage } from './LenkungskreisCommon';
import { formatDateTime, shortHash } from './LenkungskreisModel';

interface Props {
  draftId: string;
  token: string;
  versions: DecisionVersionMeta[];
  shown: number;
  onShow: (n: number) => void;
}

export function LenkungskreisVersions({ draftId, token, versions, shown, onShow }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <section className="wr-lk-section" aria-labelledby={`${id}-title`} data-testid="lk-versions">
      <h2 id={`${id}-title`} className="kern-heading-medium">
        {t('lenkungskreis.versions.title')}
      </h2>
      <ol className="wr-lk-versions" reversed>
        {newestFirst.map((v) => (
          <li key={v.number} className={`wr-lk-version${v.number === shown ? ' wr-lk-version--shown' : ''}`} data-testid="lk-version" data-version={v.number}>
            <p className="kern-body wr-lk-version__head">
              <strong>{t('lenkungskreis.versions.version', { version: v.number })}</strong>
              {v.number === shown ? <span className="kern-badge kern-badge--info kern-badge--small wr-lk-gap">{t('lenkungskreis.versions.shown')}</span> : null}
            </p>
            <p className="kern-body kern-body--small">
              {t('lenkungskreis.versions.handedOver', { date: formatDateTime(v.handedOverAt, i18n.language), name: v.handedOverBy.displayName })}
            </p>
            <p className="kern-body kern-body--small">
              {t('lenkungskreis.versions.hash')}: <code title={v.contentHash} data-testid="lk-version-hash">{shortHash(v.contentHash)}</code>
            </p>
            {v.note ? <p className="kern-body kern-body--small wr-lk-pre">{t('lenkungskreis.versions.note', { note: v.note })}</p> : null}
            {v.findings.length > 0 ? <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.versions.findings', { count: v.findings.length })}</p> : null}
            {v.number !== shown ? (
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onShow(v.number)} data-testid="lk-version-show">
                <span className="kern-label">{t('lenkungskreis.versions.show', { version: v.number })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {versions.length > 1 ? <Compare draftId={draftId} token={token} versions={versions} /> : null}
    </section>
  );
}

function Words({ words }: { words: WordOp[] }) {
  const { t } = useTranslation();
  return (
    <p className="kern-body wr-lk-pre wr-lk-diff">
      {words.map((w, i) =>
        w.op === 'equal' ? (
          <span key={i}>{w.text}</span>
        ) : w.op === 'insert' ? (
          <ins key={i} className="wr-lk-diff__ins">
            <span className="wr-sr-only">[{t('lenkungskreis.compare.inserted')}: </span>
            {w.text}
            <span className="wr-sr-only">]</span>
          </ins>
        ) : (
          <del key={i} className="wr-lk-diff__del">
            <span className="wr-sr-only">[{t('lenkungskreis.compare.deleted')}: </span>
            {w.text}
            <span className="wr-sr-only">]</span>
          </del>
        ),
      )}
    </p>
  );
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function ChangeView({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  return (
    <li className="wr-lk-change" data-testid="lk-change" data-field={change.field}>
      <p className="kern-body">
        <strong>{t(`lenkungskreis.fields.${change.field}`)}</strong>
      </p>
      {change.kind === 'prose' || (change.kind === 'value' && change.words) ? (
        <Words words={change.words ?? []} />
      ) : change.kind === 'value' ? (
        <p className="kern-body">
          {valueText(change.before)} <span aria-hidden="true">→</span>
          <span className="wr-sr-only"> {t('lenkungskreis.audit.to')} </span> {valueText(change.after)}
        </p>
      ) : (
        <p className="kern-body kern-body--small">
          {t('lenkungskreis.compare.rows', {
            added: change.rows.filter((r) => r.change === 'added').length,
            removed: change.rows.filter((r) => r.change === 'removed').length,
            changed: change.rows.filter((r) => r.change === 'changed').length,
            moved: change.rows.filter((r) => r.change === 'moved').length,
          })}
        </p>
      )}
    </li>
  );
}

function Compare({ draftId, token, versions }: { draftId: string; token: string; versions: DecisionVersionMeta[] }) {
  const { t } = useTranslation();
  const id = useId();
  const numbers = versions.map((v) => v.number).sort((a, b) => a - b);
  const [from, setFrom] = useState(numbers[numbers.length - 2] ?? 1);
  const [to, setTo] = useState(numbers[numbers.length - 1] ?? 1);
  const [result, setResult] = useState<CompareResponse | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await decisionApi.compare(draftId, from, to, token));
    } catch (err) {
      setError(lkErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const select = (label: string, value: number, onChange: (n: number) => void, key: string) => (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select id={`${id}-${key}`} className="kern-form-input__select" value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {numbers.map((n) => (
            <option key={n} value={n}>
              {t('lenkungskreis.versions.version', { version: n })}
            </option>
          ))}
        </select>
      </div>
    </div>
  );

  return (
    <div className="wr-lk-compare" data-testid="lk-compare">
      <h3 className="kern-heading-small">{t('lenkungskreis.compare.title')}</h3>
      <div className="wr-lk-toolbar">
        {select(t('lenkungskreis.compare.from'), from, setFrom, 'from')}
        {select(t('lenkungskreis.compare.to'), to, setTo, 'to')}
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void run()} disabled={busy || from === to}>
          <span className="kern-label">{t('lenkungskreis.compare.run')}</span>
        </button>
      </div>
      <div role="status" aria-live="polite">
        {error ? <p className="kern-body wr-lk-error-text">{error}</p> : null}
        {result ? (
          result.changes.length === 0 ? (
            <p className="kern-body">{t('lenkungskreis.compare.none')}</p>
          ) : (
            <p className="kern-body">{t('lenkungskreis.compare.count', { count: result.changes.length, from: String(result.from), to: String(result.to) })}</p>
          )
        ) : null}
      </div>
      {result && result.changes.length > 0 ? (
        <ul className="wr-lk-changes">
          {result.changes.map((c) => (
            <ChangeView key={c.field} change={c} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
