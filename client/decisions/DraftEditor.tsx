/**
 * The live draft, co-edited in the session's `decisions` document: short texts bound to
 * `Y.Text`s, prose in Tiptap, choices as radio groups, and the tables. Read-only for observers,
 * participants without edit rights and while the moderation has locked the document.
 */
import { memo, useCallback, useEffect, useId, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { COST_CATEGORIES, FINANZ_AUSWIRKUNGEN, OEFFENTLICHKEIT, VERBINDLICHKEITSSTUFEN, ZUSTAENDIGKEITEN, type DecisionField, type ProseField, type RowCollection } from '../../shared/decision';
import type { DecisionDraftDetail } from '../../shared/decisionApi';
import { DRAFT_TEXT_FIELDS, draftMapName, editDraftText, getDraftText, readDraftChoices, setDraftChoices, type DraftTextField } from '../../shared/schema/decisions';
import { GOAL_LEVELS, ZIELFELDER } from '../../shared/schema/goals';
import { isIsoDate, type WriteContext } from '../../shared/schema/items';
import { MUNICIPAL_ROLES } from '../../shared/schema/priorities';
import { SWOT_QUADRANTS } from '../../shared/schema/swot';
import { YTextArea, YTextInput } from '../boards/common/YText';
import { ErrorBoundary } from '../components/ErrorBoundary';
import type { PresenceUser } from '../data/docs/presence';
import { fieldAnchor } from './format';
import { ProseEditor } from './ProseEditor';
import { ConsensusLine, RowProvenance, SourceLink } from './Provenance';
import { DraftRowsModel } from '../data/boards/decisionRows';
import { RowTable, type Column, type ColumnOption, type OptionsSource, type RowValues } from './RowTable';

interface DraftEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  draft: DecisionDraftDetail;
  ctx: WriteContext;
  readOnly: boolean;
  user: PresenceUser;
  sessionId: string;
}

function Section({ field, children, testId }: { field: DecisionField; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <section className="wr-dec-section" id={fieldAnchor(field)} aria-labelledby={`${fieldAnchor(field)}-h`} data-testid={testId ?? `decision-section-${field}`} tabIndex={-1}>
      <h3 id={`${fieldAnchor(field)}-h`} className="kern-heading-small">
        {t(`decisions.fields.${field}`)}
      </h3>
      {children}
    </section>
  );
}

/**
 * The draft's editor behind an error boundary: a draft that cannot be shown leaves the room (and
 * the other drafts) usable. Memo'd: the workspace around it re-renders on every change of the
 * document (its completeness check), the editor only when its own props change.
 */
export const DraftEditor = memo(function DraftEditor(props: DraftEditorProps) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary area={t('boundary.areas.draft')} resetKeys={[props.doc, props.draft.id]}>
      <DraftEditorContent {...props} />
    </ErrorBoundary>
  );
});

/** The rows of a draft, read per row; created for the document and draft, destroyed with them. */
function useDraftRowsModel(doc: Y.Doc, draftId: string): DraftRowsModel | undefined {
  const [state, setState] = useState<DraftRowsModel | undefined>();
  useEffect(() => {
    const model = new DraftRowsModel(doc, draftId);
    setState(model);
    return () => {
      model.destroy();
      setState(undefined);
    };
  }, [doc, draftId]);
  return state && state.doc === doc && state.draftId === draftId ? state : undefined;
}

/** The draft's two choices, re-read only when its choices map changed. */
function useDraftChoices(doc: Y.Doc, draftId: string) {
  const [choices, setChoices] = useState(() => readDraftChoices(doc, draftId));
  useEffect(() => {
    const update = () => setChoices(readDraftChoices(doc, draftId));
    update();
    let map: Y.Map<unknown> | undefined;
    try {
      map = doc.getMap<unknown>(draftMapName(draftId));
    } catch {
      // Another type under this name (a misbehaving client): the choices read as unset.
      return;
    }
    map.observe(update);
    return () => map?.unobserve(update);
  }, [doc, draftId]);
  return choices;
}

