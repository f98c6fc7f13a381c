/**
 * The Beschlussvorlage as Kommunen write it: the header block (Vorlagen-Nr., Datum, Federführung,
 * Verfasser/in, öffentlich/nichtöffentlich, Gremium, Status) as a two-column table, the Betreff,
 * the Beratungsfolge, then the Beschlussvorschlag first, Sachverhalt and Begründung, the tables
 * of goals/indicators and measures, role of the municipality and Verbindlichkeitsstufe, the
 * Finanzielle Auswirkungen (Haushaltsjahr, Produkt, Deckung, Folgekosten, costs with one total
 * per period), timeline, participation, the record of how consensus was reached, the
 * Anlagenverzeichnis, the Gremium's decision, and an annex with what is internal (provenance,
 * completeness notes, hand-over and checksum).
 */
import {
  betreffOf,
  COST_CATEGORY_LABELS,
  FINANZ_AUSWIRKUNG_LABELS,
  OEFFENTLICHKEIT_LABELS,
  withVorlageDefaults,
  ZUSTAENDIGKEIT_LABELS,
  costTotals,
  DECISION_FIELD_LABELS,
  DRAFT_STATUS_LABELS,
  MUNICIPAL_ROLE_LABELS,
  VERBINDLICHKEITSSTUFE_LABELS,
  ZIELFELD_LABELS,
  type CompletenessId,
  type ConsensusRecord,
  type DecisionContent,
  type DecisionRecord,
  type DecisionVersionMeta,
  type DraftStatus,
} from '../../../shared/decision';
import type { SessionKind } from '../../../shared/domain';
import { CONSENT_LEVEL_LABELS } from '../../../shared/votes';
import { safeLinkTarget } from '../../../shared/links';
import { consensusSummary, outcomeLabel } from '../consensus';
import { actorGroupTable, fmtDate, fmtDateTime, fmtEuro, fmtNumber, h, orDash, p, richBlocks, type Block, type DocModel, type Run } from './model';

const SWOT_LABELS = { staerken: 'Stärke', schwaechen: 'Schwäche', chancen: 'Chance', risiken: 'Risiko' } as const;
const BOARD_LABELS = { swot: 'Ausgangslage (SWOT)', priorities: 'Prioritäten', goals: 'Zielbaum', actions: 'Handlungskonzept' } as const;
const KIND_LABELS: Record<SessionKind, string> = {
  bildungskonferenz: 'Bildungskonferenz',
  interfraktionelle_ag: 'Interfraktionelle Arbeitsgruppe',
  arbeitsgruppe: 'Arbeitsgruppe',
};

/** German wording of the completeness findings, for the exported document. */
export const COMPLETENESS_TEXT: Record<CompletenessId, string> = {
  title_missing: 'Der Titel fehlt.',
  gremium_missing: 'Das Gremium ist nicht angegeben.',
  betreff_missing: 'Der Betreff ist nicht angegeben; es steht der Titel.',
  federfuehrung_missing: 'Die Federführung ist nicht angegeben.',
  beschlussvorschlag_missing: 'Der Beschlussvorschlag fehlt.',
  verbindlichkeitsstufe_missing: 'Die Verbindlichkeitsstufe ist nicht angegeben.',
  sachverhalt_missing: 'Der Sachverhalt ist nicht beschrieben.',
  begruendung_missing: 'Die Begründung fehlt.',
  no_goal: 'Es ist kein Ziel benannt.',
  no_measurable_goal: 'Kein Ziel ist messbar formuliert (Indikator mit Ausgangswert, Zielwert, Frist und Verantwortlichen).',
  goal_not_measurable: 'Ein Ziel ist nicht messbar formuliert.',
  no_measure: 'Es ist keine Maßnahme benannt.',
  zielfeld_not_covered: 'Nicht alle vier Zielfelder sind durch Maßnahmen abgedeckt.',
  no_owner: 'Eine Maßnahme hat keine Verantwortlichen.',
  no_responsibility: 'Zuständigkeiten sind nicht benannt.',
  no_cost_estimate: 'Es liegt keine Kostenschätzung vor.',
  municipal_role_missing: 'Die Rolle der Kommune (Selbsterzeugerin/Gewährleisterin) ist nicht festgelegt.',
  no_timeline: 'Es gibt keinen Zeitplan mit Terminen.',
  consensus_not_recorded: 'Für einen Inhalt ist nicht dokumentiert, wie Konsens erzielt wurde.',
  consensus_dissent: 'Zu einem Inhalt gab es Dissens, ein Veto oder schwere Bedenken.',
  non_binding_only: 'Es liegen nur unverbindliche Meinungsbilder vor.',
  no_participation: 'Die Beteiligung ist nicht dokumentiert.',
  resolution_on_opinion: 'Ein Meinungsbild trägt keinen Beschluss: Die Vorlage ist zur Kenntnisnahme, nicht zur Beschlussfassung.',
};

