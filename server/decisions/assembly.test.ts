import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sourceKey } from '../../shared/decision';
import {
  addGoal,
  addIndicator,
  addPriorityTopic,
  addSwotCard,
  editActionField,
  mergeDecisionContent,
  readActionPlan,
  readDecisionDraft,
  readGoalTree,
  readPriorities,
  readSwot,
  setVoteResult,
  writeAssembledDraft,
} from '../../shared/schema';
import { buildRoundDefinition, RoundConfigSchema, tallyRound, type RoundResult } from '../../shared/votes';
import { assembleDraft, participationOf, type BoardSnapshot } from './assembly';

const ctx = { origin: 't', author: { participantId: 'p', displayName: 'Mia' } };

function boards() {
  const swot = new Y.Doc();
  const prio = new Y.Doc();
  const goals = new Y.Doc();
  const actions = new Y.Doc();
  const card = addSwotCard(swot, ctx, { quadrant: 'chancen', text: 'Neue Ausbildungsbetriebe', evidence: { indicator: 'Betriebe', value: 12, unit: '', year: 2025, source: 'IHK' } });
  const topic = addPriorityTopic(prio, ctx, { title: 'Ganztag', actors: ['Schulamt', 'Jugendamt', 'schulamt '], role: 'selbsterzeugerin' });
  const slotOnly = addPriorityTopic(prio, ctx, { title: 'Sprache' });
  setVoteResult(prio, ctx, slotOnly, { roundId: 'old-round', method: 'punktabfrage', totals: { dots: 14, rank: 1 }, participants: 20, outcome: null, meinungsbild: false, publishedAt: 1_700_000_000_000 });
  const goal = addGoal(goals, ctx, { level: 'strategisch', title: 'Ganztagsplätze ausbauen', owner: 'Schulamt' });
  addIndicator(goals, ctx, goal, { name: 'Plätze', baseline: 400, target: 600, deadline: '2029-08-01', dataSource: 'Schulamt' });
  const m1 = addGoal(goals, ctx, { level: 'massnahme', parentId: goal, title: 'Räume sanieren', zielfeld: 'ressourcen' });
  const op = addGoal(goals, ctx, { level: 'operativ', parentId: goal, title: 'Personal gewinnen' });
  const m2 = addGoal(goals, ctx, { level: 'massnahme', parentId: op, title: 'Kampagne', zielfeld: 'prozesse' });
  editActionField(actions, ctx, goal, 'leistungen', 'Offener Ganztag an allen Grundschulen');
  const tree = readGoalTree(goals);
  const snapshot: BoardSnapshot = { swot: readSwot(swot), priorities: readPriorities(prio), goals: tree, actions: readActionPlan(actions, tree) };
  return { snapshot, ids: { card, topic, slotOnly, goal, m1, m2 } };
}

function round(ids: ReturnType<typeof boards>['ids']): RoundResult {
  const def = buildRoundDefinition(
    RoundConfigSchema.parse({
      method: 'konsenscheck',
      title: 'Schwerpunkte',
      options: [
        { label: 'Ganztag', source: { board: 'priorities', itemId: ids.topic } },
        { label: 'Ganztagsplätze ausbauen', source: { board: 'goals', itemId: ids.goal } },
        { label: 'Freie Option ohne Karte' },
      ],
    }),
  );
  const ballots = ['a', 'b', 'c'].map((p, i) => ({
    participantId: p,
    displayName: p,
    actorGroup: null,
    ballot: {
      method: 'konsenscheck' as const,
      levels: { o1: { level: i === 2 ? ('veto' as const) : ('zustimmung' as const), reason: i === 2 ? 'Keine Räume' : undefined }, o2: { level: 'zustimmung' as const }, o3: { level: 'zustimmung' as const } },
    },
  }));
  const result = tallyRound('r1', def, ballots, null, { openedAt: 1, closedAt: 2 });
  return { ...result, outcomes: [{ optionId: 'o1', outcome: 'dissens', objections: [{ level: 'veto', reason: 'Keine Räume' }], participants: 3, markedAt: 3 }] };
}

