/**
 * Search and filter for a goal tree of hundreds of nodes: text (accent-folded), who created a
 * node, its level, whether it has indicators, and its measurability. Matches are shown with
 * their ancestors, so the tree stays readable; the count says how many nodes match
 * ("14 von 500 Knoten"). Looks like the SWOT board's bar (the same `wr-filter` styles).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_LEVELS, type GoalLevel } from '../../../shared/schema/goals';
import { useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_GOAL_FILTER, isGoalFilterActive, type GoalFilter, type GoalsModel, type GoalView } from '../../data/boards/goals';

interface GoalsToolbarProps {
  model: GoalsModel;
  view: GoalView;
  filter: GoalFilter;
  onFilter: (f: GoalFilter) => void;
  announce: (message: string) => void;
}

export function GoalsToolbar({ model, view, filter, onFilter, announce }: GoalsToolbarProps) {
  const { t } = useTranslation();
  const base = useId();
  const [text, setText] = useState(filter.text);
  const active = isGoalFilterActive(filter);
  const narrowed = filter.author !== '' || filter.level !== '' || filter.indicators !== 'any' || filter.measurability !== 'any';
  const [more, setMore] = useState(narrowed);

  // Typing in the search field filters after a short pause, not on every keystroke.
  const latest = useRef(filter);
  latest.current = filter;
  useEffect(() => {
    if (text === latest.current.text) return;
    const id = setTimeout(() => onFilter({ ...latest.current, text }), 150);
    return () => clearTimeout(id);
  }, [text, onFilter]);
  useEffect(() => setText(filter.text), [filter.text]);

  // The result is said once the filter settles.
  useEffect(() => {
    if (!active) return;
    const id = setTimeout(() => announce(view.matched === 0 ? t('goals.filter.noMatch') : t('goals.filter.summary', { shown: view.matched, count: view.total })), 600);
    return () => clearTimeout(id);
  }, [active, view.matched, view.total, announce, t]);

  const version = useStructureVersion(model);
  const authors = useMemo(() => {
    void version;
    return model.authors();
  }, [model, version]);

  const set = (patch: Partial<GoalFilter>) => onFilter({ ...filter, ...patch });

  const select = (id: string, label: string, value: string, onChange: (v: string) => void, options: [string, string][], testId: string) => (
    <div className="kern-form-input wr-filter__field">
      <label className="kern-label" htmlFor={`${base}-${id}`}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select id={`${base}-${id}`} className="kern-form-input__select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
    </div>
  );

  return (
    <div className="wr-filter" data-testid="goal-toolbar">
      <form className="wr-filter__form" role="search" aria-label={t('goals.filter.legend')} onSubmit={(e) => e.preventDefault()}>
        <div className="kern-form-input wr-filter__field wr-filter__field--text">
          <label className="kern-label" htmlFor={`${base}-text`}>
            {t('goals.filter.text')}
          </label>
          <input
            id={`${base}-text`}
            className="kern-form-input__input"
            type="search"
            value={text}
            placeholder={t('goals.filter.textPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onFilter({ ...filter, text });
            }}
            autoComplete="off"
            data-testid="goal-filter-text"
          />
        </div>
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--x-small wr-filter__toggle"
          aria-expanded={more || narrowed}
          aria-controls={`${base}-more`}
          onClick={() => setMore((m) => !m)}
          data-testid="goal-filter-more"
        >
          <span className="kern-icon kern-icon--dehaze" aria-hidden="true" />
          <span className="kern-label">{t('goals.filter.more')}</span>
        </button>
        <p className="wr-filter__summary" data-testid="goal-filter-summary" data-matched={view.matched} data-total={view.total}>
          {active ? t('goals.filter.summary', { shown: view.matched, count: view.total }) : t('goals.filter.all', { count: view.total })}
        </p>
        {active ? (
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onFilter(EMPTY_GOAL_FILTER)} data-testid="goal-filter-reset">
            <span className="kern-icon kern-icon--close" aria-hidden="true" />
            <span className="kern-label">{t('goals.filter.reset')}</span>
          </button>
        ) : null}
        <div className="wr-filter__more" id={`${base}-more`} hidden={!(more || narrowed)}>
          {select('author', t('goals.filter.author'), filter.author, (author) => set({ author }), [['', t('goals.filter.anyAuthor')], ...authors], 'goal-filter-author')}
          {select(
            'level',
            t('goals.filter.level'),
            filter.level,
            (level) => set({ level: level as GoalLevel | '' }),
            [['', t('goals.filter.anyLevel')], ...GOAL_LEVELS.map((l): [string, string] => [l, t(`goals.levels.${l}`)])],
            'goal-filter-level',
          )}
          {select(
            'indicators',
            t('goals.filter.indicators'),
            filter.indicators,
            (indicators) => set({ indicators: indicators as GoalFilter['indicators'] }),
            [
              ['any', t('goals.filter.indicatorsAny')],
              ['with', t('goals.filter.indicatorsWith')],
              ['without', t('goals.filter.indicatorsWithout')],
            ],
            'goal-filter-indicators',
          )}
          {select(
            'measurability',
            t('goals.filter.measurability'),
            filter.measurability,
            (measurability) => set({ measurability: measurability as GoalFilter['measurability'] }),
            [
              ['any', t('goals.filter.measurabilityAny')],
              ['measurable', t('goals.filter.measurable')],
              ['gaps', t('goals.filter.gaps')],
              ['notMeasured', t('goals.filter.notMeasured')],
            ],
            'goal-filter-measurability',
          )}
        </div>
      </form>
      {active && view.matched > 0 ? <p className="kern-body kern-body--small wr-muted wr-filter__hint">{t('goals.filter.contextHint')}</p> : null}
    </div>
  );
}
