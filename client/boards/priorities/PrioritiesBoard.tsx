/**
 * Board 2 — Prioritäten: candidate focus topics in a shared ranking. Topics are created directly or
 * taken over from a SWOT card or a goal (keeping the link), ranked by drag and drop or the
 * up/down buttons, and carry the municipality's role, the responsible actors and a vote result.
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId, useRef, useState, type CSSProperties, type HTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { templateBoards } from '../../../shared/domain';
import {
  addPriorityTopic,
  deletePriorityTopic,
  movePriorityTopic,
  readPriorities,
  type PriorityTopic,
  type SourceLink,
} from '../../../shared/schema/priorities';
import type { Placement } from '../../../shared/schema/order';
import { useFocusRequest } from '../common/useFocusRequest';
import type { BoardProps } from '../types';
import { useDocSnapshot } from '../../data/docs/useBoardDoc';
import { sourceLabel, useGoalsSource, useSwotSource, type ReadOnlySource } from './sources';
import { SourcePicker } from './SourcePicker';
import { TopicActors, TopicDescription, TopicRole, TopicTitle } from './TopicFields';
import { VoteSlot } from './VoteSlot';
import type { GoalTree } from '../../../shared/schema/goals';
import type { SwotBoard } from '../../../shared/schema/swot';

type PickerKind = 'swot' | 'goals';

export default function PrioritiesBoard(props: BoardProps) {
  const { t } = useTranslation();
  const { doc, ctx, readOnly, view, session, join, announce } = props;
  const topics = useDocSnapshot(doc, readPriorities);
  const [picker, setPicker] = useState<PickerKind | null>(null);
  const pickerButton = useRef<HTMLButtonElement | null>(null);
  const requestFocus = useFocusRequest();
  const boards = session ? templateBoards(session.template) : undefined;
  const offerSwot = !boards || boards.includes('swot');
  const offerGoals = !boards || boards.includes('goals');
  const swot = useSwotSource(join, picker === 'swot' || topics.some((x) => x.source?.board === 'swot'));
  const goals = useGoalsSource(join, picker === 'goals' || topics.some((x) => x.source?.board === 'goals'));

  function add(title = '', source: SourceLink | null = null) {
    const id = addPriorityTopic(doc, ctx, { title, source });
    announce(t('priorities.announce.added', { rank: topics.length + 1 }));
    requestFocus(`title-${id}`);
  }

  function move(topic: PriorityTopic, placement: Placement, newRank: number) {
    movePriorityTopic(doc, ctx, topic.id, placement);
    announce(t('priorities.announce.moved', { title: topic.title || t('priorities.untitled'), rank: newRank, count: topics.length }));
  }

  function moveBy(topic: PriorityTopic, delta: -1 | 1, focusKey: string) {
    const i = topics.findIndex((x) => x.id === topic.id);
    const neighbour = topics[i + delta];
    if (!neighbour) return;
    move(topic, delta < 0 ? { before: neighbour.id } : { after: neighbour.id }, i + 1 + delta);
    requestFocus(`${focusKey}-${topic.id}`);
  }

  function remove(topic: PriorityTopic) {
    props.deleteWithUndo(t('priorities.deleted'), () => deletePriorityTopic(doc, ctx, topic.id));
  }

  function openPicker(kind: PickerKind, button: HTMLButtonElement) {
    pickerButton.current = button;
    setPicker((p) => (p === kind ? null : kind));
  }

  const taken = new Set(topics.flatMap((x) => (x.source ? [`${x.source.board}:${x.source.itemId}`] : [])));
  const rowProps = { props, topics, swot, goals, moveBy, remove };

  return (
    <div className="wr-priorities" data-testid="priorities-board">
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
          taken={taken}
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

      {topics.length === 0 ? <p className="kern-body wr-muted">{readOnly ? t('priorities.emptyReadOnly') : t('priorities.empty')}</p> : null}
      {view === 'list' ? <TopicList {...rowProps} /> : <SortableTopics {...rowProps} move={move} />}
    </div>
  );
}

interface RowProps {
  props: BoardProps;
  topics: readonly PriorityTopic[];
  swot: ReadOnlySource<SwotBoard>;
  goals: ReadOnlySource<GoalTree>;
  moveBy: (topic: PriorityTopic, delta: -1 | 1, focusKey: string) => void;
  remove: (topic: PriorityTopic) => void;
}

function SortableTopics({ move, ...row }: RowProps & { move: (topic: PriorityTopic, placement: Placement, newRank: number) => void }) {
  const { t } = useTranslation();
  const { topics } = row;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const label = (id: UniqueIdentifier) => {
    const topic = topics.find((x) => x.id === id);
    return topic ? topic.title || t('priorities.untitled') : '';
  };
  const rankOf = (id: UniqueIdentifier) => topics.findIndex((x) => x.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('priorities.dnd.start', { title: label(active.id), rank: rankOf(active.id) }),
    onDragOver: ({ over }) => (over ? t('priorities.dnd.over', { rank: rankOf(over.id), count: topics.length }) : t('priorities.dnd.noTarget')),
    onDragEnd: ({ active, over }) => (over ? t('priorities.dnd.end', { title: label(active.id), rank: rankOf(over.id) }) : t('priorities.dnd.cancel')),
    onDragCancel: () => t('priorities.dnd.cancel'),
  };

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over || over.id === active.id) return;
    const from = topics.findIndex((x) => x.id === active.id);
    const to = topics.findIndex((x) => x.id === over.id);
    const topic = topics[from];
    if (!topic || to < 0) return;
    move(topic, from < to ? { after: String(over.id) } : { before: String(over.id) }, to + 1);
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('priorities.dnd.instructions') } }}
    >
      <SortableContext items={topics.map((x) => x.id)} strategy={verticalListSortingStrategy}>
        <ol className="wr-topics" data-testid="priority-list">
          {topics.map((topic) => (
            <SortableTopic key={topic.id} topic={topic} {...row} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableTopic({ topic, ...row }: RowProps & { topic: PriorityTopic }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: topic.id,
    disabled: row.props.readOnly,
    attributes: { roleDescription: t('priorities.dnd.roleDescription') },
  });
  return (
    <TopicCard
      topic={topic}
      {...row}
      itemRef={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      dragging={isDragging}
      handle={row.props.readOnly ? undefined : { ref: setActivatorNodeRef, props: { ...attributes, ...listeners } }}
    />
  );
}

function TopicCard({
  topic,
  props,
  topics,
  swot,
  goals,
  moveBy,
  remove,
  itemRef,
  style,
  dragging,
  handle,
}: RowProps & {
  topic: PriorityTopic;
  itemRef: Ref<HTMLLIElement>;
  style: CSSProperties;
  dragging: boolean;
  handle?: { ref: Ref<HTMLButtonElement>; props: HTMLAttributes<HTMLButtonElement> };
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { readOnly } = props;
  const name = topic.title || t('priorities.untitled');
  return (
    <li
      ref={itemRef}
      style={style}
      className={`wr-topic${dragging ? ' wr-topic--dragging' : ''}`}
      data-testid="priority-item"
      data-topic-id={topic.id}
      data-rank={topic.rank}
      aria-labelledby={readOnly ? titleId : undefined}
    >
      <div className="wr-topic__head">
        <span className="wr-topic__rank" aria-hidden="true">
          {topic.rank}
        </span>
        {handle ? (
          <button ref={handle.ref} type="button" className="wr-card__handle" aria-label={t('priorities.dragHandle', { title: name, rank: topic.rank })} data-testid="priority-handle" {...handle.props}>
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <div className="wr-topic__title">
          {readOnly ? (
            <h3 id={titleId} className="wr-topic__title-text">
              <span className="wr-sr-only">{t('priorities.rank', { rank: topic.rank })} </span>
              {name}
            </h3>
          ) : (
            <TopicTitle topic={topic} props={props} id={titleId} />
          )}
        </div>
        {!readOnly ? <MoveButtons topic={topic} count={topics.length} moveBy={moveBy} remove={remove} /> : null}
      </div>
      <TopicBody topic={topic} props={props} swot={swot} goals={goals} />
    </li>
  );
}

function MoveButtons({ topic, count, moveBy, remove }: { topic: PriorityTopic; count: number; moveBy: RowProps['moveBy']; remove: RowProps['remove'] }) {
  const { t } = useTranslation();
  const name = topic.title || t('priorities.untitled');
  return (
    <div className="wr-topic__buttons">
      <button
        type="button"
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        aria-disabled={topic.rank === 1}
        onClick={() => topic.rank > 1 && moveBy(topic, -1, 'up')}
        aria-label={t('priorities.moveUpNamed', { title: name })}
        title={t('priorities.moveUp')}
        data-testid="priority-up"
        data-focus-key={`up-${topic.id}`}
      >
        <span className="kern-icon kern-icon--arrow-up" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        aria-disabled={topic.rank === count}
        onClick={() => topic.rank < count && moveBy(topic, 1, 'down')}
        aria-label={t('priorities.moveDownNamed', { title: name })}
        title={t('priorities.moveDown')}
        data-testid="priority-down"
        data-focus-key={`down-${topic.id}`}
      >
        <span className="kern-icon kern-icon--arrow-down" aria-hidden="true" />
      </button>
      <button
        type="button"
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        onClick={() => remove(topic)}
        aria-label={t('priorities.deleteNamed', { title: name })}
        title={t('priorities.delete')}
        data-testid="priority-delete"
      >
        <span className="kern-icon kern-icon--delete" aria-hidden="true" />
      </button>
    </div>
  );
}

function TopicBody({ topic, props, swot, goals }: { topic: PriorityTopic; props: BoardProps; swot: RowProps['swot']; goals: RowProps['goals'] }) {
  const { t } = useTranslation();
  const source = topic.source ? sourceLabel(t, topic.source, swot, goals) : null;
  return (
    <div className="wr-topic__body">
      {source ? (
        <p className={`wr-topic__source${source.missing ? ' wr-topic__source--missing' : ''}`} data-testid="priority-source">
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" /> {source.text}
        </p>
      ) : null}
      <div className="wr-topic__cols">
        <div className="wr-topic__col">
          {props.readOnly ? (
            topic.description ? (
              <p className="wr-topic__description-text">{topic.description}</p>
            ) : null
          ) : (
            <TopicDescription topic={topic} props={props} />
          )}
          <TopicActors topic={topic} props={props} editable={!props.readOnly} />
        </div>
        <div className="wr-topic__col">
          {props.readOnly ? (
            <p className="wr-topic__role-text">
              <span className="wr-topic__label">{t('priorities.role.legend')}:</span> {t(`priorities.role.${topic.role ?? 'open'}`)}
            </p>
          ) : (
            <TopicRole topic={topic} props={props} />
          )}
          <VoteSlot result={topic.voteResult} />
        </div>
      </div>
    </div>
  );
}

/** The list twin: ranked headings with the topic's facts as text, and the same actions. */
function TopicList(row: RowProps) {
  const { topics, props } = row;
  return (
    <ol className="wr-topic-list" data-testid="priority-list-view">
      {topics.map((topic) => (
        <TopicListItem key={topic.id} topic={topic} {...row} count={topics.length} editable={!props.readOnly} />
      ))}
    </ol>
  );
}

