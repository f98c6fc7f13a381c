/**
 * Voting rounds (Abstimmungsrunden): the round configuration, ballots, hand/paper counts, results,
 * and the pure functions that check a ballot against its round and tally a round. The server
 * runs them; the client may run the same checks to warn early.
 *
 * Four methods:
 * - **Punktabfrage** (dot voting): N dots per person, at most M on one option.
 * - **Widerstandsabfrage** (Systemisches Konsensieren): resistance 0–10 to every option, including
 *   an automatic "Status quo beibehalten" option; lowest resistance ranks first.
 * - **Konsenscheck**: Zustimmung / leichte Bedenken / schwere Bedenken / Veto per option, with an
 *   optional reason per objection.
 * - **Meinungsbild**: dafür / unentschieden / dagegen per option; never binding. The only method
 *   an interfraktionelle Arbeitsgruppe may use.
 *
 * Secrecy: ballots are secret unless the moderator made the round `named` before opening it.
 * Results never carry names (or an order that follows the voting order) for secret rounds. A
 * secret round with fewer voters than the installation's minimum (`DEFAULT_MIN_SECRET_VOTERS`
 * unless configured) publishes only how many took part: no distribution, no ranking, no groups
 * (`tallyRound` decides it once, so every view and export gets the same published data). The
 * breakdown by actor group never shows a group below that minimum either.
 */
import { z } from 'zod';
import { BOARD_KINDS } from './docs';
import type { SessionKind } from './domain';
import { ErrorId, type ErrorIdValue } from './errors';
import { ACTOR_GROUPS, IdSchema, OTHER_ACTOR_GROUP, type ActorGroup } from './moderation';
import { ITEM_ID_PATTERN } from './schema/items';
import { nameText } from './text';
import { VOTE_OUTCOMES, type VoteOutcome, type VoteResult as VoteSlot } from './schema/priorities';

export const VOTING_METHODS = ['punktabfrage', 'widerstandsabfrage', 'konsenscheck', 'meinungsbild'] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

export const VOTING_METHOD_LABELS: Record<VotingMethod, string> = {
  punktabfrage: 'Punktabfrage',
  widerstandsabfrage: 'Widerstandsabfrage',
  konsenscheck: 'Konsenscheck',
  meinungsbild: 'Meinungsbild',
};

/** Which methods a kind of session may use: a cross-party working group only takes opinion pictures. */
export function allowedMethods(kind: SessionKind): readonly VotingMethod[] {
  return kind === 'interfraktionelle_ag' ? ['meinungsbild'] : VOTING_METHODS;
}

/** Shown on every non-binding result (every Meinungsbild). */
export const MEINUNGSBILD_LABEL = 'Meinungsbild — unverbindlich';

/** The option every Widerstandsabfrage gets automatically, last in the list. */
export const STATUS_QUO_OPTION_ID = 'status_quo';
export const STATUS_QUO_LABEL = 'Status quo beibehalten';

export const RESISTANCE_MAX = 10;

export const CONSENT_LEVELS = ['zustimmung', 'leichte_bedenken', 'schwere_bedenken', 'veto'] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];
export const CONSENT_LEVEL_LABELS: Record<ConsentLevel, string> = {
  zustimmung: 'Zustimmung',
  leichte_bedenken: 'leichte Bedenken',
  schwere_bedenken: 'schwere Bedenken',
  veto: 'Veto',
};
/** The levels that are objections (and may carry a reason). */
export type ObjectionLevel = Exclude<ConsentLevel, 'zustimmung'>;

export const OPINIONS = ['dafuer', 'unentschieden', 'dagegen'] as const;
export type Opinion = (typeof OPINIONS)[number];
export const OPINION_LABELS: Record<Opinion, string> = { dafuer: 'dafür', unentschieden: 'unentschieden', dagegen: 'dagegen' };

/** Outcomes a moderator can mark (Konsens, Konsens mit Bedenken, kein Konsens/Dissens). */
export { VOTE_OUTCOMES, type VoteOutcome };
export const VOTE_OUTCOME_LABELS: Record<VoteOutcome, string> = {
  konsens: 'Konsens',
  konsens_mit_bedenken: 'Konsens mit Bedenken',
  dissens: 'kein Konsens (Dissens)',
};

/**
 * The default minimum of voters before a secret round's distribution (and a breakdown group) is
 * shown; below it only the number of voters is published. An installation may raise it
 * (`WERKRAUM_SECRET_MIN_VOTERS`), never set it below `MIN_SECRET_VOTERS_FLOOR`.
 */
export const DEFAULT_MIN_SECRET_VOTERS = 3;
export const MIN_SECRET_VOTERS_FLOOR = 2;
/** A breakdown group needs at least this many voters (by default), or it is merged into "Sonstige". */
export const MIN_GROUP_SIZE = DEFAULT_MIN_SECRET_VOTERS;

/** A vote timer: at least 10 seconds, at most 2 hours (also per extension). */
export const VOTE_TIMER_LIMITS = { minSeconds: 10, maxSeconds: 7200 } as const;

export const VoteLimits = {
  options: 30,
  titleMaxLength: 200,
  optionLabelMaxLength: 300,
  reasonMaxLength: 500,
  noteMaxLength: 200,
  dotsMax: 100,
  manualVotersMax: 100_000,
  objectionsMax: 50,
} as const;

