/**
 * Assembling a decision draft from the session's boards and voting rounds. Pure: the caller
 * loads the boards and rounds, this turns the moderation's picks into rows (each with a link
 * back to its board item) plus the provenance the server keeps (sources and their consensus
 * records). Every picked item gets every consensus record the session has for it.
 *
 * Facts come from the server's own store, never from a board: a consensus record is made only
 * from a closed round the server ran (`rounds`). The `voteResult` slot a priority topic carries
 * is a projection for the board's display and is never read here — a client can write into a
 * board, not into the store's rounds.
 */
import {
  DEFAULT_GREMIUM,
  sourceKey,
  ZIELFELD_LABELS,
  type ConsensusRecord,
  type DraftSource,
  type Participation,
  type SourceRef,
} from '../../shared/decision';
import type { SourcePick } from '../../shared/decisionApi';
import { ACTOR_GROUP_LABELS, ACTOR_GROUPS, type ActorGroup } from '../../shared/moderation';
import { richBulletList, richDocFromText, type RichDoc } from '../../shared/richText';
import type { ActionEntry } from '../../shared/schema/actions';
import type { AssembledDraft, DecisionProvenance, RowInputs } from '../../shared/schema/decisions';
import { ZIELFELDER, type GoalNode, type GoalTree } from '../../shared/schema/goals';
import type { PriorityTopic } from '../../shared/schema/priorities';
import type { SwotBoard } from '../../shared/schema/swot';
import { assignGroups, MIN_GROUP_SIZE, type RoundResult } from '../../shared/votes';
import { consensusFromRound } from './consensus';

export interface BoardSnapshot {
  swot: SwotBoard;
  priorities: readonly PriorityTopic[];
  goals: GoalTree;
  actions: readonly ActionEntry[];
}

export interface AssemblyInput {
  boards: BoardSnapshot;
  /** The session's closed rounds (with results). */
  rounds: readonly RoundResult[];
  picks: readonly SourcePick[];
  /** Sources the draft already has (adding picks to an existing draft). */
  existing?: DecisionProvenance;
  /** ISO timestamp of the picking. */
  now: string;
}

export interface AssemblyResult {
  /** Rows and prefills to write into the live draft. */
  draft: AssembledDraft;
  /** The provenance after the picks (existing sources and records first). */
  provenance: Omit<DecisionProvenance, 'participation'>;
  /** Picks that name nothing in the session, by index. */
  unknown: number[];
}

const LABEL_MAX = 300;
const clip = (s: string, n = LABEL_MAX) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const firstLine = (s: string) => s.split('\n')[0]?.trim() ?? '';

/**
 * Every consensus record the session has for one board item: one per option of a closed round
 * (from the store) that stands for the item. Nothing a board document says counts.
 */
export function recordsForItem(ref: SourceRef, rounds: readonly RoundResult[]): ConsensusRecord[] {
  const out: ConsensusRecord[] = [];
  for (const round of rounds) {
    for (const option of round.options) {
      if (option.source && option.source.board === ref.board && option.source.itemId === ref.itemId) out.push(consensusFromRound(round, option.id));
    }
  }
  return out;
}

/** The measures below a goal, in outline order; iterative, so a chain of any depth is fine. */
function measureDescendants(tree: GoalTree, id: string): GoalNode[] {
  const out: GoalNode[] = [];
  const seen = new Set<string>([id]);
  const stack = [...(tree.byId.get(id)?.childIds ?? [])].reverse();
  while (stack.length > 0) {
    const childId = stack.pop()!;
    if (seen.has(childId)) continue;
    seen.add(childId);
    const node = tree.byId.get(childId);
    if (!node) continue;
    if (node.level === 'massnahme') out.push(node);
    for (let i = node.childIds.length - 1; i >= 0; i--) stack.push(node.childIds[i]!);
  }
  return out;
}

function labelOf(ref: SourceRef, boards: BoardSnapshot): string | undefined {
  switch (ref.board) {
    case 'swot': {
      const card = boards.swot.cards.find((c) => c.id === ref.itemId);
      return card && clip(firstLine(card.text));
    }
    case 'priorities':
      return boards.priorities.find((t) => t.id === ref.itemId)?.title;
    case 'goals':
      return boards.goals.byId.get(ref.itemId)?.title;
    case 'actions': {
      const entry = boards.actions.find((e) => e.goalId === ref.itemId);
      if (!entry) return undefined;
      return `Handlungskonzept: ${boards.goals.byId.get(ref.itemId)?.title ?? ref.itemId}`;
    }
  }
}

