/** Search and filter for the action plan: text, who wrote, one goal, the goal's owner, one Zielfeld, consistency. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ZIELFELDER, type Zielfeld } from '../../../shared/schema/goals';
import { useStructureVersion } from '../../data/boards/hooks';
import {
  actionAuthors,
  EMPTY_ACTION_FILTER,
  goalOwners,
  isActionFilterActive,
  NO_OWNER,
  type ActionFilter,
  type ActionPlanView,
  type ActionStructure,
} from '../../data/boards/actions';
import { FilterToolbar, type FilterSelect } from '../common/FilterToolbar';

interface ActionsToolbarProps {
  planView: ActionPlanView;
  structure: ActionStructure;
  filter: ActionFilter;
  onFilter: (f: ActionFilter) => void;
  announce: (message: string) => void;
}

export function ActionsToolbar({ planView, structure, filter, onFilter, announce }: ActionsToolbarProps) {
  const { t } = useTranslation();
  const { plan, goals } = planView;
  const active = isActionFilterActive(filter);
  const narrowed = filter.author !== '' || filter.goal !== '' || filter.owner !== '' || filter.zielfeld !== '' || filter.status !== 'any';
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  });
  const onText = useCallback((text: string) => onFilter({ ...latest.current, text }), [onFilter]);

  // Choices follow the structure (new goals, new entries); names typed meanwhile show on the next change.
  const planVersion = useStructureVersion(plan);
  const goalsVersion = useStructureVersion(goals);
  const authors = useMemo(() => {
    void planVersion;
    return actionAuthors(plan);
  }, [plan, planVersion]);
  const choices = useMemo(() => {
    void goalsVersion;
    return {
      goals: goals.outline().strategic.map((id): [string, string] => [id, goals.items.get(id)?.title.trim() || t('actions.untitled')]),
      owners: goalOwners(goals),
    };
  }, [goals, goalsVersion, t]);

  const set = (patch: Partial<ActionFilter>) => onFilter({ ...filter, ...patch });
  const selects: FilterSelect[] = [
    { key: 'author', label: t('actions.filter.author'), value: filter.author, onChange: (author) => set({ author }), options: [['', t('actions.filter.anyAuthor')], ...authors], testId: 'action-filter-author' },
    { key: 'goal', label: t('actions.filter.goal'), value: filter.goal, onChange: (goal) => set({ goal }), options: [['', t('actions.filter.anyGoal')], ...choices.goals], testId: 'action-filter-goal' },
    {
      key: 'owner',
      label: t('actions.filter.owner'),
      value: filter.owner,
      onChange: (owner) => set({ owner }),
      options: [['', t('actions.filter.anyOwner')], ...choices.owners.map((o): [string, string] => [o, o]), [NO_OWNER, t('actions.filter.noOwner')]],
      testId: 'action-filter-owner',
    },
    {
      key: 'zielfeld',
      label: t('actions.filter.zielfeld'),
      value: filter.zielfeld,
      onChange: (zielfeld) => set({ zielfeld: zielfeld as Zielfeld | '' }),
      options: [['', t('actions.filter.anyZielfeld')], ...ZIELFELDER.map((z): [string, string] => [z, t(`actions.fields.${z}.title`)])],
      testId: 'action-filter-zielfeld',
    },
    {
      key: 'status',
      label: t('actions.filter.status'),
      value: filter.status,
      onChange: (status) => set({ status: status as ActionFilter['status'] }),
      options: [
        ['any', t('actions.filter.statusAny')],
        ['open', t('actions.filter.statusOpen')],
        ['complete', t('actions.filter.statusComplete')],
      ],
      testId: 'action-filter-status',
    },
  ];

  return (
    <FilterToolbar
      testIdPrefix="action"
      labels={{
        legend: t('actions.filter.legend'),
        text: t('actions.filter.text'),
        textPlaceholder: t('actions.filter.textPlaceholder'),
        more: t('actions.filter.more'),
        reset: t('actions.filter.reset'),
        noMatch: t('actions.filter.noMatch'),
      }}
      text={filter.text}
      onText={onText}
      selects={selects}
      narrowed={narrowed}
      active={active || filter.zielfeld !== ''}
      onReset={() => onFilter(EMPTY_ACTION_FILTER)}
      summary={active ? t('actions.filter.summary', { shown: structure.shown, count: structure.total }) : t('actions.filter.all', { count: structure.total })}
      shown={structure.shown}
      announce={announce}
    />
  );
}
