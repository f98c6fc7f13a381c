/**
 * The session Protokoll, written as a Niederschrift: the meeting's facts (place, start and end,
 * moderation, minute-taker), attendance, the agenda with the times each item was current, per
 * agenda item its rounds with results, outcomes and (named rounds only) votes by person; then
 * notes, every board's final state and the session's decision drafts, and an approval line.
 * Secret rounds never name anyone; attendance groups people as the participation table does, so
 * an actor group below the minimum size is never singled out.
 */
import { DRAFT_STATUS_LABELS, MUNICIPAL_ROLE_LABELS, ZIELFELD_LABELS, type DraftStatus, type Participation, type DecisionRecord } from '../../../shared/decision';
import type { DocKind } from '../../../shared/docs';
import type { SessionKind } from '../../../shared/domain';
import { STEERING_PHASE_LABELS, type AgendaItem } from '../../../shared/moderation';
import { richPlainText, type RichBlock, type RichDoc } from '../../../shared/richText';
import type { ActionEntry } from '../../../shared/schema/actions';
import { ZIELFELDER, type GoalLevel, type Indicator, type Zielfeld } from '../../../shared/schema/goals';
import type { MunicipalRole } from '../../../shared/schema/priorities';
import { SWOT_QUADRANTS, type Assessment, type Evidence, type SwotQuadrant } from '../../../shared/schema/swot';
import { CONSENT_LEVEL_LABELS, OPINION_LABELS, VOTING_METHOD_LABELS, type Ballot, type RoundResult } from '../../../shared/votes';
import { consensusFromRound, isoTime, outcomeLabel } from '../consensus';
import { actorGroupTable, fmtDate, fmtDateTime, fmtNumber, h, orDash, p, richBlocks, type Block, type DocModel } from './model';

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
  /** Where and when the session met and who ran it (absent or empty: not given). */
  meeting?: ProtokollMeeting;
  /** Who attended by name (absent: counts only). */
  attendance?: ProtokollAttendance;
  /** The stretches each agenda item was the current one, by item id, oldest first (absent: not recorded). */
  itemTimes?: Record<string, ProtokollItemTime[]>;
}

export interface ProtokollMeeting {
  place: string;
  /** `HH:MM` as the moderation gave it, or null. */
  startTime: string | null;
  endTime: string | null;
  minuteTaker: string;
  /** The session's moderators' names. */
  moderation: string[];
}

/**
 * Participants by name in the groups the participation table shows (`label` null: no grouping,
 * too few people or nobody named a group). Observers are counted, never named.
 */
export interface ProtokollAttendance {
  groups: { label: string | null; names: string[] }[];
}

export interface ProtokollItemTime {
  startedAt: string;
  endedAt: string | null;
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

const BERLIN = 'Europe/Berlin';
const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};
/** "09:32" (Berlin time) of an ISO time. */
function fmtClock(iso: string): string {
  const t = ms(iso);
  return t === null ? '—' : new Date(t).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: BERLIN });
}
const minutesText = (n: number) => (n === 1 ? '1 Minute' : `${n} Minuten`);

/** "09:32–10:05 Uhr (33 Minuten)"; the date too when the stretch lies on another day than the session. */
function stretchText(t: ProtokollItemTime, sessionDate: string): string {
  const day = fmtDate(t.startedAt);
  const prefix = day !== fmtDate(sessionDate) ? `${day}, ` : '';
  const start = ms(t.startedAt);
  const end = ms(t.endedAt);
  if (start === null) return '—';
  if (end === null) return `${prefix}ab ${fmtClock(t.startedAt)} Uhr (bei Erstellung des Protokolls noch aufgerufen)`;
  const minutes = (end - start) / 60_000;
  return `${prefix}${fmtClock(t.startedAt)}–${fmtClock(t.endedAt!)} Uhr (${minutes < 1 ? 'weniger als 1 Minute' : minutesText(Math.round(minutes))})`;
}

/** One person's answer on one option of a named round, in words. */
function ballotText(ballot: Ballot, optionId: string): string {
  switch (ballot.method) {
    case 'punktabfrage': {
      const n = ballot.dots[optionId] ?? 0;
      return n === 1 ? '1 Punkt' : `${n} Punkte`;
    }
    case 'widerstandsabfrage': {
      const n = ballot.resistance[optionId];
      return n === undefined ? '—' : `Widerstand ${n}`;
    }
    case 'konsenscheck': {
      const l = ballot.levels[optionId];
      return l ? `${CONSENT_LEVEL_LABELS[l.level]}${l.level !== 'zustimmung' && l.reason ? ` („${l.reason}“)` : ''}` : '—';
    }
    case 'meinungsbild': {
      const o = ballot.opinions[optionId];
      return o ? OPINION_LABELS[o] : '—';
    }
  }
}

