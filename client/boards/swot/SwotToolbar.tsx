/**
 * Tools for a board of hundreds of cards: search and filter (text, author, field, group,
 * evidence) with the count of what is shown, and — for the moderation — merging duplicate cards.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SWOT_QUADRANTS, type SwotQuadrant } from '../../../shared/schema/swot';
import { useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_SWOT_FILTER, isFilterActive, NO_CLUSTER, type SwotFilter, type SwotModel, type SwotStructure } from '../../data/boards/swot';
import { quadrantName } from './swotUi';
import type { SwotActions } from './useSwotActions';

export interface MergeState {
  /** Picked card ids; the first one is kept. */
  ids: readonly string[];
}

interface SwotToolbarProps {
  model: SwotModel;
  structure: SwotStructure;
  filter: SwotFilter;
  onFilter: (f: SwotFilter) => void;
  canMerge: boolean;
  merge: MergeState | null;
  onMerge: (m: MergeState | null) => void;
  actions: SwotActions;
  announce: (message: string) => void;
}

export function SwotToolbar({ model, structure, filter, onFilter, canMerge, merge, onMerge, actions, announce }: SwotToolbarProps) {
  const { t } = useTranslation();
  const base = useId();
  const [text, setText] = useState(filter.text);
  const [mergeError, setMergeError] = useState<string | undefined>();
  const active = isFilterActive(filter);
  const narrowed = filter.author !== '' || filter.quadrant !== '' || filter.cluster !== '' || filter.evidence !== 'any';
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
    const id = setTimeout(() => announce(structure.shown === 0 ? t('swot.filter.noMatch') : t('swot.filter.summary', { shown: structure.shown, count: structure.total })), 600);
    return () => clearTimeout(id);
  }, [active, structure.shown, structure.total, announce, t]);

  const version = useStructureVersion(model.cards);
  const authors = useMemo(() => {
    void version;
    const byId = new Map<string, string>();
    for (const card of model.cards.values()) {
      for (const a of [card.createdBy, ...card.mergedFrom.map((m) => m.createdBy)]) {
        if (a.participantId && !byId.has(a.participantId)) byId.set(a.participantId, a.displayName);
      }
    }
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'de'));
  }, [model, version]);

  const set = (patch: Partial<SwotFilter>) => onFilter({ ...filter, ...patch });

  function doMerge() {
    if (!merge) return;
    const [keep, ...others] = merge.ids;
    const keepCard = keep ? model.cards.get(keep) : undefined;
    if (!keepCard || others.length === 0) return setMergeError(t('swot.merge.needTwo'));
    if (others.some((id) => model.cards.get(id)?.quadrant !== keepCard.quadrant)) {
      return setMergeError(t('swot.merge.sameQuadrant', { quadrant: quadrantName(t, keepCard.quadrant) }));
    }
    setMergeError(undefined);
    actions.merge(keepCard.id, others);
    onMerge(null);
  }

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
    <div className="wr-filter" data-testid="swot-toolbar">
      <form className="wr-filter__form" role="search" aria-label={t('swot.filter.legend')} onSubmit={(e) => e.preventDefault()}>
        <div className="kern-form-input wr-filter__field wr-filter__field--text">
          <label className="kern-label" htmlFor={`${base}-text`}>
            {t('swot.filter.text')}
          </label>
          <input
            id={`${base}-text`}
            className="kern-form-input__input"
            type="search"
            value={text}
            placeholder={t('swot.filter.textPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onFilter({ ...filter, text });
            }}
            autoComplete="off"
            data-testid="swot-filter-text"
          />
        </div>
        <button
          type="button"
          className="kern-btn kern-btn--tertiary kern-btn--x-small wr-filter__toggle"
          aria-expanded={more || narrowed}
          aria-controls={`${base}-more`}
          onClick={() => setMore((m) => !m)}
          data-testid="swot-filter-more"
        >
          <span className="kern-icon kern-icon--filter-list" aria-hidden="true" />
          <span className="kern-label">{t('swot.filter.more')}</span>
        </button>
        <p className="wr-filter__summary" data-testid="swot-filter-summary">
          {active ? t('swot.filter.summary', { shown: structure.shown, count: structure.total }) : t('swot.filter.all', { count: structure.total })}
        </p>
        {active ? (
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onFilter(EMPTY_SWOT_FILTER)} data-testid="swot-filter-reset">
            <span className="kern-icon kern-icon--close" aria-hidden="true" />
            <span className="kern-label">{t('swot.filter.reset')}</span>
          </button>
        ) : null}
        <div className="wr-filter__more" id={`${base}-more`} hidden={!(more || narrowed)}>
          {select('author', t('swot.filter.author'), filter.author, (author) => set({ author }), [['', t('swot.filter.anyAuthor')], ...authors], 'swot-filter-author')}
          {select(
            'quadrant',
            t('swot.filter.quadrant'),
            filter.quadrant,
            (quadrant) => set({ quadrant: quadrant as SwotQuadrant | '' }),
            [['', t('swot.filter.anyQuadrant')], ...SWOT_QUADRANTS.map((q): [string, string] => [q, quadrantName(t, q)])],
            'swot-filter-quadrant',
          )}
          {select(
            'cluster',
            t('swot.filter.cluster'),
            filter.cluster,
            (cluster) => set({ cluster }),
            [
              ['', t('swot.filter.anyCluster')],
              [NO_CLUSTER, t('swot.filter.noCluster')],
              ...structure.clusters.map((c): [string, string] => [c.id, `${c.title || t('swot.clusters.untitled')} (${quadrantName(t, c.quadrant)})`]),
            ],
            'swot-filter-cluster',
          )}
          {select(
            'evidence',
            t('swot.filter.evidence'),
            filter.evidence,
            (evidence) => set({ evidence: evidence as SwotFilter['evidence'] }),
            [
              ['any', t('swot.filter.evidenceAny')],
              ['with', t('swot.filter.evidenceWith')],
              ['without', t('swot.filter.evidenceWithout')],
            ],
            'swot-filter-evidence',
          )}
        </div>
      </form>
      {active && structure.shown === 0 ? (
        <p className="wr-muted" data-testid="swot-filter-empty">
          {t('swot.filter.noMatch')}
        </p>
      ) : null}
      {canMerge ? (
        <div className="wr-filter__merge">
          {merge ? (
            <>
              <p className="kern-body kern-body--small" id={`${base}-merge-hint`}>
                {t('swot.merge.hint')}
              </p>
              <p className="kern-body kern-body--small" aria-live="polite" data-testid="swot-merge-count">
                {t('swot.merge.selected', { count: merge.ids.length })}
              </p>
              <button type="button" className="kern-btn kern-btn--primary kern-btn--x-small" onClick={doMerge} aria-describedby={`${base}-merge-hint`} data-testid="swot-merge-confirm">
                <span className="kern-label">{t('swot.merge.confirm')}</span>
              </button>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                onClick={() => {
                  setMergeError(undefined);
                  onMerge(null);
                }}
              >
                <span className="kern-label">{t('swot.merge.cancel')}</span>
              </button>
              {mergeError ? (
                <p className="kern-error" role="alert" data-testid="swot-merge-error">
                  <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                  <span className="kern-body">{mergeError}</span>
                </p>
              ) : null}
            </>
          ) : (
            <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => onMerge({ ids: [] })} data-testid="swot-merge-start">
              <span className="kern-icon kern-icon--content-copy" aria-hidden="true" />
              <span className="kern-label">{t('swot.merge.start')}</span>
            </button>
          )}
        </div>
      ) : null}
    </div>
  );
}