/** Row ids of a collection, re-rendering when its order changed (not when a cell did). */
function useRowIds(model: DraftRowsModel, collection: RowCollection): readonly string[] {
  const subscribe = useCallback((cb: () => void) => model.subscribeStructure(collection, cb), [model, collection]);
  const get = useCallback(() => model.ids(collection), [model, collection]);
  return useSyncExternalStore(subscribe, get, get);
}

/** The draft's goals as choices for a measure, read where the choice is shown. */
function goalOptions(model: DraftRowsModel, untitled: (n: number) => string): OptionsSource {
  let cache: { key: string; list: readonly ColumnOption[] } | undefined;
  return {
    subscribe: (cb) => model.store('goals')?.subscribeContent(() => cb()) ?? (() => {}),
    get: () => {
      const store = model.store('goals');
      const list = model.ids('goals').map((value, i) => {
        const title = store?.get(value)?.fields.title;
        return { value, label: typeof title === 'string' && title !== '' ? title : untitled(i + 1) };
      });
      const key = list.map((o) => `${o.value}\u0000${o.label}`).join('\u0001');
      if (cache?.key !== key) cache = { key, list };
      return cache.list;
    },
  };
}

type TableCollection = 'topics' | 'goals' | 'indicators' | 'measures' | 'evidence' | 'responsibilities' | 'costs' | 'milestones' | 'beratungsfolge' | 'anlagen';

interface TablesEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  draftId: string;
  model: DraftRowsModel;
  readOnly: boolean;
  cols: Record<TableCollection, Column[]>;
  provenanceOf: (row: RowValues) => ReactNode;
}

/** One collection's table; re-renders when rows come, go or move. */
function RowsSection({ tables, collection, caption, renderDetail }: { tables: TablesEnv; collection: TableCollection; caption: string; renderDetail?: (row: RowValues) => ReactNode }) {
  const ids = useRowIds(tables.model, collection);
  return (
    <RowTable
      doc={tables.doc}
      ctx={tables.ctx}
      draftId={tables.draftId}
      collection={collection}
      model={tables.model}
      ids={ids}
      columns={tables.cols[collection]}
      caption={caption}
      readOnly={tables.readOnly}
      testId={`rows-${collection}`}
      renderDetail={renderDetail ?? tables.provenanceOf}
    />
  );
}

/** Under a goal row: its provenance and its indicators. */
function GoalRowDetail({ tables, goal }: { tables: TablesEnv; goal: RowValues }) {
  const { t } = useTranslation();
  const subscribe = useCallback((cb: () => void) => tables.model.subscribeStructure('indicators', cb), [tables.model]);
  const get = useCallback(() => tables.model.indicatorsOf(goal.id), [tables.model, goal.id]);
  const ids = useSyncExternalStore(subscribe, get, get);
  const newRow = useMemo(() => ({ goalId: goal.id }), [goal.id]);
  return (
    <div className="wr-dec-goal-detail">
      {tables.provenanceOf(goal)}
      <p className="kern-label kern-label--small">{t('decisions.rows.indicators')}</p>
      <RowTable
        doc={tables.doc}
        ctx={tables.ctx}
        draftId={tables.draftId}
        collection="indicators"
        model={tables.model}
        ids={ids}
        columns={tables.cols.indicators}
        caption={`${t('decisions.rows.indicators')}: ${String(goal.title ?? '')}`}
        readOnly={tables.readOnly}
        newRow={newRow}
        addLabel={t('decisions.rows.addIndicator')}
        testId="rows-indicators"
      />
    </div>
  );
}

