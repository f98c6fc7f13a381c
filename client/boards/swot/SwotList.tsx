/**
 * The list twin of the SWOT board: the same cards as headings and lists, in reading order, with the
 * same actions (edit, details, move, delete) and no drag and drop.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SWOT_QUADRANTS, type SwotBoard, type SwotQuadrant } from '../../../shared/schema/swot';
import type { BoardProps } from '../types';
import { QuadrantHeader } from './QuadrantHeader';
import { SwotCardView } from './SwotCardView';
import { displayGroups, type SwotActions } from './useSwotActions';

export function SwotList({ board, props, actions, privately }: { board: SwotBoard; props: BoardProps; actions: SwotActions; privately: boolean }) {
  return (
    <div className="wr-swot-list" data-testid="swot-list">
      {SWOT_QUADRANTS.map((quadrant) => (
        <ListQuadrant key={quadrant} quadrant={quadrant} board={board} props={props} actions={actions} privately={privately} />
      ))}
    </div>
  );
}

function ListQuadrant({ quadrant, board, props, actions, privately }: { quadrant: SwotQuadrant; board: SwotBoard; props: BoardProps; actions: SwotActions; privately: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const groups = displayGroups(board, quadrant);
  const count = groups.reduce((n, g) => n + g.cards.length, 0);
  return (
    <section className={`wr-swot-list__quadrant wr-swot__quadrant--${quadrant}`} aria-labelledby={headingId} data-testid={`swot-list-${quadrant}`}>
      <QuadrantHeader quadrant={quadrant} headingId={headingId} count={count} actions={actions} privately={privately} readOnly={props.readOnly} />
      {count === 0 ? <p className="wr-muted">{t('swot.emptyQuadrant')}</p> : null}
      {groups.map(({ cluster, cards }) =>
        cards.length === 0 && !cluster ? null : (
          <div key={cluster?.id ?? 'loose'}>
            {cluster ? <h4 className="wr-swot-list__cluster">{t('swot.clusters.heading', { title: cluster.title || t('swot.clusters.untitled') })}</h4> : null}
            {cards.length > 0 ? (
              <ul className="wr-swot-list__cards">
                {cards.map((card) => (
                  <SwotCardView
                    key={card.id}
                    card={card}
                    doc={props.doc}
                    ctx={props.ctx}
                    readOnly={props.readOnly}
                    variant="list"
                    clusters={board.clusters}
                    moveActions={actions.moveActions(card, cards, false)}
                    onDelete={() => actions.deleteCard(card, false)}
                  />
                ))}
              </ul>
            ) : (
              <p className="wr-muted">{t('swot.clusters.empty')}</p>
            )}
          </div>
        ),
      )}
    </section>
  );
}
