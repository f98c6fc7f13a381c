/**
 * The moderation's vocabulary, the state the server sends and the pure rules on it, without the
 * payload schemas (those are in moderation.ts, which re-exports all of this). The browser's room
 * imports from here, so it does not load the schema library for what it only displays.
 */
import type { BoardKind, DocKind } from './docs';
import type { SessionRole } from './domain';
import type { OpenRoundSummary } from './votes';

/**
 * Actor groups (Akteursgruppen) a person may say they belong to. Vote results are broken down by
 * them (never below 3 voters per group). Fixed list, so groups are comparable across sessions.
 */
export const ACTOR_GROUPS = [
  'schule',
  'kita',
  'jugendhilfe',
  'weiterbildung',
  'bibliothek',
  'verwaltung',
  'kammer',
  'politik',
  'wirtschaft',
  'zivilgesellschaft',
  'sonstige',
] as const;
export type ActorGroup = (typeof ACTOR_GROUPS)[number];

/** German labels (the UI may translate them). */
export const ACTOR_GROUP_LABELS: Record<ActorGroup, string> = {
  schule: 'Schule',
  kita: 'Kita',
  jugendhilfe: 'Jugendhilfe',
  weiterbildung: 'Weiterbildung/VHS',
  bibliothek: 'Bibliothek',
  verwaltung: 'Verwaltung',
  kammer: 'Kammer',
  politik: 'Politik',
  wirtschaft: 'Wirtschaft',
  zivilgesellschaft: 'Zivilgesellschaft',
  sonstige: 'Sonstige',
};

/** The group that small groups are merged into (and people who gave none are counted in). */
export const OTHER_ACTOR_GROUP: ActorGroup = 'sonstige';

/** The four steps of the steering cycle (Steuerungskreislauf); every agenda item sits in one. */
export const STEERING_PHASES = ['wo_stehen_wir', 'wo_wollen_wir_hin', 'wie_kommen_wir_ans_ziel', 'wie_ueberpruefen_wir'] as const;
export type SteeringPhase = (typeof STEERING_PHASES)[number];

export const STEERING_PHASE_LABELS: Record<SteeringPhase, string> = {
  wo_stehen_wir: 'Wo stehen wir?',
  wo_wollen_wir_hin: 'Wo wollen wir hin?',
  wie_kommen_wir_ans_ziel: 'Wie kommen wir ans Ziel?',
  wie_ueberpruefen_wir: 'Wie überprüfen wir unser Handeln?',
};

export const ModerationLimits = {
  agendaItems: 100,
  agendaTitleMaxLength: 200,
  plannedMinutesMax: 600,
  /** Longest timer, and the most one `timer.extend` may add. */
  timerMaxMs: 12 * 60 * 60 * 1000,
  timerMinMs: 1000,
  /** Bounds of the speaking time per turn a moderator may set (Redezeit je Wortmeldung). */
  turnMinMs: 15_000,
  turnMaxMs: 60 * 60 * 1000,
} as const;

// ---------------------------------------------------------------------------------------------
// State the server sends (`session.state`)
// ---------------------------------------------------------------------------------------------

/**
 * A timer on the server clock. All times are server epoch milliseconds: a client computes its
 * clock offset from `session.ping` (or from `SessionState.serverTime`) and shows
 * `endsAt - (Date.now() + offset)` while running. `durationMs` is what `reset` returns to.
 */
export type TimerState =
  | { status: 'idle'; durationMs: number }
  | { status: 'running'; durationMs: number; endsAt: number }
  | { status: 'paused'; durationMs: number; remainingMs: number }
  | { status: 'ended'; durationMs: number; endedAt: number };

export interface AgendaItem {
  id: string;
  title: string;
  phase: SteeringPhase;
  /** The document this item works on (a board, the canvas, or the notes). */
  board: DocKind;
  plannedMinutes: number;
  timer: TimerState;
}

/** Someone on the speakers list. */
export interface Speaker {
  participantId: string;
  displayName: string;
  /** Server epoch ms of the hand raise. */
  raisedAt: number;
  /** Turns this person has had in this session before (0: they would speak for the first time). */
  turns: number;
}

/** The person who has the floor, since `startedAt` (server epoch ms). */
export interface CurrentSpeaker extends Speaker {
  startedAt: number;
}

/**
 * The speakers list (Wortmeldungen). The queue is in the order people will speak: by hand raise,
 * unless the moderator moved someone; with `firstTimeFirst`, a person who has not spoken yet is
 * placed after the last such person in the queue (ahead of those who have spoken).
 */
