/**
 * The SWOT board as a 2×2 grid (stacked on phones). Cards move by drag and drop with the mouse,
 * touch or keyboard (dnd-kit, German announcements), and by the "Verschieben" menu on each card.
 *
 * At conference scale (hundreds of cards) every quadrant renders from the board's structure
 * (client/data/boards/swot.ts), each card subscribes to its own snapshot, and cards far from the
 * viewport stand in as plain text (useNearViewport): typing re-renders one card, a move
 * re-renders the quadrants it touched.
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
import { memo, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { getItem, getText, type WriteContext } from '../../../shared/schema/items';
import { editSwotClusterTitle, SWOT_CLUSTERS_MAP, SWOT_QUADRANTS, type SwotCluster, type SwotQuadrant } from '../../../shared/schema/swot';
import { useItem } from '../../data/boards/hooks';
import { useEditors } from '../../data/docs/presence';
import type { SwotModel, SwotQuadrantView, SwotStructure } from '../../data/boards/swot';
import { YTextInput } from '../common/YText';
import { QuadrantHeader } from './QuadrantHeader';
import { SwotCardView } from './SwotCardView';
import { STAND_IN_HEIGHT, SwotStandIn } from './SwotStandIn';
import { cardSummary, quadrantName } from './swotUi';
import type { SwotActions } from './useSwotActions';
import type { SwotBoardEnv } from './SwotBoard';
import { useNearViewport } from '../common/useNearViewport';
import { PendingItems, useProgressiveList } from '../common/useProgressiveList';

interface SwotGridProps {
  model: SwotModel;
  structure: SwotStructure;
  env: SwotBoardEnv;
}

const QUADRANT_DROP = 'quadrant:';
const CLUSTER_DROP = 'cluster:';

export function SwotGrid({ model, structure, env }: SwotGridProps) {
  const { t } = useTranslation();
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const clusterById = (id: string) => model.clusters.get(id);

  /** Where a drop over `id` would put a card, in words. */
  function describeTarget(id: UniqueIdentifier): string {
    const key = String(id);
    if (key.startsWith(QUADRANT_DROP)) return t('swot.dnd.overQuadrant', { quadrant: quadrantName(t, key.slice(QUADRANT_DROP.length) as SwotQuadrant) });
    if (key.startsWith(CLUSTER_DROP)) {
      const cluster = clusterById(key.slice(CLUSTER_DROP.length));
      return cluster ? t('swot.dnd.overCluster', { cluster: cluster.title, quadrant: quadrantName(t, cluster.quadrant) }) : '';
    }
    const card = model.cards.get(key);
    return card ? t('swot.dnd.overCard', { text: cardSummary(card) || t('swot.emptyCard'), quadrant: quadrantName(t, card.quadrant) }) : '';
  }
  const label = (id: UniqueIdentifier) => {
    const card = model.cards.get(String(id));
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
    const card = model.cards.get(String(active.id));
    if (!card || !over || over.id === active.id) return;
    const key = String(over.id);
    if (key.startsWith(QUADRANT_DROP)) {
      const quadrant = key.slice(QUADRANT_DROP.length) as SwotQuadrant;
      env.actions.dropCard(card, { quadrant, clusterId: null, placement: 'end' });
      return;
    }
    if (key.startsWith(CLUSTER_DROP)) {
      const cluster = clusterById(key.slice(CLUSTER_DROP.length));
      if (cluster) env.actions.dropCard(card, { quadrant: cluster.quadrant, clusterId: cluster.id, placement: 'end' });
      return;
    }
    const target = model.cards.get(key);
    if (!target) return;
    // Moving down within the same list lands after the target, otherwise before it (as sortable lists show it).
    const cardCluster = structure.clusterOf(card.id);
    const targetCluster = structure.clusterOf(target.id);
    const sameList = target.quadrant === card.quadrant && targetCluster === cardCluster;
    const list = structure.quadrants[target.quadrant].groups.find((g) => (g.cluster?.id ?? null) === targetCluster)?.ids ?? [];
    const after = sameList && list.indexOf(card.id) < list.indexOf(target.id);
    env.actions.dropCard(card, { quadrant: target.quadrant, clusterId: targetCluster, placement: after ? { after: target.id } : { before: target.id } });
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
          <Quadrant key={quadrant} view={structure.quadrants[quadrant]} model={model} env={env} activeId={activeId} />
        ))}
      </div>
    </DndContext>
  );
}

const Quadrant = memo(function Quadrant({ view, model, env, activeId }: { view: SwotQuadrantView; model: SwotModel; env: SwotBoardEnv; activeId: string | null }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { quadrant } = view;
  const { setNodeRef, isOver } = useDroppable({ id: `${QUADRANT_DROP}${quadrant}`, disabled: env.readOnly });
  const hidden = view.total - view.ids.length;

  return (
    <section
      className={`wr-swot__quadrant wr-swot__quadrant--${quadrant}${isOver ? ' wr-swot__quadrant--over' : ''}`}
      aria-labelledby={headingId}
      data-testid={`swot-quadrant-${quadrant}`}
      data-count={view.total}
    >
      <QuadrantHeader quadrant={quadrant} headingId={headingId} count={view.total} actions={env.actions} privately={env.privately} readOnly={env.readOnly} />
      {hidden > 0 ? <p className="wr-swot__hidden wr-muted">{t('swot.filter.hiddenInQuadrant', { count: hidden })}</p> : null}
      <div ref={setNodeRef} className="wr-swot__drop">
        <SortableContext id={quadrant} items={view.ids as string[]} strategy={verticalListSortingStrategy}>
          {view.groups.map(({ cluster, ids, total }) =>
            cluster ? (
              <ClusterBox key={cluster.id} cluster={cluster} total={total} doc={env.doc} ctx={env.ctx} actions={env.actions} readOnly={env.readOnly}>
                {cluster.collapsed ? null : <CardList ids={ids} clusterId={cluster.id} model={model} env={env} activeId={activeId} />}
              </ClusterBox>
            ) : (
              <CardList key="loose" ids={ids} clusterId={null} model={model} env={env} activeId={activeId} emptyHint={view.total === 0} />
            ),
          )}
        </SortableContext>
      </div>
    </section>
  );
});

