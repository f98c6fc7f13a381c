import type { ActorGroup } from '../../../shared/moderation';
import type { Ballot, ManualVotes, OutcomeLogEntry, OutcomeMark, RoundDefinition, RoundResult, TallyBallot } from '../../../shared/votes';
import type { RoundStatus, StoredRound, VoteStore } from '../types';
import type { PgDb, Queryable } from './db';
import { type BallotRow, type RoundRow, toRound } from '../rows/votes';

/**
 * Voting rounds in PostgreSQL. Every status check and the write that depends on it run in one
 * transaction holding the round's row lock (`FOR UPDATE`), so a ballot can never land after the
 * round closed, and a round is closed once.
 *
 * Secrecy: closing or cancelling a round, and withdrawing someone's ballots, delete the rows in
 * that transaction; afterwards `VACUUM FULL vote_ballots` rewrites the (small) table, so the
 * dead row versions with the choices do not stay in its data file. What PostgreSQL's
 * write-ahead log, replicas and backups hold is the operator's to manage.
 */
export class PgVoteStore implements VoteStore {
  constructor(private readonly db: PgDb) {}

  private lockRound(roundId: string, q: Queryable): Promise<RoundRow | undefined> {
    return this.db.one<RoundRow>('SELECT * FROM vote_rounds WHERE id = ? FOR UPDATE', [roundId], q);
  }

  /** Rewrites the ballots table without its dead row versions (see the class comment). */
  private async forgetDeleted(): Promise<void> {
    await this.db.run('VACUUM FULL vote_ballots');
  }

  async createRound(round: { id: string; sessionId: string; definition: RoundDefinition; openedBy: string; openedAt: number }): Promise<void> {
    await this.db.run(
      `INSERT INTO vote_rounds (id, session_id, status, definition_json, manual_json, result_json, opened_by, opened_at, closed_at)
       VALUES (?, ?, 'open', ?, NULL, NULL, ?, ?, NULL)`,
      [round.id, round.sessionId, JSON.stringify(round.definition), round.openedBy, round.openedAt],
    );
  }

  async findRound(roundId: string): Promise<StoredRound | undefined> {
    const row = await this.db.one<RoundRow>('SELECT * FROM vote_rounds WHERE id = ?', [roundId]);
    return row && toRound(row);
  }

  async listRounds(sessionId: string, status?: RoundStatus): Promise<StoredRound[]> {
    const rows = status
      ? await this.db.all<RoundRow>('SELECT * FROM vote_rounds WHERE session_id = ? AND status = ? ORDER BY opened_at, id', [sessionId, status])
      : await this.db.all<RoundRow>('SELECT * FROM vote_rounds WHERE session_id = ? ORDER BY opened_at, id', [sessionId]);
    return rows.map(toRound);
  }

