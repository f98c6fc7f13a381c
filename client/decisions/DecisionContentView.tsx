/**
 * A read-only rendering of a frozen `DecisionContent` in the order of a Beschlussvorlage
 * (DECISION_FIELDS): the header (Vorlagen-Nr., Datum, Federführung, Verfasser/in, Öffentlichkeit),
 * Betreff and Beratungsfolge, the Beschlussvorschlag first, prose from its ProseMirror JSON, tables of evidence, goals, indicators,
 * measures by Zielfeld, responsibilities, costs and timeline, the municipality's role and the
 * Verbindlichkeitsstufe, participation and every consensus record with its objections.
 * Nothing here is editable; the same view serves the Lenkungskreis and the session.
 */
import { Fragment, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './Lenkungskreis.css';
import type { TFunction } from 'i18next';
import { ZIELFELDER, type Zielfeld } from '../../shared/schema/goals';
import { betreffOf, costTotals, withVorlageDefaults, type ConsensusRecord, type ConsensusResult, type DecisionContent, type DecisionField } from '../../shared/decision';
import { safeLinkTarget } from '../../shared/links';
import type { RichBlock, RichDoc, RichInline } from '../../shared/richText';
import { isRichEmpty } from '../../shared/richText';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { formatIsoDate } from '../lib/dates';

type Level = 2 | 3 | 4 | 5;

function Heading({ level, id, children, className }: { level: number; id?: string; children: ReactNode; className?: string }) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as 'h2';
  return (
    <Tag id={id} className={className ?? (level <= 2 ? 'kern-heading-medium' : 'kern-heading-small')}>
      {children}
    </Tag>
  );
}

// ---------------------------------------------------------------------------------------------
// Prose

/** Only web and mail links are rendered as links; anything else (javascript:, data:) as text. */
function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function Inline({ nodes }: { nodes: readonly RichInline[] | undefined }) {
  return (
    <>
      {(nodes ?? []).map((n, i) => {
        if (n.type === 'hardBreak') return <br key={i} />;
        let el: ReactNode = n.text;
        for (const mark of n.marks ?? []) {
          switch (mark.type) {
            case 'bold':
              el = <strong>{el}</strong>;
              break;
            case 'italic':
              el = <em>{el}</em>;
              break;
            case 'underline':
              el = <u>{el}</u>;
              break;
            case 'strike':
              el = <s>{el}</s>;
              break;
            case 'code':
              el = <code>{el}</code>;
              break;
            case 'link': {
              const href = safeHref(mark.attrs.href);
              if (href)
                el = (
                  <a className="kern-link" href={href} rel="noopener noreferrer" target="_blank">
                    {el}
                  </a>
                );
              break;
            }
          }
        }
        return <Fragment key={i}>{el}</Fragment>;
      })}
    </>
  );
}

/** Nesting shown as nested lists and quotes; anything deeper is shown as its plain text. */
const MAX_NESTING = 24;

/** The text of blocks, however deeply nested (a loop, not a recursion). */
function plainText(blocks: readonly RichBlock[]): string {
  const out: string[] = [];
  const stack: unknown[] = [...blocks].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as { text?: unknown; content?: unknown } | null;
    if (!node || typeof node !== 'object') continue;
    if (typeof node.text === 'string') out.push(node.text);
    if (Array.isArray(node.content)) for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i]);
  }
  return out.join(' ');
}

