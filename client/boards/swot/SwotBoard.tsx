/**
 * Board 1 — Ausgangslage (SWOT): four quadrants of co-edited cards, private drafts that only their
 * author sees until published, and a list view twin.
 *
 * The board reads its document through a SwotModel (client/data/boards/swot.ts): one snapshot per
 * card, the structure derived only when something moved. Above a few dozen cards, cards far from
 * the viewport stand in as plain text; the search and filter bar finds any card.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { WriteContext } from '../../../shared/schema/items';
import { readSwot } from '../../../shared/schema/swot';
import { useContentVersion, useDocModel, useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_SWOT_FILTER, isFilterActive, SwotModel, type SwotFilter } from '../../data/boards/swot';
import { useEditingPresence, usePresenceStore, type PresenceStore } from '../../data/docs/presence';
import { useReportConnection } from '../../data/docs/connections';
import { useFocusRequest } from '../common/useFocusRequest';
import type { BoardProps } from '../types';
import { useBoardDoc, useDocSnapshot, type BoardDoc } from '../../data/docs/useBoardDoc';
import { SwotCardView } from './SwotCardView';
import { SwotGrid } from './SwotGrid';
import { SwotList } from './SwotList';
import { SwotToolbar, type MergeState } from './SwotToolbar';
import { useSwotActions, type SwotActions } from './useSwotActions';

const PRIVATE_KEY = 'werkraum.swot.private';

/** From this many cards on, cards far from the viewport are rendered as stand-ins. */
export const WINDOW_THRESHOLD = 60;

function storedPrivate(): boolean {
  try {
    return sessionStorage.getItem(PRIVATE_KEY) === '1';
  } catch {
    return false;
  }
}

/** What every card on the board needs; one object per board render, stable while nothing changes. */
export interface SwotBoardEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  readOnly: boolean;
  privately: boolean;
  actions: SwotActions;
  /** Whether far cards stand in as plain text. */
  windowed: boolean;
  /** The merge checkbox of a card while the moderation merges duplicates. */
  pick: (id: string) => { checked: boolean; onChange: (checked: boolean) => void } | undefined;
  /** Who is editing which card (the board document's presence). */
  presence: PresenceStore | undefined;
}

export default function SwotBoard(props: BoardProps) {
  const { t } = useTranslation();
  const { doc, join, ctx, readOnly, locked, view, provider, user, role } = props;
  // Private drafts stay usable while the moderation locks the board; only publishing waits.
  const writer = !readOnly || locked;
  const model = useDocModel(doc, (d) => new SwotModel(d));
  // Observers write nothing, so they have no private drafts to open.
  const { board: drafts, connection } = useBoardDoc(join, writer ? 'drafts' : undefined, ctx);
  useReportConnection('drafts', writer ? connection : undefined);
  const [privately, setPrivately] = useState(storedPrivate);
  const requestFocus = useFocusRequest();
  const actions = useSwotActions(props, drafts, requestFocus);
  const toggleId = useId();
  const [filter, setFilter] = useState<SwotFilter>(EMPTY_SWOT_FILTER);
  const [merge, setMerge] = useState<MergeState | null>(null);
  const presence = usePresenceStore(provider.awareness, join.participantId);

  // Others see who is on the board and which card they are editing.
  const { onFocusCapture, onBlurCapture } = useEditingPresence(provider.awareness, user, 'data-card-id');

  function togglePrivate(on: boolean) {
    setPrivately(on);
    try {
      sessionStorage.setItem(PRIVATE_KEY, on ? '1' : '0');
    } catch {
      // Not remembering is fine.
    }
    props.announce(on ? t('swot.drafts.modeOn') : t('swot.drafts.modeOff'));
  }

  const env = useBoardEnv({ doc, ctx, readOnly, privately, actions, model, merge, setMerge, presence });
  const structureVersion = useStructureVersion(model ?? EMPTY_MODEL);
  const filterActive = isFilterActive(filter);
  const contentVersion = useContentVersion(model?.cards ?? EMPTY_MODEL.cards, filterActive);
  const structure = useMemo(() => {
    void structureVersion;
    void contentVersion;
    return model?.structure(filter);
  }, [model, filter, structureVersion, contentVersion]);

  if (!model || !structure) return <div className="wr-swot-board" data-testid="swot-board" aria-busy="true" />;

  return (
    <div className="wr-swot-board" data-testid="swot-board" data-card-count={structure.total} onFocusCapture={onFocusCapture} onBlurCapture={onBlurCapture}>
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
      <SwotToolbar
        model={model}
        structure={structure}
        filter={filter}
        onFilter={setFilter}
        canMerge={role === 'moderator' && !readOnly}
        merge={merge}
        onMerge={setMerge}
        actions={actions}
        announce={props.announce}
      />
      {drafts ? <DraftsArea drafts={drafts} model={model} props={props} actions={actions} privately={privately} /> : null}
      {view === 'list' ? <SwotList model={model} structure={structure} env={env} /> : <SwotGrid model={model} structure={structure} env={env} />}
    </div>
  );
}

const EMPTY_MODEL = {
  subscribeStructure: () => () => {},
  structureVersion: 0,
  cards: { subscribeContent: () => () => {}, contentVersion: 0 } as unknown as SwotModel['cards'],
};

function useBoardEnv({
  doc,
  ctx,
  readOnly,
  privately,
  actions,
  model,
  merge,
  setMerge,
  presence,
}: {
  doc: Y.Doc;
  ctx: WriteContext;
  readOnly: boolean;
  privately: boolean;
  actions: SwotActions;
  model: SwotModel | undefined;
  merge: MergeState | null;
  setMerge: (m: MergeState | null | ((m: MergeState | null) => MergeState | null)) => void;
  presence: PresenceStore | undefined;
}): SwotBoardEnv {
  const windowed = (model?.cards.size ?? 0) >= WINDOW_THRESHOLD;
  return useMemo<SwotBoardEnv>(
    () => ({
      doc,
      ctx,
      readOnly,
      privately,
      actions,
      windowed,
      presence,
      pick: (id) =>
        merge
          ? {
              checked: merge.ids.includes(id),
              onChange: (checked) =>
                setMerge((m) => (m ? { ...m, ids: checked ? (m.ids.includes(id) ? m.ids : [...m.ids, id]) : m.ids.filter((x) => x !== id) } : m)),
            }
          : undefined,
    }),
    [doc, ctx, readOnly, privately, actions, windowed, presence, merge, setMerge],
  );
}

function DraftsArea({ drafts, model, props, actions, privately }: { drafts: BoardDoc; model: SwotModel; props: BoardProps; actions: SwotActions; privately: boolean }) {
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
              actions={actions}
              group={own.cards.filter((c) => c.quadrant === card.quadrant).map((c) => c.id)}
              clusterId={null}
              clusterStore={model.clusters}
              onPublish={props.locked ? undefined : () => actions.publish([card.id])}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