/** Turns picks into rows and provenance. */
export function assembleDraft(input: AssemblyInput): AssemblyResult {
  const { boards, rounds, now } = input;
  const sources: DraftSource[] = [...(input.existing?.sources ?? [])];
  const consensus: ConsensusRecord[] = [...(input.existing?.consensus ?? [])];
  const bySource = new Map(sources.map((s) => [sourceKey(s.ref), s]));
  const recordIds = new Set(consensus.map((r) => r.id));
  const draft: Required<Pick<AssembledDraft, 'topics' | 'goals' | 'measures' | 'evidence' | 'responsibilities'>> & AssembledDraft = {
    title: '',
    gremium: DEFAULT_GREMIUM,
    topics: [],
    goals: [],
    measures: [],
    evidence: [],
    responsibilities: [],
  };
  const unknown: number[] = [];
  const actorsSeen = new Set<string>();

  const addRecords = (records: readonly ConsensusRecord[]): string[] => {
    for (const r of records) {
      if (recordIds.has(r.id)) continue;
      recordIds.add(r.id);
      consensus.push(r);
    }
    return records.map((r) => r.id);
  };

  /** Registers a source; false when it was picked before (its rows exist already). */
  const addSource = (ref: SourceRef, extraRecords: readonly ConsensusRecord[] = []): { isNew: boolean; ids: string[] } => {
    const ids = addRecords([...recordsForItem(ref, rounds), ...extraRecords]);
    const existing = bySource.get(sourceKey(ref));
    if (existing) {
      existing.consensusIds = [...new Set([...existing.consensusIds, ...ids])];
      return { isNew: false, ids: existing.consensusIds };
    }
    const source: DraftSource = { ref: { board: ref.board, itemId: ref.itemId }, label: labelOf(ref, boards) ?? ref.itemId, pickedAt: now, consensusIds: [...new Set(ids)] };
    sources.push(source);
    bySource.set(sourceKey(ref), source);
    return { isNew: true, ids: source.consensusIds };
  };

  const addMeasure = (node: GoalNode, goalIndex: number | null, extra: readonly ConsensusRecord[] = []) => {
    const ref: SourceRef = { board: 'goals', itemId: node.id };
    const { isNew, ids } = addSource(ref, extra);
    if (!isNew) return;
    draft.measures.push({ title: node.title, description: node.description, zielfeld: node.zielfeld, owner: node.owner, due: null, source: ref, consensusIds: ids, goalIndex });
  };

  /** Adds one board item; false when it does not exist. */
  const pickItem = (ref: SourceRef, extra: readonly ConsensusRecord[] = []): boolean => {
    switch (ref.board) {
      case 'swot': {
        const card = boards.swot.cards.find((c) => c.id === ref.itemId);
        if (!card) return false;
        const { isNew, ids } = addSource(ref, extra);
        if (!isNew) return true;
        const ev = card.evidence;
        draft.evidence.push({
          text: card.text,
          quadrant: card.quadrant,
          indicator: ev?.indicator ?? '',
          value: ev?.value ?? null,
          unit: ev?.unit ?? '',
          year: ev?.year ?? null,
          dataSource: ev?.source ?? '',
          source: ref,
          consensusIds: ids,
        });
        return true;
      }
      case 'priorities': {
        const topic = boards.priorities.find((t) => t.id === ref.itemId);
        if (!topic) return false;
        const { isNew, ids } = addSource(ref, extra);
        if (!isNew) return true;
        draft.topics.push({ title: topic.title, description: topic.description, rank: topic.rank, role: topic.role, source: ref, consensusIds: ids });
        for (const actor of topic.actors) {
          if (actorsSeen.has(actor.toLowerCase())) continue;
          actorsSeen.add(actor.toLowerCase());
          draft.responsibilities.push({ actor, task: topic.title, source: ref });
        }
        if (topic.role && !draft.municipalRole) draft.municipalRole = topic.role;
        return true;
      }
      case 'goals': {
        const node = boards.goals.byId.get(ref.itemId);
        if (!node) return false;
        if (node.level === 'massnahme') {
          addMeasure(node, null, extra);
          return true;
        }
        const { isNew, ids } = addSource(ref, extra);
        if (!isNew) return true;
        const goal: RowInputs['goals'] & { indicators: Omit<RowInputs['indicators'], 'goalId'>[] } = {
          title: node.title,
          description: node.description,
          level: node.level,
          zielfeld: node.zielfeld,
          targetGroup: node.targetGroup,
          area: node.area,
          owner: node.owner,
          source: ref,
          consensusIds: ids,
          indicators: node.indicators.map((i) => ({ name: i.name, unit: i.unit, baseline: i.baseline, target: i.target, deadline: i.deadline, dataSource: i.dataSource })),
        };
        draft.goals.push(goal);
        const goalIndex = draft.goals.length - 1;
        for (const m of measureDescendants(boards.goals, node.id)) addMeasure(m, goalIndex);
        return true;
      }
      case 'actions': {
        const entry = boards.actions.find((e) => e.goalId === ref.itemId);
        if (!entry || ZIELFELDER.every((z) => entry.fields[z].trim() === '')) return false;
        const { isNew, ids } = addSource(ref, extra);
        if (!isNew) return true;
        const goal = boards.goals.byId.get(entry.goalId);
        for (const z of ZIELFELDER) {
          const text = entry.fields[z].trim();
          if (text === '') continue;
          draft.measures.push({
            title: clip(firstLine(text), 500),
            description: text.includes('\n') ? text : '',
            zielfeld: z,
            owner: goal?.owner ?? '',
            due: null,
            source: ref,
            consensusIds: ids,
            goalIndex: null,
          });
        }
        return true;
      }
    }
  };

  input.picks.forEach((pick, index) => {
    if ('roundId' in pick) {
      const round = rounds.find((r) => r.roundId === pick.roundId);
      const option = round?.options.find((o) => o.id === pick.optionId);
      if (!round || !option || option.statusQuo) {
        unknown.push(index);
        return;
      }
      const record = consensusFromRound(round, option.id);
      if (option.source) {
        const ref: SourceRef = { board: option.source.board, itemId: option.source.itemId };
        if (!pickItem(ref, [record])) unknown.push(index);
        return;
      }
      // An option that stands for no board item becomes a topic of its own.
      const [id] = addRecords([record]);
      if (draft.topics.some((t) => t.source === null && t.consensusIds.includes(id!))) return;
      draft.topics.push({ title: option.label, description: '', rank: null, role: null, source: null, consensusIds: [id!] });
      return;
    }
    if (!pickItem({ board: pick.board, itemId: pick.itemId })) unknown.push(index);
  });

  return { draft, provenance: { sources, consensus }, unknown };
}

