/**
 * The session Protokoll: agenda, notes, every board's final state, every round's result and
 * outcome, participation and the session's decision drafts.
 */
import { DRAFT_STATUS_LABELS, MUNICIPAL_ROLE_LABELS, ZIELFELD_LABELS, type DraftStatus, type Participation, type DecisionRecord } from '../../../shared/decision';
import type { DocKind } from '../../../shared/docs';
import type { SessionKind } from '../../../shared/domain';
import { STEERING_PHASE_LABELS, type AgendaItem } from '../../../shared/moderation';
import type { RichDoc } from '../../../shared/richText';
import type { ActionEntry } from '../../../shared/schema/actions';
import { ZIELFELDER, type GoalLevel, type Indicator, type Zielfeld } from '../../../shared/schema/goals';
import type { MunicipalRole } from '../../../shared/schema/priorities';
import { SWOT_QUADRANTS, type Assessment, type Evidence, type SwotQuadrant } from '../../../shared/schema/swot';
import { CONSENT_LEVEL_LABELS, VOTING_METHOD_LABELS, type RoundResult } from '../../../shared/votes';
import { consensusFromRound, isoTime, outcomeLabel } from '../consensus';
import { fmtDate, fmtDateTime, fmtNumber, h, orDash, p, richBlocks, type Block, type DocModel } from './model';

export interface ProtokollInput {
  session: { id: string; title: string; kind: SessionKind; date: string };
  generatedAt: string;
  agenda: AgendaItem[];
  notes: RichDoc;
  swot: { quadrant: SwotQuadrant; text: string; cluster: string | null; evidence: Evidence | null; assessment: Assessment | null }[];
  /** The board's topics; their results come from `rounds`, never from the board's vote slot. */
  priorities: { rank: number; title: string; description: string; role: MunicipalRole | null; actors: string[]; id: string }[];
  goals: { depth: number; level: GoalLevel; title: string; owner: string; zielfeld: Zielfeld | null; indicators: Indicator[] }[];
  actions: { goalTitle: string; entry: Pick<ActionEntry, 'fields'> }[];
  canvas: { number: string; title: string; answer: RichDoc }[];
  rounds: RoundResult[];
  cancelledRounds: number;
  participation: Omit<Participation, 'note'>;
  drafts: { reference: string; title: string; status: DraftStatus; latestVersion: number; decision: DecisionRecord | null }[];
}

const KIND_LABELS: Record<SessionKind, string> = {
  bildungskonferenz: 'Bildungskonferenz',
  interfraktionelle_ag: 'Interfraktionelle Arbeitsgruppe',
  arbeitsgruppe: 'Arbeitsgruppe',
};
const QUADRANT_LABELS: Record<SwotQuadrant, string> = { staerken: 'Stärken', schwaechen: 'Schwächen', chancen: 'Chancen', risiken: 'Risiken' };
const LEVEL_LABELS: Record<GoalLevel, string> = { leitbild: 'Leitbild', strategisch: 'Strategisches Ziel', operativ: 'Operatives Ziel', massnahme: 'Maßnahme' };
const BOARD_LABELS: Record<DocKind, string> = {
  notes: 'Notizen',
  swot: 'Ausgangslage',
  priorities: 'Prioritäten',
  goals: 'Zielbaum',
  actions: 'Handlungskonzept',
  canvas: 'Gesamtkonzept',
  decisions: 'Beschlussvorlagen',
};
const LEVEL3 = { low: 'gering', medium: 'mittel', high: 'hoch' } as const;

