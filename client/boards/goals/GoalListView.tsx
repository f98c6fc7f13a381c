/**
 * The list twin of the goal tree (the frame's "Listenansicht"): the whole tree as nested lists with
 * every field and indicator written out, for reading with a screen reader or printing. Editing
 * happens in the outline; this view only reads.
 *
 * Nesting stops at GOAL_DISPLAY_DEPTH levels: below a node of the last nested level, its
 * descendants follow as one flat list, each with its level (a chain of thousands of levels must
 * not nest thousands of lists — neither React nor the browser's layout would survive it). Each
 * entry subscribes to its own node; above a few dozen nodes, entries far from the viewport show
 * their title only until they come near.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { measurability, requiresMeasurability } from '../../../shared/schema/goals';
import { useItem } from '../../data/boards/hooks';
import { GOAL_DISPLAY_DEPTH, type GoalStructure } from '../../data/boards/goals';
import { formatIsoDate } from '../../lib/dates';
import { standInHeight, useNearViewport } from '../common/useNearViewport';
import { formatNumber, gapList, goalTitle } from './labels';
import type { GoalsEnv } from './useGoals';

interface ListEnv {
  env: GoalsEnv;
  structure: GoalStructure;
  shown: ReadonlySet<string> | null;
}

function shownChildren(list: ListEnv, id: string | null): readonly string[] {
  const kids = list.structure.childIds(id);
  return list.shown ? kids.filter((k) => list.shown!.has(k)) : kids;
}

export function GoalListView({ env, structure, shown }: { env: GoalsEnv; structure: GoalStructure; shown: ReadonlySet<string> | null }) {
  const { t } = useTranslation();
  const list = useMemo<ListEnv>(() => ({ env, structure, shown }), [env, structure, shown]);
  if (structure.size === 0) return <p className="kern-body wr-muted">{t('goals.outline.emptyReadOnly')}</p>;
  const roots = shownChildren(list, null);
  // Nothing matches the filter: the filter bar says so.
  if (roots.length === 0) return null;
  return (
    <ul className="wr-goal-list" data-testid="goal-list">
      {roots.map((id) => (
        <ListNode key={id} id={id} depth={0} list={list} />
      ))}
    </ul>
  );
}

const ListNode = memo(function ListNode({ id, depth, list }: { id: string; depth: number; list: ListEnv }) {
  const kids = shownChildren(list, id);
  return (
    <ListEntry id={id} depth={depth} list={list}>
      {kids.length === 0 ? null : depth + 1 < GOAL_DISPLAY_DEPTH ? (
        <ul className="wr-goal-list">
          {kids.map((c) => (
            <ListNode key={c} id={c} depth={depth + 1} list={list} />
          ))}
        </ul>
      ) : (
        <FlatDescendants id={id} list={list} />
      )}
    </ListEntry>
  );
});

/** Everything below a node of the last nested level, as one flat list in outline order. */
function FlatDescendants({ id, list }: { id: string; list: ListEnv }) {
  const { t } = useTranslation();
  const below = useMemo(() => {
    const ids = list.structure.subtree(id).slice(1);
    return list.shown ? ids.filter((d) => list.shown!.has(d)) : ids;
  }, [id, list]);
  return (
    <div className="wr-goal-list__flat" data-testid="goal-list-flat">
      <p className="kern-body kern-body--small wr-goal-list__flat-note">
        <span className="kern-icon kern-icon--info" aria-hidden="true" /> {t('goals.depth.listFlat', { count: below.length, max: GOAL_DISPLAY_DEPTH })}
      </p>
      <ul className="wr-goal-list wr-goal-list--flat">
        {below.map((d) => (
          <ListEntry key={d} id={d} depth={list.structure.depthOf(d)} list={list} />
        ))}
      </ul>
    </div>
  );
}

const ListEntry = memo(function ListEntry({ id, depth, list, children }: { id: string; depth: number; list: ListEnv; children?: ReactNode }) {
  const { t, language } = list.env;
  const node = useItem(list.env.model.items, id);
  const [ref, near, wake] = useNearViewport(`goal-list-${id}`, list.env.windowed);
  if (!node) return null;
  const deep = depth >= GOAL_DISPLAY_DEPTH;
  const title = (
    <p className="wr-goal-list__title">
      <span className="wr-level-tag">{t(`goals.levels.${node.level}`)}:</span> <strong>{goalTitle(t, node)}</strong>
      {deep ? <span className="wr-goal-list__depth"> ({t('goals.depth.level', { n: depth + 1 })})</span> : null}
    </p>
  );
  if (!near) {
    return (
      <li className={`wr-goal-list__item wr-level--${node.level}`} data-testid="goal-list-item" data-goal-id={id} data-standin="">
        <div ref={ref} style={{ minHeight: standInHeight(`goal-list-${id}`, 40) }} onClick={wake}>
          {title}
        </div>
        {children}
      </li>
    );
  }
  const gaps = measurability(node);
  const facts: [string, string][] = [];
  if (node.description.trim()) facts.push([t('goals.detail.description'), node.description]);
  if (node.zielfeld) facts.push([t('goals.detail.zielfeld'), t(`goals.zielfelder.${node.zielfeld}`)]);
  if (node.targetGroup.trim()) facts.push([t('goals.detail.targetGroup'), node.targetGroup]);
  if (node.area.trim()) facts.push([t('goals.detail.area'), node.area]);
  if (node.owner.trim()) facts.push([t('goals.detail.owner'), node.owner]);
  const num = (v: number | null, unit: string) => (v === null ? '–' : `${formatNumber(v, language)}${unit ? ` ${unit}` : ''}`);
  return (
    <li className={`wr-goal-list__item wr-level--${node.level}`} data-testid="goal-list-item" data-goal-id={id}>
      <div ref={ref}>
        {title}
        {requiresMeasurability(node.level) ? (
          <p className="kern-body kern-body--small">
            {t('goals.detail.measurability')}: {gaps.length === 0 ? t('goals.measurable.ok') : t('goals.measurable.missing', { gaps: gapList(t, gaps) })}
          </p>
        ) : null}
        {facts.length > 0 ? (
          <dl className="wr-goal-list__facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {node.indicators.length > 0 ? (
          <ul className="wr-goal-list__indicators" aria-label={t('goals.indicators.caption', { title: goalTitle(t, node) })}>
            {node.indicators.map((ind) => (
              <li key={ind.id}>
                {ind.name || '–'}: {t('goals.indicators.baseline')} {num(ind.baseline, ind.unit)}, {t('goals.indicators.target')} {num(ind.target, ind.unit)},{' '}
                {t('goals.indicators.deadline')} {ind.deadline ? formatIsoDate(ind.deadline, language) : '–'}
                {ind.dataSource ? `, ${t('goals.indicators.dataSource')}: ${ind.dataSource}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {children}
    </li>
  );
});
