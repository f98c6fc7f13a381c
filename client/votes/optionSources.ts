/**
 * Candidate options for a round, read from the session's boards: SWOT cards, priority topics,
 * goals. The board document is opened read-only for as long as the picker shows it.
 */
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { docName } from '../../shared/docs';
import { readGoalTree } from '../../shared/schema/goals';
import { readPriorities } from '../../shared/schema/priorities';
import { readSwot } from '../../shared/schema/swot';
import { VoteLimits } from '../../shared/votes';
import { useSyncedDoc } from '../data/docs/syncedDoc';

/** Boards whose items can become options. */
export const OPTION_BOARDS = ['swot', 'priorities', 'goals'] as const;
export type OptionBoard = (typeof OPTION_BOARDS)[number];

export interface Candidate {
  board: OptionBoard;
  itemId: string;
  label: string;
  /** A grouping line: the SWOT quadrant, the goal level. */
  group: string;
}

function clip(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > VoteLimits.optionLabelMaxLength ? `${s.slice(0, VoteLimits.optionLabelMaxLength - 1)}…` : s;
}

export function readCandidates(t: TFunction, board: OptionBoard, doc: Y.Doc): Candidate[] {
  switch (board) {
    case 'swot':
      return readSwot(doc)
        .cards.filter((c) => c.text.trim() !== '')
        .map((c) => ({ board, itemId: c.id, label: clip(c.text), group: t(`swot.quadrants.${c.quadrant}.name`) }));
    case 'priorities':
      return readPriorities(doc)
        .filter((p) => p.title.trim() !== '')
        .map((p) => ({ board, itemId: p.id, label: clip(p.title), group: '' }));
    case 'goals':
      return readGoalTree(doc)
        .nodes.filter((n) => n.title.trim() !== '')
        .map((n) => ({ board, itemId: n.id, label: clip(n.title), group: t(`votes.open.goalLevel.${n.level}`) }));
  }
}

/** The items of `board` (re-read on every change), or undefined while the document loads. */
export function useCandidates(t: TFunction, join: JoinResponse, board: OptionBoard | null): Candidate[] | undefined {
  const name = board ? (join.docs[board] ?? docName(join.sessionId, board)) : undefined;
  const { synced } = useSyncedDoc(name, join.token);
  const [candidates, setCandidates] = useState<{ doc: Y.Doc; list: Candidate[] } | undefined>();

  useEffect(() => {
    if (!synced || !board) return;
    const doc = synced.doc;
    const read = () => setCandidates({ doc, list: readCandidates(t, board, doc) });
    read();
    doc.on('update', read);
    return () => doc.off('update', read);
  }, [synced, board, t]);

  return candidates && synced && candidates.doc === synced.doc ? candidates.list : undefined;
}
