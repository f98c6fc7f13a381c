/**
 * The socket.io event contract. Event names follow `resource.verb`. Every client→server payload
 * has a zod schema (`ClientEventSchemas`) that the server parses before anything else; types
 * alone are not validation. Every client→server event takes an acknowledgement callback and is
 * answered with an `Ack`; events sent without one are ignored.
 */
import { z } from 'zod';
import type { SessionPublic } from './api';
import type { SessionRole } from './domain';
import type { ErrorIdValue } from './errors';
import {
  AgendaAddPayload,
  AgendaGotoPayload,
  AgendaItemPayload,
  AgendaReorderPayload,
  AgendaUpdatePayload,
  BoardLockPayload,
  CardsConfigurePayload,
  EmptyPayload,
  HandLowerPayload,
  ParticipantRemovePayload,
  ParticipantSetActorGroupPayload,
  ParticipantSetRolePayload,
  TimerExtendPayload,
  TimerItemPayload,
  TimerResetPayload,
  TimerStartPayload,
  type ActorGroup,
  type ParticipantSelf,
  type ParticipantSummary,
  type CurrentSpeaker,
  type SessionState,
  SpeakerConfigurePayload,
  SpeakerMovePayload,
  TablesAssignPayload,
  TablesJoinPayload,
  TablesSetFacilitatorPayload,
  TablesSplitPayload,
} from './moderation';
import {
  OutcomeMarkPayload,
  RoundPayload,
  OutcomeWithdrawPayload,
  VoteExtendPayload,
  VoteReopenPayload,
  VoteApplyRankingPayload,
  type PendingVoter,
  VoteCastPayload,
  VoteOpenPayload,
  VoteSetManualPayload,
  type Ballot,
  type OpenRoundSummary,
  type RoundResult,
  type VoteProgress,
} from './votes';

/** Sent as socket.io `auth` on connect. */
export const SocketAuth = z.object({
  token: z.string().min(1).max(200),
  protocolVersion: z.number().int().nonnegative(),
});
export type SocketAuth = z.infer<typeof SocketAuth>;

/**
 * Sent as socket.io `auth` by a session's projector ("Beamer-Ansicht") instead of `SocketAuth`:
 * it authenticates with the moderator's login cookie, receives what everybody in the session
 * receives, sends no commands but `session.ping`, and is counted nowhere (presence, votes).
 */
export const ProjectorAuth = z.object({
  projector: z.literal(true),
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  protocolVersion: z.number().int().nonnegative(),
});
export type ProjectorAuth = z.infer<typeof ProjectorAuth>;

export const SessionPingPayload = z.object({ clientTime: z.number().finite() });
export type SessionPingPayload = z.infer<typeof SessionPingPayload>;

/** Every acknowledgement is either `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { id: ErrorIdValue; message: string } };

/** A client→server event: a payload and an acknowledgement callback answered with `Ack<R>`. */
export type Command<P, R = Record<never, never>> = (payload: P, ack: (res: Ack<R>) => void) => void;

export interface SessionWelcome {
  session: SessionPublic;
  /** A projector connection (see `ProjectorAuth`): role observer, no participant of its own. */
  projector?: true;
  role: SessionRole;
  participantId: string;
  displayName: string;
  actorGroup: ActorGroup | null;
  serverTime: number;
}

export interface ClientToServerEvents {
  /** Round trip: the server answers with its clock, used to estimate the clock offset. Anyone. */
  'session.ping': Command<SessionPingPayload, { clientTime: number; serverTime: number }>;

  // People (moderators, except setting one's own actor group)
  /** Changes a person's role live (their open documents and sockets follow at once). */
  'participant.setRole': Command<ParticipantSetRolePayload>;
  /** Removes a person: their token stops working at once, everywhere. */
  'participant.remove': Command<ParticipantRemovePayload>;
  /** Sets one's own actor group (anyone). */
  'participant.setActorGroup': Command<ParticipantSetActorGroupPayload>;

  // Agenda (moderators)
  'agenda.add': Command<AgendaAddPayload, { itemId: string }>;
  'agenda.update': Command<AgendaUpdatePayload>;
  'agenda.reorder': Command<AgendaReorderPayload>;
  'agenda.remove': Command<AgendaItemPayload>;
  /** Moves the session to an item (null: to none). */
  'agenda.goto': Command<AgendaGotoPayload>;

