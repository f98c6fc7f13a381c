/**
 * The topics of the priorities board: the sortable ranking (drag and drop with mouse, touch or
 * keyboard, German announcements) and its list twin. Both render from the board's structure; each
 * topic is a memo'd slot subscribed to its own snapshot, so typing re-renders one topic and a move
 * re-renders the topics whose rank changed. Far from the viewport a topic stands in as plain text.
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
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type CSSProperties, type HTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placement } from '../../../shared/schema/order';
import type { PriorityTopicItem } from '../../../shared/schema/priorities';
import { useItem } from '../../data/boards/hooks';
import type { PrioritiesModel, PriorityStructure } from '../../data/boards/priorities';
import { useEditors, type PresenceStore } from '../../data/docs/presence';
import { standInHeight, useNearViewport } from '../common/useNearViewport';
import { useSourceLabel, type SourceLabels } from './sources';
import { TopicActors, TopicDescription, TopicRole, TopicTitle, type TopicFieldsEnv } from './TopicFields';
import { VoteSlot } from './VoteSlot';

/** What every topic needs from the board; one object per board, stable while nothing changes. */
export interface PrioritiesEnv extends TopicFieldsEnv {
  readOnly: boolean;
  model: PrioritiesModel;
  presence: PresenceStore | undefined;
  /** Whether far topics stand in as plain text. */
  windowed: boolean;
  move: (id: string, placement: Placement) => void;
  moveBy: (id: string, delta: -1 | 1, focusKey: string) => void;
  /** Deletes at once (own topic) or after a confirmation naming the author. */
  remove: (id: string) => void;
  /** Whether the delete button is offered (the moderation may let only authors delete). */
  mayRemove: (topic: PriorityTopicItem) => boolean;
  wishes: FocusWishes;
  labels: SourceLabels;
  /** An interfraktionelle AG: opinion pictures, never votes. */
  opinion: boolean;
}

/**
 * Where focus should go once a topic is rendered in full: after a move (React re-creates the
 * element in its new place) or after adding a topic (its title field). A topic with a wish is
 * rendered in full however far from the viewport it is.
 */
export class FocusWishes {
  private readonly wanted = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  request(id: string, focusKey: string): void {
    this.wanted.set(id, focusKey);
    for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }

  get(id: string): string | undefined {
    return this.wanted.get(id);
  }

  done(id: string): void {
    if (!this.wanted.delete(id)) return;
    for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }
}

