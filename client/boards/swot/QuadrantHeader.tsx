import { useTranslation } from 'react-i18next';
import { quadrantScope, type SwotQuadrant } from '../../../shared/schema/swot';
import type { SwotActions } from './useSwotActions';

/** Quadrant heading (name, internal/external, guiding question, count) with its add buttons. */
export function QuadrantHeader({
  quadrant,
  headingId,
  count,
  actions,
  privately,
  readOnly,
  level = 3,
}: {
  quadrant: SwotQuadrant;
  headingId: string;
  count: number;
  actions: SwotActions;
  privately: boolean;
  readOnly: boolean;
  level?: 3 | 4;
}) {
  const { t } = useTranslation();
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div className="wr-swot__head">
      <div className="wr-swot__titles">
        <Heading id={headingId} className="wr-swot__title">
          {t(`swot.quadrants.${quadrant}.name`)}{' '}
          <span className="wr-swot__scope">({t(`swot.scopes.${quadrantScope(quadrant)}`)})</span>{' '}
          <span className="wr-count">{t('swot.cardCount', { count })}</span>
        </Heading>
        <p className="wr-swot__question">{t(`swot.quadrants.${quadrant}.question`)}</p>
      </div>
      {!readOnly ? (
        <div className="wr-swot__add">
          <button
            type="button"
            className={`kern-btn kern-btn--${privately ? 'secondary' : 'primary'} kern-btn--x-small`}
            onClick={() => actions.addCard(quadrant, privately)}
            data-testid={`swot-add-${quadrant}`}
          >
            <span className={`kern-icon kern-icon--${privately ? 'visibility-off' : 'add'}`} aria-hidden="true" />
            <span className="kern-label">
              {privately ? t('swot.addPrivate') : t('swot.add')}
              <span className="wr-sr-only"> {t('swot.toQuadrant', { quadrant: t(`swot.quadrants.${quadrant}.name`) })}</span>
            </span>
          </button>
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => actions.addCluster(quadrant)} data-testid={`swot-add-cluster-${quadrant}`}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">
              {t('swot.clusters.add')}
              <span className="wr-sr-only"> {t('swot.toQuadrant', { quadrant: t(`swot.quadrants.${quadrant}.name`) })}</span>
            </span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