function CardList({
  ids,
  clusterId,
  model,
  env,
  activeId,
  emptyHint = false,
}: {
  ids: readonly string[];
  clusterId: string | null;
  model: SwotModel;
  env: SwotBoardEnv;
  activeId: string | null;
  emptyHint?: boolean;
}) {
  const { t } = useTranslation();
  const [shown, pending] = useProgressiveList(ids);
  if (ids.length === 0) return emptyHint ? <p className="wr-swot__empty wr-muted">{t('swot.emptyQuadrant')}</p> : null;
  return (
    <ul className="wr-swot__cards">
      {shown.map((id) => (
        <CardSlot key={id} id={id} group={ids} clusterId={clusterId} model={model} env={env} dragging={activeId === id} />
      ))}
      <PendingItems count={pending} height={STAND_IN_HEIGHT} />
    </ul>
  );
}

/** One place in a list: the card in full near the viewport, a stand-in further away. */
const CardSlot = memo(function CardSlot({
  id,
  group,
  clusterId,
  model,
  env,
  dragging,
}: {
  id: string;
  group: readonly string[];
  clusterId: string | null;
  model: SwotModel;
  env: SwotBoardEnv;
  dragging: boolean;
}) {
  const card = useItem(model.cards, id);
  const [ref, near, wake] = useNearViewport(id, env.windowed && !dragging);
  const editors = useEditors(env.presence, id);
  if (!card) return null;
  if (!near) return <SwotStandIn card={card} itemRef={ref} onWake={wake} />;
  return <SortableCard card={card} group={group} clusterId={clusterId} model={model} env={env} dragging={dragging} outerRef={ref} editors={editors} />;
});

function SortableCard({
  card,
  group,
  clusterId,
  model,
  env,
  dragging,
  outerRef,
  editors,
}: {
  card: NonNullable<ReturnType<SwotModel['cards']['get']>>;
  group: readonly string[];
  clusterId: string | null;
  model: SwotModel;
  env: SwotBoardEnv;
  dragging: boolean;
  outerRef: (el: Element | null) => void;
  editors: readonly string[] | undefined;
}) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: card.id,
    disabled: env.readOnly,
    attributes: { roleDescription: t('swot.dnd.roleDescription') },
  });
  const itemRef = (el: HTMLLIElement | null) => {
    setNodeRef(el);
    outerRef(el);
  };
  return (
    <SwotCardView
      card={card}
      doc={env.doc}
      ctx={env.ctx}
      readOnly={env.readOnly}
      variant="grid"
      actions={env.actions}
      group={group}
      clusterId={clusterId}
      clusterStore={model.clusters}
      handle={env.readOnly ? undefined : { ref: setActivatorNodeRef, props: { ...attributes, ...listeners } }}
      itemRef={itemRef}
      itemStyle={transform || transition ? { transform: CSS.Translate.toString(transform), transition } : undefined}
      dragging={dragging}
      pick={env.pick(card.id)}
      editors={editors}
    />
  );
}

function ClusterBox({
  cluster,
  total,
  doc,
  ctx,
  actions,
  readOnly,
  children,
}: {
  cluster: SwotCluster;
  total: number;
  doc: Y.Doc;
  ctx: WriteContext;
  actions: SwotActions;
  readOnly: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: `${CLUSTER_DROP}${cluster.id}`, disabled: readOnly });
  const item = getItem(doc.getMap(SWOT_CLUSTERS_MAP), cluster.id);
  const title = cluster.title || t('swot.clusters.untitled');
  return (
    <div
      ref={setNodeRef}
      className={`wr-cluster${isOver ? ' wr-cluster--over' : ''}${cluster.collapsed ? ' wr-cluster--collapsed' : ''}`}
      data-testid="swot-cluster"
      data-cluster-id={cluster.id}
    >
      <div className="wr-cluster__head">
        {readOnly ? (
          <h4 className="wr-cluster__title" id={titleId}>
            {title} <span className="wr-count">({total})</span>
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
              onEdit={(edit) => editSwotClusterTitle(doc, ctx, cluster.id, edit)}
              data-focus-key={`cluster-${cluster.id}`}
              data-testid="swot-cluster-title"
            />
            <span className="wr-count" data-testid="swot-cluster-count">
              ({total})
            </span>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--x-small"
              aria-expanded={!cluster.collapsed}
              onClick={() => actions.setCollapsed(cluster, !cluster.collapsed)}
              data-testid="swot-cluster-collapse"
            >
              <span className={`kern-icon kern-icon--${cluster.collapsed ? 'arrow-down' : 'arrow-up'}`} aria-hidden="true" />
              <span className="kern-label">
                {cluster.collapsed ? t('swot.clusters.expand') : t('swot.clusters.collapse')}
                <span className="wr-sr-only">: {title}</span>
              </span>
            </button>
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
      {cluster.collapsed ? (
        <p className="wr-cluster__collapsed wr-muted" data-testid="swot-cluster-collapsed">
          {t('swot.clusters.collapsedHint', { count: total })}
        </p>
      ) : null}
      {children}
    </div>
  );
}
