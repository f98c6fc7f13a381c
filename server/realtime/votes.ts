/**
 * Voting rounds over socket.io. Ballots go from the voter to the store and nowhere else: while a
 * round is open the others get only `vote.progress` (counts); on close the store tallies and
 * deletes the ballots in one transaction, and the result is published to the session and to the
 * priority topics the options came from.
 */
import { docName } from '../../shared/docs';
import { ErrorId } from '../../shared/errors';
import { movePriorityTopic, readPriorities, setVoteResult, type WriteContext } from '../../shared/schema';
import {
  allowedMethods,
  buildRoundDefinition,
  VOTE_TIMER_LIMITS,
  type PendingVoter,
  type RoundDefinition,
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
  return {
    ...round.definition,
    id: round.id,
    openedAt: round.openedAt,
    voted: voters.length,
    eligible: eligible.size,
    hasManual: round.manual !== null,
    closesAt: round.definition.closesAt ?? null,
  };
}

/**
 * Closes an open round: tallies (with the installation's minimum of voters for secret results),
 * stores the result and forgets the ballots in one transaction, then publishes it. Undefined if
 * the round was no longer open.
 */
async function closeRound(ctx: RealtimeContext, sessionId: string, round: StoredRound): Promise<RoundResult | undefined> {
  const closedAt = Date.now();
  const result = await ctx.store.votes.closeRound(round.id, closedAt, (ballots, manual) =>
    tallyRound(round.id, round.definition, ballots, manual, { openedAt: round.openedAt, closedAt }, ctx.secretMinVoters),
  );
  if (!result) return undefined;
  ctx.voteTimers.disarm(round.id);
  ctx.io.to(sessionRoom(sessionId)).emit('vote.result', result);
  await publishToBoards(ctx, sessionId, result);
  await publishState(ctx, sessionId);
  return result;
}