/**
 * What kind of paper a draft is: from an interfraktionelle Arbeitsgruppe (opinion pictures, no
 * decisions) an Informationsvorlage for the Lenkungskreis to take note of, else a Beschlussvorlage.
 */
export function paperKind(kind: SessionKind): 'Informationsvorlage' | 'Beschlussvorlage' {
  return kind === 'interfraktionelle_ag' ? 'Informationsvorlage' : 'Beschlussvorlage';
}

export interface DecisionExportInput {
  draftId: string;
  reference: string;
  status: DraftStatus;
  session: { id: string; title: string; kind: SessionKind; date: string };
  /** The frozen version, or null for the live draft. */
  version: DecisionVersionMeta | null;
  content: DecisionContent;
  decision: DecisionRecord | null;
  /** ISO timestamp. */
  generatedAt: string;
  /** Absolute URLs for links in JSON and OParl. */
  urls: { base: string; draft: string; paper: string; pdf: string };
  /** The OParl Paper, built beforehand from the stored PDF (format `oparl` only). */
  oparlPaper?: Record<string, unknown>;
}

export function fassungLabel(input: Pick<DecisionExportInput, 'version'>): string {
  return input.version ? `Fassung ${input.version.number}` : 'Entwurf (nicht übergeben)';
}

/** A record's one-line result; a board slot's numbers (stored before rounds were the only source) in words. */
function summaryOf(r: ConsensusRecord): string {
  return r.result.method === 'totals' ? consensusSummary(r.method, r.result, r.participants, r.nonBinding) : r.summary;
}

function consensusFor(ids: readonly string[], records: ReadonlyMap<string, ConsensusRecord>): string {
  const outcomes = ids.map((id) => records.get(id)).filter((r): r is ConsensusRecord => r !== undefined);
  if (outcomes.length === 0) return '—';
  return outcomes.map((r) => (r.nonBinding ? 'Meinungsbild' : outcomeLabel(r.outcome))).join('; ');
}

const PERIOD_LABELS = { yearly: 'jährlich', oneOff: 'einmalig', monthly: 'monatlich', none: 'ohne Zeitraumangabe' } as const;

/** The cost totals (shared/decision.ts, one per kind of period) as rows' texts: label, period, sum. */
export function costTotalRows(costs: readonly { amountEur: number | null; period: string }[]): { label: string; period: string; sum: number | null }[] {
  return costTotals(costs).map((g) => {
    const label = g.period.kind === 'other' ? g.period.period : PERIOD_LABELS[g.period.kind];
    const open = g.notEstimated > 0 && g.sum !== null ? ` (ohne ${g.notEstimated === 1 ? '1 nicht geschätzte Position' : `${g.notEstimated} nicht geschätzte Positionen`})` : '';
    return { label: `Summe ${label}${open}`, period: g.period.kind === 'none' ? '—' : label, sum: g.sum };
  });
}

