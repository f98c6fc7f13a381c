/**
 * The decision draft (Beschlussentwurf / Beschlussvorlage) that a session hands over to the
 * Lenkungskreis: its content, the field list, the status workflow, the completeness check and the
 * canonical JSON that a frozen version is hashed over. Pure: no DOM, no Node, no Yjs.
 *
 * Where a draft lives:
 * - **Editable content** (title, prose, tables) is co-edited live in the session's `decisions`
 *   Yjs document (see `schema/decisions.ts`); prose as Tiptap-bound XmlFragments.
 * - **Provenance** (which board items were picked, their consensus records, who took part) is
 *   server-authoritative: the server reads it from the boards and the voting rounds and keeps it
 *   in its store, never trusting a client with it.
 * - A **version** is frozen at hand-over: `DecisionContent` (both of the above, prose as
 *   ProseMirror JSON) as canonical JSON with its SHA-256 hash. It never changes afterwards.
 */
import { BOARD_KINDS, type BoardKind } from './docs';
import type { ActorGroup } from './moderation';
import { measurability, ZIELFELDER, type GoalLevel, type MeasurabilityGap, type Zielfeld } from './schema/goals';
import { VOTE_METHODS, type MunicipalRole, type VoteOutcome } from './schema/priorities';
import type { SwotQuadrant } from './schema/swot';
import { isRichEmpty, richPlainText, type RichDoc } from './richText';
import type { SessionKind } from './domain';
import type { ObjectionLevel } from './votes';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** The body a draft is addressed to unless the moderation names another. */
export const DEFAULT_GREMIUM = 'Lenkungskreis Bildung';

/**
 * Levels of commitment (Verbindlichkeitsstufen) from the seed, loosest first. Every decision
 * draft states which level it proposes.
 */
export const VERBINDLICHKEITSSTUFEN = [
  'lose_koordination',
  'oeffentlich_rechtliche_vereinbarung',
  'vertragliche_kooperation',
  'gemeinsame_rechtsform',
] as const;
export type Verbindlichkeitsstufe = (typeof VERBINDLICHKEITSSTUFEN)[number];

export const VERBINDLICHKEITSSTUFE_LABELS: Record<Verbindlichkeitsstufe, string> = {
  lose_koordination: 'Stufe 1: lose Abstimmung / Selbstverpflichtung in unveränderten Strukturen',
  oeffentlich_rechtliche_vereinbarung: 'Stufe 2: öffentlich-rechtliche Vereinbarung',
  vertragliche_kooperation: 'Stufe 3: bi- oder multilaterale vertragliche Kooperation',
  gemeinsame_rechtsform: 'Stufe 4: neue gemeinsame Rechtsform (Zweckverband, AG, GmbH, Genossenschaft, AöR)',
};

export const MUNICIPAL_ROLE_LABELS: Record<MunicipalRole, string> = {
  selbsterzeugerin: 'Selbsterzeugerin (die Kommune erbringt die Leistung selbst)',
  gewaehrleisterin: 'Gewährleisterin (die Kommune stellt sicher, dass andere sie erbringen)',
};

export const ZIELFELD_LABELS: Record<Zielfeld, string> = {
  wirkungen: 'Ergebnisse/Wirkungen',
  leistungen: 'Leistungsangebote/Produkte',
  prozesse: 'Prozesse/Strukturen',
  ressourcen: 'Ressourcen',
};

