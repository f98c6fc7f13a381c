/**
 * Board 1 — Ausgangslage (SWOT): four quadrants of co-edited cards, private drafts that only their
 * author sees until published, and a list view twin.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { readSwot, type SwotBoard as SwotSnapshot } from '../../../shared/schema/swot';
import { useReportConnection } from '../../data/docs/connections';
import { useFocusRequest } from '../common/useFocusRequest';
import type { BoardProps } from '../types';
import { useBoardDoc, useDocSnapshot, type BoardDoc } from '../../data/docs/useBoardDoc';
import { SwotCardView } from './SwotCardView';
import { SwotGrid } from './SwotGrid';
import { SwotList } from './SwotList';
import { useSwotActions, type SwotActions } from './useSwotActions';

const PRIVATE_KEY = 'werkraum.swot.private';

function storedPrivate(): boolean {
  try {
    return sessionStorage.getItem(PRIVATE_KEY) === '1';
  } catch {
    return false;
  }
}

export default function SwotBoard(props: BoardProps) {
  const { t } = useTranslation();
  const { doc, join, ctx, readOnly, locked, view } = props;
  // Private drafts stay usable while the moderation locks the board; only publishing waits.
  const writer = !readOnly || locked;
  const board = useDocSnapshot(doc, readSwot);
  // Observers write nothing, so they have no private drafts to open.
  const { board: drafts, connection } = useBoardDoc(join, writer ? 'drafts' : undefined, ctx);
  useReportConnection('drafts', writer ? connection : undefined);
  const [privately, setPrivately] = useState(storedPrivate);
  const requestFocus = useFocusRequest();
  const actions = useSwotActions(props, drafts, requestFocus);
  const toggleId = useId();

  function togglePrivate(on: boolean) {
    setPrivately(on);
    try {
      sessionStorage.setItem(PRIVATE_KEY, on ? '1' : '0');
    } catch {
      // Not remembering is fine.
    }
    props.announce(on ? t('swot.drafts.modeOn') : t('swot.drafts.modeOff'));
  }

  return (
    <div className="wr-swot-board" data-testid="swot-board">
      {!readOnly ? (
        <div className="wr-swot-board__bar">
          <div className="kern-form-check wr-switch">
            <input
              id={toggleId}
              className="kern-form-check__checkbox"
              type="checkbox"
              checked={privately}
              onChange={(e) => togglePrivate(e.target.checked)}
              aria-describedby={`${toggleId}-hint`}
              data-testid="swot-private-toggle"
            />
            <label className="kern-label" htmlFor={toggleId}>
              {t('swot.drafts.toggle')}
            </label>
          </div>
          <p id={`${toggleId}-hint`} className="kern-body kern-body--small wr-muted wr-swot-board__bar-hint">
            {t('swot.drafts.toggleHint')}
          </p>
        </div>
      ) : null}
      {drafts ? <DraftsArea drafts={drafts} board={board} props={props} actions={actions} privately={privately} /> : null}
      {view === 'list' ? <SwotList board={board} props={props} actions={actions} privately={privately} /> : <SwotGrid board={board} props={props} actions={actions} privately={privately} />}
    </div>
  );
}

function DraftsArea({ drafts, board, props, actions, privately }: { drafts: BoardDoc; board: SwotSnapshot; props: BoardProps; actions: SwotActions; privately: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const own = useDocSnapshot(drafts.doc, readSwot);
  if (own.cards.length === 0 && !privately) return null;

  // Ctrl+Z here undoes the person's private edits, not the shared board's.
  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    e.preventDefault();
    e.stopPropagation();
    const um: Y.UndoManager = drafts.undoManager;
    if (key === 'y' || e.shiftKey) um.redo();
    else um.undo();
  }

  return (
    <section className="wr-drafts" aria-labelledby={headingId} data-testid="swot-drafts" onKeyDown={onKeyDown}>
      <div className="wr-drafts__head">
        <h3 id={headingId} className="wr-drafts__title">
          {t('swot.drafts.heading')}{' '}
          <span className="kern-badge kern-badge--warning wr-drafts__badge">
            <span className="kern-icon kern-icon--visibility-off" aria-hidden="true" />
            <span className="kern-label">{t('swot.drafts.onlyYou')}</span>
          </span>
        </h3>
        {own.cards.length > 0 ? (
          <button
            type="button"
            className="kern-btn kern-btn--primary kern-btn--x-small"
            onClick={() => actions.publish()}
            disabled={props.locked}
            data-testid="swot-publish-all"
          >
            <span className="kern-icon kern-icon--visibility" aria-hidden="true" />
            <span className="kern-label">{t('swot.drafts.publishAll', { count: own.cards.length })}</span>
          </button>
        ) : null}
      </div>
      <p className="kern-body kern-body--small wr-drafts__text">{props.locked ? t('swot.drafts.locked') : t('swot.drafts.explain')}</p>
      {own.cards.length === 0 ? (
        <p className="kern-body kern-body--small wr-muted">{t('swot.drafts.empty')}</p>
      ) : (
        <ul className="wr-drafts__cards">
          {own.cards.map((card) => (
            <SwotCardView
              key={card.id}
              card={card}
              doc={drafts.doc}
              ctx={props.ctx}
              readOnly={false}
              variant="draft"
              clusters={board.clusters}
              moveActions={actions.moveActions(
                card,
                own.cards.filter((c) => c.quadrant === card.quadrant),
                true,
              )}
              onDelete={() => actions.deleteCard(card, true)}
              onPublish={props.locked ? undefined : () => actions.publish([card.id])}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
