/**
 * A published round: what was asked, who took part (online and by hand/paper), the chart with its
 * table, objections, the breakdown by actor group, named ballots (named rounds only) and the
 * outcome the moderation marked.
 */
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useCommand } from '../data/session/useCommand';
import { useTranslation } from 'react-i18next';
import type { SessionKind } from '../../shared/domain';
import type { Ballot, RoundResult, Tally } from '../../shared/votes';
import { keyFigure, TallyChart } from './charts';
import { methodLabel, numberFormat, optionById, optionLabel } from './format';
import { OutcomeForm } from './OutcomeForm';
import { CommandError } from '../components/CommandError';

interface ResultViewProps {
  result: RoundResult;
  kind: SessionKind | undefined;
  /** Moderators mark outcomes. */
  moderator?: boolean;
  /** Bigger type for the projector. */
  large?: boolean;
  headingLevel?: 2 | 3;
}

export function ResultView({ result, kind, moderator = false, large = false, headingLevel = 3 }: ResultViewProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const nf = numberFormat(i18n.language);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const manualVoters = result.manual ? result.manual.voters : 0;
  const iag = kind === 'interfraktionelle_ag';
  const tally = result.tally;
  const closed = new Date(result.closedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit' });
  const canMark = moderator && !result.nonBinding && kind !== 'interfraktionelle_ag';

  return (
    <article className={`wr-result${large ? ' wr-result--large' : ''}`} aria-labelledby={`${id}-h`} data-testid="result-view" data-round-id={result.roundId} data-method={result.method}>
      <header className="wr-result__head">
        <p className="kern-preline">
          {result.nonBinding ? t('votes.meinungsbildLabel') : methodLabel(t, result.method)}
          <span aria-hidden="true"> · </span>
          {t('votes.result.closedAt', { time: closed })}
        </p>
        <Heading id={`${id}-h`} className={large ? 'kern-heading-large wr-result__title' : 'kern-heading-small wr-result__title'}>
          {result.title}
        </Heading>
        {result.nonBinding ? (
          <p className="wr-nonbinding" data-testid="result-nonbinding">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            {t('votes.meinungsbildLabel')}
          </p>
        ) : null}
        <p className="kern-body wr-result__voters" data-testid="result-voters" data-voters={result.voters}>
          {t(iag || result.nonBinding ? 'votes.result.votersOpinion' : 'votes.result.voters', { count: result.voters, n: nf.format(result.voters) })}
          {result.manual ? (
            <>
              {' '}
              <span className="kern-badge kern-badge--info kern-badge--small" data-testid="result-manual">
                <span className="kern-label">{t('votes.result.manualBadge', { n: nf.format(manualVoters) })}</span>
              </span>
              {result.manual.note ? <span className="wr-muted"> ({result.manual.note})</span> : null}
            </>
          ) : null}
          {result.named ? (
            <>
              {' '}
              <span className="kern-badge kern-badge--warning kern-badge--small">
                <span className="kern-label">{t('votes.result.namedBadge')}</span>
              </span>
            </>
          ) : null}
        </p>
      </header>

      {result.voters === 0 ? (
        <p className="kern-body wr-muted">{t('votes.result.empty')}</p>
      ) : !tally ? (
        // A secret round below its minimum of voters: the server published nothing but the count.
        <p className="kern-body wr-result__withheld" data-testid="result-withheld">
          <span className="kern-icon kern-icon--info" aria-hidden="true" /> {t('votes.result.withheld', { count: result.voters, n: nf.format(result.voters), min: result.minVoters })}
        </p>
      ) : (
        <>
          <TallyChart def={result} tally={tally} large={large} />
          {result.manual && !result.manual.tally ? <p className="kern-body kern-body--small wr-muted">{t('votes.result.merged')}</p> : null}
        </>
      )}

      {result.method === 'widerstandsabfrage' && tally && result.voters > 0 ? <ResistanceVerdict result={result} /> : null}

      {tally?.method === 'konsenscheck' ? <Objections result={result} /> : null}

      {result.outcomes.length > 0 ? (
        <div className="wr-result__outcomes" data-testid="result-outcomes">
          <h4 className="kern-heading-small">{t('votes.outcome.heading')}</h4>
          <ul className="wr-result__outcome-list">
            {result.outcomes.map((o) => (
              <li key={o.optionId} data-option-id={o.optionId} data-outcome={o.outcome}>
                <strong>{optionLabel(t, optionById(result, o.optionId))}:</strong>{' '}
                <span className={`kern-badge kern-badge--${o.outcome === 'konsens' ? 'success' : o.outcome === 'dissens' ? 'danger' : 'warning'}`}>
                  <span className="kern-label">{t(`votes.outcome.${o.outcome}`)}</span>
                </span>{' '}
                <span className="wr-muted">{t('votes.outcome.participants', { count: o.participants })}</span>
                {o.objections.length > 0 ? (
                  <ul className="wr-objections">
                    {o.objections.map((ob, i) => (
                      <li key={i}>
                        {t(`votes.consent.${ob.level}`)}: {ob.reason}
                        {ob.displayName ? ` (${ob.displayName})` : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {result.byGroup && result.byGroup.length > 0 ? (
        <details className="wr-result__more">
          <summary className="kern-body">{t('votes.result.byGroup')}</summary>
          <GroupTable result={result} />
        </details>
      ) : null}

      {result.ballots && result.ballots.length > 0 ? (
        <details className="wr-result__more">
          <summary className="kern-body">{t('votes.result.namedBallots')}</summary>
          <ul className="wr-named">
            {result.ballots.map((b) => (
              <li key={b.participantId}>
                <strong>{b.displayName}</strong>: {describeBallot(t, result, b.ballot)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {(result.outcomeLog ?? []).some((e) => e.action !== 'marked') ? <OutcomeLog result={result} /> : null}

      {moderator && tally?.method === 'punktabfrage' && result.options.some((o) => o.source?.board === 'priorities') ? <RankingTransfer result={result} /> : null}

      {canMark ? <OutcomeForm key={result.roundId} result={result} /> : null}
    </article>
  );
}

/** A dot vote's ranking into the priorities board (the server reorders the topics). */
function RankingTransfer({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  const command = useCommand();
  const [done, setDone] = useState(false);
  return (
    <div className="wr-result__transfer">
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        disabled={command.pending}
        onClick={() => void command.run('vote.applyRanking', { roundId: result.roundId }).then((res) => setDone(res.ok))}
        aria-describedby={`${result.roundId}-transfer-hint`}
        data-testid="result-transfer-ranking"
      >
        <span className="kern-label">{t('votes.result.transferRanking')}</span>
      </button>
      <p className="kern-hint" id={`${result.roundId}-transfer-hint`}>
        {t('votes.result.transferRankingHint')}
      </p>
      <div role="status" className="kern-body">
        {done ? t('votes.result.transferRankingDone') : ''}
      </div>
      <CommandError error={command.error} />
    </div>
  );
}

function OutcomeLog({ result }: { result: RoundResult }) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) => new Date(ms).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'short', timeStyle: 'short' });
  const label = (o: string | null) => (o ? t(`votes.outcome.${o as 'konsens'}`) : '–');
  return (
    <details className="wr-result__more" data-testid="outcome-log">
      <summary className="kern-body">{t('votes.outcome.log')}</summary>
      <ul className="wr-objections">
        {(result.outcomeLog ?? []).map((e, i) => {
          const option = optionLabel(t, optionById(result, e.optionId));
          const args = { time: time(e.at), option, outcome: label(e.outcome), previous: label(e.previous), reason: e.reason ?? '' };
          return (
            <li key={i} data-action={e.action}>
              {e.action === 'marked' ? t('votes.outcome.logMarked', args) : e.action === 'corrected' ? t('votes.outcome.logCorrected', args) : t('votes.outcome.logWithdrawn', args)}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

function ResistanceVerdict({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  if (result.tally?.method !== 'widerstandsabfrage') return null;
  const first = result.tally.ranking[0];
  const best = first ? optionById(result, first) : undefined;
  if (!best) return null;
  return (
    <p className="kern-body wr-result__verdict" data-testid="result-verdict">
      {best.statusQuo ? t('votes.result.statusQuoWins') : t('votes.result.leastResistance', { option: optionLabel(t, best) })}
    </p>
  );
}

function Objections({ result }: { result: RoundResult }) {
  const { t } = useTranslation();
  if (result.tally?.method !== 'konsenscheck') return null;
  const withObjections = result.tally.options.filter((o) => o.objections.length > 0);
  if (withObjections.length === 0) return null;
  return (
    <div className="wr-result__objections">
      <h4 className="kern-heading-small">{t('votes.result.objections')}</h4>
      {withObjections.map((o) => (
        <div key={o.optionId}>
          <p className="kern-body kern-body--bold">{optionLabel(t, optionById(result, o.optionId))}</p>
          <ul className="wr-objections">
            {o.objections.map((ob, i) => (
              <li key={i} data-level={ob.level}>
                <span className={`wr-levels__swatch wr-level--${ob.level}`} aria-hidden="true" /> {t(`votes.consent.${ob.level}`)}: {ob.reason}
                {ob.displayName ? ` (${ob.displayName})` : ''}
                {ob.manual ? <span className="wr-muted"> – {t('votes.result.paper')}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function GroupTable({ result }: { result: RoundResult }) {
  const { t, i18n } = useTranslation();
  const nf = numberFormat(i18n.language);
  const groups = result.byGroup ?? [];
  const abbr = (level: string) => t(`votes.abbr.${level as 'zustimmung'}`);
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small" data-testid="result-by-group">
        <caption className="kern-body kern-body--small wr-muted wr-result__caption">{t('votes.result.byGroupHintMin', { min: result.minVoters ?? 3 })}</caption>
        <thead>
          <tr>
            <th scope="col" className="kern-table__header">{t('votes.result.option')}</th>
            {groups.map((g) => (
              <th key={g.group} scope="col" className="kern-table__header">
                {t(`moderation.actorGroups.${g.group}`)} <span className="wr-muted">({nf.format(g.voters)})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.options.map((o) => (
            <tr key={o.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">{optionLabel(t, o)}</th>
              {groups.map((g) => (
                <td key={g.group} className="kern-table__cell">
                  {keyFigure(g.tally as Tally, o.id, (n) => nf.format(n), abbr)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeBallot(t: TFunction, result: RoundResult, ballot: Ballot): string {
  const name = (id: string) => optionLabel(t, optionById(result, id));
  switch (ballot.method) {
    case 'punktabfrage':
      return Object.entries(ballot.dots)
        .filter(([, n]) => n > 0)
        .map(([id, n]) => `${name(id)} ${n}`)
        .join(', ');
    case 'widerstandsabfrage':
      return Object.entries(ballot.resistance)
        .map(([id, r]) => `${name(id)} ${r}`)
        .join(', ');
    case 'konsenscheck':
      return Object.entries(ballot.levels)
        .map(([id, l]) => `${name(id)}: ${t(`votes.consent.${l.level}`)}${l.reason ? ` (${l.reason})` : ''}`)
        .join('; ');
    case 'meinungsbild':
      return Object.entries(ballot.opinions)
        .map(([id, o]) => `${name(id)}: ${t(`votes.opinion.${o}`)}`)
        .join('; ');
  }
}