function useFocusWish(wishes: FocusWishes, id: string): string | undefined {
  const subscribe = useCallback((cb: () => void) => wishes.subscribe(id, cb), [wishes, id]);
  const get = useCallback(() => wishes.get(id), [wishes, id]);
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * One place in a list: windowing, focus wishes and who is editing. Returns the outer ref to attach
 * and whether to render in full.
 */
function useTopicSlot(env: PrioritiesEnv, id: string, key: string, windowing: boolean) {
  const wish = useFocusWish(env.wishes, id);
  const [nearRef, near, wake] = useNearViewport(key, windowing);
  const el = useRef<Element | null>(null);
  const ref = useCallback(
    (node: Element | null) => {
      el.current = node;
      nearRef(node);
    },
    [nearRef],
  );
  const full = near || wish !== undefined;
  useEffect(() => {
    if (wish === undefined || !full) return;
    const target = el.current?.querySelector<HTMLElement>(`[data-focus-key="${globalThis.CSS.escape(wish)}"]`);
    if (target) {
      wake();
      target.focus();
    }
    env.wishes.done(id);
  }, [wish, full, wake, env.wishes, id]);
  return { ref, full, wake };
}

// ---------------------------------------------------------------------------------------------
// The ranking (board view)

export function SortableTopics({ structure, env }: { structure: PriorityStructure; env: PrioritiesEnv }) {
  const { t } = useTranslation();
  const { ranking } = structure;
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const label = (id: UniqueIdentifier) => {
    const topic = env.model.topics.get(String(id));
    return topic ? topic.title || t('priorities.untitled') : '';
  };
  const rankOf = (id: UniqueIdentifier) => ranking.rankOf(String(id));
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('priorities.dnd.start', { title: label(active.id), rank: rankOf(active.id) }),
    onDragOver: ({ over }) => (over ? t('priorities.dnd.over', { rank: rankOf(over.id), count: ranking.ids.length }) : t('priorities.dnd.noTarget')),
    onDragEnd: ({ active, over }) => (over ? t('priorities.dnd.end', { title: label(active.id), rank: rankOf(over.id) }) : t('priorities.dnd.cancel')),
    onDragCancel: () => t('priorities.dnd.cancel'),
  };

  function onDragStart({ active }: DragStartEvent) {
    setActiveId(String(active.id));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    if (!over || over.id === active.id) return;
    const from = rankOf(active.id);
    const to = rankOf(over.id);
    if (from === 0 || to === 0) return;
    env.move(String(active.id), from < to ? { after: String(over.id) } : { before: String(over.id) });
  }

  const last = ranking.ids.at(-1);
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('priorities.dnd.instructions') } }}
    >
      <SortableContext items={structure.ids as string[]} strategy={verticalListSortingStrategy}>
        <ol className="wr-topics" data-testid="priority-list">
          {structure.ids.map((id) => (
            <TopicSlot key={id} id={id} rank={ranking.rankOf(id)} last={id === last} env={env} dragging={activeId === id} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

interface SlotProps {
  id: string;
  rank: number;
  /** The topic is the last of the whole ranking (it cannot move down). */
  last: boolean;
  env: PrioritiesEnv;
}

const TopicSlot = memo(function TopicSlot({ id, rank, last, env, dragging }: SlotProps & { dragging: boolean }) {
  const topic = useItem(env.model.topics, id);
  const { ref, full, wake } = useTopicSlot(env, id, id, env.windowed && !dragging);
  const editors = useEditors(env.presence, id);
  if (!topic) return null;
  if (!full) return <TopicStandIn topic={topic} rank={rank} heightKey={id} itemRef={ref} onWake={wake} />;
  return <SortableTopic topic={topic} rank={rank} last={last} env={env} dragging={dragging} outerRef={ref} editors={editors} />;
});

function SortableTopic({
  topic,
  rank,
  last,
  env,
  dragging,
  outerRef,
  editors,
}: Omit<SlotProps, 'id'> & { topic: PriorityTopicItem; dragging: boolean; outerRef: (el: Element | null) => void; editors: readonly string[] }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: topic.id,
    disabled: env.readOnly,
    attributes: { roleDescription: t('priorities.dnd.roleDescription') },
  });
  const itemRef = useCallback(
    (el: HTMLLIElement | null) => {
      setNodeRef(el);
      outerRef(el);
    },
    [setNodeRef, outerRef],
  );
  return (
    <TopicCard
      topic={topic}
      rank={rank}
      last={last}
      env={env}
      itemRef={itemRef}
      style={transform || transition ? { transform: CSS.Translate.toString(transform), transition } : undefined}
      dragging={dragging}
      editors={editors}
      handle={env.readOnly ? undefined : { ref: setActivatorNodeRef, props: { ...attributes, ...listeners } }}
    />
  );
}

function TopicCard({
  topic,
  rank,
  last,
  env,
  itemRef,
  style,
  dragging,
  editors,
  handle,
}: Omit<SlotProps, 'id'> & {
  topic: PriorityTopicItem;
  itemRef: Ref<HTMLLIElement>;
  style: CSSProperties | undefined;
  dragging: boolean;
  editors: readonly string[];
  handle?: { ref: Ref<HTMLButtonElement>; props: HTMLAttributes<HTMLButtonElement> };
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { readOnly } = env;
  const name = topic.title || t('priorities.untitled');
  return (
    <li
      ref={itemRef}
      style={style}
      className={`wr-topic${dragging ? ' wr-topic--dragging' : ''}`}
      data-testid="priority-item"
      data-topic-id={topic.id}
      data-rank={rank}
      aria-labelledby={readOnly ? titleId : undefined}
    >
      <div className="wr-topic__head">
        <span className="wr-topic__rank" aria-hidden="true">
          {rank}
        </span>
        {handle ? (
          <button ref={handle.ref} type="button" className="wr-card__handle" aria-label={t('priorities.dragHandle', { title: name, rank })} data-testid="priority-handle" {...handle.props}>
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <div className="wr-topic__title">
          {readOnly ? (
            <h3 id={titleId} className="wr-topic__title-text">
              <span className="wr-sr-only">{t('priorities.rank', { rank })} </span>
              {name}
            </h3>
          ) : (
            <TopicTitle topic={topic} rank={rank} props={env} id={titleId} />
          )}
        </div>
        <EditingBadge editors={editors} />
        {!readOnly ? <MoveButtons topic={topic} rank={rank} last={last} env={env} /> : null}
      </div>
      <TopicBody topic={topic} env={env} />
    </li>
  );
}

function EditingBadge({ editors }: { editors: readonly string[] }) {
  const { t } = useTranslation();
  if (editors.length === 0) return null;
  return (
    <span className="wr-topic__editing" data-testid="priority-editing">
      <span className="kern-icon kern-icon--edit" aria-hidden="true" />
      {t('priorities.editingBy', { names: editors.slice(0, 2).join(', '), count: editors.length })}
    </span>
  );
}

function MoveButtons({ topic, rank, last, env }: { topic: PriorityTopicItem; rank: number; last: boolean; env: PrioritiesEnv }) {
  const { t } = useTranslation();
  const name = topic.title || t('priorities.untitled');
  return (
    <div className="wr-topic__buttons">
      <button
        type="button"
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        aria-disabled={rank === 1}
        onClick={() => rank > 1 && env.moveBy(topic.id, -1, 'up')}
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
        aria-disabled={last}
        onClick={() => !last && env.moveBy(topic.id, 1, 'down')}
        aria-label={t('priorities.moveDownNamed', { title: name })}
        title={t('priorities.moveDown')}
        data-testid="priority-down"
        data-focus-key={`down-${topic.id}`}
      >
        <span className="kern-icon kern-icon--arrow-down" aria-hidden="true" />
      </button>
      {env.mayRemove(topic) ? (
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--x-small"
          onClick={() => env.remove(topic.id)}
          aria-label={t('priorities.deleteNamed', { title: name })}
          title={t('priorities.delete')}
          data-testid="priority-delete"
        >
          <span className="kern-icon kern-icon--delete" aria-hidden="true" />
        </button>
      ) : null}
    </div>
  );
}

function TopicBody({ topic, env }: { topic: PriorityTopicItem; env: PrioritiesEnv }) {
  const { t } = useTranslation();
  const source = useSourceLabel(env.labels, topic.source);
  return (
    <div className="wr-topic__body">
      {source ? (
        <p className={`wr-topic__source${source.missing ? ' wr-topic__source--missing' : ''}`} data-testid="priority-source">
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" /> {source.text}
        </p>
      ) : null}
      <div className="wr-topic__cols">
        <div className="wr-topic__col">
          {env.readOnly ? (
            topic.description ? (
              <p className="wr-topic__description-text">{topic.description}</p>
            ) : null
          ) : (
            <TopicDescription topic={topic} props={env} />
          )}
          <TopicActors topic={topic} props={env} editable={!env.readOnly} />
        </div>
        <div className="wr-topic__col">
          {env.readOnly ? (
            <p className="wr-topic__role-text">
              <span className="wr-topic__label">{t('priorities.role.legend')}:</span> {t(`priorities.role.${topic.role ?? 'open'}`)}
            </p>
          ) : (
            <TopicRole topic={topic} props={env} />
          )}
          <VoteSlot result={topic.voteResult} opinion={env.opinion} />
        </div>
      </div>
    </div>
  );
}

/** Height of a stand-in for a topic never shown in full: a typical topic card. */
const DEFAULT_HEIGHT = 300;
const DEFAULT_LIST_HEIGHT = 200;

/**
 * A topic far from the viewport: its rank, title and description as plain content, no controls.
 * It keeps the topic findable (find in page, screen readers' reading mode) and the list's height
 * stable; it becomes the full topic as it nears the viewport, or at once when clicked.
 */
const TopicStandIn = memo(function TopicStandIn({
  topic,
  rank,
  heightKey,
  itemRef,
  onWake,
  list = false,
}: {
  topic: PriorityTopicItem;
  rank: number;
  heightKey: string;
  itemRef: (el: Element | null) => void;
  onWake: () => void;
  list?: boolean;
}) {
  const { t } = useTranslation();
  const name = topic.title || t('priorities.untitled');
  return (
    <li
      ref={itemRef}
      className={list ? 'wr-topic-list__item wr-topic--standin' : 'wr-topic wr-topic--standin'}
      style={{ minHeight: standInHeight(heightKey, list ? DEFAULT_LIST_HEIGHT : DEFAULT_HEIGHT) }}
      data-testid="priority-item-standin"
      data-topic-id={topic.id}
      data-rank={rank}
      onClick={onWake}
    >
      <p className="wr-topic__standin-title">
        <span className="wr-topic__rank" aria-hidden="true">
          {rank}
        </span>
        <span className="wr-sr-only">{t('priorities.rank', { rank })}: </span>
        {name}
      </p>
      {topic.description ? <p className="wr-topic__description-text">{topic.description}</p> : null}
    </li>
  );
});

// ---------------------------------------------------------------------------------------------
// The list twin

/** The list twin: ranked headings with the topic's facts as text, and the same actions. */
export function TopicList({ structure, env }: { structure: PriorityStructure; env: PrioritiesEnv }) {
  const { ranking } = structure;
  const last = ranking.ids.at(-1);
  return (
    <ol className="wr-topic-list" data-testid="priority-list-view">
      {structure.ids.map((id) => (
        <ListSlot key={id} id={id} rank={ranking.rankOf(id)} last={id === last} env={env} />
      ))}
    </ol>
  );
}

const ListSlot = memo(function ListSlot({ id, rank, last, env }: SlotProps) {
  const topic = useItem(env.model.topics, id);
  const key = `list-${id}`;
  const { ref, full, wake } = useTopicSlot(env, id, key, env.windowed);
  const editors = useEditors(env.presence, id);
  if (!topic) return null;
  if (!full) return <TopicStandIn topic={topic} rank={rank} heightKey={key} itemRef={ref} onWake={wake} list />;
  return <TopicListItem topic={topic} rank={rank} last={last} env={env} itemRef={ref} editors={editors} />;
});

function TopicListItem({
  topic,
  rank,
  last,
  env,
  itemRef,
  editors,
}: Omit<SlotProps, 'id'> & { topic: PriorityTopicItem; itemRef: (el: Element | null) => void; editors: readonly string[] }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const source = useSourceLabel(env.labels, topic.source);
  const name = topic.title || t('priorities.untitled');
  const editable = !env.readOnly;
  return (
    <li ref={itemRef} className="wr-topic-list__item" data-testid="priority-item" data-topic-id={topic.id} data-rank={rank}>
      <h3 className="wr-topic-list__title">
        {t('priorities.rank', { rank })}: {name}
      </h3>
      <EditingBadge editors={editors} />
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
      <VoteSlot result={topic.voteResult} opinion={env.opinion} />
      {editable ? (
        <div className="wr-topic-list__actions">
          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            <span className="kern-label">
              {t('priorities.edit')}
              <span className="wr-sr-only">: {name}</span>
            </span>
          </button>
          <MoveButtons topic={topic} rank={rank} last={last} env={env} />
        </div>
      ) : null}
      {editing && editable ? (
        <div className="wr-topic-list__editor">
          <TopicTitle topic={topic} rank={rank} props={env} id={`list-title-${topic.id}`} />
          <TopicDescription topic={topic} props={env} />
          <TopicRole topic={topic} props={env} />
          <TopicActors topic={topic} props={env} editable />
        </div>
      ) : null}
    </li>
  );
}
