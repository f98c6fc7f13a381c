/**
 * Moderating a session: actor groups, the agenda along the steering cycle, per-item timers on one
 * server clock, board locks and the speakers list (Wortmeldungen). The server owns all of it and
 * sends everyone the whole picture as `session.state` (see `SessionState`) on connect and after
 * every change; the payload schemas of the moderation events live here and in `events.ts`.
 */
import { z } from 'zod';
import { DOC_KINDS } from './docs';
import { SESSION_ROLES } from './domain';
import { ACTOR_GROUPS, ModerationLimits, STEERING_PHASES, TABLE_BOARDS, TABLE_SPLIT_MODES, TableLimits } from './moderationState';
import { nameText } from './text';

// The vocabulary, the state types and the pure helpers, without zod (the browser's room uses them).
export * from './moderationState';

export const ActorGroupSchema = z.enum(ACTOR_GROUPS);
export const SteeringPhaseSchema = z.enum(STEERING_PHASES);
/** Any shared document of the session: the notes, a board or the canvas. */
export const DocKindSchema = z.enum(DOC_KINDS);
/** Server-generated ids (agenda items, rounds, options, participants). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'malformed id');

const agendaTitle = nameText(ModerationLimits.agendaTitleMaxLength);
const plannedMinutes = z.number().int().min(1).max(ModerationLimits.plannedMinutesMax);
const timerMs = z.number().int().min(ModerationLimits.timerMinMs).max(ModerationLimits.timerMaxMs);

// ---------------------------------------------------------------------------------------------
// Payloads clients send (parsed by the server before anything else)
// ---------------------------------------------------------------------------------------------

export const EmptyPayload = z.object({});
export type EmptyPayload = z.infer<typeof EmptyPayload>;

export const ParticipantSetRolePayload = z.object({ participantId: IdSchema, role: z.enum(SESSION_ROLES) });
export type ParticipantSetRolePayload = z.infer<typeof ParticipantSetRolePayload>;

export const ParticipantRemovePayload = z.object({ participantId: IdSchema });
export type ParticipantRemovePayload = z.infer<typeof ParticipantRemovePayload>;

export const ParticipantSetActorGroupPayload = z.object({ actorGroup: ActorGroupSchema.nullable() });
export type ParticipantSetActorGroupPayload = z.infer<typeof ParticipantSetActorGroupPayload>;

export const AgendaAddPayload = z.object({
  title: agendaTitle,
  phase: SteeringPhaseSchema,
  board: DocKindSchema,
  plannedMinutes,
  /** Insert after this item; null or absent: at the end. */
  afterId: IdSchema.nullable().optional(),
});
export type AgendaAddPayload = z.infer<typeof AgendaAddPayload>;

export const AgendaUpdatePayload = z.object({
  itemId: IdSchema,
  title: agendaTitle.optional(),
  phase: SteeringPhaseSchema.optional(),
  board: DocKindSchema.optional(),
  /** Also becomes the duration of the item's timer while that timer is idle. */
  plannedMinutes: plannedMinutes.optional(),
});
export type AgendaUpdatePayload = z.infer<typeof AgendaUpdatePayload>;

/** The complete new order: every current item id exactly once. */
export const AgendaReorderPayload = z.object({ itemIds: z.array(IdSchema).max(ModerationLimits.agendaItems) });
export type AgendaReorderPayload = z.infer<typeof AgendaReorderPayload>;

export const AgendaItemPayload = z.object({ itemId: IdSchema });
export type AgendaItemPayload = z.infer<typeof AgendaItemPayload>;

export const AgendaGotoPayload = z.object({ itemId: IdSchema.nullable() });
export type AgendaGotoPayload = z.infer<typeof AgendaGotoPayload>;

/**
 * Starts (or resumes) the item's timer. From idle or ended it runs for `durationMs` (default: the
 * timer's duration); from paused it resumes with the remaining time; running: no change.
 */
