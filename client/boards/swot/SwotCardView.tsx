/** One SWOT card: co-edited text, colour, author, evidence ("Beleg") and, for external factors, the assessment. */
import { memo, useId, useMemo, useState, type CSSProperties, type FormEvent, type HTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  ASSESSMENT_LEVELS,
  CARD_COLORS,
  editSwotCardText,
  getSwotCardText,
  updateSwotCard,
  type Assessment,
  type AssessmentLevel,
  type Evidence,
  type SwotCard,
  type SwotCluster,
  type Timing,
} from '../../../shared/schema/swot';
import type { WriteContext } from '../../../shared/schema/items';
import type { ItemStore } from '../../data/boards/itemStore';
import { useStructureVersion } from '../../data/boards/hooks';
import { compareSwotOrder } from '../../../shared/schema/swot';
import { MoveMenu } from '../common/MoveMenu';
import { YTextArea } from '../common/YText';
import { assessmentParts, CARD_COLOR_STYLE, cardAuthors, cardSummary, evidenceLine, quadrantName } from './swotUi';
import type { SwotActions } from './useSwotActions';

export interface CardHandle {
  ref: Ref<HTMLButtonElement>;
  props: HTMLAttributes<HTMLButtonElement>;
}

interface SwotCardViewProps {
  card: SwotCard;
  doc: Y.Doc;
  ctx: WriteContext;
  readOnly: boolean;
  /** 'grid': text field always open; 'list': text as a paragraph with an edit button; 'draft': private. */
  variant: 'grid' | 'list' | 'draft';
  actions: SwotActions;
  /** Ids of the list the card stands in, in order (for "Nach oben" / "Nach unten"). */
  group: readonly string[];
  /** The card's cluster as resolved against the board (the stored one may be gone). */
  clusterId: string | null;
  /** The board's clusters, for the "Gruppe" choice in the details. */
  clusterStore?: ItemStore<SwotCluster>;
  onPublish?: () => void;
  /** Drag handle (grid only). */
  handle?: CardHandle;
  /** Sortable container props (grid only). */
  itemRef?: Ref<HTMLLIElement>;
  itemStyle?: CSSProperties;
  dragging?: boolean;
  /** Merge mode of the moderation: a checkbox to pick this card. */
  pick?: { checked: boolean; onChange: (checked: boolean) => void };
  /** Who is editing this card right now (other people). */
  editors?: readonly string[];
}