function assessmentText(a: Assessment | null): string {
  if (!a) return '—';
  const parts: string[] = [];
  if (a.probability) parts.push(`Wahrscheinlichkeit ${LEVEL3[a.probability]}`);
  if (a.timing) parts.push(typeof a.timing === 'string' ? `${{ short: 'kurzfristig', medium: 'mittelfristig', long: 'langfristig' }[a.timing]}` : `ab ${fmtDate(a.timing.date)}`);
  if (a.impact) parts.push(`Auswirkung ${LEVEL3[a.impact]}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Goal tree rows show their depth by dashes up to this depth, then by number. */
const MAX_INDENT = 8;

export function buildProtokollDocument(input: ProtokollInput): DocModel {
  const blocks: Block[] = [];
  // A topic's results: every closed round (from the store) with an option for it.
  const resultsOf = (topicId: string): string => {
    const lines: string[] = [];
    for (const round of input.rounds) {
      for (const o of round.options) {
        if (o.source?.board !== 'priorities' || o.source.itemId !== topicId) continue;
        const r = consensusFromRound(round, o.id);
        lines.push(r.nonBinding ? r.summary : `${r.summary} — ${outcomeLabel(r.outcome)}`);
      }
    }
    return lines.length > 0 ? lines.join('\n') : '—';
  };
  let section = 0;
  const heading = (text: string) => blocks.push(h(1, `${++section}. ${text}`));
  const part = input.participation;
  // An interfraktionelle Arbeitsgruppe takes opinion pictures: no word of its record says "vote".
  const iag = input.session.kind === 'interfraktionelle_ag';

  blocks.push({
    kind: 'facts',
    rows: [
      ['Veranstaltung', `${KIND_LABELS[input.session.kind]} „${input.session.title}“`],
      ['Datum', fmtDate(input.session.date)],
      ['Teilnehmende', `${part.people}${part.observers > 0 ? ` (dazu ${part.observers} Beobachtende)` : ''}`],
      [iag ? 'Meinungsbilder' : 'Abstimmungsrunden', `${input.rounds.length}${input.cancelledRounds > 0 ? ` (dazu ${input.cancelledRounds} abgebrochen)` : ''}`],
      ['Protokoll erstellt', fmtDateTime(input.generatedAt)],
    ],
  });

  heading('Tagesordnung');
  if (input.agenda.length === 0) blocks.push(p('Keine Tagesordnung angelegt.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['TOP', 'Thema', 'Schritt im Steuerungskreislauf', 'Arbeitsfläche', 'Minuten'],
      widths: [1, 6, 4, 3, 2],
      align: ['right', 'left', 'left', 'left', 'right'],
      rows: input.agenda.map((a, i) => [String(i + 1), a.title, STEERING_PHASE_LABELS[a.phase], BOARD_LABELS[a.board], String(a.plannedMinutes)]),
    });
  }

  heading('Notizen');
  blocks.push(...richBlocks(input.notes, 2, 'Keine Notizen.'));

  heading('Ausgangslage (SWOT)');
  if (input.swot.length === 0) blocks.push(p('Keine Karten.', 'muted'));
  for (const q of SWOT_QUADRANTS) {
    const cards = input.swot.filter((c) => c.quadrant === q);
    if (cards.length === 0) continue;
    blocks.push(h(2, QUADRANT_LABELS[q]));
    const external = q === 'chancen' || q === 'risiken';
    blocks.push({
      kind: 'table',
      header: external ? ['Befund', 'Gruppe', 'Kennzahl', 'Einschätzung'] : ['Befund', 'Gruppe', 'Kennzahl'],
      widths: external ? [6, 2, 3, 3] : [7, 2, 3],
      rows: cards.map((c) => {
        const ev = c.evidence;
        const figure = ev ? `${ev.indicator}${ev.value !== null ? `: ${fmtNumber(ev.value, ev.unit)}` : ''}${ev.year ? ` (${ev.year})` : ''}${ev.source ? `, Quelle: ${ev.source}` : ''}` : '—';
        const row = [orDash(c.text), orDash(c.cluster), figure];
        return external ? [...row, assessmentText(c.assessment)] : row;
      }),
    });
  }

  heading('Prioritäten');
  if (input.priorities.length === 0) blocks.push(p('Keine Themen.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['Rang', 'Thema', 'Rolle der Kommune', 'Verantwortlich', 'Ergebnis'],
      widths: [1, 5, 3, 3, 4],
      rows: input.priorities.map((t) => [
        String(t.rank),
        t.description ? `${t.title}\n${t.description}` : orDash(t.title),
        t.role ? MUNICIPAL_ROLE_LABELS[t.role].split(' (')[0]! : '—',
        t.actors.length > 0 ? t.actors.join(', ') : '—',
        resultsOf(t.id),
      ]),
    });
  }

  heading('Zielbaum');
  if (input.goals.length === 0) blocks.push(p('Keine Ziele.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['Ebene', 'Ziel', 'Zielfeld', 'Verantwortlich', 'Indikatoren'],
      widths: [3, 6, 3, 3, 6],
      rows: input.goals.map((g) => [
        LEVEL_LABELS[g.level] ?? '—',
        `${g.depth <= MAX_INDENT ? '– '.repeat(g.depth) : `${'– '.repeat(MAX_INDENT)}(Ebene ${g.depth + 1}) `}${orDash(g.title)}`,
        g.zielfeld ? ZIELFELD_LABELS[g.zielfeld] : '—',
        orDash(g.owner),
        g.indicators.length === 0
          ? '—'
          : g.indicators.map((i) => `${orDash(i.name)}: ${fmtNumber(i.baseline, i.unit)} → ${fmtNumber(i.target, i.unit)} bis ${fmtDate(i.deadline)}${i.dataSource ? ` (${i.dataSource})` : ''}`).join('\n'),
      ]),
    });
  }

  heading('Handlungskonzept');
  const filled = input.actions.filter((a) => ZIELFELDER.some((z) => a.entry.fields[z].trim() !== ''));
  if (filled.length === 0) blocks.push(p('Kein Handlungskonzept erarbeitet.', 'muted'));
  for (const a of filled) {
    blocks.push(h(2, a.goalTitle || 'Ziel ohne Titel'));
    blocks.push({ kind: 'facts', rows: ZIELFELDER.map((z) => [ZIELFELD_LABELS[z], orDash(a.entry.fields[z])] as [string, string]) });
  }

  if (input.canvas.length > 0) {
    heading('Gesamtkonzept Bildung');
    for (const s of input.canvas) {
      blocks.push(h(2, `${s.number}. ${s.title}`));
      blocks.push(...richBlocks(s.answer, 3, 'Nicht bearbeitet.'));
    }
  }

  heading(iag ? 'Meinungsbilder' : 'Abstimmungen und Ergebnisse');
  if (input.rounds.length === 0) blocks.push(p(iag ? 'Es wurde kein Meinungsbild eingeholt.' : 'Es gab keine abgeschlossene Abstimmungsrunde.', 'muted'));
  for (const round of input.rounds) {
    blocks.push(h(2, `${round.title} (${VOTING_METHOD_LABELS[round.method]}, ${fmtDateTime(isoTime(round.closedAt))})`));
    if (round.label) blocks.push(p(round.label, 'muted'));
    const people = round.voters === 1 ? '1 Person' : `${round.voters} Personen`;
    const manual = round.manual ? ` (davon ${round.manual.voters} per Hand/Papier${round.manual.note ? `: ${round.manual.note}` : ''})` : '';
    const secrecy = iag ? 'Einschätzungen geheim' : round.named ? 'namentliche Abstimmung' : 'geheime Abstimmung';
    blocks.push(p(`${people} ${round.voters === 1 ? 'nahm' : 'nahmen'} teil${manual}; ${secrecy}.`));
    if (round.withheld) {
      blocks.push(p(`Zu wenige Teilnehmende für eine geheime Auswertung (mindestens ${round.minVoters}): Die Verteilung wird nicht veröffentlicht.`, 'muted'));
      continue;
    }
    const records = round.options.map((o) => consensusFromRound(round, o.id));
    blocks.push({
      kind: 'table',
      header: ['Option', 'Ergebnis', 'Konsens'],
      widths: [4, 7, 3],
      rows: records.map((r) => [r.optionLabel, r.summary.replace(/^[^:]*: /, ''), round.nonBinding ? 'Meinungsbild' : outcomeLabel(r.outcome)]),
    });
    const objections = records.filter((r) => r.objections.length > 0);
    for (const r of objections) {
      blocks.push(p(`Einwände zu „${r.optionLabel}“:`));
      blocks.push({ kind: 'list', ordered: false, start: 1, items: r.objections.map((o) => [p(`${CONSENT_LEVEL_LABELS[o.level]}: ${o.reason}${o.displayName ? ` (${o.displayName})` : ''}`)]) });
    }
  }

  heading('Beteiligung');
  blocks.push(p(`${part.people === 1 ? '1 Person nahm' : `${part.people} Personen nahmen`} teil${part.maxVoters > 0 ? `; an ${iag ? 'Meinungsbildern' : 'Abstimmungen'} beteiligten sich bis zu ${part.maxVoters}` : ''}.`));
  if (part.byActorGroup.length > 0) {
    blocks.push({
      kind: 'table',
      header: ['Akteursgruppe', 'Personen'],
      widths: [3, 1],
      align: ['left', 'right'],
      rows: [...part.byActorGroup.map((g) => [g.label, String(g.count)]), ...(part.withoutGroup > 0 ? [['ohne Angabe', String(part.withoutGroup)]] : [])],
    });
  }

  if (input.drafts.length > 0) {
    heading('Beschlussvorlagen');
    blocks.push({
      kind: 'table',
      header: ['Vorlagen-Nr.', 'Titel', 'Fassung', 'Status', 'Beschluss'],
      widths: [3, 6, 2, 3, 4],
      rows: input.drafts.map((d) => [
        d.reference,
        d.title,
        d.latestVersion > 0 ? String(d.latestVersion) : '—',
        DRAFT_STATUS_LABELS[d.status],
        d.decision ? `${DRAFT_STATUS_LABELS[d.decision.outcome]} am ${fmtDate(d.decision.decidedOn)}` : '—',
      ]),
    });
  }

  return {
    title: input.session.title,
    kicker: `Protokoll · ${KIND_LABELS[input.session.kind]}`,
    header: `Protokoll: ${input.session.title} · ${fmtDate(input.session.date)}`,
    footer: `Erstellt mit Werkraum am ${fmtDateTime(input.generatedAt)}`,
    subject: `Protokoll ${input.session.title}`,
    keywords: ['Protokoll', KIND_LABELS[input.session.kind]],
    blocks,
  };
}