export const TimerStartPayload = z.object({ itemId: IdSchema, durationMs: timerMs.optional() });
export type TimerStartPayload = z.infer<typeof TimerStartPayload>;

export const TimerItemPayload = z.object({ itemId: IdSchema });
export type TimerItemPayload = z.infer<typeof TimerItemPayload>;

/** Adds time: to the end of a running timer, the rest of a paused one; an ended one runs again for `byMs`. */
export const TimerExtendPayload = z.object({ itemId: IdSchema, byMs: timerMs });
export type TimerExtendPayload = z.infer<typeof TimerExtendPayload>;

/** Back to idle, with `durationMs` or else `plannedMinutes` of the item. */
export const TimerResetPayload = z.object({ itemId: IdSchema, durationMs: timerMs.optional() });
export type TimerResetPayload = z.infer<typeof TimerResetPayload>;

export const BoardLockPayload = z.object({ board: DocKindSchema });
export type BoardLockPayload = z.infer<typeof BoardLockPayload>;

/** "Nur Autorinnen/Autoren und Moderation dürfen Karten löschen". */
export const CardsConfigurePayload = z.object({ authorsOnlyDelete: z.boolean() });
export type CardsConfigurePayload = z.infer<typeof CardsConfigurePayload>;

/** Lowers a hand: one's own (no id), or — moderators only — anybody's. */
export const HandLowerPayload = z.object({ participantId: IdSchema.optional() });
export type HandLowerPayload = z.infer<typeof HandLowerPayload>;

/** Moderators: puts a queued person at `position` (0 = next; beyond the end = last). */
export const SpeakerMovePayload = z.object({ participantId: IdSchema, position: z.number().int().min(0).max(10_000) });
export type SpeakerMovePayload = z.infer<typeof SpeakerMovePayload>;

/**
 * Moderators: how the speakers list works. `firstTimeFirst` on re-sorts the queue once (those who
 * have not spoken yet first, otherwise in the present order) and places later first-time hands
 * ahead of those who have spoken. `turnMs`: speaking time per turn, or null for none.
 */
export const SpeakerConfigurePayload = z
  .object({
    firstTimeFirst: z.boolean().optional(),
    turnMs: z.number().int().min(ModerationLimits.turnMinMs).max(ModerationLimits.turnMaxMs).nullable().optional(),
  })
  .refine((p) => p.firstTimeFirst !== undefined || p.turnMs !== undefined, 'nothing to change');
export type SpeakerConfigurePayload = z.infer<typeof SpeakerConfigurePayload>;

// Parallel tables (moderators, except choosing one's table in 'choice' mode) -----------------

/**
 * Splits the room into `count` tables working on copies of `board`: 'random' deals the
 * participants out evenly, 'actorGroup' makes one table per actor group present (`count` is
 * ignored; people without a group sit at the last table), 'choice' opens empty tables people join.
 */
export const TablesSplitPayload = z.object({
  board: z.enum(TABLE_BOARDS),
  mode: z.enum(TABLE_SPLIT_MODES),
  count: z.number().int().min(TableLimits.minTables).max(TableLimits.maxTables),
});
export type TablesSplitPayload = z.infer<typeof TablesSplitPayload>;

/** Moderators: puts a person at a table. */
export const TablesAssignPayload = z.object({ participantId: IdSchema, tableId: IdSchema });
export type TablesAssignPayload = z.infer<typeof TablesAssignPayload>;

/** Participants in 'choice' mode: sits down at a table (leaving any other). */
export const TablesJoinPayload = z.object({ tableId: IdSchema });
export type TablesJoinPayload = z.infer<typeof TablesJoinPayload>;

/** Moderators: a member who facilitates the table, or null. */
export const TablesSetFacilitatorPayload = z.object({ tableId: IdSchema, participantId: IdSchema.nullable() });
export type TablesSetFacilitatorPayload = z.infer<typeof TablesSetFacilitatorPayload>;
