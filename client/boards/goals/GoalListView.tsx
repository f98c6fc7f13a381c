/**
 * The list twin of the goal tree (the frame's "Listenansicht"): the whole tree as nested lists with
 * every field and indicator written out, for reading with a screen reader or printing. Editing
 * happens in the outline; this view only reads.
 */
import { useTranslation } from 'react-i18next';
import { measurability, requiresMeasurability, type GoalNode, type GoalTree } from '../../../shared/schema/goals';
import { formatIsoDate } from '../../lib/dates';
import { formatNumber, gapList, goalTitle } from './labels';

export function GoalListView({ tree }: { tree: GoalTree }) {
  const { t } = useTranslation();
  if (tree.nodes.length === 0) return <p className="kern-body wr-muted">{t('goals.outline.emptyReadOnly')}</p>;
  return (
    <ul className="wr-goal-list" data-testid="goal-list">
      {tree.rootIds.map((id) => (
        <GoalListItem key={id} tree={tree} id={id} />
      ))}
    </ul>
  );
}

function GoalListItem({ tree, id }: { tree: GoalTree; id: string }) {
  const { t, i18n } = useTranslation();
  const node = tree.byId.get(id) as GoalNode;
  const gaps = measurability(node);
  const facts: [string, string][] = [];
  if (node.description.trim()) facts.push([t('goals.detail.description'), node.description]);
  if (node.zielfeld) facts.push([t('goals.detail.zielfeld'), t(`goals.zielfelder.${node.zielfeld}`)]);
  if (node.targetGroup.trim()) facts.push([t('goals.detail.targetGroup'), node.targetGroup]);
  if (node.area.trim()) facts.push([t('goals.detail.area'), node.area]);
  if (node.owner.trim()) facts.push([t('goals.detail.owner'), node.owner]);
  const num = (v: number | null, unit: string) => (v === null ? '–' : `${formatNumber(v, i18n.language)}${unit ? ` ${unit}` : ''}`);
  return (
    <li className={`wr-goal-list__item wr-level--${node.level}`} data-testid="goal-list-item" data-goal-id={node.id}>
      <p className="wr-goal-list__title">
        <span className="wr-level-tag">{t(`goals.levels.${node.level}`)}:</span> <strong>{goalTitle(t, node)}</strong>
      </p>
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
              {t('goals.indicators.deadline')} {ind.deadline ? formatIsoDate(ind.deadline, i18n.language) : '–'}
              {ind.dataSource ? `, ${t('goals.indicators.dataSource')}: ${ind.dataSource}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {node.childIds.length > 0 ? (
        <ul className="wr-goal-list">
          {node.childIds.map((c) => (
            <GoalListItem key={c} tree={tree} id={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