function Blocks({ blocks, headingBase, depth = 0 }: { blocks: readonly RichBlock[]; headingBase: number; depth?: number }) {
  if (depth >= MAX_NESTING) return <p className="kern-body">{plainText(blocks)}</p>;
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.type) {
          case 'paragraph':
            return (
              <p key={i} className="kern-body">
                <Inline nodes={b.content} />
              </p>
            );
          case 'heading':
            // Prose headings sit below the section heading, never above it in the outline.
            return (
              <Heading key={i} level={headingBase + b.attrs.level} className="kern-heading-small wr-lk-prose__heading">
                <Inline nodes={b.content} />
              </Heading>
            );
          case 'bulletList':
            return (
              <ul key={i} className="kern-list kern-list--bullet">
                {b.content.map((item, j) => (
                  <li key={j}>
                    <Blocks blocks={item.content} headingBase={headingBase} depth={depth + 1} />
                  </li>
                ))}
              </ul>
            );
          case 'orderedList':
            return (
              <ol key={i} className="kern-list kern-list--number" start={b.attrs.start}>
                {b.content.map((item, j) => (
                  <li key={j}>
                    <Blocks blocks={item.content} headingBase={headingBase} depth={depth + 1} />
                  </li>
                ))}
              </ol>
            );
          case 'blockquote':
            return (
              <blockquote key={i} className="wr-lk-prose__quote">
                <Blocks blocks={b.content} headingBase={headingBase} depth={depth + 1} />
              </blockquote>
            );
          case 'codeBlock':
            return (
              <pre key={i} className="wr-lk-prose__code">
                <code>{(b.content ?? []).map((n) => n.text).join('')}</code>
              </pre>
            );
          case 'horizontalRule':
            return <hr key={i} />;
          default:
            return null;
        }
      })}
    </>
  );
}