function TopicListItem({
  topic,
  props,
  swot,
  goals,
  moveBy,
  remove,
  count,
  editable,
}: RowProps & { topic: PriorityTopic; count: number; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const source = topic.source ? sourceLabel(t, topic.source, swot, goals) : null;
  const name = topic.title || t('priorities.untitled');
  return (
    <li className="wr-topic-list__item" data-testid="priority-item" data-topic-id={topic.id} data-rank={topic.rank}>
      <h3 className="wr-topic-list__title">
        {t('priorities.rank', { rank: topic.rank })}: {name}
      </h3>
      <dl className="wr-topic-list__facts">
        {topic.description ? (
          <>
            <dt>{t('priorities.description')}</dt>
            <dd>{topic.description}</dd>
          </>
        ) : null}
        <dt>{t('priorities.role.legend')}</dt>
        <dd>{t(`priorities.role.${topic.role ?? 'open'}`)}</dd>
        <dt>{t('priorities.actors.label')}</dt>
        <dd>{topic.actors.length > 0 ? topic.actors.join(', ') : t('priorities.actors.none')}</dd>
        {source ? (
          <>
            <dt>{t('priorities.source.label')}</dt>
            <dd>{source.text}</dd>
          </>
        ) : null}
      </dl>
      <VoteSlot result={topic.voteResult} />
      {editable ? (
        <div className="wr-topic-list__actions">
          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            <span className="kern-label">
              {t('priorities.edit')}
              <span className="wr-sr-only">: {name}</span>
            </span>
          </button>
          <MoveButtons topic={topic} count={count} moveBy={moveBy} remove={remove} />
        </div>
      ) : null}
      {editing && editable ? (
        <div className="wr-topic-list__editor">
          <TopicTitle topic={topic} props={props} id={`list-title-${topic.id}`} />
          <TopicDescription topic={topic} props={props} />
          <TopicRole topic={topic} props={props} />
          <TopicActors topic={topic} props={props} editable />
        </div>
      ) : null}
    </li>
  );
}
