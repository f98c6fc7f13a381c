/**
 * The SWOT board as a 2×2 grid (stacked on phones). Cards move by drag and drop with the mouse,
 * touch or keyboard (dnd-kit, German announcements), and by the "Verschieben" menu on each card.
 */
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { editSwotClusterTitle, SWOT_CLUSTERS_MAP, SWOT_QUADRANTS, type SwotBoard, type SwotCard, type SwotCluster, type SwotQuadrant } from '../../../shared/schema/swot';
import { getItem, getText } from '../../../shared/schema/items';
import { YTextInput } from '../common/YText';
import type { BoardProps } from '../types';
import { SwotCardView } from './SwotCardView';
import { cardSummary, quadrantName } from './swotUi';
import { displayGroups, type SwotActions } from './useSwotActions';
import { QuadrantHeader } from './QuadrantHeader';

interface SwotGridProps {
  board: SwotBoard;
  props: BoardProps;
  actions: SwotActions;
  privately: boolean;
}

const QUADRANT_DROP = 'quadrant:';
const CLUSTER_DROP = 'cluster:';

export function SwotGrid({ board, props, actions, privately }: SwotGridProps) {
  const { t } = useTranslation();
  const { readOnly } = props;
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const byId = useMemo(() => new Map(board.cards.map((c) => [c.id, c])), [board.cards]);
  const clusterById = useMemo(() => new Map(board.clusters.map((c) => [c.id, c])), [board.clusters]);

  /** Where a drop over `id` would put a card, in words. */
  function describeTarget(id: UniqueIdentifier): string {
    const key = String(id);
    if (key.startsWith(QUADRANT_DROP)) return t('swot.dnd.overQuadrant', { quadrant: quadrantName(t, key.slice(QUADRANT_DROP.length) as SwotQuadrant) });
    if (key.startsWith(CLUSTER_DROP)) {
      const cluster = clusterById.get(key.slice(CLUSTER_DROP.length));
      return cluster ? t('swot.dnd.overCluster', { cluster: cluster.title, quadrant: quadrantName(t, cluster.quadrant) }) : '';
    }
    const card = byId.get(key);
    return card ? t('swot.dnd.overCard', { text: cardSummary(card) || t('swot.emptyCard'), quadrant: quadrantName(t, card.quadrant) }) : '';
  }
  const label = (id: UniqueIdentifier) => {
    const card = byId.get(String(id));
    return card ? cardSummary(card) || t('swot.emptyCard') : '';
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('swot.dnd.start', { text: label(active.id) }),
    onDragOver: ({ active, over }) => (!over ? t('swot.dnd.noTarget') : over.id === active.id ? t('swot.dnd.overSelf') : describeTarget(over.id)),
    onDragEnd: ({ active, over }) => (over ? t('swot.dnd.end', { text: label(active.id), target: describeTarget(over.id) }) : t('swot.dnd.cancel')),
    onDragCancel: () => t('swot.dnd.cancel'),
  };

  function onDragStart({ active }: DragStartEvent) {
    setActiveId(String(active.id));
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const card = byId.get(String(active.id));
    if (!card || !over || over.id === active.id) return;
    const key = String(over.id);
    if (key.startsWith(QUADRANT_DROP)) {
      const quadrant = key.slice(QUADRANT_DROP.length) as SwotQuadrant;
      actions.dropCard(card, { quadrant, clusterId: null, placement: 'end' });
      return;
    }
    if (key.startsWith(CLUSTER_DROP)) {
      const cluster = clusterById.get(key.slice(CLUSTER_DROP.length));
      if (cluster) actions.dropCard(card, { quadrant: cluster.quadrant, clusterId: cluster.id, placement: 'end' });
      return;
    }
    const target = byId.get(key);
    if (!target) return;
    // Moving down within the same list lands after the target, otherwise before it (as sortable lists show it).
    const sameList = target.quadrant === card.quadrant && target.clusterId === card.clusterId;
    const list = board.cards.filter((c) => c.quadrant === target.quadrant && c.clusterId === target.clusterId);
    const after = sameList && list.findIndex((c) => c.id === card.id) < list.findIndex((c) => c.id === target.id);
    actions.dropCard(card, { quadrant: target.quadrant, clusterId: target.clusterId, placement: after ? { after: target.id } : { before: target.id } });
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActiveId(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('swot.dnd.instructions') } }}
    >
      <div className="wr-swot" data-testid="swot-grid">
        {SWOT_QUADRANTS.map((quadrant) => (
          <Quadrant key={quadrant} quadrant={quadrant} board={board} props={props} actions={actions} privately={privately} activeId={activeId} readOnly={readOnly} />
        ))}
      </div>
    </DndContext>
  );
}

interface QuadrantProps {
  quadrant: SwotQuadrant;
  board: SwotBoard;
  props: BoardProps;
  actions: SwotActions;
  privately: boolean;
  activeId: string | null;
  readOnly: boolean;
}

