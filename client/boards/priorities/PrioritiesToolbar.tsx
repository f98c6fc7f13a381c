/** Search and filter for the ranking: text, who wrote a topic, where it came from, the municipality's role, a vote result. */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MUNICIPAL_ROLES } from '../../../shared/schema/priorities';
import { useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_PRIORITY_FILTER, isPriorityFilterActive, type PrioritiesModel, type PriorityFilter, type PriorityStructure } from '../../data/boards/priorities';
import { FilterToolbar, type FilterSelect } from '../common/FilterToolbar';

interface PrioritiesToolbarProps {
  model: PrioritiesModel;
  structure: PriorityStructure;
  filter: PriorityFilter;
  onFilter: (f: PriorityFilter) => void;
  announce: (message: string) => void;
}

export function PrioritiesToolbar({ model, structure, filter, onFilter, announce }: PrioritiesToolbarProps) {
  const { t } = useTranslation();
  const active = isPriorityFilterActive(filter);
  const narrowed = filter.author !== '' || filter.source !== '' || filter.role !== '' || filter.vote !== 'any';
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  });
  const onText = useCallback((text: string) => onFilter({ ...latest.current, text }), [onFilter]);

  const version = useStructureVersion(model);
  // Authors do not change when a topic moves, but a new topic may bring a new one.
  const authors = useMemo(() => {
    void version;
    return model.authors();
  }, [model, version]);

  const set = (patch: Partial<PriorityFilter>) => onFilter({ ...filter, ...patch });
  const selects: FilterSelect[] = [
    { key: 'author', label: t('priorities.filter.author'), value: filter.author, onChange: (author) => set({ author }), options: [['', t('priorities.filter.anyAuthor')], ...authors], testId: 'priority-filter-author' },
    {
      key: 'source',
      label: t('priorities.filter.source'),
      value: filter.source,
      onChange: (source) => set({ source: source as PriorityFilter['source'] }),
      options: [
        ['', t('priorities.filter.anySource')],
        ['swot', t('priorities.filter.sourceSwot')],
        ['goals', t('priorities.filter.sourceGoals')],
        ['none', t('priorities.filter.sourceNone')],
      ],
      testId: 'priority-filter-source',
    },
    {
      key: 'role',
      label: t('priorities.role.legend'),
      value: filter.role,
      onChange: (role) => set({ role: role as PriorityFilter['role'] }),
      options: [['', t('priorities.filter.anyRole')], ...MUNICIPAL_ROLES.map((r): [string, string] => [r, t(`priorities.role.${r}`)]), ['open', t('priorities.role.open')]],
      testId: 'priority-filter-role',
    },
    {
      key: 'vote',
      label: t('priorities.filter.vote'),
      value: filter.vote,
      onChange: (vote) => set({ vote: vote as PriorityFilter['vote'] }),
      options: [
        ['any', t('priorities.filter.voteAny')],
        ['with', t('priorities.filter.voteWith')],
        ['without', t('priorities.filter.voteWithout')],
      ],
      testId: 'priority-filter-vote',
    },
  ];

  return (
    <FilterToolbar
      testIdPrefix="priority"
      labels={{
        legend: t('priorities.filter.legend'),
        text: t('priorities.filter.text'),
        textPlaceholder: t('priorities.filter.textPlaceholder'),
        more: t('priorities.filter.more'),
        reset: t('priorities.filter.reset'),
        noMatch: t('priorities.filter.noMatch'),
      }}
      text={filter.text}
      onText={onText}
      selects={selects}
      narrowed={narrowed}
      active={active}
      onReset={() => onFilter(EMPTY_PRIORITY_FILTER)}
      summary={active ? t('priorities.filter.summary', { shown: structure.shown, count: structure.total }) : t('priorities.filter.all', { count: structure.total })}
      shown={structure.shown}
      announce={announce}
    />
  );
}
