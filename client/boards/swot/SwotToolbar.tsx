/**
 * Tools for a board of hundreds of cards: search and filter (text, author, field, group,
 * evidence) with the count of what is shown (the common FilterToolbar), and — for the moderation —
 * merging duplicate cards.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SWOT_QUADRANTS, type SwotQuadrant } from '../../../shared/schema/swot';
import { useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_SWOT_FILTER, isFilterActive, NO_CLUSTER, type SwotFilter, type SwotModel, type SwotStructure } from '../../data/boards/swot';
import { FilterToolbar, type FilterSelect } from '../common/FilterToolbar';
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
  const [mergeError, setMergeError] = useState<string | undefined>();
  const active = isFilterActive(filter);
  const narrowed = filter.author !== '' || filter.quadrant !== '' || filter.cluster !== '' || filter.evidence !== 'any';
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  });
  const onText = useCallback((text: string) => onFilter({ ...latest.current, text }), [onFilter]);

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

  const selects: FilterSelect[] = [
    { key: 'author', label: t('swot.filter.author'), value: filter.author, onChange: (author) => set({ author }), options: [['', t('swot.filter.anyAuthor')], ...authors], testId: 'swot-filter-author' },
    {
      key: 'quadrant',
      label: t('swot.filter.quadrant'),
      value: filter.quadrant,
      onChange: (quadrant) => set({ quadrant: quadrant as SwotQuadrant | '' }),
      options: [['', t('swot.filter.anyQuadrant')], ...SWOT_QUADRANTS.map((q): [string, string] => [q, quadrantName(t, q)])],
      testId: 'swot-filter-quadrant',
    },
    {
      key: 'cluster',
      label: t('swot.filter.cluster'),
      value: filter.cluster,
      onChange: (cluster) => set({ cluster }),
      options: [
        ['', t('swot.filter.anyCluster')],
        [NO_CLUSTER, t('swot.filter.noCluster')],
        ...structure.clusters.map((c): [string, string] => [c.id, `${c.title || t('swot.clusters.untitled')} (${quadrantName(t, c.quadrant)})`]),
      ],
      testId: 'swot-filter-cluster',
    },
    {
      key: 'evidence',
      label: t('swot.filter.evidence'),
      value: filter.evidence,
      onChange: (evidence) => set({ evidence: evidence as SwotFilter['evidence'] }),
      options: [
        ['any', t('swot.filter.evidenceAny')],
        ['with', t('swot.filter.evidenceWith')],
        ['without', t('swot.filter.evidenceWithout')],
      ],
      testId: 'swot-filter-evidence',
    },
  ];

  return (
    <FilterToolbar
      testIdPrefix="swot"
      labels={{
        legend: t('swot.filter.legend'),
        text: t('swot.filter.text'),
        textPlaceholder: t('swot.filter.textPlaceholder'),
        more: t('swot.filter.more'),
        reset: t('swot.filter.reset'),
        noMatch: t('swot.filter.noMatch'),
      }}
      text={filter.text}
      onText={onText}
      selects={selects}
      narrowed={narrowed}
      active={active}
      onReset={() => onFilter(EMPTY_SWOT_FILTER)}
      summary={active ? t('swot.filter.summary', { shown: structure.shown, count: structure.total }) : t('swot.filter.all', { count: structure.total })}
      shown={structure.shown}
      announce={announce}
    >
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
    </FilterToolbar>
  );
}