export const SwotCardView = memo(function SwotCardView({
  card,
  doc,
  ctx,
  readOnly,
  variant,
  actions,
  group,
  clusterId,
  clusterStore,
  onPublish,
  handle,
  itemRef,
  itemStyle,
  dragging = false,
  pick,
  editors,
}: SwotCardViewProps) {
  const { t, i18n } = useTranslation();
  const [details, setDetails] = useState(false);
  const [editing, setEditing] = useState(false);
  const textId = useId();
  const metaId = useId();
  const detailsId = useId();
  const colour = CARD_COLOR_STYLE[card.color];
  const summary = cardSummary(card) || t('swot.emptyCard');
  const parts = card.assessment ? assessmentParts(t, card.assessment, i18n.language) : [];
  const showTextField = !readOnly && (variant !== 'list' || editing);
  const draft = variant === 'draft';
  const moveActions = useMemo(() => actions.moveActions(card, group, draft), [actions, card, group, draft]);
  const onDelete = () => actions.deleteCard(card, draft);
  const authors = cardAuthors(card);

  return (
    <li
      ref={itemRef}
      className={`wr-card${dragging ? ' wr-card--dragging' : ''}${variant === 'draft' ? ' wr-card--draft' : ''}`}
      style={{ ...itemStyle, '--wr-card-bg': colour.background, '--wr-card-edge': colour.edge } as CSSProperties}
      data-testid={variant === 'draft' ? 'swot-draft-card' : 'swot-card'}
      data-card-id={card.id}
      data-quadrant={card.quadrant}
      data-color={card.color}
    >
      <div className="wr-card__top">
        {handle ? (
          <button
            ref={handle.ref}
            type="button"
            className="wr-card__handle"
            aria-label={t('swot.dragHandle', { text: summary })}
            data-testid="swot-card-handle"
            {...handle.props}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        ) : null}
        <span className="wr-card__author" id={metaId}>
          {variant === 'draft' ? t('swot.draftFor', { quadrant: quadrantName(t, card.quadrant) }) : authors.map((a) => a || t('swot.unknownAuthor')).join(' · ')}
        </span>
        {editors && editors.length > 0 ? (
          <span className="wr-card__editing" data-testid="swot-card-editing">
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            {t('swot.editingBy', { names: editors.slice(0, 2).join(', '), count: editors.length })}
          </span>
        ) : null}
        {pick ? (
          <label className="wr-card__pick">
            <input type="checkbox" checked={pick.checked} onChange={(e) => pick.onChange(e.target.checked)} data-testid="swot-card-pick" />
            <span className="wr-sr-only">{t('swot.merge.pick', { text: summary })}</span>
          </label>
        ) : null}
        <span className="wr-sr-only">{t(`swot.colors.${card.color}`)}</span>
      </div>

      {showTextField ? (
        <>
          <label htmlFor={textId} className="wr-sr-only">
            {t('swot.cardText')}
          </label>
          <YTextArea
            id={textId}
            className="wr-card__text-input"
            text={getSwotCardText(doc, card.id)}
            onEdit={(edit) => editSwotCardText(doc, ctx, card.id, edit)}
            placeholder={t('swot.textPlaceholder')}
            aria-describedby={metaId}
            data-testid="swot-card-text"
            data-focus-key={`text-${card.id}`}
            onKeyDown={(e) => {
              if (variant === 'list' && e.key === 'Escape') setEditing(false);
            }}
          />
        </>
      ) : (
        <p className="wr-card__text" data-testid="swot-card-text-view">
          {card.text || <span className="wr-muted">{t('swot.emptyCard')}</span>}
        </p>
      )}

      {card.evidence ? (
        <p className="wr-card__line" data-testid="swot-card-evidence">
          <strong>{t('swot.evidence.short')}:</strong> {evidenceLine(t, card.evidence, i18n.language)}
        </p>
      ) : null}
      {card.fromTable !== undefined ? (
        <p className="wr-card__line wr-muted" data-testid="swot-card-from-table">
          {t('boards.fromTable', { number: card.fromTable })}
        </p>
      ) : null}
      {card.mergedFrom.length > 0 ? (
        <details className="wr-card__merged" data-testid="swot-card-merged">
          <summary>{t('swot.merge.mergedCount', { count: card.mergedFrom.length })}</summary>
          <ul>
            {card.mergedFrom.map((m) => (
              <li key={m.id}>
                <strong>{m.createdBy.displayName || t('swot.unknownAuthor')}:</strong> {m.text || t('swot.emptyCard')}
                {m.evidence ? (
                  <>
                    {' '}
                    ({t('swot.evidence.short')}: {evidenceLine(t, m.evidence, i18n.language)})
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {parts.length > 0 ? (
        <p className="wr-card__line" data-testid="swot-card-assessment">
          {parts.join(' · ')}
        </p>
      ) : null}

      {!readOnly ? (
        <div className="wr-card__actions">
          {variant === 'list' ? (
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-pressed={editing} onClick={() => setEditing((e) => !e)}>
              <span className="kern-icon kern-icon--edit" aria-hidden="true" />
              <span className="kern-label">
                {t('swot.editText')}
                <span className="wr-sr-only">: {summary}</span>
              </span>
            </button>
          ) : null}
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            aria-expanded={details}
            aria-controls={detailsId}
            onClick={() => setDetails((d) => !d)}
            data-testid="swot-card-details"
          >
            <span className="kern-icon kern-icon--more-vert" aria-hidden="true" />
            <span className="kern-label">
              {t('swot.details')}
              <span className="wr-sr-only">: {summary}</span>
            </span>
          </button>
          <MoveMenu
            label={t('swot.move')}
            ariaLabel={t('swot.moveNamed', { text: summary })}
            actions={moveActions}
            testId="swot-card-move"
            focusKey={`move-${card.id}`}
            small
          />
          {onPublish ? (
            <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={onPublish} data-testid="swot-publish">
              <span className="kern-icon kern-icon--visibility" aria-hidden="true" />
              <span className="kern-label">
                {t('swot.drafts.publish')}
                <span className="wr-sr-only">: {summary}</span>
              </span>
            </button>
          ) : null}
          {actions.mayDeleteCard(card, draft) ? (
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small wr-card__delete" onClick={onDelete} data-testid="swot-card-delete">
              <span className="kern-icon kern-icon--delete" aria-hidden="true" />
              <span className="kern-label">
                {t('swot.delete')}
                <span className="wr-sr-only">: {summary}</span>
              </span>
            </button>
          ) : null}
        </div>
      ) : null}
      {details && !readOnly ? (
        <div id={detailsId}>
          <SwotCardDetails card={card} doc={doc} ctx={ctx} clusterStore={clusterStore} clusterId={clusterId} draft={draft} />
        </div>
      ) : null}
    </li>
  );
});

const NO_CLUSTERS: readonly SwotCluster[] = [];

/** The clusters of one quadrant, kept current while the details are open. */
function useQuadrantClusters(store: ItemStore<SwotCluster> | undefined, quadrant: SwotCard['quadrant']): readonly SwotCluster[] {
  const fallback = useMemo(() => ({ subscribeStructure: () => () => {}, structureVersion: 0 }), []);
  const version = useStructureVersion(store ?? fallback);
  return useMemo(() => {
    void version;
    if (!store) return NO_CLUSTERS;
    return [...store.values()].filter((c) => c.quadrant === quadrant).sort(compareSwotOrder);
  }, [store, quadrant, version]);
}

function SwotCardDetails({
  card,
  doc,
  ctx,
  clusterStore,
  clusterId,
  draft,
}: {
  card: SwotCard;
  doc: Y.Doc;
  ctx: WriteContext;
  clusterStore: ItemStore<SwotCluster> | undefined;
  clusterId: string | null;
  draft: boolean;
}) {
  const { t } = useTranslation();
  const base = useId();
  const ownClusters = useQuadrantClusters(clusterStore, card.quadrant);

  return (
    <div className="wr-card__details" data-testid="swot-card-details-panel">
      <fieldset className="wr-fieldset">
        <legend className="kern-label">{t('swot.color')}</legend>
        <div className="wr-swatches">
          {CARD_COLORS.map((c) => (
            <label key={c} className="wr-swatch" style={{ '--wr-card-bg': CARD_COLOR_STYLE[c].background, '--wr-card-edge': CARD_COLOR_STYLE[c].edge } as CSSProperties}>
              <input
                type="radio"
                name={`${base}-color`}
                value={c}
                checked={card.color === c}
                onChange={() => updateSwotCard(doc, ctx, card.id, { color: c })}
                data-testid={`swot-color-${c}`}
              />
              <span>{t(`swot.colors.${c}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {!draft ? (
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${base}-cluster`}>
            {t('swot.clusters.label')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${base}-cluster`}
              className="kern-form-input__select"
              value={clusterId ?? ''}
              onChange={(e) => updateSwotCard(doc, ctx, card.id, { clusterId: e.target.value || null })}
              data-testid="swot-card-cluster"
            >
              <option value="">{t('swot.clusters.none')}</option>
              {ownClusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title || t('swot.clusters.untitled')}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}

      <EvidenceForm card={card} onSave={(evidence) => updateSwotCard(doc, ctx, card.id, { evidence })} />
      {card.scope === 'extern' ? <AssessmentFields card={card} onChange={(assessment) => updateSwotCard(doc, ctx, card.id, { assessment })} /> : null}
    </div>
  );
}

function parseNumber(raw: string): number | null {
  const cleaned = raw.trim().replace(/\s/g, '');
  if (cleaned === '') return null;
  // German input uses a decimal comma ("6,2"); thousands dots are dropped when a comma is present.
  const normalised = cleaned.includes(',') ? cleaned.replace(/\./g, '').replace(',', '.') : cleaned;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

function EvidenceForm({ card, onSave }: { card: SwotCard; onSave: (evidence: Evidence | null) => void }) {
  const { t, i18n } = useTranslation();
  const base = useId();
  const ev = card.evidence;
  const [indicator, setIndicator] = useState(ev?.indicator ?? '');
  const [value, setValue] = useState(ev?.value === null || ev === null ? '' : ev.value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { useGrouping: false }));
  const [unit, setUnit] = useState(ev?.unit ?? '');
  const [year, setYear] = useState(ev?.year === null || ev === null ? '' : String(ev.year));
  const [source, setSource] = useState(ev?.source ?? '');
  const [error, setError] = useState<string | undefined>();

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = parseNumber(value);
    if (value.trim() !== '' && v === null) return setError(t('swot.evidence.valueInvalid'));
    const y = year.trim() === '' ? null : Number(year);
    if (y !== null && (!Number.isInteger(y) || y < 1000 || y > 9999)) return setError(t('swot.evidence.yearInvalid'));
    setError(undefined);
    if (!indicator.trim() && v === null && !source.trim()) return onSave(null);
    onSave({ indicator: indicator.trim(), value: v, unit: unit.trim(), year: y, source: source.trim() });
  }

  const field = (id: string, label: string, val: string, set: (s: string) => void, extra: { inputMode?: 'decimal' | 'numeric'; testId: string }) => (
    <div className="kern-form-input wr-card__field">
      <label className="kern-label" htmlFor={`${base}-${id}`}>
        {label}
      </label>
      <input
        id={`${base}-${id}`}
        className="kern-form-input__input"
        type="text"
        inputMode={extra.inputMode}
        value={val}
        onChange={(e) => set(e.target.value)}
        data-testid={extra.testId}
        autoComplete="off"
      />
    </div>
  );

  return (
    <form className="wr-card__evidence" onSubmit={submit} noValidate>
      <fieldset className="wr-fieldset">
        <legend className="kern-label">{t('swot.evidence.legend')}</legend>
        <div className="wr-card__grid">
          {field('indicator', t('swot.evidence.indicator'), indicator, setIndicator, { testId: 'swot-evidence-indicator' })}
          {field('value', t('swot.evidence.value'), value, setValue, { inputMode: 'decimal', testId: 'swot-evidence-value' })}
          {field('unit', t('swot.evidence.unit'), unit, setUnit, { testId: 'swot-evidence-unit' })}
          {field('year', t('swot.evidence.year'), year, setYear, { inputMode: 'numeric', testId: 'swot-evidence-year' })}
          {field('source', t('swot.evidence.source'), source, setSource, { testId: 'swot-evidence-source' })}
        </div>
        {error ? (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
        <div className="wr-actions">
          <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" data-testid="swot-evidence-save">
            <span className="kern-label">{t('swot.evidence.save')}</span>
          </button>
          {card.evidence ? (
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => onSave(null)}>
              <span className="kern-label">{t('swot.evidence.remove')}</span>
            </button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

const TIMING_CHOICES = ['short', 'medium', 'long', 'date'] as const;

function AssessmentFields({ card, onChange }: { card: SwotCard; onChange: (a: Assessment) => void }) {
  const { t } = useTranslation();
  const base = useId();
  const a: Assessment = card.assessment ?? { probability: null, timing: null, impact: null };
  const timingChoice = a.timing === null ? '' : typeof a.timing === 'string' ? a.timing : 'date';
  const [dateDraft, setDateDraft] = useState(a.timing !== null && typeof a.timing === 'object' ? a.timing.date : '');
  const [pendingDate, setPendingDate] = useState(false);

  const levelSelect = (key: 'probability' | 'impact', label: string) => (
    <div className="kern-form-input wr-card__field">
      <label className="kern-label" htmlFor={`${base}-${key}`}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={`${base}-${key}`}
          className="kern-form-input__select"
          value={a[key] ?? ''}
          onChange={(e) => onChange({ ...a, [key]: (e.target.value || null) as AssessmentLevel | null })}
          data-testid={`swot-assessment-${key}`}
        >
          <option value="">{t('swot.levels.none')}</option>
          {ASSESSMENT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`swot.levels.${l}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );

  function setTiming(choice: string) {
    let timing: Timing | null = null;
    if (choice === 'short' || choice === 'medium' || choice === 'long') timing = choice;
    else if (choice === 'date') timing = /^\d{4}-\d{2}-\d{2}$/.test(dateDraft) ? { date: dateDraft } : null;
    if (choice === 'date' && timing === null) {
      // Wait for a date before writing; show the date field meanwhile.
      setPendingDate(true);
      return;
    }
    setPendingDate(false);
    onChange({ ...a, timing });
  }
  const showDate = timingChoice === 'date' || pendingDate;

  return (
    <fieldset className="wr-fieldset" data-testid="swot-assessment">
      <legend className="kern-label">{t('swot.assessment.legend')}</legend>
      <div className="wr-card__grid">
        {levelSelect('probability', t('swot.assessment.probability'))}
        <div className="kern-form-input wr-card__field">
          <label className="kern-label" htmlFor={`${base}-timing`}>
            {t('swot.assessment.timing')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${base}-timing`}
              className="kern-form-input__select"
              value={showDate ? 'date' : timingChoice}
              onChange={(e) => setTiming(e.target.value)}
              data-testid="swot-assessment-timing"
            >
              <option value="">{t('swot.levels.none')}</option>
              {TIMING_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t(`swot.timing.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {showDate ? (
          <div className="kern-form-input wr-card__field">
            <label className="kern-label" htmlFor={`${base}-date`}>
              {t('swot.assessment.date')}
            </label>
            <input
              id={`${base}-date`}
              className="kern-form-input__input"
              type="date"
              value={dateDraft}
              onChange={(e) => {
                setDateDraft(e.target.value);
                if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) {
                  setPendingDate(false);
                  onChange({ ...a, timing: { date: e.target.value } });
                }
              }}
              data-testid="swot-assessment-date"
            />
          </div>
        ) : null}
        {levelSelect('impact', t('swot.assessment.impact'))}
      </div>
    </fieldset>
  );
}