  // Timer of an agenda item (moderators)
  'timer.start': Command<TimerStartPayload>;
  'timer.pause': Command<TimerItemPayload>;
  'timer.extend': Command<TimerExtendPayload>;
  'timer.reset': Command<TimerResetPayload>;

  // Board locks (moderators)
  'board.lock': Command<BoardLockPayload>;
  'board.unlock': Command<BoardLockPayload>;
  /** Moderators: only authors and the moderation delete cards (`SessionState.authorsOnlyDelete`). */
  'cards.configure': Command<CardsConfigurePayload>;
  /**
   * Moderators: publish every participant's private SWOT drafts into the board at once, each card
   * authored by the drafts' owner. `skipped` (present only when > 0): cards that could not be
   * published (e.g. a malformed id), left in their owner's drafts; the others are published.
   */
  'drafts.publishAll': Command<EmptyPayload, { published: number; skipped?: number }>;
  /** Moderators: how many private draft cards are not yet published, of how many people (numbers only). */
  'drafts.count': Command<EmptyPayload, { cards: number; people: number }>;

  // Speakers list
  /** Participants only. Raising a raised hand keeps its place. */
  'hand.raise': Command<EmptyPayload>;
  /** One's own hand; moderators may lower anybody's with `participantId`. */
  'hand.lower': Command<HandLowerPayload>;
  /** Moderators: the first in the queue becomes the current speaker (null when the queue is empty). */
  'speaker.next': Command<EmptyPayload, { current: CurrentSpeaker | null }>;
  /** Moderators: ends the current turn; nobody has the floor until the next call. */
  'speaker.end': Command<EmptyPayload>;
  /** Moderators: moves a queued person to another place in the queue. */
  'speaker.move': Command<SpeakerMovePayload>;
  /** Moderators: first-time speakers first, speaking time per turn. */
  'speaker.configure': Command<SpeakerConfigurePayload>;

  // Parallel tables
  /** Moderators: splits the room into tables, each on its own copy of the board. */
  'tables.split': Command<TablesSplitPayload>;
  /** Moderators: puts a person at a table. */
  'tables.assign': Command<TablesAssignPayload>;
  /** Participants, while the tables were split by choice: sits down at a table. */
  'tables.join': Command<TablesJoinPayload>;
  /** Moderators: a member of the table who facilitates it (null: none). */
  'tables.setFacilitator': Command<TablesSetFacilitatorPayload>;
  /** Moderators: carries every table's new and changed items into the plenary board, then ends the tables. */
  'tables.merge': Command<EmptyPayload, { merged: number }>;
  /** Moderators: ends the tables without merging (their copies stay readable by name). */
  'tables.end': Command<EmptyPayload>;

  // Voting rounds
  /** Moderators. */
  'vote.open': Command<VoteOpenPayload, { round: OpenRoundSummary }>;
  /** Participants: one ballot per round, replaced by a later one until the round closes. */
  'vote.cast': Command<VoteCastPayload, { replaced: boolean }>;
  /** One's own ballot in an open round (e.g. after a reload), or null. */
  'ballot.get': Command<RoundPayload, { ballot: Ballot | null }>;
  /** Moderators: hand/paper votes of an open round (replaces earlier ones; null clears). */
  'vote.setManual': Command<VoteSetManualPayload>;
  /** Moderators: tallies, publishes and forgets who voted what (unless named). */
  'vote.close': Command<RoundPayload, { result: RoundResult }>;
  /** Moderators: discards an open round and its ballots without a result. */
  'vote.cancel': Command<RoundPayload>;
  /** Moderators: marks an option's outcome on a closed round (not in an interfraktionelle AG, not for a Meinungsbild). */
  'outcome.mark': Command<OutcomeMarkPayload, { result: RoundResult }>;
  /** Moderators: removes an option's recorded outcome (recorded on the wrong option), with a reason; logged. */
  'outcome.withdraw': Command<OutcomeWithdrawPayload, { result: RoundResult }>;
  /** Moderators: sets or moves an open round's vote timer; the server closes the round when it runs out. */
  'vote.extend': Command<VoteExtendPayload, { closesAt: number }>;
  /** Moderators: asks a closed or cancelled round again as a new open round (same question and options). */
  'vote.reopen': Command<VoteReopenPayload, { round: OpenRoundSummary }>;
  /** Moderators: a closed Punktabfrage's ranking becomes the order of its topics on the priorities board. */
  'vote.applyRanking': Command<VoteApplyRankingPayload, { moved: number }>;
  /** Moderators, named rounds only: who is here and has not voted yet. Refused for secret rounds. */
  'vote.pending': Command<RoundPayload, { pending: PendingVoter[] }>;
}