/** A prose field (ProseMirror JSON) as HTML; headings inside start below `headingLevel`. */
export function RichTextView({ doc, headingLevel = 3, testId }: { doc: RichDoc; headingLevel?: number; testId?: string }) {
  return (
    <div className="wr-lk-prose" data-testid={testId}>
      <Blocks blocks={doc.content} headingBase={headingLevel} />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Helpers

function useFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'de-DE';
  const num = (n: number | null | undefined) => (n === null || n === undefined ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n));
  const eur = (n: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
  const date = (iso: string | null | undefined) => (iso ? formatIsoDate(iso, i18n.language) : '–');
  const text = (s: string | null | undefined) => (s && s.trim() !== '' ? s : '–');
  return { t, num, eur, date, text };
}

function Empty() {
  const { t } = useTranslation();
  return <p className="kern-body wr-muted">{t('lenkungskreis.content.empty')}</p>;
}

interface Column<R> {
  key: string;
  label: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
}

function Table<R extends { id: string }>({ caption, rows, columns, footer, testId }: { caption: string; rows: readonly R[]; columns: Column<R>[]; footer?: ReactNode; testId?: string }) {
  return (
    <div className="kern-table-responsive wr-lk-table">
      <table className="kern-table kern-table--small" data-testid={testId}>
        <caption className="wr-sr-only">{caption}</caption>
        <thead>
          <tr className="kern-table__row">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`kern-table__header${c.numeric ? ' kern-table__header--numeric' : ''}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.id} className="kern-table__row">
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row" className="kern-table__cell wr-lk-table__rowhead">
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} className={`kern-table__cell${c.numeric ? ' kern-table__cell--numeric' : ''}`}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot className="kern-table__footer">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

function Section({ field, level, children }: { field: DecisionField; level: Level; children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="wr-lk-section" aria-labelledby={id} data-testid={`content-${field}`}>
      <Heading level={level} id={id}>
        {t(`lenkungskreis.fields.${field}`)}
      </Heading>
      {children}
    </section>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="wr-facts wr-lk-facts">
      {items.map(([k, v]) => (
        <div key={k} className="wr-facts__item">
          <dt className="wr-facts__key">{k}</dt>
          <dd className="wr-facts__value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A consensus result in words, from its numbers (the record's `summary` is German only). */
export function consensusResultText(t: TFunction, r: ConsensusResult, num: (n: number | null) => string): string {
  switch (r.method) {
    case 'punktabfrage':
      return t('lenkungskreis.consensus.result.punktabfrage', { count: r.dots, dots: num(r.dots), rank: r.rank, options: r.options });
    case 'widerstandsabfrage':
      return t('lenkungskreis.consensus.result.widerstandsabfrage', { total: num(r.total), mean: num(r.mean), rank: r.rank, options: r.options });
    case 'konsenscheck':
      return t('lenkungskreis.consensus.result.konsenscheck', { zustimmung: r.zustimmung, leicht: r.leichte_bedenken, schwer: r.schwere_bedenken, veto: r.veto });
    case 'meinungsbild':
      return t('lenkungskreis.consensus.result.meinungsbild', { dafuer: r.dafuer, unentschieden: r.unentschieden, dagegen: r.dagegen });
    case 'totals':
      return Object.entries(r.totals)
        .map(([k, v]) => `${k}: ${num(v)}`)
        .join(', ');
    case 'withheld':
      return t('lenkungskreis.consensus.result.withheld', { min: r.minVoters });
  }
}

function ConsensusRecordView({ record, level }: { record: ConsensusRecord; level: number }) {
  const { t, num, date } = useFormat();
  const id = useId();
  return (
    <article className="wr-lk-consensus" aria-labelledby={id} data-testid="consensus-record">
      <Heading level={level} id={id} className="kern-heading-small">
        {record.optionLabel}
        <span className="wr-lk-consensus__round"> – {record.roundTitle}</span>
      </Heading>
      <Facts
        items={[
          [t('lenkungskreis.consensus.method'), t(`priorities.vote.methods.${record.method}`)],
          [t('lenkungskreis.consensus.result.label'), consensusResultText(t, record.result, num)],
          [t('lenkungskreis.consensus.participants'), String(record.participants)],
          [t('lenkungskreis.consensus.outcome'), record.outcome ? t(`votes.outcome.${record.outcome}`) : t('lenkungskreis.consensus.noOutcome')],
          ...(record.closedAt ? ([[t('lenkungskreis.consensus.closedAt'), date(record.closedAt.slice(0, 10))]] as [string, ReactNode][]) : []),
        ]}
      />
      {record.nonBinding ? <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.consensus.nonBinding')}</p> : null}
      {(record.corrections ?? []).map((c, i) => (
        <p key={i} className="kern-body kern-body--small" data-testid="consensus-correction">
          {t('lenkungskreis.consensus.corrected', {
            date: c.at ? date(c.at.slice(0, 10)) : '',
            previous: c.previous ? t(`votes.outcome.${c.previous}`) : t('lenkungskreis.consensus.noOutcome'),
            reason: c.reason,
          })}
        </p>
      ))}
      <p className="kern-label kern-label--small wr-lk-consensus__objlabel">{t('lenkungskreis.consensus.objections')}</p>
      {record.objections.length === 0 ? (
        <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.consensus.noObjections')}</p>
      ) : (
        <ul className="kern-list kern-list--bullet wr-lk-consensus__objections">
          {record.objections.map((o, i) => (
            <li key={i} className="kern-body">
              <strong>{t(`votes.consent.${o.level}`)}</strong>
              {o.reason ? `: ${o.reason}` : ''}
              {o.displayName ? <span className="wr-muted"> ({o.displayName})</span> : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// The view

interface Props {
  content: DecisionContent;
  /** The level of the section headings (the page's h1 is the draft's title). */
  headingLevel?: Level;
}

/** A frozen version's content, behind an error boundary (the page around it — versions, comments — keeps working). */
export function DecisionContentView(props: Props) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary area={t('boundary.areas.content')} resetKeys={[props.content]}>
      <DecisionContentBody {...props} />
    </ErrorBoundary>
  );
}

function DecisionContentBody({ content, headingLevel = 2 }: Props) {
  // A version frozen before the Vorlage header existed shows its defaults.
  const c = withVorlageDefaults(content);
  const { t, num, eur, date, text } = useFormat();
  const sub = headingLevel + 1;
  const goalTitle = new Map(c.goals.map((g) => [g.id, g.title]));
  const prose = (field: 'sachverhalt' | 'beschlussvorschlag' | 'begruendung') => (
    <Section field={field} level={headingLevel}>
      {isRichEmpty(c[field]) ? <Empty /> : <RichTextView doc={c[field]} headingLevel={sub} testId={`content-${field}-text`} />}
    </Section>
  );
  const indicators = c.goals.flatMap((g) => g.indicators.map((ind) => ({ ...ind, goal: g.title })));
  const measuresBy = (z: Zielfeld | null) => c.measures.filter((m) => m.zielfeld === z);
  // One total per kind of period: yearly and one-off amounts are never added up (shared/decision.ts).
  const totals = costTotals(c.costs);
  const p = c.participation;

  return (
    <div className="wr-lk-content" data-testid="decision-content">
      <Section field="gremium" level={headingLevel}>
        <p className="kern-body">{text(c.gremium)}</p>
        <Facts
          items={[
            [t('lenkungskreis.fields.vorlagenNr'), text(c.vorlagenNr)],
            [t('lenkungskreis.fields.datum'), date(c.datum)],
            [t('lenkungskreis.fields.federfuehrung'), text(c.federfuehrung)],
            [t('lenkungskreis.fields.verfasser'), text(c.verfasser)],
            [t('lenkungskreis.fields.oeffentlichkeit'), t(`decisions.oeffentlichkeit.${c.oeffentlichkeit}`)],
          ]}
        />
      </Section>
      <Section field="betreff" level={headingLevel}>
        <p className="kern-body" data-testid="content-betreff-value">
          {text(betreffOf(c))}
        </p>
      </Section>
      <Section field="beratungsfolge" level={headingLevel}>
        {c.beratungsfolge.length === 0 ? (
          <Empty />
        ) : (
          <Table
            caption={t('lenkungskreis.fields.beratungsfolge')}
            testId="content-beratungsfolge-table"
            rows={c.beratungsfolge}
            columns={[
              { key: 'gremium', label: t('decisions.rows.cols.gremium'), cell: (b) => text(b.gremium) },
              { key: 'date', label: t('decisions.rows.cols.meetingDate'), cell: (b) => date(b.date) },
              { key: 'zustaendigkeit', label: t('decisions.rows.cols.zustaendigkeit'), cell: (b) => (b.zustaendigkeit ? t(`decisions.zustaendigkeiten.${b.zustaendigkeit}`) : '–') },
            ]}
          />
        )}
      </Section>
      {prose('beschlussvorschlag')}
      {prose('sachverhalt')}
      <Section field="evidence" level={headingLevel}>
        {c.evidence.length === 0 ? (
          <Empty />
        ) : (
          <Table
            caption={t('lenkungskreis.fields.evidence')}
            rows={c.evidence}
            columns={[
              { key: 'text', label: t('lenkungskreis.content.evidence.text'), cell: (r) => r.text },
              { key: 'quadrant', label: t('lenkungskreis.content.evidence.quadrant'), cell: (r) => (r.quadrant ? t(`swot.quadrants.${r.quadrant}.name`) : '–') },
              { key: 'indicator', label: t('lenkungskreis.content.evidence.indicator'), cell: (r) => text(r.indicator) },
              { key: 'value', label: t('lenkungskreis.content.evidence.value'), numeric: true, cell: (r) => (r.value === null ? '–' : `${num(r.value)} ${r.unit}`.trim()) },
              { key: 'year', label: t('lenkungskreis.content.evidence.year'), numeric: true, cell: (r) => (r.year === null ? '–' : String(r.year)) },
              { key: 'source', label: t('lenkungskreis.content.evidence.source'), cell: (r) => text(r.dataSource) },
            ]}
          />
        )}
      </Section>
      {prose('begruendung')}
      <Section field="topics" level={headingLevel}>
        {c.topics.length === 0 ? (
          <Empty />
        ) : (
          <ul className="kern-list kern-list--bullet">
            {c.topics.map((tp) => (
              <li key={tp.id} className="kern-body">
                <strong>{tp.title}</strong>
                {tp.rank !== null ? <span className="wr-muted"> ({t('lenkungskreis.content.topics.rank', { rank: tp.rank })})</span> : null}
                {tp.description ? <span>: {tp.description}</span> : null}
                {tp.role ? <span className="wr-muted"> – {t(`lenkungskreis.municipalRole.${tp.role}`)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section field="goals" level={headingLevel}>
        {c.goals.length === 0 ? (
          <Empty />
        ) : (
          <>
            <Table
              caption={t('lenkungskreis.content.goals.caption')}
              testId="content-goals-table"
              rows={c.goals}
              columns={[
                { key: 'title', label: t('lenkungskreis.content.goals.title'), cell: (g) => g.title },
                { key: 'level', label: t('lenkungskreis.content.goals.level'), cell: (g) => (g.level ? t(`goals.levels.${g.level}`) : '–') },
                { key: 'zielfeld', label: t('lenkungskreis.content.goals.zielfeld'), cell: (g) => (g.zielfeld ? t(`goals.zielfelder.${g.zielfeld}`) : '–') },
                { key: 'targetGroup', label: t('lenkungskreis.content.goals.targetGroup'), cell: (g) => text(g.targetGroup) },
                { key: 'owner', label: t('lenkungskreis.content.goals.owner'), cell: (g) => text(g.owner) },
              ]}
            />
            <Heading level={sub} className="kern-heading-small">
              {t('lenkungskreis.content.indicators.heading')}
            </Heading>
            {indicators.length === 0 ? (
              <Empty />
            ) : (
              <Table
                caption={t('lenkungskreis.content.indicators.heading')}
                testId="content-indicators-table"
                rows={indicators}
                columns={[
                  { key: 'name', label: t('lenkungskreis.content.indicators.name'), cell: (r) => r.name },
                  { key: 'goal', label: t('lenkungskreis.content.indicators.goal'), cell: (r) => r.goal },
                  { key: 'baseline', label: t('lenkungskreis.content.indicators.baseline'), numeric: true, cell: (r) => `${num(r.baseline)} ${r.baseline === null ? '' : r.unit}`.trim() },
                  { key: 'target', label: t('lenkungskreis.content.indicators.target'), numeric: true, cell: (r) => `${num(r.target)} ${r.target === null ? '' : r.unit}`.trim() },
                  { key: 'deadline', label: t('lenkungskreis.content.indicators.deadline'), cell: (r) => date(r.deadline) },
                  { key: 'source', label: t('lenkungskreis.content.indicators.source'), cell: (r) => text(r.dataSource) },
                ]}
              />
            )}
          </>
        )}
      </Section>
      <Section field="measures" level={headingLevel}>
        {c.measures.length === 0 ? (
          <Empty />
        ) : (
          ([...ZIELFELDER, null] as (Zielfeld | null)[]).map((z) => {
            const rows = measuresBy(z);
            if (rows.length === 0 && z === null) return null;
            const label = z ? t(`goals.zielfelder.${z}`) : t('lenkungskreis.content.measures.noZielfeld');
            return (
              <div key={z ?? 'none'} className="wr-lk-zielfeld" data-testid={`content-measures-${z ?? 'none'}`}>
                <Heading level={sub} className="kern-heading-small">
                  {label}
                </Heading>
                {rows.length === 0 ? (
                  <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.content.measures.none')}</p>
                ) : (
                  <Table
                    caption={t('lenkungskreis.content.measures.caption', { zielfeld: label })}
                    rows={rows}
                    columns={[
                      { key: 'title', label: t('lenkungskreis.content.measures.title'), cell: (m) => m.title },
                      { key: 'description', label: t('lenkungskreis.content.measures.description'), cell: (m) => text(m.description) },
                      { key: 'owner', label: t('lenkungskreis.content.measures.owner'), cell: (m) => text(m.owner) },
                      { key: 'goal', label: t('lenkungskreis.content.measures.goal'), cell: (m) => (m.goalId ? (goalTitle.get(m.goalId) ?? '–') : '–') },
                      { key: 'due', label: t('lenkungskreis.content.measures.due'), cell: (m) => date(m.due) },
                    ]}
                  />
                )}
              </div>
            );
          })
        )}
      </Section>
      <Section field="responsibilities" level={headingLevel}>
        {c.responsibilities.length === 0 ? (
          <Empty />
        ) : (
          <Table
            caption={t('lenkungskreis.fields.responsibilities')}
            rows={c.responsibilities}
            columns={[
              { key: 'actor', label: t('lenkungskreis.content.responsibilities.actor'), cell: (r) => text(r.actor) },
              { key: 'task', label: t('lenkungskreis.content.responsibilities.task'), cell: (r) => text(r.task) },
            ]}
          />
        )}
      </Section>
      <Section field="municipalRole" level={headingLevel}>
        <p className="kern-body" data-testid="content-municipal-role">
          {c.municipalRole ? t(`lenkungskreis.municipalRole.${c.municipalRole}`) : t('lenkungskreis.content.notSet')}
        </p>
      </Section>
      <Section field="verbindlichkeitsstufe" level={headingLevel}>
        <p className="kern-body" data-testid="content-verbindlichkeitsstufe-value">
          {c.verbindlichkeitsstufe ? t(`lenkungskreis.verbindlichkeitsstufe.${c.verbindlichkeitsstufe}`) : t('lenkungskreis.content.notSet')}
        </p>
      </Section>
      <Section field="finanzielleAuswirkungen" level={headingLevel}>
        <Facts
          items={[
            [t('lenkungskreis.fields.finanzielleAuswirkungen'), c.finanzielleAuswirkungen ? t(`decisions.finanzen.${c.finanzielleAuswirkungen}`) : t('lenkungskreis.content.notSet')],
            [t('lenkungskreis.fields.haushaltsjahr'), text(c.haushaltsjahr)],
            [t('lenkungskreis.fields.produkt'), text(c.produkt)],
            [t('lenkungskreis.fields.deckung'), text(c.deckung)],
            [t('lenkungskreis.fields.folgekosten'), text(c.folgekosten)],
          ]}
        />
      </Section>
      <Section field="costs" level={headingLevel}>
        {c.costs.length === 0 ? (
          <Empty />
        ) : (
          <Table
            caption={t('lenkungskreis.fields.costs')}
            testId="content-costs-table"
            rows={c.costs}
            columns={[
              { key: 'label', label: t('lenkungskreis.content.costs.label'), cell: (k) => text(k.label) },
              { key: 'category', label: t('lenkungskreis.content.costs.category'), cell: (k) => (k.category ? t(`lenkungskreis.costCategory.${k.category}`) : '–') },
              { key: 'amount', label: t('lenkungskreis.content.costs.amount'), numeric: true, cell: (k) => (k.amountEur === null ? t('lenkungskreis.content.costs.notEstimated') : eur(k.amountEur)) },
              { key: 'period', label: t('lenkungskreis.content.costs.period'), cell: (k) => text(k.period) },
              { key: 'fundedBy', label: t('lenkungskreis.content.costs.fundedBy'), cell: (k) => text(k.fundedBy) },
            ]}
            footer={
              totals.length > 0 ? (
                <>
                  {totals.map((g) => {
                    const period = g.period.kind === 'other' ? g.period.period : t(`lenkungskreis.content.costs.periods.${g.period.kind}`);
                    return (
                      <tr key={period} className="kern-table__row" data-testid="content-costs-total">
                        <th scope="row" className="kern-table__cell" colSpan={2}>
                          {t('lenkungskreis.content.costs.sumPeriod', { period })}
                          {g.notEstimated > 0 && g.sum !== null ? ` ${t('lenkungskreis.content.costs.sumOpen', { count: g.notEstimated })}` : ''}
                        </th>
                        <td className="kern-table__cell kern-table__cell--numeric">{g.sum === null ? t('lenkungskreis.content.costs.notEstimated') : eur(g.sum)}</td>
                        <td className="kern-table__cell" colSpan={2} />
                      </tr>
                    );
                  })}
                </>
              ) : undefined
            }
          />
        )}
      </Section>
      <Section field="resourcesNote" level={headingLevel}>
        {c.resourcesNote.trim() === '' ? <Empty /> : <p className="kern-body wr-lk-pre">{c.resourcesNote}</p>}
      </Section>
      <Section field="timeline" level={headingLevel}>
        {c.timeline.length === 0 ? (
          <Empty />
        ) : (
          <Table
            caption={t('lenkungskreis.fields.timeline')}
            rows={c.timeline}
            columns={[
              { key: 'title', label: t('lenkungskreis.content.timeline.title'), cell: (m) => text(m.title) },
              { key: 'date', label: t('lenkungskreis.content.timeline.date'), cell: (m) => date(m.date) },
              { key: 'note', label: t('lenkungskreis.content.timeline.note'), cell: (m) => text(m.note) },
            ]}
          />
        )}
      </Section>
      <Section field="anlagen" level={headingLevel}>
        {c.anlagen.length === 0 ? (
          <Empty />
        ) : (
          <ol className="kern-list kern-list--number" data-testid="content-anlagen">
            {c.anlagen.map((a, i) => {
              const href = safeLinkTarget(a.link);
              return (
                <li key={a.id} className="kern-body">
                  <strong>{t('lenkungskreis.content.anlage', { n: i + 1 })}:</strong> {text(a.title)}
                  {href ? (
                    <>
                      {' – '}
                      <a className="kern-link" href={href} target="_blank" rel="noopener noreferrer">
                        {a.link}
                      </a>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </Section>
      <Section field="participation" level={headingLevel}>
        <Facts
          items={[
            [t('lenkungskreis.content.participation.people'), String(p.people)],
            [t('lenkungskreis.content.participation.observers'), String(p.observers)],
            [t('lenkungskreis.content.participation.maxVoters'), String(p.maxVoters)],
          ]}
        />
        {p.byActorGroup.length > 0 || p.withoutGroup > 0 ? (
          <>
            <p className="kern-label kern-label--small wr-lk-subhead">{t('lenkungskreis.content.participation.byGroup')}</p>
            <ul className="kern-list kern-list--bullet">
              {p.byActorGroup.map((g) => (
                <li key={g.group} className="kern-body">
                  {t(`moderation.actorGroups.${g.group}`)}: {g.count}
                </li>
              ))}
              {p.withoutGroup > 0 ? (
                <li className="kern-body">
                  {t('lenkungskreis.content.participation.withoutGroup')}: {p.withoutGroup}
                </li>
              ) : null}
            </ul>
          </>
        ) : null}
        {p.note.trim() !== '' ? <p className="kern-body wr-lk-pre">{p.note}</p> : null}
      </Section>
      <Section field="consensus" level={headingLevel}>
        {c.consensus.length === 0 ? <Empty /> : c.consensus.map((r) => <ConsensusRecordView key={r.id} record={r} level={sub} />)}
      </Section>
      <Section field="sources" level={headingLevel}>
        {c.sources.length === 0 ? (
          <Empty />
        ) : (
          <ul className="kern-list kern-list--bullet">
            {c.sources.map((s) => (
              <li key={`${s.ref.board}:${s.ref.itemId}`} className="kern-body">
                {s.label}
                <span className="wr-muted">
                  {' '}
                  ({t(`lenkungskreis.boards.${s.ref.board}`)}
                  {s.consensusIds.length > 0 ? `, ${t('lenkungskreis.content.sources.consensus', { count: s.consensusIds.length })}` : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