export interface SpeakersState {
  current: CurrentSpeaker | null;
  queue: Speaker[];
  firstTimeFirst: boolean;
  /** Speaking time per turn the moderation aims for (shown with the running time); null: none. */
  turnMs: number | null;
}

/** How the moderator splits the room into tables. */
export const TABLE_SPLIT_MODES = ['choice', 'actorGroup', 'random'] as const;
export type TableSplitMode = (typeof TABLE_SPLIT_MODES)[number];

/** Boards a room can work on at parallel tables. */
export const TABLE_BOARDS = ['swot', 'priorities', 'goals'] as const satisfies readonly BoardKind[];
export type TableBoard = (typeof TABLE_BOARDS)[number];

export const TableLimits = { minTables: 2, maxTables: 12, nameMaxLength: 60 } as const;

/**
 * A parallel table (Arbeitstisch): its own copy of the board (`tableDocName(sessionId, id, board)`),
 * written by its members and moderators, read by everyone. `merged` once its results are in the
 * plenary board.
 */
export interface Table {
  id: string;
  /** 1, 2, …: "Tisch 2". */
  number: number;
  /** The actor group the table was formed from (split by actor group), else null. */
  actorGroup: ActorGroup | null;
  members: string[];
  facilitatorId: string | null;
  /** The facilitator's name, for everyone's banner (the participant list is for moderators only). */
  facilitatorName: string | null;
}

/** The room works at parallel tables on a copy of `board`; votes and outcomes stay plenary. */
export interface TablesState {
  board: TableBoard;
  mode: TableSplitMode;
  tables: Table[];
  /** Server epoch ms of the split. */
  startedAt: number;
}

/** The table a person sits at, if any. */
export function tableOf(state: TablesState | null, participantId: string): Table | undefined {
  return state?.tables.find((t) => t.members.includes(participantId));
}

export interface SessionState {
  sessionId: string;
  /** Increases with every change; a client ignores a state older than the one it shows. */
  version: number;
  /** Server epoch ms when this state was sent: a first clock-offset estimate. */
  serverTime: number;
  agenda: AgendaItem[];
  /** The item the moderation is on; late joiners land on it. Null: none chosen. */
  currentItemId: string | null;
  /** Shared documents that are read-only for everyone but moderators. */
  locked: DocKind[];
  /** The speakers list, visible to everyone: who speaks now (and since when), who is next, in order. */
  speakers: SpeakersState;
  /** Voting rounds that are open now (counts only, never ballot content). */
  rounds: OpenRoundSummary[];
  /** Parallel tables, while the room works at them; null in plenary. */
  tables: TablesState | null;
  /**
   * Only a card's author and the moderation may delete it (SWOT cards, priority topics, goal
   * nodes); the server refuses anyone else's deletion. Absent: false.
   */
  authorsOnlyDelete?: boolean;
}

/** One person of the session, as moderators see them in `participant.list`. */
export interface ParticipantSummary {
  participantId: string;
  displayName: string;
  role: SessionRole;
  actorGroup: ActorGroup | null;
  /** Has at least one socket.io connection right now. */
  online: boolean;
  handRaised: boolean;
}

/** A person's own record, sent to them when their role or actor group changes. */
export interface ParticipantSelf {
  participantId: string;
  displayName: string;
  role: SessionRole;
  actorGroup: ActorGroup | null;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** Milliseconds left on a timer at server time `serverNow` (never negative). */
export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'running':
      return Math.max(0, timer.endsAt - serverNow);
    case 'paused':
      return timer.remainingMs;
    case 'ended':
      return 0;
  }
}

/**
 * Clock offset (server minus client, ms) from one `session.ping` round trip, assuming the
 * answer was taken halfway. Add it to `Date.now()` to get server time.
 */
export function clockOffset(clientSent: number, serverTime: number, clientReceived: number): number {
  return serverTime - (clientSent + clientReceived) / 2;
}

/** Milliseconds the current speaker has had the floor at server time `serverNow`. */
export function speakingMs(current: CurrentSpeaker, serverNow: number): number {
  return Math.max(0, serverNow - current.startedAt);
}

/** Which roles may do what, checked by the server for every event (the UI mirrors it). */
export function isModerator(role: SessionRole): boolean {
  return role === 'moderator';
}

/** Only participants vote and ask to speak: observers are read-only, moderators lead. */
export function canVote(role: SessionRole): boolean {
  return role === 'participant';
}

export function canRaiseHand(role: SessionRole): boolean {
  return role === 'participant';
}
