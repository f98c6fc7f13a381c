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
export const STAND_IN_HEIGHT = 132;

export const SwotStandIn = memo(function SwotStandIn({ card, itemRef, onWake }: { card: SwotCard; itemRef: (el: Element | null) => void; onWake: () => void }) {
  // No translation hook here: a board of a thousand cards renders hundreds of stand-ins at once,
  // and only a card without text or author needs a string (Missing below).
  const authors = cardAuthors(card);
  const colour = CARD_COLOR_STYLE[card.color];
  return (
    <li
      ref={itemRef}
      className="wr-card wr-card--standin"
      style={{ minHeight: standInHeight(card.id, STAND_IN_HEIGHT), '--wr-card-bg': colour.background, '--wr-card-edge': colour.edge } as CSSProperties}
      data-testid="swot-card-standin"
      data-card-id={card.id}
      data-quadrant={card.quadrant}
      onClick={onWake}
    >
      <span className="wr-card__author">{authors.every(Boolean) ? authors.join(' · ') : <Missing what="authors" authors={authors} />}</span>
      <p className="wr-card__text">{card.text || <Missing what="text" />}</p>
    </li>
  );
});

/** What a stand-in shows for a missing text or author. */
function Missing({ what, authors = [] }: { what: 'text' | 'authors'; authors?: readonly string[] }) {
  const { t } = useTranslation();
  if (what === 'text') return <span className="wr-muted">{t('swot.emptyCard')}</span>;
  return <>{authors.map((a) => a || t('swot.unknownAuthor')).join(' · ')}</>;
}
