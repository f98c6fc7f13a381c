import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editActionField, ensureActionEntry } from '../../shared/schema/actions';
import { addGoal, readGoalTree } from '../../shared/schema/goals';
import type { WriteContext } from '../../shared/schema/items';
import { addPriorityTopic } from '../../shared/schema/priorities';
import { addSwotCard } from '../../shared/schema/swot';
import type { RoundResult } from '../../shared/votes';
import { boardCandidates, pickKey, roundCandidates } from './candidates';

const t = ((key: string, opts?: Record<string, unknown>) => (opts ? `${key} ${JSON.stringify(opts)}` : key)) as unknown as TFunction;
const ctx: WriteContext = { origin: 'test', author: { participantId: 'p1', displayName: 'Anna' } };

describe('boardCandidates', () => {
  it('lists SWOT cards with text, in board order, with their quadrant', () => {
    const doc = new Y.Doc();
    addSwotCard(doc, ctx, { quadrant: 'staerken', text: 'Gute  Kitas\nim Norden' });
    addSwotCard(doc, ctx, { quadrant: 'risiken', text: '   ' });
    const list = boardCandidates(t, 'swot', doc);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ board: 'swot', label: 'Gute Kitas im Norden', detail: 'decisions.quadrants.staerken' });
    expect(list[0]!.pick).toEqual({ board: 'swot', itemId: list[0]!.key.slice('swot:'.length) });
  });

  it('lists priority topics with their rank and goal-tree nodes with their level', () => {
    const prio = new Y.Doc();
    addPriorityTopic(prio, ctx, { title: 'Übergang Kita–Schule' });
    addPriorityTopic(prio, ctx, { title: 'Sprachförderung' });
    expect(boardCandidates(t, 'priorities', prio).map((c) => [c.label, c.detail])).toEqual([
      ['Übergang Kita–Schule', 'decisions.picker.rank {"rank":1}'],
      ['Sprachförderung', 'decisions.picker.rank {"rank":2}'],
    ]);
    const goals = new Y.Doc();
    const s = addGoal(goals, ctx, { level: 'strategisch', title: 'Alle Kinder sprechen Deutsch' });
    addGoal(goals, ctx, { level: 'massnahme', parentId: s, title: 'Sprachkurse' });
    expect(boardCandidates(t, 'goals', goals).map((c) => c.detail)).toEqual(['decisions.picker.goalLevels.strategisch', 'decisions.picker.goalLevels.massnahme']);
  });

  it('lists action-plan entries with content by their strategic goal, naming the filled Zielfelder', () => {
    const goals = new Y.Doc();
    const s1 = addGoal(goals, ctx, { level: 'strategisch', title: 'Bildungsübergänge' });
    const s2 = addGoal(goals, ctx, { level: 'strategisch', title: 'Leer' });
    const actions = new Y.Doc();
    ensureActionEntry(actions, ctx, s1);
    editActionField(actions, ctx, s1, 'leistungen', 'Elternabende');
    ensureActionEntry(actions, ctx, s2);
    const list = boardCandidates(t, 'actions', actions, readGoalTree(goals));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ pick: { board: 'actions', itemId: s1 }, label: 'decisions.picker.actionEntry {"goal":"Bildungsübergänge"}', detail: 'decisions.zielfelder.leistungen' });
  });
});

describe('roundCandidates', () => {
  const round = (roundId: string, closedAt: number): RoundResult =>
    ({
      roundId,
      method: 'konsenscheck',
      title: `Runde ${roundId}`,
      named: false,
      agendaItemId: null,
      options: [
        { id: 'a', label: 'Option A', source: null, statusQuo: false },
        { id: 'status_quo', label: 'Status quo', source: null, statusQuo: true },
      ],
      dotsPerPerson: null,
      maxPerOption: null,
      nonBinding: false,
      label: null,
      openedAt: 0,
      closedAt,
      voters: 4,
      minVoters: 3,
      withheld: false,
      tally: { method: 'konsenscheck', voters: 4, options: [] },
      online: { method: 'konsenscheck', voters: 4, options: [] },
      manual: null,
      byGroup: null,
      ballots: null,
      outcomes: [{ optionId: 'a', outcome: 'konsens', objections: [], participants: 4, markedAt: 1 }],
    }) as RoundResult;

  it('lists closed rounds newest first with each option (not the status quo), its result and marked outcome', () => {
    const groups = roundCandidates(t, [round('r1', 10), round('r2', 20)], (r, o) => `${r.roundId}/${o}`);
    expect(groups.map((g) => g.roundId)).toEqual(['r2', 'r1']);
    expect(groups[0]!.options.map((o) => [o.label, o.result, o.outcome])).toEqual([
      ['Option A', 'r2/a', 'decisions.outcomes.konsens'],
    ]);
    expect(pickKey(groups[0]!.options[0]!.pick)).toBe('round:r2:a');
    expect(pickKey({ board: 'swot', itemId: 'c1' })).toBe('swot:c1');
  });
});
