import { useTranslation } from 'react-i18next';
import { memo } from 'react';
import { measurability, requiresMeasurability, type GoalNode } from '../../../shared/schema/goals';
import type { GoalsModel, MeasurabilityCount } from '../../data/boards/goals';
import { gapList } from './labels';
import { useMeasurabilityCount } from './useGoals';

/** The counter of the board's model; only it re-renders when the numbers change. */
export function MeasurabilityCounter({ model, compact = false }: { model: GoalsModel; compact?: boolean }) {
  return <MeasurabilitySummary count={useMeasurabilityCount(model)} compact={compact} />;
}

/** The board's counter "X von Y Zielen vollständig messbar", announced politely when it changes. */
export const MeasurabilitySummary = memo(function MeasurabilitySummary({ count, compact = false }: { count: MeasurabilityCount; compact?: boolean }) {
  const { t } = useTranslation();
  const { measurable, total } = count;
  const complete = total > 0 && measurable === total;
  return (
    <div className={`wr-measurability${complete ? ' wr-measurability--complete' : ''}${compact ? ' wr-measurability--compact' : ''}`}>
      <p
        className="wr-measurability__count"
        aria-live="polite"
        aria-atomic="true"
        data-testid="goal-measurable-count"
        data-measurable={measurable}
        data-total={total}
      >
        <span className={`kern-icon kern-icon--${complete ? 'success' : 'info'}`} aria-hidden="true" />
        <span>{total === 0 ? t('goals.measurable.none') : t('goals.measurable.count', { measurable, count: total })}</span>
      </p>
      {total > 0 ? (
        <div className="kern-progress wr-measurability__bar" aria-hidden="true">
          <progress value={measurable} max={total} />
        </div>
      ) : null}
      {compact ? null : <p className="kern-body kern-body--small wr-muted wr-measurability__explain">{t('goals.measurable.explain')}</p>}
    </div>
  );
});

/** Small badges saying what a node lacks to be measurable, or that it is. */
export function GapBadges({ node }: { node: Pick<GoalNode, 'level' | 'owner' | 'indicators'> }) {
  const { t } = useTranslation();
  if (!requiresMeasurability(node.level)) return null;
  const gaps = measurability(node);
  if (gaps.length === 0) {
    return (
      <span className="wr-gaps" data-testid="goal-gaps" data-gaps="">
        <span className="kern-badge kern-badge--success kern-badge--small wr-gap">
          <span className="kern-label kern-label--small">✓ {t('goals.measurable.ok')}</span>
        </span>
      </span>
    );
  }
  return (
    <span className="wr-gaps" data-testid="goal-gaps" data-gaps={gaps.join(' ')}>
      <span className="wr-sr-only">{t('goals.measurable.missing', { gaps: gapList(t, gaps) })}</span>
      {gaps.map((g) => (
        <span key={g} className="kern-badge kern-badge--warning kern-badge--small wr-gap" aria-hidden="true">
          <span className="kern-label kern-label--small">{t(`goals.gaps.${g}`)}</span>
        </span>
      ))}
    </span>
  );
}