/** Prefills for a new draft: the proposal lists what was picked; the facts name the session. */
export function prefillProse(
  draft: AssembledDraft,
  session: { title: string; kindLabel: string; date: string; informationOnly?: boolean },
  participation: Participation,
): Partial<Record<'sachverhalt' | 'beschlussvorschlag', RichDoc>> {
  const day = new Date(`${session.date}T12:00:00Z`);
  const dateDe = Number.isNaN(day.getTime()) ? session.date : day.toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  const facts = richDocFromText(
    `Die ${session.kindLabel} „${session.title}“ hat am ${dateDe} beraten` +
      (session.informationOnly ? ' und unverbindliche Meinungsbilder eingeholt' : '') +
      (participation.people === 1 ? '; es nahm 1 Person teil.' : participation.people > 0 ? `; es nahmen ${participation.people} Personen teil.` : '.'),
  );
  const items = [...(draft.topics ?? []).map((t) => t.title), ...(draft.goals ?? []).map((g) => g.title)].filter((t) => t.trim() !== '');
  const gremium = draft.gremium || DEFAULT_GREMIUM;
  // An opinion picture is no basis for a resolution: the Lenkungskreis takes note of it.
  const lead = session.informationOnly ? `Der ${gremium} nimmt das Meinungsbild zur Kenntnis:` : `Der ${gremium} beschließt:`;
  const proposal: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: lead }] }] };
  if (items.length > 0) proposal.content.push(richBulletList(items));
  const measures = (draft.measures ?? []).filter((m) => m.zielfeld !== null);
  if (measures.length > 0) {
    const measuresLead = session.informationOnly ? 'Als mögliche Maßnahmen wurden genannt:' : 'Die folgenden Maßnahmen werden umgesetzt:';
    proposal.content.push({ type: 'paragraph', content: [{ type: 'text', text: measuresLead }] });
    proposal.content.push(richBulletList(measures.map((m) => `${m.title} (${ZIELFELD_LABELS[m.zielfeld!]})`)));
  }
  return { sachverhalt: facts, beschlussvorschlag: proposal };
}

/** Who took part, from the session's people and rounds (never names). */
export function participationOf(
  people: readonly { role: string; actorGroup: ActorGroup | null }[],
  rounds: readonly RoundResult[],
  minGroupSize: number = MIN_GROUP_SIZE,
): Omit<Participation, 'note'> {
  const participants = people.filter((p) => p.role === 'participant');
  // Groups below the minimum are merged into "Sonstige" (with those who named none), as a vote's
  // breakdown is: a table of who attended must not single out the one Jugendhilfe member either.
  const shownAs = assignGroups(participants.map((p) => p.actorGroup), minGroupSize);
  const counts = new Map<ActorGroup, number>();
  for (const g of shownAs ?? []) counts.set(g, (counts.get(g) ?? 0) + 1);
  const byActorGroup = ACTOR_GROUPS.filter((g) => counts.has(g)).map((group) => ({ group, label: ACTOR_GROUP_LABELS[group], count: counts.get(group)! }));
  return {
    people: participants.length,
    byActorGroup,
    withoutGroup: participants.length - byActorGroup.reduce((n, g) => n + g.count, 0),
    observers: people.filter((p) => p.role === 'observer').length,
    maxVoters: rounds.reduce((m, r) => Math.max(m, r.voters), 0),
  };
}