/** The heading of the annex that holds what is internal to the process (provenance, checks). */
export const ANNEX_HEADING = 'Anhang: Herkunft und Prüfung';

export function buildDecisionDocument(input: DecisionExportInput): DocModel {
  // A version frozen before the Vorlage header existed reads with its defaults.
  const c = withVorlageDefaults(input.content);
  const records = new Map(c.consensus.map((r) => [r.id, r]));
  const blocks: Block[] = [];
  let section = 0;
  const heading = (text: string) => blocks.push(h(1, `${++section}. ${text}`));
  const informationOnly = input.session.kind === 'interfraktionelle_ag';

  // Header block: two columns, label and value.
  const datum = c.datum ?? (input.version ? input.version.handedOverAt : input.generatedAt);
  const fassung = `${input.reference} (${fassungLabel(input)})`;
  blocks.push({
    kind: 'facts',
    rows: [
      ['Vorlagen-Nr.', c.vorlagenNr.trim() !== '' ? c.vorlagenNr : fassung],
      ...(c.vorlagenNr.trim() !== '' ? ([['Werkraum-Referenz', fassung]] as [string, string][]) : []),
      ['Datum', fmtDate(datum)],
      ['Federführung', orDash(c.federfuehrung)],
      ['Verfasser/in', orDash(c.verfasser)],
      ['Öffentlichkeit', OEFFENTLICHKEIT_LABELS[c.oeffentlichkeit]],
      ['Gremium', orDash(c.gremium)],
      ['Status', DRAFT_STATUS_LABELS[input.status]],
      ['Vorgelegt von', `${KIND_LABELS[input.session.kind]} „${input.session.title}“ vom ${fmtDate(input.session.date)}`],
    ],
  });

  blocks.push(h(1, DECISION_FIELD_LABELS.betreff));
  blocks.push(p(orDash(betreffOf(c)), 'lead'));

  blocks.push(h(1, DECISION_FIELD_LABELS.beratungsfolge));
  const consultations =
    c.beratungsfolge.length > 0
      ? c.beratungsfolge
      : [{ gremium: c.gremium, date: null, zustaendigkeit: informationOnly ? ('kenntnisnahme' as const) : ('entscheidung' as const) }];
  blocks.push({
    kind: 'table',
    header: ['Gremium', 'Sitzungsdatum', 'Zuständigkeit'],
    widths: [6, 3, 3],
    rows: consultations.map((b) => [orDash(b.gremium), fmtDate(b.date), b.zustaendigkeit ? ZUSTAENDIGKEIT_LABELS[b.zustaendigkeit] : '—']),
  });

  heading(informationOnly ? 'Zur Kenntnisnahme' : DECISION_FIELD_LABELS.beschlussvorschlag);
  if (informationOnly) {
    blocks.push(p('Die Interfraktionelle Arbeitsgruppe hat unverbindliche Meinungsbilder eingeholt; sie fasst keine Beschlüsse.', 'muted'));
  }
  blocks.push(...richBlocks(c.beschlussvorschlag));

  heading(DECISION_FIELD_LABELS.sachverhalt);
  blocks.push(...richBlocks(c.sachverhalt));
  if (c.evidence.length > 0) {
    blocks.push(h(2, DECISION_FIELD_LABELS.evidence));
    blocks.push({
      kind: 'table',
      header: ['Einordnung', 'Befund', 'Kennzahl', 'Quelle'],
      widths: [2, 6, 3, 3],
      rows: c.evidence.map((e) => [
        e.quadrant ? SWOT_LABELS[e.quadrant] : '—',
        orDash(e.text),
        e.indicator || e.value !== null ? `${e.indicator}${e.value !== null ? `: ${fmtNumber(e.value, e.unit)}` : ''}${e.year ? ` (${e.year})` : ''}` : '—',
        orDash(e.dataSource),
      ]),
    });
  }

  heading(DECISION_FIELD_LABELS.begruendung);
  blocks.push(...richBlocks(c.begruendung));

  if (c.topics.length > 0) {
    heading(DECISION_FIELD_LABELS.topics);
    blocks.push({
      kind: 'table',
      header: ['Rang', 'Thema', 'Rolle der Kommune', 'Konsens'],
      widths: [1, 6, 3, 3],
      rows: c.topics.map((t) => [t.rank === null ? '—' : String(t.rank), t.description ? `${t.title}\n${t.description}` : orDash(t.title), t.role ? MUNICIPAL_ROLE_LABELS[t.role].split(' (')[0]! : '—', consensusFor(t.consensusIds, records)]),
    });
  }

  heading(DECISION_FIELD_LABELS.goals);
  if (c.goals.length === 0) blocks.push(p('Keine Ziele benannt.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['Ziel', 'Verantwortlich', 'Indikator', 'Ausgangswert', 'Zielwert', 'Frist', 'Datenquelle'],
      widths: [5, 3, 4, 2, 2, 2, 3],
      align: ['left', 'left', 'left', 'right', 'right', 'left', 'left'],
      rows: c.goals.flatMap((g) => {
        const goal = `${g.title}${g.zielfeld ? ` (${ZIELFELD_LABELS[g.zielfeld]})` : ''}`;
        if (g.indicators.length === 0) return [[goal, orDash(g.owner), 'kein Indikator', '—', '—', '—', '—']];
        return g.indicators.map((i, n) => [
          n === 0 ? goal : '',
          n === 0 ? orDash(g.owner) : '',
          `${orDash(i.name)}${i.unit ? ` (${i.unit})` : ''}`,
          fmtNumber(i.baseline),
          fmtNumber(i.target),
          fmtDate(i.deadline),
          orDash(i.dataSource),
        ]);
      }),
    });
  }

  heading(DECISION_FIELD_LABELS.measures);
  if (c.measures.length === 0) blocks.push(p('Keine Maßnahmen benannt.', 'muted'));
  else {
    const goalTitle = new Map(c.goals.map((g) => [g.id, g.title]));
    const order = (z: string | null) => (z === null ? 9 : ['wirkungen', 'leistungen', 'prozesse', 'ressourcen'].indexOf(z));
    blocks.push({
      kind: 'table',
      header: ['Zielfeld', 'Maßnahme', 'Verantwortlich', 'Termin', 'Dient dem Ziel'],
      widths: [3, 6, 3, 2, 4],
      rows: [...c.measures]
        .sort((a, b) => order(a.zielfeld) - order(b.zielfeld))
        .map((m) => [
          m.zielfeld ? ZIELFELD_LABELS[m.zielfeld] : '—',
          m.description ? `${m.title}\n${m.description}` : orDash(m.title),
          orDash(m.owner),
          fmtDate(m.due),
          m.goalId ? (goalTitle.get(m.goalId) ?? '—') : '—',
        ]),
    });
  }

  heading(DECISION_FIELD_LABELS.responsibilities);
  if (c.responsibilities.length === 0) blocks.push(p('Keine Zuständigkeiten benannt.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Akteur', 'Aufgabe'], widths: [1, 2], rows: c.responsibilities.map((r) => [orDash(r.actor), orDash(r.task)]) });

  heading('Rolle der Kommune und Verbindlichkeit');
  blocks.push({
    kind: 'facts',
    rows: [
      [DECISION_FIELD_LABELS.municipalRole, c.municipalRole ? MUNICIPAL_ROLE_LABELS[c.municipalRole] : 'nicht festgelegt'],
      [DECISION_FIELD_LABELS.verbindlichkeitsstufe, c.verbindlichkeitsstufe ? VERBINDLICHKEITSSTUFE_LABELS[c.verbindlichkeitsstufe] : 'nicht festgelegt'],
    ],
  });

  heading(DECISION_FIELD_LABELS.finanzielleAuswirkungen);
  blocks.push({
    kind: 'facts',
    rows: [
      [DECISION_FIELD_LABELS.finanzielleAuswirkungen, c.finanzielleAuswirkungen ? FINANZ_AUSWIRKUNG_LABELS[c.finanzielleAuswirkungen] : 'nicht angegeben'],
      [DECISION_FIELD_LABELS.haushaltsjahr, orDash(c.haushaltsjahr)],
      [DECISION_FIELD_LABELS.produkt, orDash(c.produkt)],
      [DECISION_FIELD_LABELS.deckung, orDash(c.deckung)],
      [DECISION_FIELD_LABELS.folgekosten, orDash(c.folgekosten)],
    ],
  });
  if (c.costs.length === 0) blocks.push(p('Keine Kostenschätzung.', 'muted'));
  else {
    blocks.push(h(2, 'Kosten nach Zeitraum'));
    blocks.push({
      kind: 'table',
      header: ['Position', 'Art', 'Betrag', 'Zeitraum', 'Kostenträger'],
      widths: [5, 2, 3, 2, 3],
      align: ['left', 'left', 'right', 'left', 'left'],
      rows: [
        ...c.costs.map((k) => [orDash(k.label), k.category ? COST_CATEGORY_LABELS[k.category] : '—', fmtEuro(k.amountEur), orDash(k.period), orDash(k.fundedBy)]),
        // Yearly, one-off and other periods are never added up into one sum.
        ...costTotalRows(c.costs).map((t) => [t.label, '', fmtEuro(t.sum), t.period, '']),
      ],
    });
  }
  if (c.resourcesNote.trim() !== '') {
    blocks.push(h(2, DECISION_FIELD_LABELS.resourcesNote));
    blocks.push(p(c.resourcesNote));
  }

  heading(DECISION_FIELD_LABELS.timeline);
  if (c.timeline.length === 0) blocks.push(p('Kein Zeitplan.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Meilenstein', 'Termin', 'Hinweis'], widths: [4, 2, 4], rows: c.timeline.map((m) => [orDash(m.title), fmtDate(m.date), orDash(m.note)]) });

  heading(DECISION_FIELD_LABELS.participation);
  const part = c.participation;
  blocks.push(
    p(
      `An der ${KIND_LABELS[input.session.kind]} ${part.people === 1 ? 'nahm 1 Person' : `nahmen ${part.people} Personen`} teil` +
        (part.observers > 0 ? ` (dazu ${part.observers} Beobachtende)` : '') +
        (part.maxVoters > 0 ? `; an ${input.session.kind === 'interfraktionelle_ag' ? 'Meinungsbildern' : 'Abstimmungen'} beteiligten sich bis zu ${part.maxVoters} Personen.` : '.'),
    ),
  );
  if (part.byActorGroup.length > 0) {
    blocks.push(actorGroupTable(part));
  }
  if (part.note.trim() !== '') blocks.push(p(part.note));

  heading(DECISION_FIELD_LABELS.consensus);
  if (c.consensus.length === 0) blocks.push(p('Es ist nicht dokumentiert, wie Konsens erzielt wurde.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['Gegenstand', 'Verfahren und Ergebnis', 'Teilnehmende', 'Konsens'],
      widths: [4, 6, 2, 3],
      align: ['left', 'left', 'right', 'left'],
      rows: c.consensus.map((r) => [
        r.roundTitle ? `${r.optionLabel}\n(Runde „${r.roundTitle}“)` : r.optionLabel,
        summaryOf(r),
        String(r.participants),
        r.nonBinding ? 'Meinungsbild, unverbindlich' : outcomeLabel(r.outcome),
      ]),
    });
    const withObjections = c.consensus.filter((r) => r.objections.length > 0);
    if (withObjections.length > 0) {
      blocks.push(h(2, 'Einwände, Widerstände und Dissens'));
      for (const r of withObjections) {
        blocks.push(p(`Zu „${r.optionLabel}“:`));
        blocks.push({
          kind: 'list',
          ordered: false,
          start: 1,
          items: r.objections.map((o) => [p(`${CONSENT_LEVEL_LABELS[o.level]}: ${o.reason}${o.displayName ? ` (${o.displayName})` : ''}`)]),
        });
      }
    }
  }

  heading(DECISION_FIELD_LABELS.anlagen);
  if (c.anlagen.length === 0) blocks.push(p('Keine Anlagen.', 'muted'));
  else {
    blocks.push(h(2, 'Anlagenverzeichnis'));
    c.anlagen.forEach((a, i) => {
      const runs: Run[] = [{ text: `Anlage ${i + 1}: `, bold: true }, { text: orDash(a.title) }];
      const href = safeLinkTarget(a.link);
      if (href !== null) runs.push({ text: ' – ' }, { text: a.link, link: href });
      blocks.push({ kind: 'paragraph', runs });
    });
  }

  if (input.decision) {
    const d = input.decision;
    heading(`Beschluss des Gremiums: ${DRAFT_STATUS_LABELS[d.outcome]}`);
    blocks.push({
      kind: 'facts',
      rows: [
        ['Ergebnis', DRAFT_STATUS_LABELS[d.outcome]],
        ['Sitzung vom', fmtDate(d.decidedOn)],
        ['Zu Fassung', String(d.version)],
        ['Erfasst', `${fmtDateTime(d.recordedAt)} durch ${d.recordedBy.displayName}`],
      ],
    });
    if (d.resolutionText.trim() !== '') {
      blocks.push(h(2, 'Beschlusstext'));
      blocks.push(...d.resolutionText.split('\n').map((line) => p(line)));
    }
    if (d.conditions.trim() !== '') {
      blocks.push(h(2, 'Auflagen und Bedingungen'));
      blocks.push(...d.conditions.split('\n').map((line) => p(line)));
    }
  }

  // The annex: what documents the process, not the proposal.
  const findings = input.version?.findings.filter((f) => f.severity !== 'info') ?? [];
  if (c.sources.length > 0 || findings.length > 0 || input.version) {
    blocks.push(h(1, ANNEX_HEADING));
    if (input.version) {
      blocks.push(h(2, 'Übergabe'));
      blocks.push({
        kind: 'facts',
        rows: [
          ['Übergeben', `${fmtDateTime(input.version.handedOverAt)} durch ${input.version.handedOverBy.displayName}`],
          ['Prüfsumme (SHA-256)', input.version.contentHash],
        ],
      });
    }
    if (c.sources.length > 0) {
      blocks.push(h(2, DECISION_FIELD_LABELS.sources));
      blocks.push({
        kind: 'table',
        header: ['Arbeitsschritt', 'Element', 'Konsens-Nachweise'],
        widths: [3, 6, 2],
        rows: c.sources.map((s) => [BOARD_LABELS[s.ref.board], orDash(s.label), String(s.consensusIds.length)]),
      });
    }
    if (findings.length > 0) {
      blocks.push(h(2, 'Hinweise der Vollständigkeitsprüfung'));
      blocks.push({ kind: 'list', ordered: false, start: 1, items: [...new Set(findings.map((f) => COMPLETENESS_TEXT[f.id]))].map((t) => [p(t)]) });
    }
  }

  const paper = paperKind(input.session.kind);
  return {
    title: c.title || paper,
    kicker: paper,
    header: `${orDash(c.gremium)} · Vorlage ${c.vorlagenNr.trim() !== '' ? c.vorlagenNr : input.reference} · ${fassungLabel(input)}${c.oeffentlichkeit === 'nichtoeffentlich' ? ' · nichtöffentlich' : ''}`,
    footer: `Erstellt mit Werkraum am ${fmtDateTime(input.generatedAt)}`,
    subject: `${paper} ${input.reference}`,
    keywords: [paper, input.reference, orDash(c.gremium)],
    blocks,
  };
}
