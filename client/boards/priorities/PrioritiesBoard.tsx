/**
 * Board 2 — Prioritäten: candidate focus topics in a shared ranking. Topics are created directly or
 * taken over from a SWOT card or a goal (keeping the link), ranked by drag and drop or the
 * up/down buttons, and carry the municipality's role, the responsible actors and a vote result.
 *
 * The board reads its document through a PrioritiesModel (client/data/boards/priorities.ts): one
 * snapshot per topic, the ranking derived only when something moved. Above a few dozen topics,
 * topics far from the viewport stand in as plain text; the search and filter bar finds any topic.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateBoards } from '../../../shared/domain';
import type { Placement } from '../../../shared/schema/order';
import { addPriorityTopic, deletePriorityTopic, movePriorityTopic, type PriorityTopicItem, type SourceLink } from '../../../shared/schema/priorities';
import { useContentVersion, useDocModel, useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_PRIORITY_FILTER, isPriorityFilterActive, PrioritiesModel, type PriorityFilter } from '../../data/boards/priorities';
import { useEditingPresence, usePresenceStore } from '../../data/docs/presence';
import type { BoardProps } from '../types';
import { PrioritiesToolbar } from './PrioritiesToolbar';
import { SourceLabels, useGoalsSource, useSwotSource } from './sources';
import { SourcePicker } from './SourcePicker';
import { FocusWishes, SortableTopics, TopicList, type PrioritiesEnv } from './TopicRows';

type PickerKind = 'swot' | 'goals';

/** From this many topics on, topics far from the viewport are rendered as stand-ins. */
export const WINDOW_THRESHOLD = 60;

