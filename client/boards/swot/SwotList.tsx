/**
 * The list twin of the SWOT board: the same cards as headings and lists, in reading order, with the
 * same actions (edit, details, move, delete) and no drag and drop. Like the grid, it renders from
 * the board's structure, one subscription per card, with stand-ins far from the viewport.
 */
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SWOT_QUADRANTS } from '../../../shared/schema/swot';
import { useItem } from '../../data/boards/hooks';
import type { SwotModel, SwotQuadrantView, SwotStructure } from '../../data/boards/swot';
import { useEditors } from '../../data/docs/presence';
import { useNearViewport } from '../common/useNearViewport';
import { QuadrantHeader } from './QuadrantHeader';
import type { SwotBoardEnv } from './SwotBoard';
import { SwotCardView } from './SwotCardView';
import { STAND_IN_HEIGHT, SwotStandIn } from './SwotStandIn';
import { PendingItems, useProgressiveList } from '../common/useProgressiveList';

export function SwotList({ model, structure, env }: { model: SwotModel; structure: SwotStructure; env: SwotBoardEnv }) {
  return (
    <div className="wr-swot-list" data-testid="swot-list">
      {SWOT_QUADRANTS.map((quadrant) => (
        <ListQuadrant key={quadrant} view={structure.quadrants[quadrant]} model={model} env={env} />
      ))}
    </div>
  );
}

const ListQuadrant = memo(function ListQuadrant({ view, model, env }: { view: SwotQuadrantView; model: SwotModel; env: SwotBoardEnv }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { quadrant } = view;
  const hidden = view.total - view.ids.length;
  return (
    <section className={`wr-swot-list__quadrant wr-swot__quadrant--${quadrant}`} aria-labelledby={headingId} data-testid={`swot-list-${quadrant}`} data-count={view.total}>
      <QuadrantHeader quadrant={quadrant} headingId={headingId} count={view.total} actions={env.actions} privately={env.privately} readOnly={env.readOnly} />
      {view.total === 0 ? <p className="wr-muted">{t('swot.emptyQuadrant')}</p> : null}
      {hidden > 0 ? <p className="wr-muted">{t('swot.filter.hiddenInQuadrant', { count: hidden })}</p> : null}
      {view.groups.map(({ cluster, ids, total }) =>
        total === 0 && !cluster ? null : (
          <div key={cluster?.id ?? 'loose'}>
            {cluster ? (
              <h4 className="wr-swot-list__cluster">
                {t('swot.clusters.heading', { title: cluster.title || t('swot.clusters.untitled') })} <span className="wr-count">({total})</span>
              </h4>
            ) : null}
            {ids.length > 0 ? (
              <ListCards ids={ids} clusterId={cluster?.id ?? null} model={model} env={env} />
            ) : total === 0 ? (
              <p className="wr-muted">{t('swot.clusters.empty')}</p>
            ) : null}
          </div>
        ),
      )}
    </section>
  );
});

function ListCards({ ids, clusterId, model, env }: { ids: readonly string[]; clusterId: string | null; model: SwotModel; env: SwotBoardEnv }) {
  const [shown, pending] = useProgressiveList(ids);
  return (
    <ul className="wr-swot-list__cards">
      {shown.map((id) => (
        <ListCard key={id} id={id} group={ids} clusterId={clusterId} model={model} env={env} />
      ))}
      <PendingItems count={pending} height={STAND_IN_HEIGHT} />
    </ul>
  );
}

const ListCard = memo(function ListCard({ id, group, clusterId, model, env }: { id: string; group: readonly string[]; clusterId: string | null; model: SwotModel; env: SwotBoardEnv }) {
  const card = useItem(model.cards, id);
  const [ref, near, wake] = useNearViewport(`list-${id}`, env.windowed);
  const editors = useEditors(env.presence, id);
  if (!card) return null;
  if (!near) return <SwotStandIn card={card} itemRef={ref} onWake={wake} />;
  return (
    <SwotCardView
      card={card}
      doc={env.doc}
      ctx={env.ctx}
      readOnly={env.readOnly}
      variant="list"
      actions={env.actions}
      group={group}
      clusterId={clusterId}
      clusterStore={model.clusters}
      itemRef={ref}
      pick={env.pick(id)}
      editors={editors}
    />
  );
});