describe('draft assembly', () => {
  it('never reads a vote slot a board carries: a forged round, forged totals for a real round, an impossible date', () => {
    const { snapshot, ids } = boards();
    const r1 = round(ids);
    const prio = new Y.Doc();
    const forged = addPriorityTopic(prio, ctx, { title: 'Gefälschter Konsens' });
    setVoteResult(prio, ctx, forged, {
      roundId: 'forged-round-1',
      method: 'konsenscheck',
      totals: { zustimmung: 40, leichte_bedenken: 0, schwere_bedenken: 0, veto: 0 },
      participants: 40,
      outcome: 'konsens',
      meinungsbild: false,
      publishedAt: 8.64e15 + 1,
    });
    // The real round's id, with totals nobody voted.
    setVoteResult(prio, ctx, ids.topic, { roundId: 'r1', method: 'konsenscheck', totals: { zustimmung: 40, veto: 0 }, participants: 40, outcome: 'konsens', meinungsbild: false, publishedAt: 8.64e15 + 1 });
    const priorities = readPriorities(prio).concat(snapshot.priorities.map((t) => (t.id === ids.topic ? { ...t, voteResult: readPriorities(prio).find((x) => x.id === ids.topic)?.voteResult ?? t.voteResult } : t)));
    const withSlots = { ...snapshot, priorities };
    expect(withSlots.priorities.find((t) => t.id === forged)!.voteResult).toMatchObject({ roundId: 'forged-round-1', participants: 40 });

    const out = assembleDraft({ boards: withSlots, rounds: [r1], now: '2026-11-26T10:00:00.000Z', picks: [{ board: 'priorities', itemId: forged }, { board: 'priorities', itemId: ids.topic }] });
    expect(out.unknown).toEqual([]);
    expect(out.provenance.sources.map((x) => x.consensusIds)).toEqual([[], ['r1:o1']]);
    // The record of the real round says what the round said: 3 voters, a veto, Dissens.
    expect(out.provenance.consensus).toHaveLength(1);
    expect(out.provenance.consensus[0]).toMatchObject({ id: 'r1:o1', participants: 3, outcome: 'dissens', result: { zustimmung: 2, veto: 1 } });
    expect(JSON.stringify(out)).not.toMatch(/forged-round-1|"participants":40/);
    // Without any round, nothing at all.
    const none = assembleDraft({ boards: withSlots, rounds: [], now: '2026-11-26T10:00:00.000Z', picks: [{ board: 'priorities', itemId: forged }] });
    expect(none.provenance.consensus).toEqual([]);
  });

  it('finds the measures below a goal through a chain of 6,000 levels', () => {
    const goals = new Y.Doc();
    const top = addGoal(goals, ctx, { level: 'strategisch', title: 'Oben' });
    goals.transact(() => {
      const items = goals.getMap<Y.Map<unknown>>('items');
      let parent = top;
      for (let i = 0; i < 6000; i++) {
        const m = new Y.Map<unknown>();
        m.set('parentId', parent);
        m.set('order', 'a0');
        m.set('level', i % 1000 === 999 ? 'massnahme' : 'operativ');
        m.set('title', new Y.Text(`Ebene ${i + 1}`));
        items.set(`chain${i}`, m);
        parent = `chain${i}`;
      }
    });
    const tree = readGoalTree(goals);
    expect(tree.nodes).toHaveLength(6001);
    const empty = boards().snapshot;
    const out = assembleDraft({ boards: { ...empty, goals: tree }, rounds: [], now: '2026-11-26T10:00:00.000Z', picks: [{ board: 'goals', itemId: top }] });
    expect(out.unknown).toEqual([]);
    expect(out.draft.measures!.map((m) => m.title)).toEqual(['Ebene 1000', 'Ebene 2000', 'Ebene 3000', 'Ebene 4000', 'Ebene 5000', 'Ebene 6000']);
  });

  it('keeps a link back to every source item and every consensus record, through the live document', () => {
    const { snapshot, ids } = boards();
    const r1 = round(ids);
    const out = assembleDraft({
      boards: snapshot,
      rounds: [r1],
      now: '2026-11-26T10:00:00.000Z',
      picks: [
        { roundId: 'r1', optionId: 'o1' },
        { board: 'goals', itemId: ids.goal },
        { board: 'swot', itemId: ids.card },
        { board: 'priorities', itemId: ids.slotOnly },
        { board: 'actions', itemId: ids.goal },
        { roundId: 'r1', optionId: 'o3' },
        { board: 'goals', itemId: ids.goal }, // twice: once
        { board: 'swot', itemId: 'nope' },
        { roundId: 'r1', optionId: 'o9' },
      ],
    });
    expect(out.unknown).toEqual([7, 8]);
    expect(out.provenance.sources.map((s) => sourceKey(s.ref))).toEqual([
      `priorities:${ids.topic}`,
      `goals:${ids.goal}`,
      `goals:${ids.m1}`,
      `goals:${ids.m2}`,
      `swot:${ids.card}`,
      `priorities:${ids.slotOnly}`,
      `actions:${ids.goal}`,
    ]);
    // The topic whose only "result" is a vote slot on the board gets no record: facts come from rounds.
    expect(out.provenance.consensus.map((r) => r.id)).toEqual(['r1:o1', 'r1:o2', 'r1:o3']);
    expect(out.provenance.sources.find((x) => x.ref.itemId === ids.slotOnly)!.consensusIds).toEqual([]);
    const o1 = out.provenance.consensus[0]!;
    expect(o1).toMatchObject({ outcome: 'dissens', participants: 3, objections: [{ level: 'veto', reason: 'Keine Räume' }], result: { method: 'konsenscheck', zustimmung: 2, veto: 1 } });
    expect(out.draft.responsibilities!.map((r) => r.actor)).toEqual(['Schulamt', 'Jugendamt']);
    expect(out.draft.municipalRole).toBe('selbsterzeugerin');
    // An option without a board item becomes a topic carrying its record.
    expect(out.draft.topics!.at(-1)).toMatchObject({ title: 'Freie Option ohne Karte', source: null, consensusIds: ['r1:o3'] });

    // Through the live document and back: every row still links to its source and records.
    const doc = new Y.Doc();
    writeAssembledDraft(doc, ctx, 'd1', { ...out.draft, title: 'T', gremium: 'G' });
    const content = mergeDecisionContent(readDecisionDraft(doc, 'd1'), { ...out.provenance, participation: participationOf([], [r1]) });
    const rows = [...content.topics, ...content.goals, ...content.measures, ...content.evidence];
    const linked = new Set(rows.flatMap((r) => (r.source ? [sourceKey(r.source)] : [])));
    for (const s of content.sources) expect(linked.has(sourceKey(s.ref)), sourceKey(s.ref)).toBe(true);
    const recordsOnRows = new Set(rows.flatMap((r) => r.consensusIds));
    for (const r of content.consensus) expect(recordsOnRows.has(r.id), r.id).toBe(true);
    expect(content.goals[0]!.indicators[0]).toMatchObject({ baseline: 400, target: 600 });
    expect(content.measures.map((m) => [m.title, m.goalId === content.goals[0]!.id])).toEqual([
      ['Räume sanieren', true],
      ['Kampagne', true],
      ['Offener Ganztag an allen Grundschulen', false],
    ]);
    expect(content.participation.maxVoters).toBe(3);
  });

  it('adding picks later extends the provenance without duplicates', () => {
    const { snapshot, ids } = boards();
    const first = assembleDraft({ boards: snapshot, rounds: [], picks: [{ board: 'priorities', itemId: ids.topic }], now: 'x' });
    expect(first.provenance.sources[0]!.consensusIds).toEqual([]);
    const more = assembleDraft({
      boards: snapshot,
      rounds: [round(ids)],
      picks: [{ roundId: 'r1', optionId: 'o1' }],
      existing: { ...first.provenance, participation: participationOf([], []) },
      now: 'y',
    });
    expect(more.provenance.sources).toHaveLength(1);
    expect(more.provenance.sources[0]!.consensusIds).toEqual(['r1:o1']);
    expect(more.draft.topics).toEqual([]);
  });

  it('participation counts participants by actor group, never names, and merges groups below the minimum', () => {
    const people = [
      { role: 'participant', actorGroup: 'kita' },
      { role: 'participant', actorGroup: 'schule' },
      { role: 'participant', actorGroup: 'kita' },
      { role: 'participant', actorGroup: 'kita' },
      { role: 'participant', actorGroup: 'jugendhilfe' },
      { role: 'participant', actorGroup: 'verwaltung' },
      { role: 'participant', actorGroup: null },
      { role: 'moderator', actorGroup: null },
      { role: 'observer', actorGroup: 'politik' },
    ] as const;
    expect(participationOf([...people], [])).toEqual({
      people: 7,
      // Schule 1, Jugendhilfe 1, Verwaltung 1 and one without a group: "Sonstige" (4), never a group of one.
      byActorGroup: [
        { group: 'kita', label: 'Kita', count: 3 },
        { group: 'sonstige', label: 'Sonstige', count: 4 },
      ],
      withoutGroup: 0,
      observers: 1,
      maxVoters: 0,
    });
    // Two people of two groups: no breakdown at all.
    expect(participationOf([people[4], people[5]], [])).toMatchObject({ people: 2, byActorGroup: [], withoutGroup: 2 });
    // A higher minimum merges more.
    expect(participationOf([...people], [], 4).byActorGroup.map((g) => [g.group, g.count])).toEqual([['sonstige', 7]]);
  });
});