function DraftEditorContent({ doc, provider, draft, ctx, readOnly, user, sessionId }: DraftEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const draftId = draft.id;
  const model = useDraftRowsModel(doc, draftId);
  const choices = useDraftChoices(doc, draftId);
  const texts = useMemo(() => Object.fromEntries(DRAFT_TEXT_FIELDS.map((f) => [f, getDraftText(doc, draftId, f)])) as Record<DraftTextField, Y.Text>, [doc, draftId]);
  const onEdit = (field: DraftTextField) => (edit: Parameters<typeof editDraftText>[4]) => editDraftText(doc, ctx, draftId, field, edit);
  const prov = draft.provenance;

  const goalChoices = useMemo(() => (model ? goalOptions(model, (n) => t('decisions.rows.rowLabel', { n })) : undefined), [model, t]);
  const cols = useMemo(() => {
    const opts = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((value) => ({ value, label: label(value) }));
    const zielfeldOpts = opts(ZIELFELDER, (z) => t(`decisions.zielfelder.${z}`));
    const columns: Record<TableCollection, Column[]> = {
      topics: [
        { key: 'title', kind: 'text', wide: true },
        { key: 'description', kind: 'text', wide: true },
        { key: 'rank', kind: 'int' },
        { key: 'role', kind: 'enum', options: opts(MUNICIPAL_ROLES, (r) => t(`decisions.roles.${r}`)) },
      ],
      goals: [
        { key: 'title', kind: 'text', wide: true },
        { key: 'description', kind: 'text', wide: true },
        { key: 'level', kind: 'enum', options: opts(GOAL_LEVELS, (l) => t(`decisions.goalLevels.${l}`)) },
        { key: 'zielfeld', kind: 'enum', options: zielfeldOpts },
        { key: 'targetGroup', kind: 'text' },
        { key: 'area', kind: 'text' },
        { key: 'owner', kind: 'text' },
      ],
      indicators: [
        { key: 'name', kind: 'text', wide: true },
        { key: 'unit', kind: 'text' },
        { key: 'baseline', kind: 'number' },
        { key: 'target', kind: 'number' },
        { key: 'deadline', kind: 'date' },
        { key: 'dataSource', kind: 'text' },
      ],
      measures: [
        { key: 'title', kind: 'text', wide: true },
        { key: 'description', kind: 'text', wide: true },
        { key: 'zielfeld', kind: 'enum', options: zielfeldOpts },
        { key: 'owner', kind: 'text' },
        { key: 'goalId', kind: 'enum', options: goalChoices },
        { key: 'due', kind: 'date' },
      ],
      evidence: [
        { key: 'text', kind: 'text', wide: true },
        { key: 'quadrant', kind: 'enum', options: opts(SWOT_QUADRANTS, (q) => t(`decisions.quadrants.${q}`)) },
        { key: 'indicator', kind: 'text' },
        { key: 'value', kind: 'number' },
        { key: 'unit', kind: 'text' },
        { key: 'year', kind: 'int' },
        { key: 'dataSource', kind: 'text' },
      ],
      responsibilities: [
        { key: 'actor', kind: 'text', wide: true },
        { key: 'task', kind: 'text', wide: true },
      ],
      costs: [
        { key: 'label', kind: 'text', wide: true },
        { key: 'category', kind: 'enum', options: opts(COST_CATEGORIES, (c) => t(`decisions.costCategories.${c}`)) },
        { key: 'amountEur', kind: 'number' },
        { key: 'period', kind: 'text' },
        { key: 'fundedBy', kind: 'text' },
      ],
      milestones: [
        { key: 'title', kind: 'text', wide: true },
        { key: 'date', kind: 'date' },
        { key: 'note', kind: 'text', wide: true },
      ],
      beratungsfolge: [
        { key: 'gremium', kind: 'text', wide: true },
        { key: 'date', kind: 'date', labelKey: 'meetingDate' },
        { key: 'zustaendigkeit', kind: 'enum', options: opts(ZUSTAENDIGKEITEN, (z) => t(`decisions.zustaendigkeiten.${z}`)) },
      ],
      anlagen: [
        { key: 'title', kind: 'text', wide: true, labelKey: 'attachmentTitle' },
        { key: 'link', kind: 'link', wide: false },
      ],
    };
    return columns;
  }, [t, goalChoices]);
  const provenanceOf = useCallback(
    (row: RowValues) => (row.source ? <RowProvenance sessionId={sessionId} row={row as unknown as { source: null; consensusIds: string[] }} provenance={prov} /> : null),
    [sessionId, prov],
  );
  const tables = useMemo<TablesEnv | undefined>(
    () => (model ? { doc, ctx, draftId, model, readOnly, cols, provenanceOf } : undefined),
    [doc, ctx, draftId, model, readOnly, cols, provenanceOf],
  );
  const goalDetail = useCallback((goal: RowValues) => (tables ? <GoalRowDetail tables={tables} goal={goal} /> : null), [tables]);
  const table = (collection: TableCollection, caption: string, renderDetail?: (row: RowValues) => ReactNode) =>
    tables ? <RowsSection tables={tables} collection={collection} caption={caption} renderDetail={renderDetail} /> : null;
  const prose = (field: ProseField) => (
    <Section field={field}>
      <ErrorBoundary area={t(`decisions.fields.${field}`)} compact resetKeys={[doc, draftId]}>
        <ProseEditor doc={doc} provider={provider} draftId={draftId} field={field} user={user} editable={!readOnly} labelId={`${fieldAnchor(field)}-h`} />
      </ErrorBoundary>
    </Section>
  );

  type HintKey = 'decisions.editor.betreffHint' | 'decisions.editor.federfuehrungHint' | 'decisions.editor.folgekostenHint';
  const textField = (field: DraftTextField & keyof typeof VORLAGE_TEXT_LABELS, multiline: boolean, hint?: HintKey) => {
    const inputId = `${id}-${field}`;
    const hintId = hint ? `${inputId}-hint` : undefined;
    const Input = multiline ? YTextArea : YTextInput;
    return (
      <div className="kern-form-input" id={fieldAnchor(field)}>
        <label className="kern-label" htmlFor={inputId}>
          {t(VORLAGE_TEXT_LABELS[field])}
        </label>
        {hint ? (
          <div className="kern-hint" id={hintId}>
            {t(hint)}
          </div>
        ) : null}
        <Input id={inputId} className="kern-form-input__input" text={texts[field]} onEdit={onEdit(field)} readOnly={readOnly} aria-describedby={hintId} data-testid={`decision-${field}`} />
      </div>
    );
  };
  const shortText = (field: keyof typeof VORLAGE_TEXT_LABELS, hint?: HintKey) => textField(field, false, hint);
  const longText = (field: keyof typeof VORLAGE_TEXT_LABELS, hint?: HintKey) => textField(field, true, hint);

  return (
    <div className="wr-dec-editor" data-testid="decision-editor" data-readonly={readOnly ? 'true' : 'false'}>
      <div className="wr-dec-editor__head">
        <div className="kern-form-input" id={fieldAnchor('title')}>
          <label className="kern-label" htmlFor={`${id}-title`}>
            {t('decisions.editor.title')}
          </label>
          <YTextInput id={`${id}-title`} className="kern-form-input__input" text={texts.title} onEdit={onEdit('title')} readOnly={readOnly} data-testid="decision-title" />
        </div>
        <div className="kern-form-input" id={fieldAnchor('gremium')}>
          <label className="kern-label" htmlFor={`${id}-gremium`}>
            {t('decisions.editor.gremium')}
          </label>
          <YTextInput id={`${id}-gremium`} className="kern-form-input__input" text={texts.gremium} onEdit={onEdit('gremium')} readOnly={readOnly} data-testid="decision-gremium" />
        </div>
      </div>

      <fieldset className="kern-fieldset wr-dec-section wr-dec-vorlage" data-testid="decision-vorlage">
        <legend className="kern-heading-small">{t('decisions.editor.vorlage')}</legend>
        <div className="kern-fieldset__body wr-dec-vorlage__grid">
          {shortText('vorlagenNr')}
          <div className="kern-form-input" id={fieldAnchor('datum')}>
            <label className="kern-label" htmlFor={`${id}-datum`}>
              {t('decisions.editor.datum')}
            </label>
            <input
              id={`${id}-datum`}
              className="kern-form-input__input"
              type="date"
              value={choices.datum ?? ''}
              readOnly={readOnly}
              onChange={(e) => {
                const v = e.target.value;
                if (v === '' || isIsoDate(v)) setDraftChoices(doc, ctx, draftId, { datum: v === '' ? null : v });
              }}
              data-testid="decision-datum"
            />
          </div>
          {shortText('federfuehrung', 'decisions.editor.federfuehrungHint')}
          {shortText('verfasser')}
        </div>
      </fieldset>
      <ChoiceGroup
        field="oeffentlichkeit"
        values={OEFFENTLICHKEIT}
        label={(v) => t(`decisions.oeffentlichkeit.${v}`)}
        value={choices.oeffentlichkeit}
        nullable={false}
        readOnly={readOnly}
        onChange={(v) => v !== null && setDraftChoices(doc, ctx, draftId, { oeffentlichkeit: v })}
      />
      {shortText('betreff', 'decisions.editor.betreffHint')}
      <Section field="beratungsfolge">{table('beratungsfolge', t('decisions.fields.beratungsfolge'))}</Section>

      {prose('beschlussvorschlag')}
      {prose('sachverhalt')}
      <Section field="evidence">{table('evidence', t('decisions.fields.evidence'))}</Section>
      {prose('begruendung')}
      <Section field="topics">{table('topics', t('decisions.fields.topics'))}</Section>
      <Section field="goals">{table('goals', t('decisions.fields.goals'), goalDetail)}</Section>
      <Section field="measures">{table('measures', t('decisions.fields.measures'))}</Section>
      <Section field="responsibilities">{table('responsibilities', t('decisions.fields.responsibilities'))}</Section>

      <ChoiceGroup
        field="municipalRole"
        values={MUNICIPAL_ROLES}
        label={(v) => t(`decisions.roles.${v}`)}
        value={choices.municipalRole}
        readOnly={readOnly}
        onChange={(v) => setDraftChoices(doc, ctx, draftId, { municipalRole: v })}
      />
      <ChoiceGroup
        field="verbindlichkeitsstufe"
        values={VERBINDLICHKEITSSTUFEN}
        label={(v) => t(`decisions.stufen.${v}`)}
        value={choices.verbindlichkeitsstufe}
        readOnly={readOnly}
        onChange={(v) => setDraftChoices(doc, ctx, draftId, { verbindlichkeitsstufe: v })}
      />

      <ChoiceGroup
        field="finanzielleAuswirkungen"
        values={FINANZ_AUSWIRKUNGEN}
        label={(v) => t(`decisions.finanzen.${v}`)}
        value={choices.finanzielleAuswirkungen}
        readOnly={readOnly}
        onChange={(v) => setDraftChoices(doc, ctx, draftId, { finanzielleAuswirkungen: v })}
      >
        <div className="wr-dec-vorlage__grid">
          {shortText('haushaltsjahr')}
          {shortText('produkt')}
          {longText('deckung')}
          {longText('folgekosten', 'decisions.editor.folgekostenHint')}
        </div>
      </ChoiceGroup>
      <Section field="costs">{table('costs', t('decisions.fields.costs'))}</Section>
      <Section field="resourcesNote">
        <label className="kern-label wr-sr-only" htmlFor={`${id}-resources`}>
          {t('decisions.editor.resourcesNote')}
        </label>
        <YTextArea id={`${id}-resources`} className="kern-form-input__input" text={texts.resourcesNote} onEdit={onEdit('resourcesNote')} readOnly={readOnly} data-testid="decision-resourcesNote" />
      </Section>
      <Section field="timeline">{table('milestones', t('decisions.fields.timeline'))}</Section>
      <Section field="anlagen">{table('anlagen', t('decisions.fields.anlagen'))}</Section>
      <Section field="participation">
        <p className="kern-body" data-testid="decision-participation">
          {t('decisions.editor.participationFacts', { people: prov.participation.people, observers: prov.participation.observers, voters: prov.participation.maxVoters })}
        </p>
        {prov.participation.byActorGroup.length > 0 ? (
          <ul className="wr-dec-list">
            {prov.participation.byActorGroup.map((g) => (
              <li key={g.group}>{`${g.label}: ${g.count}`}</li>
            ))}
          </ul>
        ) : null}
        <label className="kern-label" htmlFor={`${id}-participation`}>
          {t('decisions.editor.participationNote')}
        </label>
        <YTextArea id={`${id}-participation`} className="kern-form-input__input" text={texts.participationNote} onEdit={onEdit('participationNote')} readOnly={readOnly} data-testid="decision-participationNote" />
      </Section>
      <Section field="consensus">
        {prov.consensus.length === 0 ? (
          <p className="kern-body kern-body--small wr-muted">{t('decisions.editor.consensusNone')}</p>
        ) : (
          <ul className="wr-dec-consensus-list">
            {prov.consensus.map((r) => (
              <ConsensusLine key={r.id} record={r} />
            ))}
          </ul>
        )}
      </Section>
      <Section field="sources">
        {prov.sources.length === 0 ? (
          <p className="kern-body kern-body--small wr-muted">{t('decisions.editor.sourcesNone')}</p>
        ) : (
          <ul className="wr-dec-list" data-testid="decision-sources">
            {prov.sources.map((s) => (
              <li key={`${s.ref.board}:${s.ref.itemId}`}>
                <SourceLink sessionId={sessionId} source={s.ref} label={s.label} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

const VORLAGE_TEXT_LABELS = {
  vorlagenNr: 'decisions.editor.vorlagenNr',
  federfuehrung: 'decisions.editor.federfuehrung',
  verfasser: 'decisions.editor.verfasser',
  betreff: 'decisions.editor.betreff',
  haushaltsjahr: 'decisions.editor.haushaltsjahr',
  produkt: 'decisions.editor.produkt',
  deckung: 'decisions.editor.deckung',
  folgekosten: 'decisions.editor.folgekosten',
} as const satisfies Partial<Record<DraftTextField, string>>;

function ChoiceGroup<T extends string>({
  field,
  values,
  label,
  value,
  readOnly,
  onChange,
  nullable = true,
  children,
}: {
  field: 'municipalRole' | 'verbindlichkeitsstufe' | 'oeffentlichkeit' | 'finanzielleAuswirkungen';
  values: readonly T[];
  label: (v: T) => string;
  value: T | null;
  readOnly: boolean;
  onChange: (v: T | null) => void;
  /** Offer "keine Angabe" (null). */
  nullable?: boolean;
  /** Further fields of the group, below the choice. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="kern-fieldset wr-dec-section" id={fieldAnchor(field)} data-testid={`decision-section-${field}`} tabIndex={-1}>
      <legend className="kern-heading-small">{t(`decisions.fields.${field}`)}</legend>
      <div className="kern-fieldset__body">
        {(nullable ? [...values, null] : values).map((v) => (
          <div className="kern-form-check" key={v ?? 'none'}>
            <input
              id={`${id}-${v ?? 'none'}`}
              className="kern-form-check__radio"
              type="radio"
              name={`${id}-${field}`}
              checked={value === v}
              disabled={readOnly}
              onChange={() => onChange(v)}
              data-testid={`decision-${field}-${v ?? 'none'}`}
            />
            <label className="kern-label" htmlFor={`${id}-${v ?? 'none'}`}>
              {v === null ? t('decisions.editor.none') : label(v)}
            </label>
          </div>
        ))}
        {children}
      </div>
    </fieldset>
  );
}