// ---------------------------------------------------------------------------------------------
// Round configuration
// ---------------------------------------------------------------------------------------------

/**
 * Option ids are made by the server (`o1`, `o2`, …, `status_quo`). They are keys of ballot maps,
 * so they start with a letter (never `__proto__`).
 */
export const OptionIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'malformed option id');

/** Where an option comes from: an item of a board (SWOT card, priority topic, goal, measure). */
export const OptionSourceSchema = z.object({ board: z.enum(BOARD_KINDS), itemId: z.string().regex(ITEM_ID_PATTERN) });
export type OptionSource = z.infer<typeof OptionSourceSchema>;

export const OptionInputSchema = z.object({
  label: nameText(VoteLimits.optionLabelMaxLength),
  source: OptionSourceSchema.nullable().optional(),
});
export type OptionInput = z.input<typeof OptionInputSchema>;

const configBase = {
  title: nameText(VoteLimits.titleMaxLength),
  options: z.array(OptionInputSchema).min(1).max(VoteLimits.options),
  /** Named round (namentlich): the result lists who voted what. Chosen before opening; default secret. */
  named: z.boolean().default(false),
  /** The agenda item the round belongs to, if any. */
  agendaItemId: IdSchema.nullable().optional(),
  /** A vote timer: the server closes the round this many seconds after opening it. */
  durationSeconds: z.number().int().min(VOTE_TIMER_LIMITS.minSeconds).max(VOTE_TIMER_LIMITS.maxSeconds).nullable().optional(),
};
const dots = z.number().int().min(1).max(VoteLimits.dotsMax);

/** What the moderator sends with `vote.open`. */
export const RoundConfigSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('punktabfrage'), ...configBase, dotsPerPerson: dots, maxPerOption: dots }),
  z.object({ method: z.literal('widerstandsabfrage'), ...configBase }),
  z.object({ method: z.literal('konsenscheck'), ...configBase }),
  z.object({ method: z.literal('meinungsbild'), ...configBase }),
]);
export type RoundConfig = z.input<typeof RoundConfigSchema>;
export type ParsedRoundConfig = z.output<typeof RoundConfigSchema>;

export interface RoundOption {
  id: string;
  label: string;
  source: OptionSource | null;
  /** True for the automatic "Status quo beibehalten" option of a Widerstandsabfrage. */
  statusQuo: boolean;
}

/** A round as the server made it from the config: options with ids, flags decided. */
export interface RoundDefinition {
  method: VotingMethod;
  title: string;
  named: boolean;
  agendaItemId: string | null;
  options: RoundOption[];
  /** Punktabfrage only (null otherwise). */
  dotsPerPerson: number | null;
  maxPerOption: number | null;
  /** A Meinungsbild: never binding, never an outcome, always labelled. */
  nonBinding: boolean;
  /** `MEINUNGSBILD_LABEL` for non-binding rounds, else null. */
  label: string | null;
  /** The closed round this one asks again (`vote.reopen`), if any. */
  reopenedFrom?: string | null;
  /**
   * Vote timer: server epoch ms when the server closes the round, null without a timer. Set at
   * opening and moved by `vote.extend`; kept in the published result as it stood.
   */
  closesAt?: number | null;
}

/** An open round as everybody sees it in `session.state`. */
export interface OpenRoundSummary extends RoundDefinition {
  id: string;
  openedAt: number;
  /** How many have cast a ballot (online; hand/paper votes are not counted here). */
  voted: number;
  /** Participants who can vote: those online plus those who voted and left. */
  eligible: number;
  /** Whether the moderator has entered hand/paper counts. */
  hasManual: boolean;
  /** Server epoch ms when the server closes the round (vote timer), or null without a timer. */
  closesAt: number | null;
}

/** Named rounds, for moderators: who is here and has not voted yet (`vote.pending`). */
export interface PendingVoter {
  participantId: string;
  displayName: string;
}

export interface ConfigProblem {
  id: ErrorIdValue;
  message: string;
}

/** Checks what zod cannot: the session kind's methods, named rounds, the dot budget. */
export function checkRoundConfig(config: ParsedRoundConfig, kind: SessionKind): ConfigProblem | null {
  if (!allowedMethods(kind).includes(config.method)) {
    return { id: ErrorId.methodNotAllowed, message: `An interfraktionelle Arbeitsgruppe takes Meinungsbilder only, not ${config.method}` };
  }
  // Named opinions of council members would read as a roll-call vote.
  if (kind === 'interfraktionelle_ag' && config.named) {
    return { id: ErrorId.methodNotAllowed, message: 'Named rounds are not available in an interfraktionelle Arbeitsgruppe' };
  }
  if (config.method === 'punktabfrage' && config.maxPerOption > config.dotsPerPerson) {
    return { id: ErrorId.validation, message: 'maxPerOption: must not exceed dotsPerPerson' };
  }
  return null;
}

