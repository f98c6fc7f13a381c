/**
 * Search and filter for a goal tree of hundreds of nodes: text (accent-folded), who created a
 * node, its level, whether it has indicators, and its measurability — in the boards' common
 * FilterToolbar. Matches are shown with their ancestors, so the tree stays readable; the count says
 * how many nodes match ("14 von 500 Knoten").
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_LEVELS, type GoalLevel } from '../../../shared/schema/goals';
import { useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_GOAL_FILTER, isGoalFilterActive, type GoalFilter, type GoalsModel, type GoalView } from '../../data/boards/goals';
import { FilterToolbar, type FilterSelect } from '../common/FilterToolbar';

interface GoalsToolbarProps {
  model: GoalsModel;
  view: GoalView;
  filter: GoalFilter;
  onFilter: (f: GoalFilter) => void;
  announce: (message: string) => void;
}

export function GoalsToolbar({ model, view, filter, onFilter, announce }: GoalsToolbarProps) {
  const { t } = useTranslation();
  const active = isGoalFilterActive(filter);
  const narrowed = filter.author !== '' || filter.level !== '' || filter.indicators !== 'any' || filter.measurability !== 'any';
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  });
  const onText = useCallback((text: string) => onFilter({ ...latest.current, text }), [onFilter]);

  const version = useStructureVersion(model);
  // A new node may bring a new author.
  const authors = useMemo(() => {
    void version;
    return model.authors();
  }, [model, version]);

  const set = (patch: Partial<GoalFilter>) => onFilter({ ...filter, ...patch });
  const selects: FilterSelect[] = [
    { key: 'author', label: t('goals.filter.author'), value: filter.author, onChange: (author) => set({ author }), options: [['', t('goals.filter.anyAuthor')], ...authors], testId: 'goal-filter-author' },
    {
      key: 'level',
      label: t('goals.filter.level'),
      value: filter.level,
      onChange: (level) => set({ level: level as GoalLevel | '' }),
      options: [['', t('goals.filter.anyLevel')], ...GOAL_LEVELS.map((l): [string, string] => [l, t(`goals.levels.${l}`)])],
      testId: 'goal-filter-level',
    },
    {
      key: 'indicators',
      label: t('goals.filter.indicators'),
      value: filter.indicators,
      onChange: (indicators) => set({ indicators: indicators as GoalFilter['indicators'] }),
      options: [
        ['any', t('goals.filter.indicatorsAny')],
        ['with', t('goals.filter.indicatorsWith')],
        ['without', t('goals.filter.indicatorsWithout')],
      ],
      testId: 'goal-filter-indicators',
    },
    {
      key: 'measurability',
      label: t('goals.filter.measurability'),
      value: filter.measurability,
      onChange: (measurability) => set({ measurability: measurability as GoalFilter['measurability'] }),
      options: [
        ['any', t('goals.filter.measurabilityAny')],
        ['measurable', t('goals.filter.measurable')],
        ['gaps', t('goals.filter.gaps')],
        ['notMeasured', t('goals.filter.notMeasured')],
      ],
      testId: 'goal-filter-measurability',
    },
  ];

  return (
    <FilterToolbar
      testIdPrefix="goal"
      labels={{
        legend: t('goals.filter.legend'),
        text: t('goals.filter.text'),
        textPlaceholder: t('goals.filter.textPlaceholder'),
        more: t('goals.filter.more'),
        reset: t('goals.filter.reset'),
        noMatch: t('goals.filter.noMatch'),
      }}
      text={filter.text}
      onText={onText}
      selects={selects}
      narrowed={narrowed}
      active={active}
      onReset={() => onFilter(EMPTY_GOAL_FILTER)}
      summary={active ? t('goals.filter.summary', { shown: view.matched, count: view.total }) : t('goals.filter.all', { count: view.total })}
      shown={view.matched}
      announce={announce}
    >
      {active && view.matched > 0 ? <p className="kern-body kern-body--small wr-muted wr-filter__hint">{t('goals.filter.contextHint')}</p> : null}
    </FilterToolbar>
  );
}