/** The vote timer ran out: the server closes the round (run in the session's queue). */
export async function closeRoundOnTime(ctx: RealtimeContext, sessionId: string, roundId: string): Promise<void> {
  const round = await ctx.store.votes.findRound(roundId);
  if (!round || round.status !== 'open' || round.sessionId !== sessionId) return;
  const closesAt = round.definition.closesAt;
  // Extended meanwhile: the new timer is armed already.
  if (typeof closesAt !== 'number' || closesAt > Date.now() + 5) return;
  await closeRound(ctx, sessionId, round);
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

  /** Creates an open round (arming its timer) and publishes the state. */
  const createRound = async (definition: RoundDefinition, durationSeconds: number | null | undefined): Promise<OpenRoundSummary> => {
    const id = newId();
    const openedAt = Date.now();
    const closesAt = durationSeconds ? openedAt + durationSeconds * 1000 : null;
    await ctx.store.votes.createRound({ id, sessionId, definition: { ...definition, closesAt }, openedBy: socket.data.participantId, openedAt });
    if (closesAt !== null) ctx.voteTimers.arm(sessionId, id, closesAt);
    await publishState(ctx, sessionId);
    return summary(ctx, (await ctx.store.votes.findRound(id))!);
  };

  router.on(socket, 'vote.open', { who: 'moderator' }, async ({ config }) => {
    const problem = checkRoundConfig(config, await sessionKind());
    if (problem) refuse(problem.id, problem.message);
    if (config.agendaItemId && !(await ctx.courses.get(sessionId)).item(config.agendaItemId)) {
      refuse(ErrorId.notFound, `No agenda item ${config.agendaItemId} in this session`);
    }
    return { round: await createRound(buildRoundDefinition(config), config.durationSeconds) };
  });

  router.on(socket, 'vote.reopen', { who: 'moderator' }, async ({ roundId, durationSeconds }) => {
    const round = await roundOf(roundId);
    if (round.status === 'open') refuse(ErrorId.roundOpen, 'The round is still open');
    // The session kind may have changed since: the same checks as at opening.
    const { method, title, named, agendaItemId, options } = round.definition;
    const kind = await sessionKind();
    if (!allowedMethods(kind).includes(method) || (kind === 'interfraktionelle_ag' && named)) {
      refuse(ErrorId.methodNotAllowed, 'This round cannot be asked again in this kind of session');
    }
    const definition: RoundDefinition = {
      ...round.definition,
      title,
      named,
      agendaItemId,
      options: options.map((o) => ({ ...o })),
      reopenedFrom: round.id,
      closesAt: null,
    };
    return { round: await createRound(definition, durationSeconds) };
  });

  router.on(socket, 'vote.extend', { who: 'moderator' }, async ({ roundId, seconds }) => {
    const round = await openRoundOf(roundId);
    const now = Date.now();
    const current = round.definition.closesAt;
    const closesAt = Math.max(now, typeof current === 'number' ? current : now) + seconds * 1000;
    if (closesAt - now > VOTE_TIMER_LIMITS.maxSeconds * 1000) {
      refuse(ErrorId.validation, `seconds: the round would close more than ${VOTE_TIMER_LIMITS.maxSeconds / 60} minutes from now`);
    }
    if (!(await ctx.store.votes.setClosesAt(roundId, closesAt))) refuse(ErrorId.roundClosed, 'The round is closed');
    ctx.voteTimers.arm(sessionId, roundId, closesAt);
    await publishState(ctx, sessionId);
    return { closesAt };
  });

  router.on(socket, 'vote.applyRanking', { who: 'moderator' }, async ({ roundId }) => {
    const round = await roundOf(roundId);
    if (round.status !== 'closed' || !round.result) refuse(ErrorId.roundOpen, 'Only a closed round has a ranking');
    const tally = round.result.tally;
    if (round.definition.method !== 'punktabfrage' || tally?.method !== 'punktabfrage') {
      refuse(ErrorId.methodNotAllowed, 'Only a published Punktabfrage has a ranking to take over');
    }
    const name = docName(sessionId, 'priorities');
    const topicOf = new Map(round.definition.options.flatMap((o) => (o.source?.board === 'priorities' ? [[o.id, o.source.itemId] as const] : [])));
    const ordered = tally.ranking.flatMap((optionId) => (topicOf.has(optionId) ? [topicOf.get(optionId)!] : []));
    if (ordered.length === 0) refuse(ErrorId.notFound, 'No option of this round is a priority topic');
    let moved = 0;
    await ctx.sync.change(name, (doc) => {
      const present = new Set(readPriorities(doc).map((t) => t.id));
      // Last first, each to the start: the round's order ends up on top, the other topics after it.
      for (const id of [...ordered].reverse()) if (present.has(id) && movePriorityTopic(doc, SERVER_WRITER, id, 'start')) moved++;
    });
    return { moved };
  });

  router.on(socket, 'vote.pending', { who: 'moderator' }, async ({ roundId }) => {
    const round = await openRoundOf(roundId);
    // In a secret round, who has not voted yet tells who has: only named rounds answer.
    if (!round.definition.named) refuse(ErrorId.methodNotAllowed, 'Only named rounds show who has not voted yet');
    const voted = new Set(await ctx.store.votes.participantIds(roundId));
    const pending: PendingVoter[] = [];
    for (const participantId of ctx.presence.online(sessionId, 'participant')) {
      if (voted.has(participantId)) continue;
      const p = await ctx.store.moderation.findParticipant(participantId);
      if (p && p.revokedAt === null) pending.push({ participantId, displayName: p.displayName });
    }
    pending.sort((a, b) => a.displayName.localeCompare(b.displayName, 'de') || (a.participantId < b.participantId ? -1 : 1));
    return { pending };
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
    const result = await closeRound(ctx, sessionId, round);
    if (!result) refuse(ErrorId.roundClosed, 'The round is closed');
    return { result };
  });

  router.on(socket, 'vote.cancel', { who: 'moderator' }, async ({ roundId }) => {
    await openRoundOf(roundId);
    if (!(await ctx.store.votes.cancelRound(roundId, Date.now()))) refuse(ErrorId.roundClosed, 'The round is closed');
    ctx.voteTimers.disarm(roundId);
    await publishState(ctx, sessionId);
    return {};
  });

  /** A closed round of this session whose outcomes may be recorded, or a refusal. */
  const markableRound = async (roundId: string, optionId: string): Promise<StoredRound & { result: RoundResult }> => {
    if ((await sessionKind()) === 'interfraktionelle_ag') {
      refuse(ErrorId.methodNotAllowed, 'An interfraktionelle Arbeitsgruppe marks no outcomes: it takes no decisions');
    }
    const round = await roundOf(roundId);
    if (round.status === 'open') refuse(ErrorId.roundOpen, 'Close the round first');
    if (round.status !== 'closed' || !round.result) refuse(ErrorId.roundClosed, 'The round was cancelled');
    if (round.definition.nonBinding) refuse(ErrorId.methodNotAllowed, 'A Meinungsbild is not binding and has no outcome');
    if (!round.definition.options.some((o) => o.id === optionId)) refuse(ErrorId.notFound, `No option ${optionId} in this round`);
    return round as StoredRound & { result: RoundResult };
  };

  /** A correction reaches the drafts built on it: their audit log says so. */
  const auditDrafts = async (result: RoundResult, optionId: string, action: 'outcome_corrected' | 'outcome_withdrawn') => {
    const recordId = `${result.roundId}:${optionId}`;
    const at = new Date().toISOString();
    const actor = { kind: 'moderator' as const, id: socket.data.participantId, displayName: socket.data.displayName };
    for (const draft of await ctx.store.decisions.listForSession(sessionId)) {
      if (draft.provenance.consensus.some((r) => r.id === recordId)) await ctx.store.decisions.appendAudit(draft.id, at, actor, action);
    }
  };

  router.on(socket, 'outcome.mark', { who: 'moderator' }, async ({ roundId, optionId, outcome, objections, reason }) => {
    const round = await markableRound(roundId, optionId);
    const earlier = round.result.outcomes.find((m) => m.optionId === optionId);
    if (earlier && !reason?.trim()) refuse(ErrorId.validation, 'reason: correcting a recorded outcome needs a reason');
    const mark: OutcomeMark = {
      optionId,
      outcome,
      objections: [...objectionsOf(round.result, optionId), ...(objections ?? []).map((o) => ({ ...o, manual: true }))],
      participants: round.result.voters,
      markedAt: Date.now(),
    };
    const result = await ctx.store.votes.markOutcome(roundId, mark, socket.data.participantId, earlier ? reason : null);
    if (!result) refuse(ErrorId.roundClosed, 'The round is not closed');
    ctx.io.to(sessionRoom(sessionId)).emit('vote.result', result);
    await publishToBoards(ctx, sessionId, result, optionId);
    if (earlier) await auditDrafts(result, optionId, 'outcome_corrected');
    return { result };
  });

  router.on(socket, 'outcome.withdraw', { who: 'moderator' }, async ({ roundId, optionId, reason }) => {
    await markableRound(roundId, optionId);
    const result = await ctx.store.votes.withdrawOutcome(roundId, optionId, reason, Date.now());
    if (!result) refuse(ErrorId.notFound, `No outcome recorded for option ${optionId}`);
    ctx.io.to(sessionRoom(sessionId)).emit('vote.result', result);
    await publishToBoards(ctx, sessionId, result, optionId);
    await auditDrafts(result, optionId, 'outcome_withdrawn');
    return { result };
  });
}
