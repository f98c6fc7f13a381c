/**
 * Two states of a draft side by side (any two versions, or a version and the live draft on the
 * session side) with the differences marked: words inserted (<ins>) and deleted (<del>), table
 * rows added, removed, changed by cell, or moved. Reused by the Lenkungskreis (`token`,
 * `allowCurrent={false}`).
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DecisionVersionMeta, FinanzAuswirkung, Oeffentlichkeit, Verbindlichkeitsstufe } from '../../shared/decision';
import type { MunicipalRole } from '../../shared/schema/priorities';
import type { VersionRef } from '../../shared/decisionApi';
import type { FieldChange, RowChange, WordOp } from '../../shared/decisionDiff';
import { Alert } from '../components/Alert';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { diffSides, rowSummary, valueText } from './format';
import { errorMessage } from '../data/errors';

interface VersionCompareProps {
  draftId: string;
  token?: string;
  versions: readonly DecisionVersionMeta[];
  /** Offer the live draft ("aktueller Stand"): session side only. */
  allowCurrent: boolean;
  /** Bumped by the caller when the live draft or the versions changed. */
  refreshKey?: string | number;
}

function Words({ ops, side }: { ops: readonly WordOp[]; side: 'before' | 'after' }) {
  const { t } = useTranslation();
  if (ops.every((o) => o.text.trim() === '')) return <span className="wr-muted">{t('decisions.compare.empty')}</span>;
  return (
    <>
      {ops.map((o, i) =>
        o.op === 'equal' ? (
          <span key={i}>{o.text}</span>
        ) : o.op === 'insert' && side === 'after' ? (
          <ins key={i} className="wr-dec-ins" data-testid="compare-ins">
            {o.text}
          </ins>
        ) : o.op === 'delete' && side === 'before' ? (
          <del key={i} className="wr-dec-del" data-testid="compare-del">
            {o.text}
          </del>
        ) : null,
      )}
    </>
  );
}

function Plain({ text }: { text: string }) {
  const { t } = useTranslation();
  return text === '' ? <span className="wr-muted">{t('decisions.compare.empty')}</span> : <span>{text}</span>;
}

function SideBySide({ before, after }: { before: ReactNode; after: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="wr-dec-compare__sides">
      <div className="wr-dec-compare__side wr-dec-compare__side--before">
        <p className="kern-label kern-label--small wr-muted">{t('decisions.compare.before')}</p>
        <div className="wr-dec-compare__text">{before}</div>
      </div>
      <div className="wr-dec-compare__side wr-dec-compare__side--after">
        <p className="kern-label kern-label--small wr-muted">{t('decisions.compare.after')}</p>
        <div className="wr-dec-compare__text">{after}</div>
      </div>
    </div>
  );
}

function RowChangeView({ change }: { change: RowChange }) {
  const { t } = useTranslation();
  switch (change.change) {
    case 'added':
      return (
        <li className="wr-dec-compare__row wr-dec-compare__row--added" data-testid="compare-row" data-change="added">
          <span className="kern-badge kern-badge--small kern-badge--success"><span className="kern-label kern-label--small">{t('decisions.compare.added')}</span></span>{' '}
          <ins className="wr-dec-ins">{rowSummary(change.after)}</ins>
        </li>
      );
    case 'removed':
      return (
        <li className="wr-dec-compare__row wr-dec-compare__row--removed" data-testid="compare-row" data-change="removed">
          <span className="kern-badge kern-badge--small kern-badge--danger"><span className="kern-label kern-label--small">{t('decisions.compare.removed')}</span></span>{' '}
          <del className="wr-dec-del">{rowSummary(change.before)}</del>
        </li>
      );
    case 'moved':
      return (
        <li className="wr-dec-compare__row" data-testid="compare-row" data-change="moved">
          <span className="kern-badge kern-badge--small kern-badge--info"><span className="kern-label kern-label--small">{t('decisions.compare.moved', { from: change.fromIndex + 1, to: change.toIndex + 1 })}</span></span>
        </li>
      );
    case 'changed':
      return (
        <li className="wr-dec-compare__row" data-testid="compare-row" data-change="changed">
          <span className="kern-badge kern-badge--small kern-badge--warning"><span className="kern-label kern-label--small">{t('decisions.compare.changed')}</span></span>
          <dl className="wr-dec-compare__cells">
            {change.cells.map((c) => {
              const sides = c.words ? diffSides(c.words) : null;
              return (
                <div key={c.key} className="wr-dec-compare__cell">
                  <dt className="kern-label kern-label--small">{t(`decisions.rows.cols.${c.key}` as 'decisions.rows.cols.title', { defaultValue: c.key })}</dt>
                  <dd>
                    <SideBySide
                      before={sides ? <Words ops={sides.before} side="before" /> : <del className="wr-dec-del">{valueText(c.before)}</del>}
                      after={sides ? <Words ops={sides.after} side="after" /> : <ins className="wr-dec-ins">{valueText(c.after)}</ins>}
                    />
                  </dd>
                </div>
              );
            })}
          </dl>
        </li>
      );
  }
}

