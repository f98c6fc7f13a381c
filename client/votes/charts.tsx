/**
 * Result charts a projector audience reads at a glance: plain HTML/CSS bars (no chart library),
 * each with a table alternative. The bars are decoration for the eye (aria-hidden); the numbers
 * are in the text next to them and in the table, which screen readers reach directly and anyone
 * can show with "Als Tabelle".
 */
import type { TFunction } from 'i18next';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_LEVELS,
  OPINIONS,
  RESISTANCE_MAX,
  type KonsenscheckTally,
  type MeinungsbildTally,
  type PunktabfrageTally,
  type RoundDefinition,
  type Tally,
  type WiderstandTally,
} from '../../shared/votes';
import { numberFormat, optionById, optionLabel } from './format';

/** A chart and its table; the table is always in the accessibility tree, visible on demand. */
export function ChartWithTable({ chart, table, testId }: { chart: ReactNode; table: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <div className="wr-chart" data-testid={testId}>
      <div className="wr-chart__tools">
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-pressed={asTable} aria-controls={`${id}-table`} onClick={() => setAsTable(!asTable)} data-testid="chart-table-toggle">
          <span className="kern-icon kern-icon--checklist" aria-hidden="true" />
          <span className="kern-label">{t('votes.result.asTable')}</span>
        </button>
      </div>
      {asTable ? null : (
        <div className="wr-chart__visual" aria-hidden="true">
          {chart}
        </div>
      )}
      <div id={`${id}-table`} className={asTable ? 'kern-table-responsive wr-chart__table' : 'wr-sr-only'}>
        {table}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Punktabfrage
// ---------------------------------------------------------------------------------------------

export function DotsChart({ def, tally, large = false }: { def: RoundDefinition; tally: PunktabfrageTally; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const nf = numberFormat(i18n.language);
  const max = Math.max(1, ...tally.options.map((o) => o.dots));
  const rows = tally.ranking.map((id) => tally.options.find((o) => o.optionId === id)!).filter(Boolean);
  const chart = (
    <ol className={`wr-bars${large ? ' wr-bars--large' : ''}`}>
      {rows.map((o) => (
        <li key={o.optionId} className="wr-bars__row" data-option-id={o.optionId}>
          <span className="wr-bars__rank">{o.rank}.</span>
          <span className="wr-bars__label">{optionLabel(t, optionById(def, o.optionId))}</span>
          <span className="wr-bars__track">
            <span className="wr-bars__bar wr-bars__bar--dots" style={{ width: `${(o.dots / max) * 100}%` }} />
          </span>
          <span className="wr-bars__value" data-testid="result-dots" data-value={o.dots}>
            {t('votes.result.dots', { count: o.dots, n: nf.format(o.dots) })}
          </span>
        </li>
      ))}
    </ol>
  );
  const table = (
    <table className="kern-table kern-table--small">
      <caption className="wr-sr-only">{t('votes.result.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="kern-table__header">{t('votes.result.rank')}</th>
          <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
          <th scope="col" className="kern-table__header kern-table__header--numeric">{t('votes.result.dotsHeader')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.optionId} className="kern-table__row">
            <td className="kern-table__cell">{o.rank}</td>
            <th scope="row" className="kern-table__header">{optionLabel(t, optionById(def, o.optionId))}</th>
            <td className="kern-table__cell kern-table__cell--numeric">{nf.format(o.dots)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <ChartWithTable chart={chart} table={table} testId="chart-dots" />;
}

// ---------------------------------------------------------------------------------------------
// Widerstandsabfrage
// ---------------------------------------------------------------------------------------------

const RESISTANCE_LEVELS = Array.from({ length: RESISTANCE_MAX + 1 }, (_, i) => i);

export function ResistanceChart({ def, tally, large = false }: { def: RoundDefinition; tally: WiderstandTally; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const nf = numberFormat(i18n.language);
  const maxTotal = Math.max(1, ...tally.options.map((o) => o.total));
  const rows = tally.ranking.map((id) => tally.options.find((o) => o.optionId === id)!).filter(Boolean);
  const chart = (
    <ol className={`wr-resist${large ? ' wr-resist--large' : ''}`}>
      {rows.map((o) => {
        const option = optionById(def, o.optionId);
        const peak = Math.max(1, ...o.distribution);
        return (
          <li key={o.optionId} className={`wr-resist__row${option?.statusQuo ? ' wr-resist__row--sq' : ''}`} data-option-id={o.optionId}>
            <div className="wr-resist__head">
              <span className="wr-bars__rank">{o.rank}.</span>
              <span className="wr-resist__label">{optionLabel(t, option)}</span>
              <span className="wr-resist__numbers" data-testid="result-resistance" data-total={o.total} data-mean={o.mean ?? ''}>
                {t('votes.result.resistanceSummary', { total: nf.format(o.total), mean: o.mean === null ? '–' : nf.format(o.mean) })}
              </span>
            </div>
            <div className="wr-resist__body">
              <span className="wr-bars__track wr-resist__track">
                <span className="wr-bars__bar wr-bars__bar--resist" style={{ width: `${(o.total / maxTotal) * 100}%` }} />
              </span>
              <span className="wr-hist" title={t('votes.result.distribution')}>
                {o.distribution.map((n, r) => (
                  <span key={r} className="wr-hist__col">
                    <span className="wr-hist__n">{n > 0 ? n : ''}</span>
                    <span className="wr-hist__area">
                      <span className={`wr-hist__bar wr-heat--${r}`} style={{ height: `${(n / peak) * 100}%` }} />
                    </span>
                    <span className="wr-hist__r">{r}</span>
                  </span>
                ))}
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
  const table = (
    <>
      <table className="kern-table kern-table--small">
        <caption className="wr-sr-only">{t('votes.result.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="kern-table__header">{t('votes.result.rank')}</th>
            <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t('votes.result.total')}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t('votes.result.mean')}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t('votes.result.votersHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.optionId} className="kern-table__row">
              <td className="kern-table__cell">{o.rank}</td>
              <th scope="row" className="kern-table__header">{optionLabel(t, optionById(def, o.optionId))}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{nf.format(o.total)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{o.mean === null ? '–' : nf.format(o.mean)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{nf.format(o.voters)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="kern-table kern-table--small wr-dist-table">
        <caption className="kern-title">{t('votes.result.distributionCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
            {RESISTANCE_LEVELS.map((r) => (
              <th key={r} scope="col" className="kern-table__header kern-table__header--numeric">
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.optionId} className="kern-table__row">
              <th scope="row" className="kern-table__header">{optionLabel(t, optionById(def, o.optionId))}</th>
              {o.distribution.map((n, r) => (
                <td key={r} className="kern-table__cell kern-table__cell--numeric">
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
  return <ChartWithTable chart={chart} table={table} testId="chart-resistance" />;
}

// ---------------------------------------------------------------------------------------------
// Konsenscheck and Meinungsbild: counts per level as stacked bars
// ---------------------------------------------------------------------------------------------

type LevelTally = KonsenscheckTally | MeinungsbildTally;

function levelsOf(tally: LevelTally): readonly string[] {
  return tally.method === 'konsenscheck' ? CONSENT_LEVELS : OPINIONS;
}

function levelName(t: TFunction, tally: LevelTally, level: string): string {
  return tally.method === 'konsenscheck' ? t(`votes.consent.${level as (typeof CONSENT_LEVELS)[number]}`) : t(`votes.opinion.${level as (typeof OPINIONS)[number]}`);
}

export function LevelsChart({ def, tally, large = false }: { def: RoundDefinition; tally: LevelTally; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const nf = numberFormat(i18n.language);
  const levels = levelsOf(tally);
  const countsOf = (o: LevelTally['options'][number]) => o.counts as Record<string, number>;
  const chart = (
    <div className={`wr-levels${large ? ' wr-levels--large' : ''}`}>
      <ul className="wr-levels__legend">
        {levels.map((l) => (
          <li key={l}>
            <span className={`wr-levels__swatch wr-level--${l}`} />
            {levelName(t, tally, l)}
          </li>
        ))}
      </ul>
      <ul className="wr-levels__rows">
        {tally.options.map((o) => {
          const counts = countsOf(o);
          const sum = levels.reduce((s, l) => s + (counts[l] ?? 0), 0);
          return (
            <li key={o.optionId} className="wr-levels__row" data-option-id={o.optionId}>
              <span className="wr-levels__label">{optionLabel(t, optionById(def, o.optionId))}</span>
              <span className="wr-levels__stack">
                {sum === 0 ? <span className="wr-levels__empty">{t('votes.result.noVotes')}</span> : null}
                {levels.map((l) =>
                  (counts[l] ?? 0) > 0 ? (
                    <span key={l} className={`wr-levels__seg wr-level--${l}`} style={{ flexGrow: counts[l] }} title={`${levelName(t, tally, l)}: ${counts[l]}`}>
                      {nf.format(counts[l] ?? 0)}
                    </span>
                  ) : null,
                )}
              </span>
              <span className="wr-levels__counts" data-testid="result-levels" data-counts={JSON.stringify(counts)}>
                {levels.map((l) => `${levelName(t, tally, l)} ${nf.format(counts[l] ?? 0)}`).join(' · ')}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
  const table = (
    <table className="kern-table kern-table--small">
      <caption className="wr-sr-only">{t('votes.result.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
          {levels.map((l) => (
            <th key={l} scope="col" className="kern-table__header kern-table__header--numeric">
              {levelName(t, tally, l)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tally.options.map((o) => (
          <tr key={o.optionId} className="kern-table__row">
            <th scope="row" className="kern-table__header">{optionLabel(t, optionById(def, o.optionId))}</th>
            {levels.map((l) => (
              <td key={l} className="kern-table__cell kern-table__cell--numeric">
                {nf.format(countsOf(o)[l] ?? 0)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return <ChartWithTable chart={chart} table={table} testId={`chart-${tally.method}`} />;
}

/** The chart that fits the tally's method. */
export function TallyChart({ def, tally, large = false }: { def: RoundDefinition; tally: Tally; large?: boolean }) {
  switch (tally.method) {
    case 'punktabfrage':
      return <DotsChart def={def} tally={tally} large={large} />;
    case 'widerstandsabfrage':
      return <ResistanceChart def={def} tally={tally} large={large} />;
    case 'konsenscheck':
    case 'meinungsbild':
      return <LevelsChart def={def} tally={tally} large={large} />;
  }
}

/** One number (or short text) per option of a tally, for compact tables (e.g. by actor group). */
export function keyFigure(tally: Tally, optionId: string, format: (n: number) => string, abbr: (level: string) => string): string {
  switch (tally.method) {
    case 'punktabfrage':
      return format(tally.options.find((o) => o.optionId === optionId)?.dots ?? 0);
    case 'widerstandsabfrage': {
      const o = tally.options.find((x) => x.optionId === optionId);
      return o ? `${format(o.total)} / Ø ${o.mean === null ? '–' : format(o.mean)}` : '–';
    }
    case 'konsenscheck':
    case 'meinungsbild': {
      const o = tally.options.find((x) => x.optionId === optionId);
      if (!o) return '–';
      const counts = o.counts as Record<string, number>;
      return levelsOf(tally)
        .map((l) => `${abbr(l)} ${format(counts[l] ?? 0)}`)
        .join(' · ');
    }
  }
}
