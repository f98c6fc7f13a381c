import type Database from 'better-sqlite3';
import type { ActorGroup } from '../../../shared/moderation';
import type { Ballot, ManualVotes, OutcomeLogEntry, OutcomeMark, RoundDefinition, RoundResult, TallyBallot } from '../../../shared/votes';
import type { RoundStatus, StoredRound, VoteStore } from '../types';
import { truncateWal } from './db';
import { type BallotRow, type RoundRow, toRound } from '../rows/votes';

/**
 * Voting rounds in SQLite.
 *
 * Secrecy on disk: every write that touches ballots runs with `secure_delete` on, so SQLite
 * overwrites a replaced or deleted ballot with zeros instead of leaving it in free space, and
 * closing or cancelling a round, and withdrawing someone's ballots (removal, a role change), end
 * with a WAL checkpoint that truncates the write-ahead log, which would otherwise still hold old
 * page images with the ballots.
 */
export class SqliteVoteStore implements VoteStore {
  private readonly insertRound: Database.Statement<[RoundRow]>;
  private readonly selectRound: Database.Statement<[string], RoundRow>;
  private readonly selectRounds: Database.Statement<[string], RoundRow>;
  private readonly selectRoundsByStatus: Database.Statement<[string, string], RoundRow>;
  private readonly selectStatus: Database.Statement<[string], { status: string }>;
  private readonly selectBallotExists: Database.Statement<[string, string], { n: number }>;
  private readonly upsertBallot: Database.Statement<[string, string, string]>;
  private readonly insertParticipation: Database.Statement<[string, string]>;
  private readonly selectBallot: Database.Statement<[string, string], { ballot_json: string }>;
  private readonly selectParticipation: Database.Statement<[string], { participant_id: string }>;
  private readonly updateManual: Database.Statement<[string | null, string]>;
  private readonly selectTallyBallots: Database.Statement<[string], BallotRow>;
  private readonly updateClosed: Database.Statement<[string, number, string]>;
  private readonly deleteBallots: Database.Statement<[string]>;
  private readonly deleteParticipation: Database.Statement<[string]>;
  private readonly updateCancelled: Database.Statement<[number, string]>;
  private readonly selectOpenRoundsOf: Database.Statement<[string, string], { id: string }>;
  private readonly deleteBallotOf: Database.Statement<[string, string]>;
  private readonly deleteParticipationOf: Database.Statement<[string, string]>;
  private readonly updateResult: Database.Statement<[string, string]>;
  private readonly upsertOutcome: Database.Statement<[string, string, string, string, string, number, string, number]>;
  private readonly deleteOutcome: Database.Statement<[string, string]>;
  private readonly updateDefinition: Database.Statement<[string, string]>;
  private readonly selectAllOpen: Database.Statement<[], RoundRow>;