/** Fields holding one choice: their values are keys, shown with the editor's labels. */
function choiceText(t: TFunction, field: string, v: string): string | undefined {
  switch (field) {
    case 'municipalRole':
      return t(`decisions.roles.${v as MunicipalRole}`);
    case 'verbindlichkeitsstufe':
      return t(`decisions.stufen.${v as Verbindlichkeitsstufe}`);
    case 'oeffentlichkeit':
      return t(`decisions.oeffentlichkeit.${v as Oeffentlichkeit}`);
    case 'finanzielleAuswirkungen':
      return t(`decisions.finanzen.${v as FinanzAuswirkung}`);
    default:
      return undefined;
  }
}

function FieldChangeView({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  const shown = (v: unknown) => (typeof v === 'string' && v !== '' ? (choiceText(t, change.field, v) ?? v) : valueText(v));
  let body: ReactNode;
  if (change.kind === 'rows') {
    body = (
      <ul className="wr-dec-compare__rows">
        {change.rows.map((r) => (
          <RowChangeView key={`${r.id}:${r.change}`} change={r} />
        ))}
      </ul>
    );
  } else if (change.words) {
    const sides = diffSides(change.words);
    body = <SideBySide before={<Words ops={sides.before} side="before" />} after={<Words ops={sides.after} side="after" />} />;
  } else {
    body = <SideBySide before={<Plain text={shown(change.before)} />} after={<Plain text={shown(change.after)} />} />;
  }
  return (
    <section className="wr-dec-compare__field" data-testid="compare-field" data-field={change.field}>
      <h4 className="kern-heading-small">{t(`decisions.fields.${change.field}`)}</h4>
      {body}
    </section>
  );
}

export function VersionCompare({ draftId, token, versions, allowCurrent, refreshKey }: VersionCompareProps) {
  const { t } = useTranslation();
  const id = useId();
  const refs: string[] = [...[...versions].sort((a, b) => a.number - b.number).map((v) => String(v.number)), ...(allowCurrent ? ['current'] : [])];
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const fromRef = from !== undefined && refs.includes(from) ? from : refs[refs.length - 2];
  const toRef = to !== undefined && refs.includes(to) ? to : refs[refs.length - 1];
  const asRef = (r: string): VersionRef => (r === 'current' ? 'current' : Number(r));
  // A new pair or a bumped refreshKey shows "loading" until its own comparison has arrived.
  const compared = useFetch(fromRef !== undefined && toRef !== undefined ? ['compare', draftId, token, fromRef, toRef, refreshKey ?? ''] : null, (signal) =>
    decisionApi.compare(draftId, asRef(fromRef!), asRef(toRef!), token, signal),
  );
  const result = compared.data;

  const label = (r: string) => (r === 'current' ? t('decisions.compare.current') : t('decisions.compare.versionN', { n: r }));

  return (
    <section className="wr-dec-compare" aria-labelledby={`${id}-h`} data-testid="version-compare">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('decisions.compare.heading')}
      </h3>
      {refs.length < 2 ? (
        <p className="kern-body kern-body--small wr-muted">{t('decisions.compare.needTwo')}</p>
      ) : (
        <>
          <div className="wr-dec-export__row">
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-from`}>
                {t('decisions.compare.from')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select id={`${id}-from`} className="kern-form-input__select" value={fromRef} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
                  {refs.map((r) => (
                    <option key={r} value={r}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-to`}>
                {t('decisions.compare.to')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select id={`${id}-to`} className="kern-form-input__select" value={toRef} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
                  {refs.map((r) => (
                    <option key={r} value={r}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
          <div aria-live="polite" data-testid="compare-result" data-loaded={compared.loading ? 'false' : 'true'}>
            {compared.loading ? (
              <p className="kern-body kern-body--small" role="status">
                {t('decisions.compare.loading')}
              </p>
            ) : !result ? (
              <Alert variant="danger" title={t('errors.title')}>
                <p className="kern-body">{errorMessage(t, compared.error)}</p>
              </Alert>
            ) : result.changes.length === 0 ? (
              <p className="kern-body">{t('decisions.compare.same')}</p>
            ) : (
              <>
                <p className="kern-body kern-body--small">{t('decisions.compare.changes', { count: result.changes.length })}</p>
                {result.changes.map((c) => (
                  <FieldChangeView key={c.field} change={c} />
                ))}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}
