/**
 * Voting rounds over socket.io. Ballots go from the voter to the store and nowhere else: while a
 * round is open the others get only `vote.progress` (counts); on close the store tallies and
 * deletes the ballots in one transaction, and the result is published to the session and to the
 * priority topics the options came from.
 */
import { docName } from '../../shared/docs';
import { ErrorId } from '../../shared/errors';
import { setVoteResult, type WriteContext } from '../../shared/schema';
import {
  buildRoundDefinition,
  checkBallot,
  checkManualVotes,
  checkRoundConfig,
  objectionsOf,
  tallyRound,
  toVoteSlot,
  type OpenRoundSummary,
  type OutcomeMark,
  type RoundResult,
} from '../../shared/votes';
import { newId } from '../auth/tokens';
import type { StoredRound } from '../store/types';
import { type CommandRouter, refuse } from './commands';
import { sessionRoom } from './rooms';
import { publishState } from './state';
import type { RealtimeContext, RealtimeSocket } from './types';

/** How the server signs what it writes into a board. */
const SERVER_WRITER: WriteContext = { origin: 'werkraum-votes', author: { participantId: '', displayName: 'Werkraum' } };

async function summary(ctx: RealtimeContext, round: StoredRound): Promise<OpenRoundSummary> {
  const voters = await ctx.store.votes.participantIds(round.id);
  // Everyone who may vote and is here, plus those who voted and left.
  const eligible = new Set([...ctx.presence.online(round.sessionId, 'participant'), ...voters]);
  return { ...round.definition, id: round.id, openedAt: round.openedAt, voted: voters.length, eligible: eligible.size, hasManual: round.manual !== null };
}

export async function openRoundSummaries(ctx: RealtimeContext, sessionId: string): Promise<OpenRoundSummary[]> {
  const rounds = await ctx.store.votes.listRounds(sessionId, 'open');
  return Promise.all(rounds.map((r) => summary(ctx, r)));
}

/** `vote.progress` of every open round of the session, to everyone in it. */
export async function sendProgress(ctx: RealtimeContext, sessionId: string): Promise<void> {
  for (const s of await openRoundSummaries(ctx, sessionId)) {
    ctx.io.to(sessionRoom(sessionId)).emit('vote.progress', { roundId: s.id, voted: s.voted, eligible: s.eligible });
  }
}

/** Every closed round's result, to one socket that just connected. */
export async function sendResults(ctx: RealtimeContext, socket: RealtimeSocket): Promise<void> {
  for (const round of await ctx.store.votes.listRounds(socket.data.sessionId, 'closed')) {
    if (round.result) socket.emit('vote.result', round.result);
  }
}

/** Writes the result into the `voteResult` slot of every priority topic an option came from. */
async function publishToBoards(ctx: RealtimeContext, sessionId: string, result: RoundResult, onlyOption?: string): Promise<void> {
  const targets = result.options.filter((o) => o.source?.board === 'priorities' && (onlyOption === undefined || o.id === onlyOption));
  if (targets.length === 0) return;
  const now = Date.now();
  try {
    await ctx.sync.change(docName(sessionId, 'priorities'), (doc) => {
      for (const o of targets) setVoteResult(doc, SERVER_WRITER, o.source!.itemId, toVoteSlot(result, o.id, now));
    });
  } catch (err) {
    // The result is stored and broadcast already; the board shows it after the next publish.
    ctx.log.error({ err, sessionId, roundId: result.roundId }, 'publishing a vote result to the priorities board failed');
  }
}

