/**
 * The live draft, co-edited in the session's `decisions` document: short texts bound to
 * `Y.Text`s, prose in Tiptap, choices as radio groups, and the tables. Read-only for observers,
 * participants without edit rights and while the moderation has locked the document.
 */
import { useCallback, useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { COST_CATEGORIES, VERBINDLICHKEITSSTUFEN, type DecisionField, type ProseField } from '../../shared/decision';
import type { DecisionDraftDetail } from '../../shared/decisionApi';
import { editDraftText, getDraftText, readDecisionDraft, setDraftChoices, type DraftTextField } from '../../shared/schema/decisions';
import { GOAL_LEVELS, ZIELFELDER } from '../../shared/schema/goals';
import type { WriteContext } from '../../shared/schema/items';
import { MUNICIPAL_ROLES } from '../../shared/schema/priorities';
import { SWOT_QUADRANTS } from '../../shared/schema/swot';
import { YTextArea, YTextInput } from '../boards/common/YText';
import { useDocSnapshot } from '../data/docs/useBoardDoc';
import type { PresenceUser } from '../data/docs/presence';
import { fieldAnchor } from './format';
import { ProseEditor } from './ProseEditor';
import { ConsensusLine, RowProvenance, SourceLink } from './Provenance';
import { RowTable, type Column } from './RowTable';

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

export function DraftEditor({ doc, provider, draft, ctx, readOnly, user, sessionId }: DraftEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const draftId = draft.id;
  const read = useCallback((d: Y.Doc) => readDecisionDraft(d, draftId), [draftId]);
  const live = useDocSnapshot(doc, read);
  const texts = useMemo(
    () => ({
      title: getDraftText(doc, draftId, 'title'),
      gremium: getDraftText(doc, draftId, 'gremium'),
      resourcesNote: getDraftText(doc, draftId, 'resourcesNote'),
      participationNote: getDraftText(doc, draftId, 'participationNote'),
    }),
    [doc, draftId],
  );
  const onEdit = (field: DraftTextField) => (edit: Parameters<typeof editDraftText>[4]) => editDraftText(doc, ctx, draftId, field, edit);
  const prov = draft.provenance;

  const opts = <T extends string>(values: readonly T[], label: (v: T) => string) => values.map((value) => ({ value, label: label(value) }));
  const zielfeldOpts = opts(ZIELFELDER, (z) => t(`decisions.zielfelder.${z}`));
  const cols: Record<'topics' | 'goals' | 'indicators' | 'measures' | 'evidence' | 'responsibilities' | 'costs' | 'milestones', Column[]> = {
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
      { key: 'goalId', kind: 'enum', options: live.goals.map((g, i) => ({ value: g.id, label: g.title || t('decisions.rows.rowLabel', { n: i + 1 }) })) },
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
  };
  const provenanceOf = (row: Record<string, unknown>) =>
    row.source ? <RowProvenance sessionId={sessionId} row={row as { source: null; consensusIds: string[] }} provenance={prov} /> : null;
  const table = (collection: keyof typeof cols, rows: readonly ({ id: string } & object)[], caption: string, extra?: Partial<Parameters<typeof RowTable>[0]>) => (
    <RowTable
      doc={doc}
      ctx={ctx}
      draftId={draftId}
      collection={collection}
      rows={rows as ({ id: string } & Record<string, unknown>)[]}
      columns={cols[collection]}
      caption={caption}
      readOnly={readOnly}
      testId={`rows-${collection}`}
      renderDetail={provenanceOf}
      {...extra}
    />
  );
  const prose = (field: ProseField) => (
    <Section field={field}>
      <ProseEditor doc={doc} provider={provider} draftId={draftId} field={field} user={user} editable={!readOnly} labelId={`${fieldAnchor(field)}-h`} />
    </Section>
  );

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

      {prose('sachverhalt')}
      <Section field="evidence">{table('evidence', live.evidence, t('decisions.fields.evidence'))}</Section>
      {prose('beschlussvorschlag')}
      {prose('begruendung')}
      <Section field="topics">{table('topics', live.topics, t('decisions.fields.topics'))}</Section>
      <Section field="goals">
        {table('goals', live.goals, t('decisions.fields.goals'), {
          renderDetail: (goal) => (
            <div className="wr-dec-goal-detail">
              {provenanceOf(goal)}
              <p className="kern-label kern-label--small">{t('decisions.rows.indicators')}</p>
              <RowTable
                doc={doc}
                ctx={ctx}
                draftId={draftId}
                collection="indicators"
                rows={(live.goals.find((g) => g.id === goal.id)?.indicators ?? []) as unknown as ({ id: string } & Record<string, unknown>)[]}
                columns={cols.indicators}
                caption={`${t('decisions.rows.indicators')}: ${String(goal.title ?? '')}`}
                readOnly={readOnly}
                newRow={{ goalId: goal.id }}
                addLabel={t('decisions.rows.addIndicator')}
                testId="rows-indicators"
              />
            </div>
          ),
        })}
      </Section>
      <Section field="measures">{table('measures', live.measures, t('decisions.fields.measures'))}</Section>
      <Section field="responsibilities">{table('responsibilities', live.responsibilities, t('decisions.fields.responsibilities'))}</Section>

      <ChoiceGroup
        field="municipalRole"
        values={MUNICIPAL_ROLES}
        label={(v) => t(`decisions.roles.${v}`)}
        value={live.municipalRole}
        readOnly={readOnly}
        onChange={(v) => setDraftChoices(doc, ctx, draftId, { municipalRole: v })}
      />
      <ChoiceGroup
        field="verbindlichkeitsstufe"
        values={VERBINDLICHKEITSSTUFEN}
        label={(v) => t(`decisions.stufen.${v}`)}
        value={live.verbindlichkeitsstufe}
        readOnly={readOnly}
        onChange={(v) => setDraftChoices(doc, ctx, draftId, { verbindlichkeitsstufe: v })}
      />

      <Section field="costs">{table('costs', live.costs, t('decisions.fields.costs'))}</Section>
      <Section field="resourcesNote">
        <label className="kern-label wr-sr-only" htmlFor={`${id}-resources`}>
          {t('decisions.editor.resourcesNote')}
        </label>
        <YTextArea id={`${id}-resources`} className="kern-form-input__input" text={texts.resourcesNote} onEdit={onEdit('resourcesNote')} readOnly={readOnly} data-testid="decision-resourcesNote" />
      </Section>
      <Section field="timeline">{table('milestones', live.timeline, t('decisions.fields.timeline'))}</Section>
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

function ChoiceGroup<T extends string>({
  field,
  values,
  label,
  value,
  readOnly,
  onChange,
}: {
  field: 'municipalRole' | 'verbindlichkeitsstufe';
  values: readonly T[];
  label: (v: T) => string;
  value: T | null;
  readOnly: boolean;
  onChange: (v: T | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="kern-fieldset wr-dec-section" id={fieldAnchor(field)} data-testid={`decision-section-${field}`} tabIndex={-1}>
      <legend className="kern-heading-small">{t(`decisions.fields.${field}`)}</legend>
      <div className="kern-fieldset__body">
        {[...values, null].map((v) => (
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
      </div>
    </fieldset>
  );
}
