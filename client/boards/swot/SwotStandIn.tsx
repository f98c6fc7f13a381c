/**
 * A card far from the viewport: its author and text as plain content, no controls. It keeps the
 * card findable (find in page, screen readers' reading mode) and the list's height stable; it
 * becomes the full card as it nears the viewport, or at once when clicked or focused.
 */
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwotCard } from '../../../shared/schema/swot';
import { standInHeight } from '../common/useNearViewport';
import { CARD_COLOR_STYLE, cardAuthors } from './swotUi';

/** Height of a stand-in for a card never shown in full: a typical card with two lines of text. */
const DEFAULT_HEIGHT = 132;

export const SwotStandIn = memo(function SwotStandIn({ card, itemRef, onWake }: { card: SwotCard; itemRef: (el: Element | null) => void; onWake: () => void }) {
  const { t } = useTranslation();
  const colour = CARD_COLOR_STYLE[card.color];
  return (
    <li
      ref={itemRef}
      className="wr-card wr-card--standin"
      style={{ minHeight: standInHeight(card.id, DEFAULT_HEIGHT), '--wr-card-bg': colour.background, '--wr-card-edge': colour.edge } as CSSProperties}
      data-testid="swot-card-standin"
      data-card-id={card.id}
      data-quadrant={card.quadrant}
      onClick={onWake}
    >
      <span className="wr-card__author">{cardAuthors(card).map((a) => a || t('swot.unknownAuthor')).join(' · ')}</span>
      <p className="wr-card__text">{card.text || <span className="wr-muted">{t('swot.emptyCard')}</span>}</p>
    </li>
  );
});