const normalTitle = (t: string) => t.replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');

/**
 * The notes split by agenda item: a heading that names an item — "TOP 2", "TOP 2: …" or the
 * item's title — starts that item's notes, up to the next heading of the same or a higher level.
 * Everything else stays with the general notes, in its order.
 */
export function notesByItem(notes: RichDoc, agenda: readonly AgendaItem[]): { general: RichDoc; byItem: Map<string, RichDoc> } {
  const general: RichBlock[] = [];
  const byItem = new Map<string, RichDoc>();
  const byTitle = new Map(agenda.map((a) => [normalTitle(a.title), a.id] as const));
  let current: { itemId: string; level: number } | null = null;
  for (const block of notes.content ?? []) {
    if (block.type === 'heading') {
      const level = Number(block.attrs?.level) || 1;
      if (current && level <= current.level) current = null;
      const text = richPlainText({ type: 'doc', content: [block] }).trim();
      const top = /^TOP\s*(\d+)\b/i.exec(text);
      const itemId = top ? (agenda[Number(top[1]) - 1]?.id ?? null) : (byTitle.get(normalTitle(text)) ?? null);
      if (itemId !== null) {
        current = { itemId, level };
        if (!byItem.has(itemId)) byItem.set(itemId, { type: 'doc', content: [] });
        continue;
      }
    }
    (current ? byItem.get(current.itemId)!.content : general).push(block);
  }
  return { general: { type: 'doc', content: general }, byItem };
}