  constructor(private readonly db: Database.Database) {
    this.insertRound = db.prepare(
      `INSERT INTO vote_rounds (id, session_id, status, definition_json, manual_json, result_json, opened_by, opened_at, closed_at)
       VALUES (@id, @session_id, @status, @definition_json, @manual_json, @result_json, @opened_by, @opened_at, @closed_at)`,
    );
    this.selectRound = db.prepare('SELECT * FROM vote_rounds WHERE id = ?');
    this.selectRounds = db.prepare('SELECT * FROM vote_rounds WHERE session_id = ? ORDER BY opened_at, id');
    this.selectRoundsByStatus = db.prepare('SELECT * FROM vote_rounds WHERE session_id = ? AND status = ? ORDER BY opened_at, id');
    this.selectStatus = db.prepare('SELECT status FROM vote_rounds WHERE id = ?');
    this.selectBallotExists = db.prepare('SELECT COUNT(*) AS n FROM vote_ballots WHERE round_id = ? AND participant_id = ?');
    this.upsertBallot = db.prepare(
      `INSERT INTO vote_ballots (round_id, participant_id, ballot_json) VALUES (?, ?, ?)
       ON CONFLICT (round_id, participant_id) DO UPDATE SET ballot_json = excluded.ballot_json`,
    );
    this.insertParticipation = db.prepare('INSERT OR IGNORE INTO vote_participation (round_id, participant_id) VALUES (?, ?)');
    this.selectBallot = db.prepare('SELECT ballot_json FROM vote_ballots WHERE round_id = ? AND participant_id = ?');
    this.selectParticipation = db.prepare('SELECT participant_id FROM vote_participation WHERE round_id = ? ORDER BY participant_id');
    this.updateManual = db.prepare("UPDATE vote_rounds SET manual_json = ? WHERE id = ? AND status = 'open'");
    this.selectTallyBallots = db.prepare(
      `SELECT b.participant_id, p.display_name, p.actor_group, b.ballot_json
       FROM vote_ballots b JOIN participants p ON p.id = b.participant_id
       WHERE b.round_id = ? ORDER BY b.participant_id`,
    );
    this.updateClosed = db.prepare("UPDATE vote_rounds SET status = 'closed', result_json = ?, closed_at = ? WHERE id = ?");
    this.deleteBallots = db.prepare('DELETE FROM vote_ballots WHERE round_id = ?');
    this.deleteParticipation = db.prepare('DELETE FROM vote_participation WHERE round_id = ?');
    this.updateCancelled = db.prepare("UPDATE vote_rounds SET status = 'cancelled', manual_json = NULL, closed_at = ? WHERE id = ?");
    this.selectOpenRoundsOf = db.prepare(
      `SELECT r.id FROM vote_rounds r JOIN vote_participation v ON v.round_id = r.id
       WHERE r.session_id = ? AND r.status = 'open' AND v.participant_id = ?`,
    );
    this.deleteBallotOf = db.prepare('DELETE FROM vote_ballots WHERE round_id = ? AND participant_id = ?');
    this.deleteParticipationOf = db.prepare('DELETE FROM vote_participation WHERE round_id = ? AND participant_id = ?');
    this.updateResult = db.prepare('UPDATE vote_rounds SET result_json = ? WHERE id = ?');
    this.deleteOutcome = db.prepare('DELETE FROM vote_outcomes WHERE round_id = ? AND option_id = ?');
    this.updateDefinition = db.prepare("UPDATE vote_rounds SET definition_json = ? WHERE id = ? AND status = 'open'");
    this.selectAllOpen = db.prepare("SELECT * FROM vote_rounds WHERE status = 'open' ORDER BY opened_at, id");
    this.upsertOutcome = db.prepare(
      `INSERT INTO vote_outcomes (round_id, option_id, session_id, outcome, objections_json, participants, marked_by, marked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (round_id, option_id) DO UPDATE SET outcome = excluded.outcome, objections_json = excluded.objections_json,
         participants = excluded.participants, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
    );
  }

  /** Runs a write with deleted and overwritten content zeroed (see the class comment). */
  private secure<T>(fn: () => T): T {
    const before = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      return this.db.transaction(fn)();
    } finally {
      this.db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
    }
  }

  /** Moves every WAL frame into the database and truncates the WAL file to zero bytes. */
  private forgetWal(): void {
    truncateWal(this.db);
  }

  async createRound(round: { id: string; sessionId: string; definition: RoundDefinition; openedBy: string; openedAt: number }): Promise<void> {
    this.insertRound.run({
      id: round.id,
      session_id: round.sessionId,
      status: 'open',
      definition_json: JSON.stringify(round.definition),
      manual_json: null,
      result_json: null,
      opened_by: round.openedBy,
      opened_at: round.openedAt,
      closed_at: null,
    });
  }

  async findRound(roundId: string): Promise<StoredRound | undefined> {
    const row = this.selectRound.get(roundId);
    return row && toRound(row);
  }

  async listRounds(sessionId: string, status?: RoundStatus): Promise<StoredRound[]> {
    const rows = status ? this.selectRoundsByStatus.all(sessionId, status) : this.selectRounds.all(sessionId);
    return rows.map(toRound);
  }

  async castBallot(roundId: string, participantId: string, ballot: Ballot): Promise<'cast' | 'replaced' | 'closed'> {
    return this.secure(() => {
      // Checked inside the transaction, so a ballot can never land after the round closed.
      if (this.selectStatus.get(roundId)?.status !== 'open') return 'closed';
      const existed = this.selectBallotExists.get(roundId, participantId)!.n > 0;
      this.upsertBallot.run(roundId, participantId, JSON.stringify(ballot));
      this.insertParticipation.run(roundId, participantId);
      return existed ? 'replaced' : 'cast';
    });
  }

  async findBallot(roundId: string, participantId: string): Promise<Ballot | undefined> {
    const row = this.selectBallot.get(roundId, participantId);
    return row && (JSON.parse(row.ballot_json) as Ballot);
  }

  async participantIds(roundId: string): Promise<string[]> {
    return this.selectParticipation.all(roundId).map((r) => r.participant_id);
  }

  async setManual(roundId: string, manual: ManualVotes | null): Promise<boolean> {
    return this.updateManual.run(manual === null ? null : JSON.stringify(manual), roundId).changes > 0;
  }

  async closeRound(
    roundId: string,
    closedAt: number,
    build: (ballots: TallyBallot[], manual: ManualVotes | null) => RoundResult,
  ): Promise<RoundResult | undefined> {
    const result = this.secure(() => {
      const row = this.selectRound.get(roundId);
      if (!row || row.status !== 'open') return undefined;
      const ballots: TallyBallot[] = this.selectTallyBallots.all(roundId).map((b) => ({
        participantId: b.participant_id,
        displayName: b.display_name,
        actorGroup: b.actor_group as ActorGroup | null,
        ballot: JSON.parse(b.ballot_json) as Ballot,
      }));
      const manual = row.manual_json === null ? null : (JSON.parse(row.manual_json) as ManualVotes);
      const out = build(ballots, manual);
      this.updateClosed.run(JSON.stringify(out), closedAt, roundId);
      this.deleteBallots.run(roundId);
      return out;
    });
    if (result) this.forgetWal();
    return result;
  }

  async cancelRound(roundId: string, at: number): Promise<boolean> {
    const done = this.secure(() => {
      if (this.selectStatus.get(roundId)?.status !== 'open') return false;
      this.updateCancelled.run(at, roundId);
      this.deleteBallots.run(roundId);
      this.deleteParticipation.run(roundId);
      return true;
    });
    if (done) this.forgetWal();
    return done;
  }

  async withdrawFromOpenRounds(sessionId: string, participantId: string): Promise<string[]> {
    const ids = this.secure(() => {
      const open = this.selectOpenRoundsOf.all(sessionId, participantId).map((r) => r.id);
      for (const id of open) {
        this.deleteBallotOf.run(id, participantId);
        this.deleteParticipationOf.run(id, participantId);
      }
      return open;
    });
    // As at closing: the withdrawn ballot must not wait in the WAL for the round to end.
    if (ids.length > 0) this.forgetWal();
    return ids;
  }

  async markOutcome(roundId: string, mark: OutcomeMark, markedBy: string, reason: string | null = null): Promise<RoundResult | undefined> {
    return this.db.transaction(() => {
      const row = this.selectRound.get(roundId);
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
      this.updateResult.run(JSON.stringify(updated), roundId);
      this.upsertOutcome.run(
        roundId,
        mark.optionId,
        row.session_id,
        mark.outcome,
        JSON.stringify(mark.objections),
        mark.participants,
        markedBy,
        mark.markedAt,
      );
      return updated;
    })();
  }

  async withdrawOutcome(roundId: string, optionId: string, reason: string, at: number): Promise<RoundResult | undefined> {
    return this.db.transaction(() => {
      const row = this.selectRound.get(roundId);
      if (!row || row.status !== 'closed' || row.result_json === null) return undefined;
      const result = JSON.parse(row.result_json) as RoundResult;
      const previous = result.outcomes.find((m) => m.optionId === optionId);
      if (!previous) return undefined;
      const updated: RoundResult = {
        ...result,
        outcomes: result.outcomes.filter((m) => m.optionId !== optionId),
        outcomeLog: [...(result.outcomeLog ?? []), { optionId, action: 'withdrawn', outcome: null, previous: previous.outcome, reason, at }],
      };
      this.updateResult.run(JSON.stringify(updated), roundId);
      this.deleteOutcome.run(roundId, optionId);
      return updated;
    })();
  }

  async setClosesAt(roundId: string, closesAt: number | null): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.selectRound.get(roundId);
      if (!row || row.status !== 'open') return false;
      const definition = JSON.parse(row.definition_json) as RoundDefinition;
      this.updateDefinition.run(JSON.stringify({ ...definition, closesAt }), roundId);
      return true;
    })();
  }

  async roundsWithTimer(): Promise<{ roundId: string; sessionId: string; closesAt: number }[]> {
    return this.selectAllOpen.all().flatMap((row) => {
      const closesAt = (JSON.parse(row.definition_json) as RoundDefinition).closesAt;
      return typeof closesAt === 'number' ? [{ roundId: row.id, sessionId: row.session_id, closesAt }] : [];
    });
  }
}
