/**
 * What the moderation can pick a draft from: items of the boards (read with the shared schema's
 * read helpers) and the options of closed voting rounds (from the session store).
 */
import type { TFunction } from 'i18next';
import type * as Y from 'yjs';
import type { BoardKind } from '../../shared/docs';
import type { SourcePick } from '../../shared/decisionApi';
import { readActionPlan } from '../../shared/schema/actions';
import { readGoalTree, ZIELFELDER, type GoalTree } from '../../shared/schema/goals';
import { readPriorities } from '../../shared/schema/priorities';
import { readSwot } from '../../shared/schema/swot';
import type { RoundResult } from '../../shared/votes';

export interface BoardCandidate {
  key: string;
  pick: SourcePick;
  board: BoardKind;
  label: string;
  /** A second line: quadrant, goal level, rank. */
  detail: string;
}

export interface RoundCandidate {
  key: string;
  pick: SourcePick;
  label: string;
  /** The option's result in words. */
  result: string;
  outcome: string | null;
}

export interface RoundGroup {
  roundId: string;
  title: string;
  method: string;
  nonBinding: boolean;
  voters: number;
  options: RoundCandidate[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Stable key of a pick (to hold a selection). */
export function pickKey(pick: SourcePick): string {
  return 'board' in pick ? `${pick.board}:${pick.itemId}` : `round:${pick.roundId}:${pick.optionId}`;
}

/** The items of one board that can be picked, in the board's order. */
export function boardCandidates(t: TFunction, board: BoardKind, doc: Y.Doc, goals?: GoalTree): BoardCandidate[] {
  const make = (itemId: string, label: string, detail: string): BoardCandidate => ({
    key: `${board}:${itemId}`,
    pick: { board, itemId },
    board,
    label: oneLine(label),
    detail,
  });
  switch (board) {
    case 'swot':
      return readSwot(doc)
        .cards.filter((c) => c.text.trim() !== '')
        .map((c) => make(c.id, c.text, t(`decisions.quadrants.${c.quadrant}`)));
    case 'priorities':
      return readPriorities(doc)
        .filter((p) => p.title.trim() !== '')
        .map((p) => make(p.id, p.title, t('decisions.picker.rank', { rank: p.rank })));
    case 'goals':
      return readGoalTree(doc)
        .nodes.filter((n) => n.title.trim() !== '')
        .map((n) => make(n.id, n.title, t(`decisions.picker.goalLevels.${n.level}`)));
    case 'actions':
      return readActionPlan(doc, goals)
        .filter((e) => ZIELFELDER.some((z) => e.fields[z].trim() !== ''))
        .map((e) => {
          const goal = goals?.byId.get(e.goalId)?.title.trim() || e.goalId;
          const filled = ZIELFELDER.filter((z) => e.fields[z].trim() !== '').map((z) => t(`decisions.zielfelder.${z}`));
          return make(e.goalId, t('decisions.picker.actionEntry', { goal }), filled.join(', '));
        });
  }
}

/** Closed rounds with their options, newest first, each option with its result. */
export function roundCandidates(
  t: TFunction,
  results: readonly RoundResult[],
  resultText: (round: RoundResult, optionId: string) => string,
): RoundGroup[] {
  return [...results]
    .sort((a, b) => b.closedAt - a.closedAt)
    .map((round) => ({
      roundId: round.roundId,
      title: round.title,
      method: round.method,
      nonBinding: round.nonBinding,
      voters: round.voters,
      // The automatic "Status quo beibehalten" stands for no proposal; the server refuses it.
      options: round.options
        .filter((o) => !o.statusQuo)
        .map((o) => {
        const mark = round.outcomes.find((m) => m.optionId === o.id);
        return {
          key: `round:${round.roundId}:${o.id}`,
          pick: { roundId: round.roundId, optionId: o.id },
          label: o.label,
          result: resultText(round, o.id),
          outcome: mark ? t(`decisions.outcomes.${mark.outcome}`) : null,
        };
        }),
    }));
}