export function registerVotes(ctx: RealtimeContext, router: CommandRouter, socket: RealtimeSocket): void {
  const sessionId = socket.data.sessionId;

  /** A round of this session, or a refusal. */
  const roundOf = async (roundId: string): Promise<StoredRound> => {
    const round = await ctx.store.votes.findRound(roundId);
    if (!round) refuse(ErrorId.notFound, `No round ${roundId}`);
    if (round.sessionId !== sessionId) refuse(ErrorId.wrongSession, 'That round belongs to another session');
    return round;
  };
  const openRoundOf = async (roundId: string): Promise<StoredRound> => {
    const round = await roundOf(roundId);
    if (round.status !== 'open') refuse(ErrorId.roundClosed, 'The round is closed');
    return round;
  };
  const sessionKind = async () => (await ctx.store.sessions.findById(sessionId))?.kind ?? refuse(ErrorId.notFound, 'Session gone');

  router.on(socket, 'vote.open', { who: 'moderator' }, async ({ config }) => {
    const problem = checkRoundConfig(config, await sessionKind());
    if (problem) refuse(problem.id, problem.message);
    if (config.agendaItemId && !(await ctx.courses.get(sessionId)).item(config.agendaItemId)) {
      refuse(ErrorId.notFound, `No agenda item ${config.agendaItemId} in this session`);
    }
    const id = newId();
    await ctx.store.votes.createRound({
      id,
      sessionId,
      definition: buildRoundDefinition(config),
      openedBy: socket.data.participantId,
      openedAt: Date.now(),
    });
    await publishState(ctx, sessionId);
    return { round: await summary(ctx, (await ctx.store.votes.findRound(id))!) };
  });

  router.on(socket, 'vote.cast', { who: 'participant' }, async ({ roundId, ballot }) => {
    const round = await openRoundOf(roundId);
    const problem = checkBallot(round.definition, ballot);
    if (problem) refuse(problem.id, problem.message);
    const outcome = await ctx.store.votes.castBallot(roundId, socket.data.participantId, ballot);
    if (outcome === 'closed') refuse(ErrorId.roundClosed, 'The round is closed');
    ctx.publishProgress(sessionId);
    return { replaced: outcome === 'replaced' };
  });

  router.on(socket, 'ballot.get', { who: 'anyone' }, async ({ roundId }) => {
    await roundOf(roundId);
    return { ballot: (await ctx.store.votes.findBallot(roundId, socket.data.participantId)) ?? null };
  });

  router.on(socket, 'vote.setManual', { who: 'moderator' }, async ({ roundId, manual }) => {
    const round = await openRoundOf(roundId);
    if (manual) {
      const problem = checkManualVotes(round.definition, manual);
      if (problem) refuse(problem.id, problem.message);
    }
    if (!(await ctx.store.votes.setManual(roundId, manual))) refuse(ErrorId.roundClosed, 'The round is closed');
    await publishState(ctx, sessionId);
    return {};
  });

  router.on(socket, 'vote.close', { who: 'moderator' }, async ({ roundId }) => {
    const round = await openRoundOf(roundId);
    const closedAt = Date.now();
    const result = await ctx.store.votes.closeRound(roundId, closedAt, (ballots, manual) =>
      tallyRound(roundId, round.definition, ballots, manual, { openedAt: round.openedAt, closedAt }),
    );
    if (!result) refuse(ErrorId.roundClosed, 'The round is closed');
    ctx.io.to(sessionRoom(sessionId)).emit('vote.result', result);
    await publishToBoards(ctx, sessionId, result);
    await publishState(ctx, sessionId);
    return { result };
  });

  router.on(socket, 'vote.cancel', { who: 'moderator' }, async ({ roundId }) => {
    await openRoundOf(roundId);
    if (!(await ctx.store.votes.cancelRound(roundId, Date.now()))) refuse(ErrorId.roundClosed, 'The round is closed');
    await publishState(ctx, sessionId);
    return {};
  });

  router.on(socket, 'outcome.mark', { who: 'moderator' }, async ({ roundId, optionId, outcome, objections }) => {
    if ((await sessionKind()) === 'interfraktionelle_ag') {
      refuse(ErrorId.methodNotAllowed, 'An interfraktionelle Arbeitsgruppe marks no outcomes: it takes no decisions');
    }
    const round = await roundOf(roundId);
    if (round.status === 'open') refuse(ErrorId.roundOpen, 'Close the round first');
    if (round.status !== 'closed' || !round.result) refuse(ErrorId.roundClosed, 'The round was cancelled');
    if (round.definition.nonBinding) refuse(ErrorId.methodNotAllowed, 'A Meinungsbild is not binding and has no outcome');
    if (!round.definition.options.some((o) => o.id === optionId)) refuse(ErrorId.notFound, `No option ${optionId} in this round`);
    const mark: OutcomeMark = {
      optionId,
      outcome,
      objections: [...objectionsOf(round.result, optionId), ...(objections ?? []).map((o) => ({ ...o, manual: true }))],
      participants: round.result.voters,
      markedAt: Date.now(),
    };
    const result = await ctx.store.votes.markOutcome(roundId, mark, socket.data.participantId);
    if (!result) refuse(ErrorId.roundClosed, 'The round is not closed');
    ctx.io.to(sessionRoom(sessionId)).emit('vote.result', result);
    await publishToBoards(ctx, sessionId, result, optionId);
    return { result };
  });
}