/** Gives the options their ids (and a Widerstandsabfrage its status-quo option). */
export function buildRoundDefinition(config: ParsedRoundConfig): RoundDefinition {
  const options: RoundOption[] = config.options.map((o, i) => ({
    id: `o${i + 1}`,
    label: o.label,
    source: o.source ?? null,
    statusQuo: false,
  }));
  if (config.method === 'widerstandsabfrage') {
    options.push({ id: STATUS_QUO_OPTION_ID, label: STATUS_QUO_LABEL, source: null, statusQuo: true });
  }
  const nonBinding = config.method === 'meinungsbild';
  return {
    method: config.method,
    title: config.title,
    named: config.named,
    agendaItemId: config.agendaItemId ?? null,
    options,
    dotsPerPerson: config.method === 'punktabfrage' ? config.dotsPerPerson : null,
    maxPerOption: config.method === 'punktabfrage' ? config.maxPerOption : null,
    nonBinding,
    label: nonBinding ? MEINUNGSBILD_LABEL : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Ballots (secret: only the server and the voter ever see one)
// ---------------------------------------------------------------------------------------------

const optionMap = <T extends z.ZodType>(value: T) =>
  z.record(OptionIdSchema, value).refine((m) => Object.keys(m).length <= VoteLimits.options + 1, 'too many options');
const reason = z.string().trim().max(VoteLimits.reasonMaxLength);

export const BallotSchema = z.discriminatedUnion('method', [
  /** Dots per option; options left out get none. */
  z.object({ method: z.literal('punktabfrage'), dots: optionMap(z.number().int().min(0).max(VoteLimits.dotsMax)) }),
  /** Resistance 0–10 for every option, the status quo included. */
  z.object({ method: z.literal('widerstandsabfrage'), resistance: optionMap(z.number().int().min(0).max(RESISTANCE_MAX)) }),
  /** A level for every option; a reason only counts on an objection. */
  z.object({
    method: z.literal('konsenscheck'),
    levels: optionMap(z.object({ level: z.enum(CONSENT_LEVELS), reason: reason.optional() })),
  }),
  /** An opinion on every option. */
  z.object({ method: z.literal('meinungsbild'), opinions: optionMap(z.enum(OPINIONS)) }),
]);
export type Ballot = z.infer<typeof BallotSchema>;

export interface BallotProblem {
  id: ErrorIdValue;
  message: string;
}

function checkKeys(def: RoundDefinition, map: Record<string, unknown>, everyOption: boolean): BallotProblem | null {
  const ids = new Set(def.options.map((o) => o.id));
  for (const key of Object.keys(map)) {
    if (!ids.has(key)) return { id: ErrorId.invalidBallot, message: `Unknown option ${key}` };
  }
  if (everyOption) {
    for (const id of ids) if (!Object.hasOwn(map, id)) return { id: ErrorId.invalidBallot, message: `Option ${id} needs an answer` };
  }
  return null;
}

/** Checks a (schema-valid) ballot against its round: method, options, dot budget. */
export function checkBallot(def: RoundDefinition, ballot: Ballot): BallotProblem | null {
  if (ballot.method !== def.method) return { id: ErrorId.invalidBallot, message: `This round is a ${def.method}` };
  switch (ballot.method) {
    case 'punktabfrage': {
      const problem = checkKeys(def, ballot.dots, false);
      if (problem) return problem;
      const values = Object.values(ballot.dots);
      const total = values.reduce((a, b) => a + b, 0);
      if (total > (def.dotsPerPerson ?? 0)) {
        return { id: ErrorId.dotBudgetExceeded, message: `${total} dots given, ${def.dotsPerPerson} allowed` };
      }
      if (values.some((v) => v > (def.maxPerOption ?? 0))) {
        return { id: ErrorId.dotBudgetExceeded, message: `At most ${def.maxPerOption} dots on one option` };
      }
      if (total === 0) return { id: ErrorId.invalidBallot, message: 'Give at least one dot' };
      return null;
    }
    case 'widerstandsabfrage':
      return checkKeys(def, ballot.resistance, true);
    case 'konsenscheck':
      return checkKeys(def, ballot.levels, true);
    case 'meinungsbild':
      return checkKeys(def, ballot.opinions, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Hand and paper votes counted in the room (entered by the moderator, shown separately)
// ---------------------------------------------------------------------------------------------

const count = z.number().int().min(0).max(VoteLimits.manualVotersMax);
const manualBase = {
  /** How many people voted by hand or on paper. */
  voters: z.number().int().min(1).max(VoteLimits.manualVotersMax),
  /** E.g. "Handzeichen im Saal". */
  note: z.string().trim().max(VoteLimits.noteMaxLength).optional(),
};

export const ManualVotesSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('punktabfrage'), ...manualBase, dots: optionMap(z.number().int().min(0).max(VoteLimits.manualVotersMax * VoteLimits.dotsMax)) }),
  /** Per option: how many people gave resistance 0, 1, …, 10 (11 numbers). */
  z.object({ method: z.literal('widerstandsabfrage'), ...manualBase, distribution: optionMap(z.array(count).length(RESISTANCE_MAX + 1)) }),
  z.object({
    method: z.literal('konsenscheck'),
    ...manualBase,
    counts: optionMap(z.object({ zustimmung: count, leichte_bedenken: count, schwere_bedenken: count, veto: count })),
    /** Reasons written on paper, per option. */
    reasons: optionMap(
      z.array(z.object({ level: z.enum(['leichte_bedenken', 'schwere_bedenken', 'veto']), reason: reason.min(1) })).max(VoteLimits.objectionsMax),
    ).optional(),
  }),
  z.object({ method: z.literal('meinungsbild'), ...manualBase, counts: optionMap(z.object({ dafuer: count, unentschieden: count, dagegen: count })) }),
]);
export type ManualVotes = z.infer<typeof ManualVotesSchema>;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Checks hand/paper counts against the round: method, known options, no more answers than voters. */
export function checkManualVotes(def: RoundDefinition, manual: ManualVotes): BallotProblem | null {
  if (manual.method !== def.method) return { id: ErrorId.invalidBallot, message: `This round is a ${def.method}` };
  const tooMany = (id: string) => ({ id: ErrorId.invalidBallot, message: `Option ${id}: more answers than voters` });
  switch (manual.method) {
    case 'punktabfrage': {
      const problem = checkKeys(def, manual.dots, false);
      if (problem) return problem;
      if (sum(Object.values(manual.dots)) > manual.voters * (def.dotsPerPerson ?? 0)) {
        return { id: ErrorId.dotBudgetExceeded, message: 'More dots than the voters had' };
      }
      for (const [id, n] of Object.entries(manual.dots)) {
        if (n > manual.voters * (def.maxPerOption ?? 0)) return { id: ErrorId.dotBudgetExceeded, message: `Option ${id}: more dots than allowed` };
      }
      return null;
    }
    case 'widerstandsabfrage': {
      const problem = checkKeys(def, manual.distribution, false);
      if (problem) return problem;
      for (const [id, d] of Object.entries(manual.distribution)) if (sum(d) > manual.voters) return tooMany(id);
      return null;
    }
    case 'konsenscheck': {
      const problem = checkKeys(def, manual.counts, false) ?? checkKeys(def, manual.reasons ?? {}, false);
      if (problem) return problem;
      for (const [id, c] of Object.entries(manual.counts)) if (sum(Object.values(c)) > manual.voters) return tooMany(id);
      return null;
    }
    case 'meinungsbild': {
      const problem = checkKeys(def, manual.counts, false);
      if (problem) return problem;
      for (const [id, c] of Object.entries(manual.counts)) if (sum(Object.values(c)) > manual.voters) return tooMany(id);
      return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/**
 * An objection with its reason. Names only in named rounds. `manual`: not from an online ballot
 * but entered by the moderator (written on paper, or noted in the room when marking an outcome).
 */
export interface Objection {
  level: ObjectionLevel;
  reason: string;
  displayName?: string;
  manual?: boolean;
}

export interface PunktabfrageTally {
  method: 'punktabfrage';
  voters: number;
  /** In option order. `rank` is 1-based; equal dots share a rank (1, 1, 3). */
  options: { optionId: string; dots: number; rank: number }[];
  /** Option ids, most dots first; ties keep the option order. */
  ranking: string[];
}

export interface WiderstandTally {
  method: 'widerstandsabfrage';
  voters: number;
  /**
   * In option order. `distribution[r]` = how many gave resistance r (0–10). `mean` is rounded to
   * two decimals, null without votes. Lowest total ranks first, then lowest mean; equal share a rank.
   */
  options: { optionId: string; total: number; mean: number | null; voters: number; distribution: number[]; rank: number }[];
  ranking: string[];
}

export interface KonsenscheckTally {
  method: 'konsenscheck';
  voters: number;
  /** In option order. `objections` sorted by severity (Veto first), then text: never by voting order. */
  options: { optionId: string; counts: Record<ConsentLevel, number>; objections: Objection[] }[];
}

export interface MeinungsbildTally {
  method: 'meinungsbild';
  voters: number;
  /** In option order. */
  options: { optionId: string; counts: Record<Opinion, number> }[];
}

export type Tally = PunktabfrageTally | WiderstandTally | KonsenscheckTally | MeinungsbildTally;

/** The tally of one actor group (online ballots only; objections' texts left out). */
export interface GroupTally {
  group: ActorGroup;
  voters: number;
  tally: Tally;
}

export interface NamedBallot {
  participantId: string;
  displayName: string;
  actorGroup: ActorGroup | null;
  ballot: Ballot;
}

/** An outcome marked by the moderator for one option of a closed round. */
export interface OutcomeMark {
  optionId: string;
  outcome: VoteOutcome;
  /** The recorded objections: the round's (Konsenscheck) and those the moderator noted. */
  objections: Objection[];
  /** How many took part in the round. */
  participants: number;
  markedAt: number;
}

/**
 * One entry of a round's outcome log: every record, correction and withdrawal, never rewritten.
 * `previous` is what the option had before (null for a first record), `outcome` what it has after
 * (null when withdrawn). A correction or withdrawal always carries its reason.
 */
export interface OutcomeLogEntry {
  optionId: string;
  action: 'marked' | 'corrected' | 'withdrawn';
  outcome: VoteOutcome | null;
  previous: VoteOutcome | null;
  reason: string | null;
  at: number;
}

/** A closed round's published result (`vote.result`). */
export interface RoundResult extends RoundDefinition {
  roundId: string;
  openedAt: number;
  closedAt: number;
  /** Everyone who voted: online ballots plus hand/paper voters. */
  voters: number;
  /**
   * The minimum of voters this round needed for its distribution to be published (secret rounds;
   * the installation's setting when the round closed).
   */
  minVoters: number;
  /**
   * True when a secret round had fewer voters than `minVoters`: only `voters` is published, and
   * `tally`, `online`, `manual.tally` and `byGroup` are null.
   */
  withheld: boolean;
  /** Online ballots and hand/paper votes together (null when withheld). */
  tally: Tally | null;
  /**
   * Online ballots only. Null when withheld, and in a secret round whose online ballots are fewer
   * than `minVoters` (they are shown merged with the hand/paper votes only).
   */
  online: Tally | null;
  /** Hand/paper votes, or null if none were entered; their own tally is null when `online` is. */
  manual: { note: string | null; voters: number; tally: Tally | null } | null;
  /** By actor group (online ballots), null when nobody gave a group or fewer than `minVoters` voted. */
  byGroup: GroupTally[] | null;
  /** Named rounds only: who voted what, by name. Always null for secret rounds. */
  ballots: NamedBallot[] | null;
  /** Outcomes the moderator marked, per option (never for a Meinungsbild). */
  outcomes: OutcomeMark[];
  /** How the outcomes came about, oldest first (absent in results stored before it existed). */
  outcomeLog?: OutcomeLogEntry[];
}

/** One online ballot as the tally needs it (the server reads it from the store). */
export interface TallyBallot {
  participantId: string;
  displayName: string;
  actorGroup: ActorGroup | null;
  ballot: Ballot;
}

// Accumulators: one per method, filled from ballots and manual counts, then finished into a tally.
type Acc =
  | { method: 'punktabfrage'; voters: number; dots: Map<string, number> }
  | { method: 'widerstandsabfrage'; voters: number; dist: Map<string, number[]> }
  | { method: 'konsenscheck'; voters: number; counts: Map<string, Record<ConsentLevel, number>>; objections: Map<string, Objection[]> }
  | { method: 'meinungsbild'; voters: number; counts: Map<string, Record<Opinion, number>> };

function newAcc(def: RoundDefinition): Acc {
  const per = <T>(make: () => T) => new Map(def.options.map((o) => [o.id, make()] as const));
  switch (def.method) {
    case 'punktabfrage':
      return { method: def.method, voters: 0, dots: per(() => 0) };
    case 'widerstandsabfrage':
      return { method: def.method, voters: 0, dist: per(() => new Array<number>(RESISTANCE_MAX + 1).fill(0)) };
    case 'konsenscheck':
      return {
        method: def.method,
        voters: 0,
        counts: per(() => ({ zustimmung: 0, leichte_bedenken: 0, schwere_bedenken: 0, veto: 0 })),
        objections: per((): Objection[] => []),
      };
    case 'meinungsbild':
      return { method: def.method, voters: 0, counts: per(() => ({ dafuer: 0, unentschieden: 0, dagegen: 0 })) };
  }
}

function addBallot(acc: Acc, ballot: Ballot, displayName: string | undefined, withReasons: boolean): void {
  acc.voters++;
  if (acc.method === 'punktabfrage' && ballot.method === 'punktabfrage') {
    for (const [id, n] of Object.entries(ballot.dots)) if (acc.dots.has(id)) acc.dots.set(id, acc.dots.get(id)! + n);
  } else if (acc.method === 'widerstandsabfrage' && ballot.method === 'widerstandsabfrage') {
    for (const [id, r] of Object.entries(ballot.resistance)) {
      const d = acc.dist.get(id);
      if (d) d[r] = (d[r] ?? 0) + 1;
    }
  } else if (acc.method === 'konsenscheck' && ballot.method === 'konsenscheck') {
    for (const [id, { level, reason }] of Object.entries(ballot.levels)) {
      const c = acc.counts.get(id);
      if (!c) continue;
      c[level]++;
      const text = reason?.trim() ?? '';
      if (withReasons && level !== 'zustimmung' && text !== '') {
        acc.objections.get(id)!.push(displayName === undefined ? { level, reason: text } : { level, reason: text, displayName });
      }
    }
  } else if (acc.method === 'meinungsbild' && ballot.method === 'meinungsbild') {
    for (const [id, o] of Object.entries(ballot.opinions)) {
      const c = acc.counts.get(id);
      if (c) c[o]++;
    }
  }
}

function addManual(acc: Acc, manual: ManualVotes): void {
  acc.voters += manual.voters;
  if (acc.method === 'punktabfrage' && manual.method === 'punktabfrage') {
    for (const [id, n] of Object.entries(manual.dots)) if (acc.dots.has(id)) acc.dots.set(id, acc.dots.get(id)! + n);
  } else if (acc.method === 'widerstandsabfrage' && manual.method === 'widerstandsabfrage') {
    for (const [id, dist] of Object.entries(manual.distribution)) {
      const d = acc.dist.get(id);
      if (d) dist.forEach((n, r) => (d[r] = (d[r] ?? 0) + n));
    }
  } else if (acc.method === 'konsenscheck' && manual.method === 'konsenscheck') {
    for (const [id, counts] of Object.entries(manual.counts)) {
      const c = acc.counts.get(id);
      if (c) for (const level of CONSENT_LEVELS) c[level] += counts[level];
    }
    for (const [id, reasons] of Object.entries(manual.reasons ?? {})) {
      const list = acc.objections.get(id);
      if (list) for (const r of reasons) list.push({ level: r.level, reason: r.reason, manual: true });
    }
  } else if (acc.method === 'meinungsbild' && manual.method === 'meinungsbild') {
    for (const [id, counts] of Object.entries(manual.counts)) {
      const c = acc.counts.get(id);
      if (c) for (const o of OPINIONS) c[o] += counts[o];
    }
  }
}

/**
 * Standard competition ranking ("1, 1, 3") of items already sorted best first; `same` tells
 * whether two neighbours tie.
 */
function competitionRanks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  sorted.forEach((item, i) => {
    ranks.push(i > 0 && same(sorted[i - 1]!, item) ? ranks[i - 1]! : i + 1);
  });
  return ranks;
}

const SEVERITY: Record<ObjectionLevel, number> = { veto: 0, schwere_bedenken: 1, leichte_bedenken: 2 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Severity first, then (named rounds) name, then text: an order that says nothing about who voted when. */
function sortObjections(list: Objection[]): Objection[] {
  return [...list].sort(
    (a, b) =>
      SEVERITY[a.level] - SEVERITY[b.level] ||
      cmp(a.displayName ?? '', b.displayName ?? '') ||
      cmp(a.reason, b.reason) ||
      Number(a.manual ?? false) - Number(b.manual ?? false),
  );
}

function finish(acc: Acc, def: RoundDefinition): Tally {
  const order = def.options.map((o) => o.id);
  switch (acc.method) {
    case 'punktabfrage': {
      const rows = order.map((optionId, index) => ({ optionId, index, dots: acc.dots.get(optionId) ?? 0 }));
      const sorted = [...rows].sort((a, b) => b.dots - a.dots || a.index - b.index);
      const ranks = competitionRanks(sorted, (a, b) => a.dots === b.dots);
      const rankOf = new Map(sorted.map((r, i) => [r.optionId, ranks[i]!]));
      return {
        method: 'punktabfrage',
        voters: acc.voters,
        options: rows.map((r) => ({ optionId: r.optionId, dots: r.dots, rank: rankOf.get(r.optionId)! })),
        ranking: sorted.map((r) => r.optionId),
      };
    }
    case 'widerstandsabfrage': {
      const rows = order.map((optionId, index) => {
        const distribution = [...(acc.dist.get(optionId) ?? new Array<number>(RESISTANCE_MAX + 1).fill(0))];
        const voters = sum(distribution);
        const total = distribution.reduce((t, n, r) => t + n * r, 0);
        return { optionId, index, total, voters, distribution, exactMean: voters === 0 ? null : total / voters };
      });
      // No votes on an option ranks it last: nobody has said they could live with it.
      const meanKey = (m: number | null) => (m === null ? Number.POSITIVE_INFINITY : m);
      const sorted = [...rows].sort(
        (a, b) => a.total - b.total || meanKey(a.exactMean) - meanKey(b.exactMean) || a.index - b.index,
      );
      const ranks = competitionRanks(sorted, (a, b) => a.total === b.total && a.exactMean === b.exactMean);
      const rankOf = new Map(sorted.map((r, i) => [r.optionId, ranks[i]!]));
      return {
        method: 'widerstandsabfrage',
        voters: acc.voters,
        options: rows.map((r) => ({
          optionId: r.optionId,
          total: r.total,
          mean: r.exactMean === null ? null : Math.round(r.exactMean * 100) / 100,
          voters: r.voters,
          distribution: r.distribution,
          rank: rankOf.get(r.optionId)!,
        })),
        ranking: sorted.map((r) => r.optionId),
      };
    }
    case 'konsenscheck':
      return {
        method: 'konsenscheck',
        voters: acc.voters,
        options: order.map((optionId) => ({
          optionId,
          counts: { ...acc.counts.get(optionId)! },
          objections: sortObjections(acc.objections.get(optionId) ?? []),
        })),
      };
    case 'meinungsbild':
      return {
        method: 'meinungsbild',
        voters: acc.voters,
        options: order.map((optionId) => ({ optionId, counts: { ...acc.counts.get(optionId)! } })),
      };
  }
}

/** Tallies ballots (and optionally hand/paper votes) of one round. Pure and deterministic. */
export function tally(def: RoundDefinition, ballots: readonly TallyBallot[], manual: ManualVotes | null = null): Tally {
  const acc = newAcc(def);
  for (const b of ballots) addBallot(acc, b.ballot, def.named ? b.displayName : undefined, true);
  if (manual) addManual(acc, manual);
  return finish(acc, def);
}

/**
 * Decides under which group each voter is shown, so that no shown group has fewer than
 * `MIN_GROUP_SIZE` voters. People without a group count as "Sonstige"; groups below the minimum
 * are merged into "Sonstige". If "Sonstige" then still has 1–2 voters, simply leaving it out
 * would let anyone compute their ballots as total minus the shown groups, so the smallest shown
 * groups are merged into it too until it is large enough. Returns null when no breakdown is
 * possible (fewer than 3 voters) or useful (nobody gave a group).
 */
export function assignGroups(groups: readonly (ActorGroup | null)[], minSize: number = MIN_GROUP_SIZE): ActorGroup[] | null {
  if (groups.length < minSize || groups.every((g) => g === null)) return null;
  const other = OTHER_ACTOR_GROUP;
  const size = new Map<ActorGroup, number>();
  for (const g of groups) size.set(g ?? other, (size.get(g ?? other) ?? 0) + 1);
  const merged = new Set<ActorGroup>([other]);
  for (const [g, n] of size) if (n < minSize) merged.add(g);
  const otherSize = () => [...merged].reduce((t, g) => t + (size.get(g) ?? 0), 0);
  while (otherSize() > 0 && otherSize() < minSize) {
    // The smallest group still shown; among equals the one later in ACTOR_GROUPS.
    const shown = [...size.keys()].filter((g) => !merged.has(g));
    shown.sort((a, b) => size.get(a)! - size.get(b)! || ACTOR_GROUPS.indexOf(b) - ACTOR_GROUPS.indexOf(a));
    merged.add(shown[0]!);
  }
  return groups.map((g) => (merged.has(g ?? other) ? other : (g ?? other)));
}

/** The breakdown of online ballots by actor group (see `assignGroups`), in ACTOR_GROUPS order. */
export function tallyByGroup(def: RoundDefinition, ballots: readonly TallyBallot[], minSize: number = MIN_GROUP_SIZE): GroupTally[] | null {
  const shownAs = assignGroups(ballots.map((b) => b.actorGroup), minSize);
  if (!shownAs) return null;
  const out: GroupTally[] = [];
  for (const group of ACTOR_GROUPS) {
    const acc = newAcc(def);
    // Reasons are left out per group: within a small group a wording can identify its author.
    ballots.forEach((b, i) => {
      if (shownAs[i] === group) addBallot(acc, b.ballot, undefined, false);
    });
    if (acc.voters > 0) out.push({ group, voters: acc.voters, tally: finish(acc, def) });
  }
  return out;
}

/**
 * Tallies a closed round into its published result: the one place that decides what of a round
 * becomes known. A secret round with fewer voters than `minVoters` publishes only how many took
 * part; with enough voters but fewer online ballots than `minVoters`, those ballots are shown
 * only merged with the hand/paper votes (on their own they could be read off as total minus
 * hand votes).
 */
export function tallyRound(
  roundId: string,
  def: RoundDefinition,
  ballots: readonly TallyBallot[],
  manual: ManualVotes | null,
  times: { openedAt: number; closedAt: number },
  minVoters: number = DEFAULT_MIN_SECRET_VOTERS,
): RoundResult {
  const min = Math.max(MIN_SECRET_VOTERS_FLOOR, Math.floor(minVoters));
  const named = def.named
    ? [...ballots]
        .sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.participantId, b.participantId))
        .map((b) => ({ participantId: b.participantId, displayName: b.displayName, actorGroup: b.actorGroup, ballot: b.ballot }))
    : null;
  const voters = ballots.length + (manual?.voters ?? 0);
  const withheld = !def.named && voters > 0 && voters < min;
  const onlineSplit = def.named || ballots.length === 0 || ballots.length >= min;
  const manualPart = manual ? { note: manual.note?.trim() || null, voters: manual.voters } : null;
  return {
    ...def,
    roundId,
    openedAt: times.openedAt,
    closedAt: times.closedAt,
    voters,
    minVoters: min,
    withheld,
    tally: withheld ? null : tally(def, ballots, manual),
    online: withheld || !onlineSplit ? null : tally(def, ballots),
    manual: manualPart ? { ...manualPart, tally: withheld || !onlineSplit ? null : tally(def, [], manual) } : null,
    byGroup: withheld ? null : tallyByGroup(def, ballots, min),
    ballots: named,
    outcomes: [],
    outcomeLog: [],
  };
}

/** The corrections and withdrawals of one option's outcome, oldest first. */
export function correctionsOf(result: RoundResult, optionId: string): OutcomeLogEntry[] {
  return (result.outcomeLog ?? []).filter((e) => e.optionId === optionId && e.action !== 'marked');
}

/**
 * The option that leads a closed round, to preselect when recording an outcome: least
 * resistance (Widerstandsabfrage), most dots (Punktabfrage), most consent with the fewest
 * objections (Konsenscheck), most "dafür" (Meinungsbild). Null when the result is withheld or
 * nobody voted.
 */
export function leadingOption(result: RoundResult): string | null {
  const t = result.tally;
  if (!t || result.voters === 0) return null;
  switch (t.method) {
    case 'punktabfrage':
    case 'widerstandsabfrage':
      return t.ranking[0] ?? null;
    case 'konsenscheck': {
      // Fewest vetoes, then fewest serious, then fewest minor concerns, then most consent; ties keep option order.
      const key = (c: Record<ConsentLevel, number>) => [c.veto, c.schwere_bedenken, c.leichte_bedenken, -c.zustimmung];
      const lexLess = (a: number[], b: number[]) => {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
        return false;
      };
      let best: { optionId: string; key: number[] } | null = null;
      for (const o of t.options) {
        const k = key(o.counts);
        if (!best || lexLess(k, best.key)) best = { optionId: o.optionId, key: k };
      }
      return best?.optionId ?? null;
    }
    case 'meinungsbild': {
      let best: { optionId: string; net: number } | null = null;
      for (const o of t.options) {
        const net = o.counts.dafuer - o.counts.dagegen;
        if (!best || net > best.net) best = { optionId: o.optionId, net };
      }
      return best?.optionId ?? null;
    }
  }
}

/** The objections recorded for one option (Konsenscheck), to attach to a marked outcome. */
export function objectionsOf(result: RoundResult, optionId: string): Objection[] {
  if (result.tally?.method !== 'konsenscheck') return [];
  return result.tally.options.find((o) => o.optionId === optionId)?.objections ?? [];
}

/**
 * The numbers the board item shows (the `voteResult` slot of a priority topic): dots and rank;
 * total, mean and rank of resistance; counts per consent level or opinion.
 */
export function slotTotals(result: RoundResult, optionId: string): Record<string, number> {
  const t = result.tally;
  if (!t) return {};
  switch (t.method) {
    case 'punktabfrage': {
      const o = t.options.find((x) => x.optionId === optionId);
      return o ? { dots: o.dots, rank: o.rank } : {};
    }
    case 'widerstandsabfrage': {
      const o = t.options.find((x) => x.optionId === optionId);
      if (!o) return {};
      return o.mean === null ? { total: o.total, rank: o.rank, voters: o.voters } : { total: o.total, mean: o.mean, rank: o.rank, voters: o.voters };
    }
    case 'konsenscheck': {
      const o = t.options.find((x) => x.optionId === optionId);
      return o ? { ...o.counts } : {};
    }
    case 'meinungsbild': {
      const o = t.options.find((x) => x.optionId === optionId);
      return o ? { ...o.counts } : {};
    }
  }
}

/** The value written into a board item's `voteResult` slot for one option of a result. */
export function toVoteSlot(result: RoundResult, optionId: string, publishedAt: number): VoteSlot {
  const mark = result.outcomes.find((m) => m.optionId === optionId);
  return {
    roundId: result.roundId,
    method: result.method,
    totals: slotTotals(result, optionId),
    participants: result.voters,
    outcome: mark?.outcome ?? null,
    meinungsbild: result.nonBinding,
    publishedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Payloads of the vote events
// ---------------------------------------------------------------------------------------------

export const VoteOpenPayload = z.object({ config: RoundConfigSchema });
export type VoteOpenPayload = z.input<typeof VoteOpenPayload>;

export const VoteCastPayload = z.object({ roundId: IdSchema, ballot: BallotSchema });
export type VoteCastPayload = z.infer<typeof VoteCastPayload>;

export const RoundPayload = z.object({ roundId: IdSchema });
export type RoundPayload = z.infer<typeof RoundPayload>;

/** Sets (or, with null, clears) the hand/paper votes of an open round. */
export const VoteSetManualPayload = z.object({ roundId: IdSchema, manual: ManualVotesSchema.nullable() });
export type VoteSetManualPayload = z.infer<typeof VoteSetManualPayload>;

export const OutcomeMarkPayload = z.object({
  roundId: IdSchema,
  optionId: OptionIdSchema,
  outcome: z.enum(VOTE_OUTCOMES),
  /** Objections the moderator noted in the room (added to those the round recorded). */
  objections: z
    .array(z.object({ level: z.enum(['leichte_bedenken', 'schwere_bedenken', 'veto']), reason: reason.min(1) }))
    .max(VoteLimits.objectionsMax)
    .optional(),
  /** Required when the option already has a recorded outcome: why it is corrected. */
  reason: z.string().trim().max(VoteLimits.reasonMaxLength).optional(),
});
export type OutcomeMarkPayload = z.infer<typeof OutcomeMarkPayload>;

/** Why a recorded outcome is corrected or withdrawn (required then). */
const correctionReason = z.string().trim().min(1).max(VoteLimits.reasonMaxLength);

/** Removes an option's recorded outcome (recorded on the wrong option), with the reason. */
export const OutcomeWithdrawPayload = z.object({ roundId: IdSchema, optionId: OptionIdSchema, reason: correctionReason });
export type OutcomeWithdrawPayload = z.infer<typeof OutcomeWithdrawPayload>;

/** Moves (or, for a round without one, sets) the vote timer: `seconds` more from now or from the current end, whichever is later. */
export const VoteExtendPayload = z.object({
  roundId: IdSchema,
  seconds: z.number().int().min(VOTE_TIMER_LIMITS.minSeconds).max(VOTE_TIMER_LIMITS.maxSeconds),
});
export type VoteExtendPayload = z.infer<typeof VoteExtendPayload>;

/** A closed Punktabfrage's ranking into the priorities board: its topics first, in the order of their dots. */
export const VoteApplyRankingPayload = z.object({ roundId: IdSchema });
export type VoteApplyRankingPayload = z.infer<typeof VoteApplyRankingPayload>;

/** Asks a closed or cancelled round again: a new open round with the same question and options. */
export const VoteReopenPayload = z.object({
  roundId: IdSchema,
  durationSeconds: z.number().int().min(VOTE_TIMER_LIMITS.minSeconds).max(VOTE_TIMER_LIMITS.maxSeconds).nullable().optional(),
});
export type VoteReopenPayload = z.infer<typeof VoteReopenPayload>;

export interface VoteProgress {
  roundId: string;
  voted: number;
  eligible: number;
}
