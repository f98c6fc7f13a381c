import { useTranslation } from 'react-i18next';
import type { VoteResult } from '../../../shared/schema/priorities';

/**
 * Where a topic's vote result shows once the voting feature publishes one. An opinion picture
 * (Meinungsbild) is never presented as a decision.
 */
export function VoteSlot({ result, opinion = false }: { result: VoteResult | null; opinion?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!result) {
    return (
      <p className="wr-vote wr-vote--none" data-testid="priority-vote" data-state="none">
        {t(opinion ? 'priorities.vote.noneOpinion' : 'priorities.vote.none')}
      </p>
    );
  }
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE');
  const knownTotals = t('priorities.vote.totals', { returnObjects: true }) as Record<string, string>;
  return (
    <div className={`wr-vote${result.meinungsbild ? ' wr-vote--opinion' : ''}`} data-testid="priority-vote" data-state={result.meinungsbild ? 'meinungsbild' : 'result'}>
      <p className="wr-vote__head">
        {result.meinungsbild ? (
          <span className="kern-badge kern-badge--info" data-testid="priority-vote-meinungsbild">
            <span className="kern-label">{t('priorities.vote.meinungsbild')}</span>
          </span>
        ) : (
          <strong>{t('priorities.vote.result')}</strong>
        )}{' '}
        <span>{t(`priorities.vote.methods.${result.method}`)}</span>
        <span aria-hidden="true"> · </span>
        <span>{t('priorities.vote.participants', { count: result.participants })}</span>
      </p>
      {Object.keys(result.totals).length === 0 && result.participants > 0 ? (
        // A secret round below its minimum of voters publishes only how many took part.
        <p className="wr-vote__withheld" data-testid="priority-vote-withheld">
          {t('priorities.vote.withheld')}
        </p>
      ) : (
        <dl className="wr-vote__totals">
          {/* Only totals with a label: a key never shows raw (a slot may come from an older version). */}
          {Object.entries(result.totals)
            .filter(([key]) => knownTotals[key] !== undefined)
            .map(([key, value]) => (
              <div key={key}>
                <dt>{knownTotals[key]}:</dt>
                <dd>{nf.format(value)}</dd>
              </div>
            ))}
        </dl>
      )}
      {!result.meinungsbild && result.outcome ? (
        <p className="wr-vote__outcome" data-testid="priority-vote-outcome">
          {t('priorities.vote.outcomeLabel')}: <strong>{t(`priorities.vote.outcomes.${result.outcome}`)}</strong>
        </p>
      ) : null}
    </div>
  );
}