/** Up to this many options, a named round's votes are a table with a column per option. */
const VOTE_COLUMNS_MAX = 4;

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

  /** A closed round: method and time, who took part, results and outcomes, objections, named votes. */
  const roundBlocks = (round: RoundResult, level: 2 | 3 = 3): void => {
    blocks.push(h(level, `${round.title} (${VOTING_METHOD_LABELS[round.method]}, ${fmtDateTime(isoTime(round.closedAt))})`));
    if (round.label) blocks.push(p(round.label, 'muted'));
    const people = round.voters === 1 ? '1 Person' : `${round.voters} Personen`;
    const manual = round.manual ? ` (davon ${round.manual.voters} per Hand/Papier${round.manual.note ? `: ${round.manual.note}` : ''})` : '';
    const secrecy = iag ? 'Einschätzungen geheim' : round.named ? 'namentliche Abstimmung' : 'geheime Abstimmung';
    blocks.push(p(`${people} ${round.voters === 1 ? 'nahm' : 'nahmen'} teil${manual}; ${secrecy}.`));
    if (round.withheld) {
      blocks.push(p(`Zu wenige Teilnehmende für eine geheime Auswertung (mindestens ${round.minVoters}): Die Verteilung wird nicht veröffentlicht.`, 'muted'));
      return;
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
    // Votes by person: named rounds only (a secret round's result never carries ballots).
    if (!round.named || iag || !round.ballots || round.ballots.length === 0) return;
    blocks.push(p('Stimmabgabe namentlich:'));
    const options = round.options;
    blocks.push(
      options.length <= VOTE_COLUMNS_MAX
        ? {
            kind: 'table',
            header: ['Name', ...options.map((o) => o.label)],
            widths: [3, ...options.map(() => 3)],
            rows: round.ballots.map((b) => [b.displayName, ...options.map((o) => ballotText(b.ballot, o.id))]),
          }
        : {
            kind: 'table',
            header: ['Name', 'Stimme'],
            widths: [3, 9],
            rows: round.ballots.map((b) => [b.displayName, options.map((o) => `${o.label}: ${ballotText(b.ballot, o.id)}`).join('\n')]),
          },
    );
    if (round.manual && round.manual.voters > 0) {
      blocks.push(p(`${round.manual.voters === 1 ? 'Eine Stimme wurde' : `${round.manual.voters} Stimmen wurden`} per Hand/Papier ohne Namen gezählt.`, 'muted'));
    }
  };

  const meeting = input.meeting;
  const notes = notesByItem(input.notes, input.agenda);
  const times = input.itemTimes ?? {};
  // Without recorded times (a course from before they were kept), an item is "not recorded", not "not called".
  const notCalled = input.itemTimes ? 'nicht aufgerufen' : 'nicht erfasst';
  const agendaIds = new Set(input.agenda.map((a) => a.id));
  const stretches = input.agenda.flatMap((a) => times[a.id] ?? []);
  // Without times given by the moderation: the first and last call of an agenda item, named as such.
  const firstCall = stretches.reduce<number | null>((m, t) => (ms(t.startedAt) === null ? m : Math.min(m ?? Infinity, ms(t.startedAt)!)), null);
  const lastEnd = stretches.length > 0 && stretches.every((t) => ms(t.endedAt) !== null) ? Math.max(...stretches.map((t) => ms(t.endedAt)!)) : null;
  const startText = meeting?.startTime
    ? `${meeting.startTime} Uhr`
    : firstCall !== null
      ? `${fmtClock(new Date(firstCall).toISOString())} Uhr (Aufruf des ersten Tagesordnungspunkts)`
      : 'nicht angegeben';
  const endText = meeting?.endTime
    ? `${meeting.endTime} Uhr`
    : lastEnd !== null
      ? `${fmtClock(new Date(lastEnd).toISOString())} Uhr (Ende des letzten Tagesordnungspunkts)`
      : 'nicht angegeben';
  const moderation = meeting && meeting.moderation.length > 0 ? meeting.moderation.join(', ') : 'nicht angegeben';
  const minuteTaker = meeting?.minuteTaker ? meeting.minuteTaker : 'nicht angegeben';

  blocks.push({
    kind: 'facts',
    rows: [
      ['Veranstaltung', `${KIND_LABELS[input.session.kind]} „${input.session.title}“`],
      ['Datum', fmtDate(input.session.date)],
      ['Ort', meeting?.place ? meeting.place : 'nicht angegeben'],
      ['Beginn', startText],
      ['Ende', endText],
      ['Moderation', moderation],
      ['Protokollführung', minuteTaker],
      ['Teilnehmende', `${part.people}${part.observers > 0 ? ` (dazu ${part.observers} Beobachtende)` : ''}`],
      [iag ? 'Meinungsbilder' : 'Abstimmungsrunden', `${input.rounds.length}${input.cancelledRounds > 0 ? ` (dazu ${input.cancelledRounds} abgebrochen)` : ''}`],
      ['Protokoll erstellt', fmtDateTime(input.generatedAt)],
    ],
  });

  heading('Anwesenheit');
  blocks.push(
    p(
      `${part.people === 1 ? '1 Person nahm' : `${part.people} Personen nahmen`} teil${part.observers > 0 ? `, dazu ${part.observers === 1 ? '1 Beobachtende(r)' : `${part.observers} Beobachtende`} ohne Stimme` : ''}${part.maxVoters > 0 ? `; an ${iag ? 'Meinungsbildern' : 'Abstimmungen'} beteiligten sich bis zu ${part.maxVoters}` : ''}.`,
    ),
  );
  const named = (input.attendance?.groups ?? []).filter((g) => g.names.length > 0);
  if (named.length > 0) {
    blocks.push(
      named.length === 1 && named[0]!.label === null
        ? p(`Anwesend: ${named[0]!.names.join(', ')}`)
        : { kind: 'facts', rows: named.map((g) => [`${g.label ?? 'ohne Angabe'} (${g.names.length})`, g.names.join(', ')] as [string, string]) },
    );
  }
  if (part.byActorGroup.length > 0) {
    blocks.push(actorGroupTable(part));
    blocks.push(p(`Kleine Akteursgruppen sind unter „Sonstige“ zusammengefasst, damit niemand einzeln erkennbar ist.`, 'muted'));
  }

  heading('Tagesordnung');
  if (input.agenda.length === 0) blocks.push(p('Keine Tagesordnung angelegt.', 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['TOP', 'Thema', 'Schritt im Steuerungskreislauf', 'Arbeitsfläche', 'Geplant (Min.)', 'Aufgerufen'],
      widths: [1, 5, 4, 3, 2, 4],
      align: ['right', 'left', 'left', 'left', 'right', 'left'],
      rows: input.agenda.map((a, i) => {
        const called = (times[a.id] ?? []).filter((t) => ms(t.startedAt) !== null);
        const when = called.length === 0 ? notCalled : called.map((t) => `${fmtClock(t.startedAt)}–${t.endedAt ? fmtClock(t.endedAt) : '…'}`).join(', ');
        return [String(i + 1), a.title, STEERING_PHASE_LABELS[a.phase], BOARD_LABELS[a.board], String(a.plannedMinutes), when];
      }),
    });
  }

  // Each round belongs to the agenda item it was opened for, else to the one current when it opened.
  const currentAt = (at: number): string | null => {
    for (const a of input.agenda) {
      for (const t of times[a.id] ?? []) {
        const from = ms(t.startedAt);
        const to = ms(t.endedAt);
        if (from !== null && from <= at && (to === null || at < to)) return a.id;
      }
    }
    return null;
  };
  const itemOfRound = (r: RoundResult): string | null => (r.agendaItemId && agendaIds.has(r.agendaItemId) ? r.agendaItemId : currentAt(r.openedAt));
  const roundsOf = new Map<string | null, RoundResult[]>();
  for (const r of input.rounds) {
    const key = itemOfRound(r);
    roundsOf.set(key, [...(roundsOf.get(key) ?? []), r]);
  }

  heading('Verlauf und Ergebnisse');
  if (input.agenda.length === 0 && input.rounds.length === 0) blocks.push(p('Keine Tagesordnungspunkte und keine Ergebnisse.', 'muted'));
  input.agenda.forEach((a, i) => {
    blocks.push(h(2, `TOP ${i + 1}: ${a.title}`));
    const called = (times[a.id] ?? []).filter((t) => ms(t.startedAt) !== null);
    const total = called.reduce((n, t) => n + (ms(t.endedAt) !== null ? ms(t.endedAt)! - ms(t.startedAt)! : 0), 0);
    blocks.push({
      kind: 'facts',
      rows: [
        ['Zeit', called.length === 0 ? notCalled : called.map((t) => stretchText(t, input.session.date)).join('\n')],
        ...(called.length > 1 ? [['Dauer insgesamt', minutesText(Math.round(total / 60_000))] as [string, string]] : []),
        ['Geplant', minutesText(a.plannedMinutes)],
        ['Schritt im Steuerungskreislauf', STEERING_PHASE_LABELS[a.phase]],
        ['Arbeitsfläche', `${BOARD_LABELS[a.board]} (Ergebnisse im gleichnamigen Abschnitt)`],
      ],
    });
    const itemNotes = notes.byItem.get(a.id);
    if (itemNotes) blocks.push(p('Notizen:'), ...richBlocks(itemNotes, 3, 'Keine Notizen.'));
    const rounds = roundsOf.get(a.id) ?? [];
    if (rounds.length === 0) blocks.push(p(iag ? 'Kein Meinungsbild zu diesem Punkt.' : 'Keine Abstimmung zu diesem Punkt.', 'muted'));
    for (const r of rounds) roundBlocks(r);
  });
  const loose = roundsOf.get(null) ?? [];
  if (loose.length > 0) {
    if (input.agenda.length > 0) blocks.push(h(2, iag ? 'Meinungsbilder ohne Tagesordnungspunkt' : 'Abstimmungen ohne Tagesordnungspunkt'));
    for (const r of loose) roundBlocks(r, input.agenda.length > 0 ? 3 : 2);
  }
  if (input.rounds.length === 0 && input.agenda.length > 0) blocks.push(p(iag ? 'Es wurde kein Meinungsbild eingeholt.' : 'Es gab keine abgeschlossene Abstimmungsrunde.', 'muted'));

  heading('Notizen');
  blocks.push(...richBlocks(notes.general, 2, notes.byItem.size > 0 ? 'Keine weiteren Notizen (die Notizen zu den Tagesordnungspunkten stehen dort).' : 'Keine Notizen.'));

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

  heading('Genehmigung');
  const line = '____________________________';
  blocks.push(p('Die Niederschrift wurde geprüft und genehmigt.'));
  blocks.push(p(`Genehmigt am: ${line}`));
  blocks.push(p(`Unterschrift Moderation${meeting && meeting.moderation.length > 0 ? ` (${meeting.moderation.join(', ')})` : ''}: ${line}`));
  blocks.push(p(`Unterschrift Protokollführung${meeting?.minuteTaker ? ` (${meeting.minuteTaker})` : ''}: ${line}`));

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