export const COST_CATEGORIES = ['personal', 'sach', 'investition', 'raum', 'it', 'sonstige'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const COST_CATEGORY_LABELS: Record<CostCategory, string> = {
  personal: 'Personal',
  sach: 'Sachkosten',
  investition: 'Investition',
  raum: 'Gebäude/Räume',
  it: 'IT',
  sonstige: 'Sonstiges',
};

/** Public or closed session item (öffentlich / nichtöffentlich); a Vorlage is public unless marked. */
export const OEFFENTLICHKEIT = ['oeffentlich', 'nichtoeffentlich'] as const;
export type Oeffentlichkeit = (typeof OEFFENTLICHKEIT)[number];
export const OEFFENTLICHKEIT_LABELS: Record<Oeffentlichkeit, string> = { oeffentlich: 'öffentlich', nichtoeffentlich: 'nichtöffentlich' };

/** What a body does with a Vorlage in its Beratungsfolge. */
export const ZUSTAENDIGKEITEN = ['vorberatung', 'kenntnisnahme', 'entscheidung'] as const;
export type Zustaendigkeit = (typeof ZUSTAENDIGKEITEN)[number];
export const ZUSTAENDIGKEIT_LABELS: Record<Zustaendigkeit, string> = { vorberatung: 'Vorberatung', kenntnisnahme: 'Kenntnisnahme', entscheidung: 'Entscheidung' };

/** Whether the Vorlage has financial effects (Finanzielle Auswirkungen). */
export const FINANZ_AUSWIRKUNGEN = ['keine', 'ja'] as const;
export type FinanzAuswirkung = (typeof FINANZ_AUSWIRKUNGEN)[number];
export const FINANZ_AUSWIRKUNG_LABELS: Record<FinanzAuswirkung, string> = { keine: 'keine', ja: 'ja' };

// ---------------------------------------------------------------------------------------------
// Status workflow

/**
 * `entwurf` while the session works on it; `uebergeben` once handed over (a version is frozen);
 * `in_beratung` while the Lenkungskreis deliberates; then one of the decision outcomes.
 */
/**
 * How a cost row's free-text period groups it for the totals: `yearly`, `oneOff`, `monthly`,
 * `none` (no period given), else `other` with the period as written (e.g. "2027"). Yearly and
 * one-off amounts are never added up into one sum.
 */
export type CostPeriodKind = { kind: 'yearly' | 'oneOff' | 'monthly' | 'none' } | { kind: 'other'; period: string };

export function costPeriodKind(period: string): CostPeriodKind {
  const t = period.trim().replace(/\s+/g, ' ');
  if (t === '') return { kind: 'none' };
  if (/^(jährlich|jaehrlich|pro jahr|je jahr|p\. ?a\.?|per annum|laufend|jährlich wiederkehrend|yearly|annually|per year)$/i.test(t)) return { kind: 'yearly' };
  if (/^(einmalig|one-off|one off|once)$/i.test(t)) return { kind: 'oneOff' };
  if (/^(monatlich|monthly)$/i.test(t)) return { kind: 'monthly' };
  return { kind: 'other', period: t };
}

export interface CostTotal {
  period: CostPeriodKind;
  /** Sum of the estimated amounts; null when no row of this period has an amount. */
  sum: number | null;
  /** Rows of this period without an amount. */
  notEstimated: number;
}

/** One total per kind of period, in the order the periods first appear. */
export function costTotals(costs: readonly { amountEur: number | null; period: string }[]): CostTotal[] {
  const groups = new Map<string, CostTotal>();
  for (const k of costs) {
    const period = costPeriodKind(k.period);
    const key = period.kind === 'other' ? `other:${period.period.toLowerCase()}` : period.kind;
    const g = groups.get(key) ?? { period, sum: null, notEstimated: 0 };
    if (k.amountEur === null || !Number.isFinite(k.amountEur)) g.notEstimated++;
    else g.sum = (g.sum ?? 0) + k.amountEur;
    groups.set(key, g);
  }
  return [...groups.values()];
}

export const DRAFT_STATUSES = [
  'entwurf',
  'uebergeben',
  'in_beratung',
  'beschlossen',
  'geaendert_beschlossen',
  'zurueckgestellt',
  'abgelehnt',
  'zurueckverwiesen',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  entwurf: 'Entwurf',
  uebergeben: 'übergeben',
  in_beratung: 'in Beratung',
  beschlossen: 'beschlossen',
  geaendert_beschlossen: 'geändert beschlossen',
  zurueckgestellt: 'zurückgestellt',
  abgelehnt: 'abgelehnt',
  zurueckverwiesen: 'zurückverwiesen',
};

/** What the Lenkungskreis can record as its decision. */
export const DECISION_OUTCOMES = ['beschlossen', 'geaendert_beschlossen', 'zurueckgestellt', 'abgelehnt', 'zurueckverwiesen'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Outcomes after which nothing changes any more. */
export const FINAL_STATUSES: readonly DraftStatus[] = ['beschlossen', 'geaendert_beschlossen', 'abgelehnt'];

/** Who acts on a draft: the session's moderation, or a member of the Lenkungskreis. */
export const DECISION_ROLES = ['moderator', 'lenkungskreis'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

export interface DraftTransition {
  readonly from: readonly DraftStatus[];
  readonly to: DraftStatus;
  readonly by: DecisionRole;
}

/**
 * Every allowed status change. Handing over again while `uebergeben` replaces the version the
 * Lenkungskreis will deliberate (a new version, the old one stays); after `zurueckverwiesen` the
 * session edits and hands over again. A decision (`DECISION_OUTCOMES`) is recorded only during
 * deliberation, with a decision record; `zurueckgestellt` can be taken up again.
 */
export const DRAFT_TRANSITIONS: readonly DraftTransition[] = [
  { from: ['entwurf', 'uebergeben', 'zurueckverwiesen'], to: 'uebergeben', by: 'moderator' },
  { from: ['uebergeben', 'zurueckgestellt'], to: 'in_beratung', by: 'lenkungskreis' },
  ...DECISION_OUTCOMES.map((to): DraftTransition => ({ from: ['in_beratung'], to, by: 'lenkungskreis' })),
];

export type TransitionRefusal = { id: 'role_required'; message: string } | { id: 'illegal_transition'; message: string };

/**
 * Checks a status change. `role_required` when this role may never move a draft to `to`;
 * `illegal_transition` when it may, but not from `from`. Null when allowed.
 */
export function checkTransition(from: DraftStatus, to: DraftStatus, role: DecisionRole): TransitionRefusal | null {
  const byRole = DRAFT_TRANSITIONS.filter((t) => t.to === to && t.by === role);
  if (byRole.length === 0) return { id: 'role_required', message: `Only ${DRAFT_TRANSITIONS.find((t) => t.to === to)?.by ?? 'nobody'} may set ${to}` };
  if (!byRole.some((t) => t.from.includes(from))) return { id: 'illegal_transition', message: `A draft cannot go from ${from} to ${to}` };
  return null;
}

/** The statuses a role may move a draft to from `from` (for buttons). */
export function nextStatuses(from: DraftStatus, role: DecisionRole): DraftStatus[] {
  return DRAFT_TRANSITIONS.filter((t) => t.by === role && t.from.includes(from)).map((t) => t.to);
}

/** True once a draft has been handed over at least once (the Lenkungskreis may see it). */
export function wasHandedOver(status: DraftStatus): boolean {
  return status !== 'entwurf';
}

// ---------------------------------------------------------------------------------------------
// Content

/** A link back to the board item an element was assembled from. */
export interface SourceRef {
  board: BoardKind;
  itemId: string;
}

export function sourceKey(ref: SourceRef): string {
  return `${ref.board}:${ref.itemId}`;
}

/** Voting methods a consensus record can describe (rounds, or a board's published result slot). */
export const CONSENSUS_METHODS = VOTE_METHODS;
export type ConsensusMethod = (typeof CONSENSUS_METHODS)[number];

/** What a round found for one option, per method. */
export type ConsensusResult =
  | { method: 'punktabfrage'; dots: number; rank: number; options: number }
  | { method: 'widerstandsabfrage'; total: number; mean: number | null; rank: number; options: number }
  | { method: 'konsenscheck'; zustimmung: number; leichte_bedenken: number; schwere_bedenken: number; veto: number }
  | { method: 'meinungsbild'; dafuer: number; unentschieden: number; dagegen: number }
  | { method: 'totals'; totals: Record<string, number> }
  /** A secret round with fewer voters than its minimum: nothing but the number of voters is known. */
  | { method: 'withheld'; minVoters: number };

/** A correction (or withdrawal) of a recorded outcome, as the round's outcome log holds it. */
export interface ConsensusCorrection {
  previous: VoteOutcome | null;
  /** null: the outcome was withdrawn. */
  outcome: VoteOutcome | null;
  reason: string;
  /** ISO timestamp. */
  at: string;
}

export interface ConsensusObjection {
  level: ObjectionLevel;
  reason: string;
  /** Named rounds only. */
  displayName?: string;
}

/**
 * How consensus on one item came about: one option of one closed voting round (or a result the
 * priorities board carries in its `voteResult` slot).
 */
export interface ConsensusRecord {
  /** `<roundId>:<optionId>`, or `slot:<roundId>:<itemId>` for a board's result slot. */
  id: string;
  roundId: string;
  optionId: string | null;
  /** The round's title. */
  roundTitle: string;
  optionLabel: string;
  method: ConsensusMethod;
  /** A Meinungsbild: never a decision. */
  nonBinding: boolean;
  /** The outcome the moderation marked; null when none was marked. */
  outcome: VoteOutcome | null;
  /** How many took part in the round. */
  participants: number;
  result: ConsensusResult;
  /** A German one-line summary, e.g. "Konsenscheck: 18 Zustimmung, 3 leichte Bedenken, 0 Veto". */
  summary: string;
  /** Resistance, objections and dissent as recorded (named rounds only with names). */
  objections: ConsensusObjection[];
  /** ISO timestamps. */
  closedAt: string | null;
  markedAt: string | null;
  /** The board item the option stood for, if any. */
  source: SourceRef | null;
  /** Corrections of the recorded outcome, oldest first (absent when there were none). */
  corrections?: ConsensusCorrection[];
}

/** An item the moderation picked for the draft, with what it said when it was picked. */
export interface DraftSource {
  ref: SourceRef;
  /** Title or text of the item at the time it was picked. */
  label: string;
  /** ISO timestamp. */
  pickedAt: string;
  consensusIds: string[];
}

/** Who took part in the session (never names). */
export interface Participation {
  /** People who took part as participants (moderators and observers not counted). */
  people: number;
  /** By actor group (only groups with at least one person), in ACTOR_GROUPS order. */
  byActorGroup: { group: ActorGroup; label: string; count: number }[];
  /** People who named no actor group. */
  withoutGroup: number;
  observers: number;
  /** The most voters any closed round of the session had. */
  maxVoters: number;
  /** Editable remark (e.g. "Vertreterinnen der Kitas kamen zur zweiten Runde dazu"). */
  note: string;
}

interface Row {
  id: string;
}
interface Linked {
  source: SourceRef | null;
  consensusIds: string[];
}

export interface DraftIndicator extends Row {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  /** ISO date `YYYY-MM-DD`. */
  deadline: string | null;
  dataSource: string;
}

export interface DraftGoal extends Row, Linked {
  title: string;
  description: string;
  level: GoalLevel | null;
  zielfeld: Zielfeld | null;
  targetGroup: string;
  area: string;
  owner: string;
  indicators: DraftIndicator[];
}

export interface DraftMeasure extends Row, Linked {
  title: string;
  description: string;
  zielfeld: Zielfeld | null;
  owner: string;
  /** The goal (row id of `goals`) the measure serves, if any. */
  goalId: string | null;
  /** ISO date `YYYY-MM-DD`. */
  due: string | null;
}

export interface DraftTopic extends Row, Linked {
  title: string;
  description: string;
  /** Rank in the priorities board when picked. */
  rank: number | null;
  role: MunicipalRole | null;
}

export interface DraftEvidence extends Row, Linked {
  text: string;
  quadrant: SwotQuadrant | null;
  indicator: string;
  value: number | null;
  unit: string;
  year: number | null;
  dataSource: string;
}

export interface DraftResponsibility extends Row {
  actor: string;
  task: string;
  source: SourceRef | null;
}

export interface DraftCost extends Row {
  label: string;
  category: CostCategory | null;
  /** Euro; null = not estimated yet. */
  amountEur: number | null;
  /** e.g. "2027", "jährlich", "2027–2029". */
  period: string;
  /** Who pays (Kostenträger). */
  fundedBy: string;
}

export interface DraftMilestone extends Row {
  title: string;
  /** ISO date `YYYY-MM-DD`. */
  date: string | null;
  note: string;
}

/** One step of the Beratungsfolge: a body, its meeting date and what it does with the Vorlage. */
export interface DraftConsultation extends Row {
  gremium: string;
  /** Sitzungsdatum, ISO date `YYYY-MM-DD`. */
  date: string | null;
  zustaendigkeit: Zustaendigkeit | null;
}

/** One entry of the Anlagenverzeichnis. */
export interface DraftAttachment extends Row {
  title: string;
  /** An http(s) address, or empty. */
  link: string;
}

/** Prose fields: ProseMirror JSON here, Y.XmlFragments in the live document. */
export const PROSE_FIELDS = ['sachverhalt', 'beschlussvorschlag', 'begruendung'] as const;
export type ProseField = (typeof PROSE_FIELDS)[number];

/** Table fields (rows) of the live document. Indicators are rows too, nested under goals here. */
export const ROW_COLLECTIONS = [
  'topics',
  'goals',
  'indicators',
  'measures',
  'evidence',
  'responsibilities',
  'costs',
  'milestones',
  'beratungsfolge',
  'anlagen',
] as const;
export type RowCollection = (typeof ROW_COLLECTIONS)[number];

/** Everything a version freezes and every export renders. */
export interface DecisionContent {
  title: string;
  /** The addressed body (Gremium). */
  gremium: string;
  /** Header block of the Vorlage: number as the administration files it (free text). */
  vorlagenNr: string;
  /** Date of the Vorlage, ISO `YYYY-MM-DD`; null: not set. */
  datum: string | null;
  /** The office in charge (Federführung), e.g. "Bildungsbüro". */
  federfuehrung: string;
  /** Verfasser/in. */
  verfasser: string;
  oeffentlichkeit: Oeffentlichkeit;
  /** Betreff; when empty the title stands in (`betreffOf`). */
  betreff: string;
  /** Bodies, meeting dates and their part, in order. */
  beratungsfolge: DraftConsultation[];
  /** Finanzielle Auswirkungen: null until stated. */
  finanzielleAuswirkungen: FinanzAuswirkung | null;
  haushaltsjahr: string;
  /** Produkt / Kostenstelle. */
  produkt: string;
  deckung: string;
  folgekosten: string;
  /** Anlagenverzeichnis. */
  anlagen: DraftAttachment[];
  sachverhalt: RichDoc;
  beschlussvorschlag: RichDoc;
  begruendung: RichDoc;
  /** Schwerpunktthemen from the priorities board. */
  topics: DraftTopic[];
  goals: DraftGoal[];
  /** Measures across the four Zielfelder. */
  measures: DraftMeasure[];
  /** Evidence from the SWOT analysis (Ausgangslage). */
  evidence: DraftEvidence[];
  responsibilities: DraftResponsibility[];
  municipalRole: MunicipalRole | null;
  verbindlichkeitsstufe: Verbindlichkeitsstufe | null;
  costs: DraftCost[];
  /** Further resources (staff, rooms, IT) in words. */
  resourcesNote: string;
  timeline: DraftMilestone[];
  participation: Participation;
  sources: DraftSource[];
  consensus: ConsensusRecord[];
}

/**
 * The draft's fields in the order of a Beschlussvorlage, with German labels: the UI's sections,
 * the exports' headings, and the keys of a version comparison.
 */
export const DECISION_FIELDS = [
  'title',
  'gremium',
  'vorlagenNr',
  'datum',
  'federfuehrung',
  'verfasser',
  'oeffentlichkeit',
  'betreff',
  'beratungsfolge',
  'beschlussvorschlag',
  'sachverhalt',
  'evidence',
  'begruendung',
  'topics',
  'goals',
  'measures',
  'responsibilities',
  'municipalRole',
  'verbindlichkeitsstufe',
  'finanzielleAuswirkungen',
  'haushaltsjahr',
  'produkt',
  'deckung',
  'folgekosten',
  'costs',
  'resourcesNote',
  'timeline',
  'anlagen',
  'participation',
  'consensus',
  'sources',
] as const satisfies readonly (keyof DecisionContent)[];
export type DecisionField = (typeof DECISION_FIELDS)[number];

export const DECISION_FIELD_LABELS: Record<DecisionField, string> = {
  title: 'Titel',
  gremium: 'Gremium',
  vorlagenNr: 'Vorlagen-Nr.',
  datum: 'Datum',
  federfuehrung: 'Federführung',
  verfasser: 'Verfasser/in',
  oeffentlichkeit: 'Öffentlichkeit',
  betreff: 'Betreff',
  beratungsfolge: 'Beratungsfolge',
  sachverhalt: 'Sachverhalt',
  evidence: 'Ausgangslage (Befunde)',
  beschlussvorschlag: 'Beschlussvorschlag',
  begruendung: 'Begründung',
  topics: 'Schwerpunktthemen',
  goals: 'Ziele und Indikatoren',
  measures: 'Maßnahmen',
  responsibilities: 'Zuständigkeiten',
  municipalRole: 'Rolle der Kommune',
  verbindlichkeitsstufe: 'Verbindlichkeitsstufe',
  finanzielleAuswirkungen: 'Finanzielle Auswirkungen',
  haushaltsjahr: 'Haushaltsjahr',
  produkt: 'Produkt/Kostenstelle',
  deckung: 'Deckung',
  folgekosten: 'Folgekosten',
  costs: 'Kosten',
  resourcesNote: 'Ressourcen',
  timeline: 'Zeitplan',
  anlagen: 'Anlagen',
  participation: 'Beteiligung',
  consensus: 'Konsensfindung',
  sources: 'Herkunft',
};

/** The Betreff as printed: the Betreff, else the title. */
export function betreffOf(c: Pick<DecisionContent, 'betreff' | 'title'>): string {
  return (c.betreff ?? '').trim() !== '' ? c.betreff : c.title;
}

/** The Beratungsfolge row a draft starts with: its Gremium, deciding (taking note for an information paper). */
export function defaultConsultation(gremium: string, zustaendigkeit: Zustaendigkeit = 'entscheidung'): Omit<DraftConsultation, 'id'> {
  return { gremium, date: null, zustaendigkeit };
}

/**
 * A content as frozen before the Vorlage header existed, with the header's defaults: empty texts,
 * öffentlich, no financial statement stated, no Anlagen, and a Beratungsfolge of the Gremium
 * deciding. Contents that have the fields are returned as they are (the same object).
 */
export function withVorlageDefaults(c: DecisionContent): DecisionContent {
  const partial = c as Partial<DecisionContent> & DecisionContent;
  if (partial.beratungsfolge !== undefined && partial.oeffentlichkeit !== undefined && partial.anlagen !== undefined) return c;
  return {
    ...c,
    vorlagenNr: partial.vorlagenNr ?? '',
    datum: partial.datum ?? null,
    federfuehrung: partial.federfuehrung ?? '',
    verfasser: partial.verfasser ?? '',
    oeffentlichkeit: partial.oeffentlichkeit ?? 'oeffentlich',
    betreff: partial.betreff ?? '',
    beratungsfolge: partial.beratungsfolge ?? (c.gremium.trim() !== '' ? [{ id: 'gremium', ...defaultConsultation(c.gremium) }] : []),
    finanzielleAuswirkungen: partial.finanzielleAuswirkungen ?? null,
    haushaltsjahr: partial.haushaltsjahr ?? '',
    produkt: partial.produkt ?? '',
    deckung: partial.deckung ?? '',
    folgekosten: partial.folgekosten ?? '',
    anlagen: partial.anlagen ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Completeness check

export const COMPLETENESS_IDS = [
  'title_missing',
  'gremium_missing',
  'betreff_missing',
  'federfuehrung_missing',
  'beschlussvorschlag_missing',
  'verbindlichkeitsstufe_missing',
  'sachverhalt_missing',
  'begruendung_missing',
  'no_goal',
  'no_measurable_goal',
  'goal_not_measurable',
  'no_measure',
  'zielfeld_not_covered',
  'no_owner',
  'no_responsibility',
  'no_cost_estimate',
  'municipal_role_missing',
  'no_timeline',
  'consensus_not_recorded',
  'consensus_dissent',
  'non_binding_only',
  'no_participation',
  'resolution_on_opinion',
] as const;
export type CompletenessId = (typeof COMPLETENESS_IDS)[number];

/**
 * `blocking`: hand-over is refused (`draft_incomplete`) until it is fixed. `warning`: what a
 * Lenkungskreis would send back; hand-over is possible, and the version records the finding.
 * `info`: worth saying (dissent, opinion pictures only), never a defect.
 */
export type CompletenessSeverity = 'blocking' | 'warning' | 'info';

export interface CompletenessFinding {
  id: CompletenessId;
  severity: CompletenessSeverity;
  field: DecisionField;
  /** The row (goal, measure) or source item or consensus record concerned, when there is one. */
  itemId?: string;
  /** For `goal_not_measurable`. */
  gaps?: MeasurabilityGap[];
  /** For `zielfeld_not_covered`. */
  zielfelder?: Zielfeld[];
}

const blank = (s: string) => s.trim() === '';

/** Wording of a resolution ("beschließt", "wird beschlossen", "resolves"), refused on opinion pictures. */
export const RESOLUTION_WORDING = /beschlie(?:ß|ss)t|beschlossen|beschluss\s*:|\bresolves?\b|\bresolved\b/i;

/**
 * What a goal lacks to be controllable (goals.ts `measurability`). A goal without a level counts
 * as an operative goal: a draft's goals are meant to be controlled. A Leitbild is not measured.
 */
function goalGaps(goal: DraftGoal, level: GoalLevel = goal.level ?? 'operativ'): MeasurabilityGap[] {
  return measurability({ level, owner: goal.owner, indicators: goal.indicators.map((i) => ({ ...i, order: '' })) });
}

/** True when a goal can be controlled: at least one complete indicator and an owner. */
export function isMeasurableGoal(goal: DraftGoal): boolean {
  return goal.indicators.length > 0 && goalGaps(goal, 'operativ').length === 0;
}

/**
 * What a Lenkungskreis would send back, as data: ids the UI translates, the field concerned,
 * and the row or item. Ordered by field (DECISION_FIELDS), blocking first within a field.
 */
export function checkCompleteness(c: DecisionContent, context: { sessionKind?: SessionKind } = {}): CompletenessFinding[] {
  const out: CompletenessFinding[] = [];
  // A cross-party working group takes opinion pictures, no decisions: what it hands over is an
  // information paper (zur Kenntnisnahme), and resolution wording built on them is refused.
  if (context.sessionKind === 'interfraktionelle_ag' && RESOLUTION_WORDING.test(richPlainText(c.beschlussvorschlag))) {
    out.push({ id: 'resolution_on_opinion', severity: 'blocking', field: 'beschlussvorschlag' });
  }
  if (blank(c.title)) out.push({ id: 'title_missing', severity: 'blocking', field: 'title' });
  if (blank(c.gremium)) out.push({ id: 'gremium_missing', severity: 'blocking', field: 'gremium' });
  // A Beschlussvorlage for the Lenkungskreis names its Betreff and the office in charge; an
  // information paper of the interfraktionelle AG is taken note of and needs neither.
  if (context.sessionKind !== 'interfraktionelle_ag') {
    if (blank(c.betreff ?? '')) out.push({ id: 'betreff_missing', severity: 'info', field: 'betreff' });
    if (blank(c.federfuehrung ?? '')) out.push({ id: 'federfuehrung_missing', severity: 'warning', field: 'federfuehrung' });
  }
  if (isRichEmpty(c.sachverhalt)) out.push({ id: 'sachverhalt_missing', severity: 'warning', field: 'sachverhalt' });
  if (isRichEmpty(c.beschlussvorschlag)) out.push({ id: 'beschlussvorschlag_missing', severity: 'blocking', field: 'beschlussvorschlag' });
  if (isRichEmpty(c.begruendung)) out.push({ id: 'begruendung_missing', severity: 'warning', field: 'begruendung' });

  if (c.goals.length === 0) out.push({ id: 'no_goal', severity: 'warning', field: 'goals' });
  else {
    if (!c.goals.some(isMeasurableGoal)) out.push({ id: 'no_measurable_goal', severity: 'warning', field: 'goals' });
    for (const goal of c.goals) {
      const gaps = goalGaps(goal);
      if (gaps.length > 0) out.push({ id: 'goal_not_measurable', severity: 'warning', field: 'goals', itemId: goal.id, gaps });
    }
  }

  if (c.measures.length === 0) out.push({ id: 'no_measure', severity: 'warning', field: 'measures' });
  else {
    const covered = new Set(c.measures.map((m) => m.zielfeld));
    const missing = ZIELFELDER.filter((z) => !covered.has(z));
    if (missing.length > 0) out.push({ id: 'zielfeld_not_covered', severity: 'warning', field: 'measures', zielfelder: missing });
    for (const m of c.measures) if (blank(m.owner)) out.push({ id: 'no_owner', severity: 'warning', field: 'measures', itemId: m.id });
  }

  if (c.responsibilities.filter((r) => !blank(r.actor)).length === 0) {
    out.push({ id: 'no_responsibility', severity: 'warning', field: 'responsibilities' });
  }
  if (c.municipalRole === null) out.push({ id: 'municipal_role_missing', severity: 'warning', field: 'municipalRole' });
  if (c.verbindlichkeitsstufe === null) out.push({ id: 'verbindlichkeitsstufe_missing', severity: 'blocking', field: 'verbindlichkeitsstufe' });
  if (!c.costs.some((k) => k.amountEur !== null)) out.push({ id: 'no_cost_estimate', severity: 'warning', field: 'costs' });
  if (!c.timeline.some((m) => m.date !== null)) out.push({ id: 'no_timeline', severity: 'warning', field: 'timeline' });
  if (c.participation.people === 0) out.push({ id: 'no_participation', severity: 'warning', field: 'participation' });

  const known = new Set(c.consensus.map((r) => r.id));
  if (c.consensus.length === 0) out.push({ id: 'consensus_not_recorded', severity: 'warning', field: 'consensus' });
  else {
    for (const s of c.sources) {
      if (!s.consensusIds.some((id) => known.has(id))) {
        out.push({ id: 'consensus_not_recorded', severity: 'warning', field: 'consensus', itemId: sourceKey(s.ref) });
      }
    }
    for (const r of c.consensus) {
      const hardObjection = r.objections.some((o) => o.level === 'veto' || o.level === 'schwere_bedenken');
      const vetoCount = r.result.method === 'konsenscheck' ? r.result.veto + r.result.schwere_bedenken : 0;
      if (r.outcome === 'dissens' || hardObjection || vetoCount > 0) out.push({ id: 'consensus_dissent', severity: 'info', field: 'consensus', itemId: r.id });
    }
    if (c.consensus.every((r) => r.nonBinding)) out.push({ id: 'non_binding_only', severity: 'info', field: 'consensus' });
  }

  const fieldIndex = (f: DecisionField) => DECISION_FIELDS.indexOf(f);
  const severityIndex = { blocking: 0, warning: 1, info: 2 } as const;
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => fieldIndex(a.f.field) - fieldIndex(b.f.field) || severityIndex[a.f.severity] - severityIndex[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

export function hasBlocking(findings: readonly CompletenessFinding[]): boolean {
  return findings.some((f) => f.severity === 'blocking');
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON (what a version's hash is computed over)

/**
 * JSON with object keys sorted (by UTF-16 code units, as JSON Canonicalization Scheme RFC 8785
 * does), no whitespace, `undefined` members left out and non-finite numbers refused. The same
 * content yields the same string whatever order its keys were built in; SHA-256 over its UTF-8
 * bytes is a version's content hash. Nesting deeper than `CANONICAL_JSON_MAX_DEPTH` is refused
 * with an error (a content never comes near it: prose is read at most 32 blocks deep).
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, 0);
}

export const CANONICAL_JSON_MAX_DEPTH = 500;

function canonical(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (depth >= CANONICAL_JSON_MAX_DEPTH) throw new Error(`canonicalJson: nested deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v, depth + 1))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k], depth + 1)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot encode ${typeof value}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Versions, decisions, audit

/** The JSON export's format name and version (docs/decision-draft.schema.json). */
export const DECISION_JSON_FORMAT = 'werkraum.decision-draft';
export const DECISION_JSON_VERSION = 1;

export interface DecisionActorRef {
  kind: DecisionRole | 'participant';
  /** Account id, participant id or Lenkungskreis member id. */
  id: string;
  displayName: string;
}

/** A frozen version's metadata. */
export interface DecisionVersionMeta {
  draftId: string;
  /** 1, 2, … in the order of hand-over. */
  number: number;
  /** Lower-case hex SHA-256 of `canonicalJson(content)`. */
  contentHash: string;
  /** ISO timestamp. */
  handedOverAt: string;
  handedOverBy: DecisionActorRef;
  /** The completeness findings at hand-over (no blocking ones). */
  findings: CompletenessFinding[];
  note: string;
}

export interface DecisionVersion extends DecisionVersionMeta {
  content: DecisionContent;
}

/** What the Lenkungskreis decided. */
export interface DecisionRecord {
  outcome: DecisionOutcome;
  /** The date of the meeting that decided, `YYYY-MM-DD`. */
  decidedOn: string;
  /** The resolution text as decided (for `beschlossen` the proposal of the version, unless given). */
  resolutionText: string;
  /** Conditions (Auflagen), or why it was deferred, rejected or referred back. */
  conditions: string;
  /** The version the decision refers to. */
  version: number;
  /** ISO timestamp. */
  recordedAt: string;
  recordedBy: DecisionActorRef;
}

export const AUDIT_ACTIONS = [
  'created',
  'sources_added',
  'handed_over',
  'status_changed',
  'decision_recorded',
  'commented',
  /** A recorded vote outcome the draft uses was corrected or withdrawn (the draft follows it). */
  'outcome_corrected',
  'outcome_withdrawn',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface DecisionAuditEvent {
  id: number;
  draftId: string;
  /** ISO timestamp. */
  at: string;
  actor: DecisionActorRef;
  action: AuditAction;
  fromStatus: DraftStatus | null;
  toStatus: DraftStatus | null;
  /** The version concerned (hand-over, decision). */
  version: number | null;
  /** The version's content hash on hand-over. */
  contentHash: string | null;
}

export interface DecisionComment {
  id: string;
  draftId: string;
  /** The version the comment refers to (null: the draft in general). */
  version: number | null;
  text: string;
  author: DecisionActorRef;
  /** ISO timestamp. */
  createdAt: string;
}

/** Every board a source can come from, for validation. */
export const SOURCE_BOARDS = BOARD_KINDS;