  async castBallot(roundId: string, participantId: string, ballot: Ballot): Promise<'cast' | 'replaced' | 'closed'> {
    return this.db.tx(async (q) => {
      if ((await this.lockRound(roundId, q))?.status !== 'open') return 'closed';
      const existed = (await this.db.one('SELECT 1 AS x FROM vote_ballots WHERE round_id = ? AND participant_id = ?', [roundId, participantId], q)) !== undefined;
      await this.db.run(
        `INSERT INTO vote_ballots (round_id, participant_id, ballot_json) VALUES (?, ?, ?)
         ON CONFLICT (round_id, participant_id) DO UPDATE SET ballot_json = excluded.ballot_json`,
        [roundId, participantId, JSON.stringify(ballot)],
        q,
      );
      await this.db.run('INSERT INTO vote_participation (round_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [roundId, participantId], q);
      return existed ? 'replaced' : 'cast';
    });
  }

  async findBallot(roundId: string, participantId: string): Promise<Ballot | undefined> {
    const row = await this.db.one<{ ballot_json: string }>('SELECT ballot_json FROM vote_ballots WHERE round_id = ? AND participant_id = ?', [roundId, participantId]);
    return row && (JSON.parse(row.ballot_json) as Ballot);
  }

  async participantIds(roundId: string): Promise<string[]> {
    const rows = await this.db.all<{ participant_id: string }>('SELECT participant_id FROM vote_participation WHERE round_id = ? ORDER BY participant_id', [roundId]);
    return rows.map((r) => r.participant_id);
  }

  async setManual(roundId: string, manual: ManualVotes | null): Promise<boolean> {
    return (await this.db.run("UPDATE vote_rounds SET manual_json = ? WHERE id = ? AND status = 'open'", [manual === null ? null : JSON.stringify(manual), roundId])) > 0;
  }

  async closeRound(
    roundId: string,
    closedAt: number,
    build: (ballots: TallyBallot[], manual: ManualVotes | null) => RoundResult,
  ): Promise<RoundResult | undefined> {
    const result = await this.db.tx(async (q) => {
      const row = await this.lockRound(roundId, q);
      if (!row || row.status !== 'open') return undefined;
      const rows = await this.db.all<BallotRow>(
        `SELECT b.participant_id, p.display_name, p.actor_group, b.ballot_json
         FROM vote_ballots b JOIN participants p ON p.id = b.participant_id
         WHERE b.round_id = ? ORDER BY b.participant_id`,
        [roundId],
        q,
      );
      const ballots: TallyBallot[] = rows.map((b) => ({
        participantId: b.participant_id,
        displayName: b.display_name,
        actorGroup: b.actor_group as ActorGroup | null,
        ballot: JSON.parse(b.ballot_json) as Ballot,
      }));
      const manual = row.manual_json === null ? null : (JSON.parse(row.manual_json) as ManualVotes);
      const out = build(ballots, manual);
      await this.db.run("UPDATE vote_rounds SET status = 'closed', result_json = ?, closed_at = ? WHERE id = ?", [JSON.stringify(out), closedAt, roundId], q);
      await this.db.run('DELETE FROM vote_ballots WHERE round_id = ?', [roundId], q);
      return out;
    });
    if (result) await this.forgetDeleted();
    return result;
  }

  async cancelRound(roundId: string, at: number): Promise<boolean> {
    const done = await this.db.tx(async (q) => {
      if ((await this.lockRound(roundId, q))?.status !== 'open') return false;
      await this.db.run("UPDATE vote_rounds SET status = 'cancelled', manual_json = NULL, closed_at = ? WHERE id = ?", [at, roundId], q);
      await this.db.run('DELETE FROM vote_ballots WHERE round_id = ?', [roundId], q);
      await this.db.run('DELETE FROM vote_participation WHERE round_id = ?', [roundId], q);
      return true;
    });
    if (done) await this.forgetDeleted();
    return done;
  }

  async withdrawFromOpenRounds(sessionId: string, participantId: string): Promise<string[]> {
    const ids = await this.db.tx(async (q) => {
      const open = await this.db.all<{ id: string }>(
        `SELECT r.id FROM vote_rounds r JOIN vote_participation v ON v.round_id = r.id
         WHERE r.session_id = ? AND r.status = 'open' AND v.participant_id = ? ORDER BY r.id FOR UPDATE OF r`,
        [sessionId, participantId],
        q,
      );
      for (const { id } of open) {
        await this.db.run('DELETE FROM vote_ballots WHERE round_id = ? AND participant_id = ?', [id, participantId], q);
        await this.db.run('DELETE FROM vote_participation WHERE round_id = ? AND participant_id = ?', [id, participantId], q);
      }
      return open.map((r) => r.id);
    });
    // As at closing: the withdrawn ballot must not wait in the table file for the round to end.
    if (ids.length > 0) await this.forgetDeleted();
    return ids;
  }

  async markOutcome(roundId: string, mark: OutcomeMark, markedBy: string, reason: string | null = null): Promise<RoundResult | undefined> {
    return this.db.tx(async (q) => {
      const row = await this.lockRound(roundId, q);
      if (!row || row.status !== 'closed' || row.result_json === null) return undefined;
      const result = JSON.parse(row.result_json) as RoundResult;
      const previous = result.outcomes.find((m) => m.optionId === mark.optionId)?.outcome ?? null;
      const entry: OutcomeLogEntry = {
        optionId: mark.optionId,
        action: previous === null ? 'marked' : 'corrected',
        outcome: mark.outcome,
        previous,
        reason: reason?.trim() || null,
        at: mark.markedAt,
      };
      const updated: RoundResult = {
        ...result,
        outcomes: [...result.outcomes.filter((m) => m.optionId !== mark.optionId), mark].sort(
          (a, b) => result.options.findIndex((o) => o.id === a.optionId) - result.options.findIndex((o) => o.id === b.optionId),
        ),
        outcomeLog: [...(result.outcomeLog ?? []), entry],
      };
      await this.db.run('UPDATE vote_rounds SET result_json = ? WHERE id = ?', [JSON.stringify(updated), roundId], q);
      await this.db.run(
        `INSERT INTO vote_outcomes (round_id, option_id, session_id, outcome, objections_json, participants, marked_by, marked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id, option_id) DO UPDATE SET outcome = excluded.outcome, objections_json = excluded.objections_json,
           participants = excluded.participants, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
        [roundId, mark.optionId, row.session_id, mark.outcome, JSON.stringify(mark.objections), mark.participants, markedBy, mark.markedAt],
        q,
      );
      return updated;
    });
  }

  async withdrawOutcome(roundId: string, optionId: string, reason: string, at: number): Promise<RoundResult | undefined> {
    return this.db.tx(async (q) => {
      const row = await this.lockRound(roundId, q);
      if (!row || row.status !== 'closed' || row.result_json === null) return undefined;
      const result = JSON.parse(row.result_json) as RoundResult;
      const previous = result.outcomes.find((m) => m.optionId === optionId);
      if (!previous) return undefined;
      const updated: RoundResult = {
        ...result,
        outcomes: result.outcomes.filter((m) => m.optionId !== optionId),
        outcomeLog: [...(result.outcomeLog ?? []), { optionId, action: 'withdrawn', outcome: null, previous: previous.outcome, reason, at }],
      };
      await this.db.run('UPDATE vote_rounds SET result_json = ? WHERE id = ?', [JSON.stringify(updated), roundId], q);
      await this.db.run('DELETE FROM vote_outcomes WHERE round_id = ? AND option_id = ?', [roundId, optionId], q);
      return updated;
    });
  }

  async setClosesAt(roundId: string, closesAt: number | null): Promise<boolean> {
    return this.db.tx(async (q) => {
      const row = await this.lockRound(roundId, q);
      if (!row || row.status !== 'open') return false;
      const definition = JSON.parse(row.definition_json) as RoundDefinition;
      await this.db.run('UPDATE vote_rounds SET definition_json = ? WHERE id = ?', [JSON.stringify({ ...definition, closesAt }), roundId], q);
      return true;
    });
  }

  async roundsWithTimer(): Promise<{ roundId: string; sessionId: string; closesAt: number }[]> {
    const rows = await this.db.all<RoundRow>("SELECT * FROM vote_rounds WHERE status = 'open' ORDER BY opened_at, id");
    return rows.flatMap((row) => {
      const closesAt = (JSON.parse(row.definition_json) as RoundDefinition).closesAt;
      return typeof closesAt === 'number' ? [{ roundId: row.id, sessionId: row.session_id, closesAt }] : [];
    });
  }
}