function Quadrant({ quadrant, board, props, actions, privately, activeId, readOnly }: QuadrantProps) {
  const headingId = useId();
  const groups = displayGroups(board, quadrant);
  const ids = groups.flatMap((g) => g.cards.map((c) => c.id));
  const { setNodeRef, isOver } = useDroppable({ id: `${QUADRANT_DROP}${quadrant}`, disabled: readOnly });

  return (
    <section
      className={`wr-swot__quadrant wr-swot__quadrant--${quadrant}${isOver ? ' wr-swot__quadrant--over' : ''}`}
      aria-labelledby={headingId}
      data-testid={`swot-quadrant-${quadrant}`}
    >
      <QuadrantHeader quadrant={quadrant} headingId={headingId} count={ids.length} actions={actions} privately={privately} readOnly={readOnly} />
      <div ref={setNodeRef} className="wr-swot__drop">
        <SortableContext id={quadrant} items={ids} strategy={verticalListSortingStrategy}>
          {groups.map(({ cluster, cards }) =>
            cluster ? (
              <ClusterBox key={cluster.id} cluster={cluster} props={props} actions={actions} readOnly={readOnly}>
                <CardList cards={cards} board={board} props={props} actions={actions} activeId={activeId} />
              </ClusterBox>
            ) : (
              <CardList key="loose" cards={cards} board={board} props={props} actions={actions} activeId={activeId} emptyHint={ids.length === 0} />
            ),
          )}
        </SortableContext>
      </div>
    </section>
  );
}

function CardList({
  cards,
  board,
  props,
  actions,
  activeId,
  emptyHint = false,
}: {
  cards: SwotCard[];
  board: SwotBoard;
  props: BoardProps;
  actions: SwotActions;
  activeId: string | null;
  emptyHint?: boolean;
}) {
  const { t } = useTranslation();
  if (cards.length === 0) return emptyHint ? <p className="wr-swot__empty wr-muted">{t('swot.emptyQuadrant')}</p> : null;
  return (
    <ul className="wr-swot__cards">
      {cards.map((card) => (
        <SortableCard key={card.id} card={card} group={cards} board={board} props={props} actions={actions} dragging={activeId === card.id} />
      ))}
    </ul>
  );
}

function SortableCard({
  card,
  group,
  board,
  props,
  actions,
  dragging,
}: {
  card: SwotCard;
  group: SwotCard[];
  board: SwotBoard;
  props: BoardProps;
  actions: SwotActions;
  dragging: boolean;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: card.id,
    disabled: props.readOnly,
    attributes: { roleDescription: t('swot.dnd.roleDescription') },
  });
  return (
    <SwotCardView
      card={card}
      doc={props.doc}
      ctx={props.ctx}
      readOnly={props.readOnly}
      variant="grid"
      clusters={board.clusters}
      moveActions={actions.moveActions(card, group, false)}
      onDelete={() => actions.deleteCard(card, false)}
      handle={props.readOnly ? undefined : { ref: setActivatorNodeRef, props: { ...attributes, ...listeners } }}
      itemRef={setNodeRef}
      itemStyle={{ transform: CSS.Translate.toString(transform), transition }}
      dragging={dragging}
    />
  );
}

function ClusterBox({ cluster, props, actions, readOnly, children }: { cluster: SwotCluster; props: BoardProps; actions: SwotActions; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: `${CLUSTER_DROP}${cluster.id}`, disabled: readOnly });
  const item = getItem(props.doc.getMap(SWOT_CLUSTERS_MAP), cluster.id);
  return (
    <div ref={setNodeRef} className={`wr-cluster${isOver ? ' wr-cluster--over' : ''}`} data-testid="swot-cluster" data-cluster-id={cluster.id}>
      <div className="wr-cluster__head">
        {readOnly ? (
          <h4 className="wr-cluster__title" id={titleId}>
            {cluster.title || t('swot.clusters.untitled')}
          </h4>
        ) : (
          <>
            <label className="wr-sr-only" htmlFor={titleId}>
              {t('swot.clusters.titleLabel')}
            </label>
            <YTextInput
              id={titleId}
              className="wr-cluster__title-input"
              text={item ? getText(item, 'title') : undefined}
              onEdit={(edit) => editSwotClusterTitle(props.doc, props.ctx, cluster.id, edit)}
              data-focus-key={`cluster-${cluster.id}`}
              data-testid="swot-cluster-title"
            />
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => actions.deleteCluster(cluster)}>
              <span className="kern-icon kern-icon--delete" aria-hidden="true" />
              <span className="kern-label">
                {t('swot.clusters.delete')}
                <span className="wr-sr-only">: {cluster.title}</span>
              </span>
            </button>
          </>
        )}
      </div>
      {children}
    </div>
  );
}