/** The zod schema of every client→server payload, by event name. */
export const ClientEventSchemas = {
  'session.ping': SessionPingPayload,
  'participant.setRole': ParticipantSetRolePayload,
  'participant.remove': ParticipantRemovePayload,
  'participant.setActorGroup': ParticipantSetActorGroupPayload,
  'agenda.add': AgendaAddPayload,
  'agenda.update': AgendaUpdatePayload,
  'agenda.reorder': AgendaReorderPayload,
  'agenda.remove': AgendaItemPayload,
  'agenda.goto': AgendaGotoPayload,
  'timer.start': TimerStartPayload,
  'timer.pause': TimerItemPayload,
  'timer.extend': TimerExtendPayload,
  'timer.reset': TimerResetPayload,
  'board.lock': BoardLockPayload,
  'board.unlock': BoardLockPayload,
  'cards.configure': CardsConfigurePayload,
  'drafts.publishAll': EmptyPayload,
  'drafts.count': EmptyPayload,
  'hand.raise': EmptyPayload,
  'hand.lower': HandLowerPayload,
  'speaker.next': EmptyPayload,
  'speaker.end': EmptyPayload,
  'speaker.move': SpeakerMovePayload,
  'speaker.configure': SpeakerConfigurePayload,
  'tables.split': TablesSplitPayload,
  'tables.assign': TablesAssignPayload,
  'tables.join': TablesJoinPayload,
  'tables.setFacilitator': TablesSetFacilitatorPayload,
  'tables.merge': EmptyPayload,
  'tables.end': EmptyPayload,
  'vote.open': VoteOpenPayload,
  'vote.cast': VoteCastPayload,
  'ballot.get': RoundPayload,
  'vote.setManual': VoteSetManualPayload,
  'vote.close': RoundPayload,
  'vote.cancel': RoundPayload,
  'outcome.mark': OutcomeMarkPayload,
  'outcome.withdraw': OutcomeWithdrawPayload,
  'vote.extend': VoteExtendPayload,
  'vote.reopen': VoteReopenPayload,
  'vote.pending': RoundPayload,
  'vote.applyRanking': VoteApplyRankingPayload,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export type ClientEventName = keyof ClientToServerEvents;
/** What a successful acknowledgement of an event carries besides `ok: true`. */
export type ClientEventResult<K extends ClientEventName> = ClientToServerEvents[K] extends Command<never, infer R> ? R : never;

export interface ServerToClientEvents {
  /** Sent once after a successful connect. */
  'session.welcome': (welcome: SessionWelcome) => void;
  /** The person's access was revoked or changed; the client must re-join or reload. */
  'session.revoked': (info: { reason: string }) => void;
  /** The session was renamed, archived (read-only for everyone) or restored. */
  'session.updated': (info: { session: SessionPublic }) => void;
  /** The whole course of the session; on connect and after every change. */
  'session.state': (state: SessionState) => void;
  /** Moderators only: everybody in the session; on connect and after every change. */
  'participant.list': (list: { participants: ParticipantSummary[] }) => void;
  /** To the person concerned: their role or actor group changed. */
  'participant.updated': (self: ParticipantSelf) => void;
  /** An item's timer ran out (once; also announced to screen readers by the client). */
  'timer.ended': (info: { itemId: string; endedAt: number }) => void;
  /** The moderator called the next speaker (null: nobody speaks now). */
  'speaker.called': (info: { current: CurrentSpeaker | null }) => void;
  /** While a round is open: how many have voted. Never who or what. */
  'vote.progress': (progress: VoteProgress) => void;
  /** A closed round's result; on close, when an outcome is marked, and for every closed round on connect. */
  'vote.result': (result: RoundResult) => void;
}

/** Data the server keeps on each socket after authentication. */
export interface SocketData {
  sessionId: string;
  participantId: string;
  role: SessionRole;
  displayName: string;
  /** A projector connection: not in presence, no commands but the clock. */
  projector?: true;
}