export default function PrioritiesBoard(props: BoardProps) {
  const { t } = useTranslation();
  const { doc, ctx, readOnly, view, session, join, announce, provider, user, deleteWithUndo, mayDelete, confirmDelete } = props;
  const model = useDocModel(doc, (d) => new PrioritiesModel(d));
  const [picker, setPicker] = useState<PickerKind | null>(null);
  const [filter, setFilter] = useState<PriorityFilter>(EMPTY_PRIORITY_FILTER);
  const pickerButton = useRef<HTMLButtonElement | null>(null);
  const presence = usePresenceStore(provider.awareness, join.participantId);
  const [wishes] = useState(() => new FocusWishes());
  const [labels] = useState(() => new SourceLabels());
  const boards = session ? templateBoards(session.template) : undefined;
  const offerSwot = !boards || boards.includes('swot');
  const offerGoals = !boards || boards.includes('goals');

  const structureVersion = useStructureVersion(model ?? EMPTY_MODEL);
  const filterActive = isPriorityFilterActive(filter);
  const contentVersion = useContentVersion(model?.topics ?? EMPTY_MODEL.topics, filterActive);
  const structure = useMemo(() => {
    void structureVersion;
    void contentVersion;
    return model?.structure(filter);
  }, [model, filter, structureVersion, contentVersion]);

  const swot = useSwotSource(join, picker === 'swot' || (model?.usesSource('swot') ?? false));
  const goals = useGoalsSource(join, picker === 'goals' || (model?.usesSource('goals') ?? false));
  useEffect(() => labels.set(swot, goals), [labels, swot, goals]);

  // Others see who is on the board and which topic they are editing.
  const { onFocusCapture, onBlurCapture } = useEditingPresence(provider.awareness, user, 'data-topic-id');

  const move = useCallback(
    (id: string, placement: Placement) => {
      if (!model) return;
      movePriorityTopic(doc, ctx, id, placement);
      const ranking = model.ranking();
      const topic = model.topics.get(id);
      announce(t('priorities.announce.moved', { title: topic?.title || t('priorities.untitled'), rank: ranking.rankOf(id), count: ranking.ids.length }));
    },
    [model, doc, ctx, announce, t],
  );

  const moveBy = useCallback(
    (id: string, delta: -1 | 1, focusKey: string) => {
      if (!model) return;
      const ids = model.ranking().ids;
      const neighbour = ids[ids.indexOf(id) + delta];
      if (!neighbour) return;
      move(id, delta < 0 ? { before: neighbour } : { after: neighbour });
      wishes.request(id, `${focusKey}-${id}`);
    },
    [model, move, wishes],
  );

  const remove = useCallback(
    (id: string) => {
      const run = () => deleteWithUndo(t('priorities.deleted'), () => deletePriorityTopic(doc, ctx, id));
      const topic = model?.topics.get(id);
      if (!topic || !confirmDelete) run();
      else confirmDelete(topic.createdBy, topic.title || t('priorities.untitled'), run);
    },
    [deleteWithUndo, confirmDelete, model, doc, ctx, t],
  );
  const mayRemove = useCallback((topic: PriorityTopicItem) => mayDelete?.(topic.createdBy) ?? true, [mayDelete]);

  const windowed = (model?.topics.size ?? 0) >= WINDOW_THRESHOLD;
  // An interfraktionelle AG takes opinion pictures, never votes: its topics say so.
  const opinion = session?.kind === 'interfraktionelle_ag';
  const env = useMemo<PrioritiesEnv | undefined>(
    () => (model ? { doc, ctx, readOnly, announce, model, presence, windowed, move, moveBy, remove, mayRemove, wishes, labels, opinion } : undefined),
    [doc, ctx, readOnly, announce, model, presence, windowed, move, moveBy, remove, mayRemove, wishes, labels, opinion],
  );

  if (!model || !structure || !env) return <div className="wr-priorities" data-testid="priorities-board" aria-busy="true" />;

  function add(title = '', source: SourceLink | null = null) {
    const id = addPriorityTopic(doc, ctx, { title, source });
    announce(t('priorities.announce.added', { rank: model?.ranking().rankOf(id) ?? 0 }));
    // A topic added while a filter is on might not be shown: show everything again.
    if (filterActive) setFilter(EMPTY_PRIORITY_FILTER);
    wishes.request(id, `title-${id}`);
  }

  function openPicker(kind: PickerKind, button: HTMLButtonElement) {
    pickerButton.current = button;
    setPicker((p) => (p === kind ? null : kind));
  }

  return (
    <div className="wr-priorities" data-testid="priorities-board" data-topic-count={structure.total} onFocusCapture={onFocusCapture} onBlurCapture={onBlurCapture}>
      {!readOnly ? (
        <div className="wr-priorities__bar">
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => add()} data-testid="priority-add">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('priorities.add')}</span>
          </button>
          {offerSwot ? (
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              aria-expanded={picker === 'swot'}
              onClick={(e) => openPicker('swot', e.currentTarget)}
              data-testid="priority-from-swot"
            >
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">{t('priorities.fromSwot')}</span>
            </button>
          ) : null}
          {offerGoals ? (
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              aria-expanded={picker === 'goals'}
              onClick={(e) => openPicker('goals', e.currentTarget)}
              data-testid="priority-from-goals"
            >
              <span className="kern-icon kern-icon--download" aria-hidden="true" />
              <span className="kern-label">{t('priorities.fromGoals')}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {picker && !readOnly ? (
        <SourcePicker
          kind={picker}
          swot={swot}
          goals={goals}
          taken={model.takenSources()}
          onPick={(title, source) => {
            add(title, source);
            setPicker(null);
          }}
          onClose={() => {
            setPicker(null);
            pickerButton.current?.focus();
          }}
        />
      ) : null}

      {structure.total > 0 ? <PrioritiesToolbar model={model} structure={structure} filter={filter} onFilter={setFilter} announce={announce} /> : null}
      {structure.total === 0 ? <p className="kern-body wr-muted">{readOnly ? t('priorities.emptyReadOnly') : t('priorities.empty')}</p> : null}
      {view === 'list' ? <TopicList structure={structure} env={env} /> : <SortableTopics structure={structure} env={env} />}
    </div>
  );
}

const EMPTY_MODEL = {
  subscribeStructure: () => () => {},
  structureVersion: 0,
  topics: { subscribeContent: () => () => {}, contentVersion: 0 } as unknown as PrioritiesModel['topics'],
};
