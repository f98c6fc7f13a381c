/**
 * The priorities board as the client reads it: one item store for the topics and the ranking
 * derived from their order keys only when an order key (or the set of topics) changed.
 *
 * Typing into a topic re-reads that topic and re-renders that topic; moving a topic re-derives
 * the ranking (a sort of a few hundred keys) and re-renders the topics whose rank changed.
 */
import type * as Y from 'yjs';
import { getItemsMap } from '../../../shared/schema/items';
import { compareOrdered } from '../../../shared/schema/order';
import { readPriorityTopic, type MunicipalRole, type PriorityTopicItem } from '../../../shared/schema/priorities';
import { ItemStore } from './itemStore';
import { sameIds } from './structure';
import { foldText } from './text';

/** What a person can narrow the ranking to. Empty fields do not filter. */
export interface PriorityFilter {
  readonly text: string;
  /** participantId of the person who created the topic. */
  readonly author: string;
  /** Where the topic was taken from: a board, 'none' for topics written directly. */
  readonly source: '' | 'swot' | 'goals' | 'none';
  /** The municipality's role; 'open' for topics where it is not decided yet. */
  readonly role: '' | MunicipalRole | 'open';
  readonly vote: 'any' | 'with' | 'without';
}

export const EMPTY_PRIORITY_FILTER: PriorityFilter = Object.freeze({ text: '', author: '', source: '', role: '', vote: 'any' });

export function isPriorityFilterActive(f: PriorityFilter): boolean {
  return f.text.trim() !== '' || f.author !== '' || f.source !== '' || f.role !== '' || f.vote !== 'any';
}

export function topicMatches(topic: PriorityTopicItem, f: PriorityFilter, needle = foldText(f.text.trim())): boolean {
  if (f.author !== '' && topic.createdBy.participantId !== f.author) return false;
  if (f.source === 'none' ? topic.source !== null : f.source !== '' && topic.source?.board !== f.source) return false;
  if (f.role === 'open' ? topic.role !== null : f.role !== '' && topic.role !== f.role) return false;
  if (f.vote === 'with' && topic.voteResult === null) return false;
  if (f.vote === 'without' && topic.voteResult !== null) return false;
  if (needle !== '') {
    const hay = foldText([topic.title, topic.description, ...topic.actors, topic.createdBy.displayName].join('\n'));
    if (!hay.includes(needle)) return false;
  }
  return true;
}

export interface PriorityRanking {
  /** Every topic id in ranking order. */
  readonly ids: readonly string[];
  /** 1-based rank of a topic, 0 for an unknown id. */
  rankOf(id: string): number;
}

export interface PriorityStructure {
  readonly ranking: PriorityRanking;
  /** Shown topic ids in ranking order (after the filter). */
  readonly ids: readonly string[];
  /** Topics before / after the filter. */
  readonly total: number;
  readonly shown: number;
}

const topicReader = {
  read: (id: string, item: Y.Map<unknown>) => readPriorityTopic(id, item),
  // The source board is structural too: it decides which other boards are opened to name sources.
  structuralKey: (topic: PriorityTopicItem) => `${topic.order}\u0000${topic.source?.board ?? ''}`,
};

export class PrioritiesModel {
  readonly topics: ItemStore<PriorityTopicItem>;
  private rankingCache: { version: number; ranking: PriorityRanking } | undefined;
  private lastIds: readonly string[] | undefined;
  private sourcesCache: { version: number; boards: ReadonlySet<string> } | undefined;

  constructor(readonly doc: Y.Doc) {
    this.topics = new ItemStore(getItemsMap(doc), topicReader);
  }

  destroy(): void {
    this.topics.destroy();
  }

  subscribeStructure(listener: () => void): () => void {
    return this.topics.subscribeStructure(listener);
  }

  get structureVersion(): number {
    return this.topics.structureVersion;
  }

  /** The ranking; derived again only after the set of topics or an order key changed. */
  ranking(): PriorityRanking {
    const version = this.topics.structureVersion;
    if (this.rankingCache?.version === version) return this.rankingCache.ranking;
    const sorted = [...this.topics.values()].sort(compareOrdered).map((x) => x.id);
    const previous = this.rankingCache?.ranking;
    let ranking: PriorityRanking;
    if (previous && sameIds(previous.ids, sorted)) {
      ranking = previous;
    } else {
      const ranks = new Map(sorted.map((id, i) => [id, i + 1]));
      ranking = { ids: Object.freeze(sorted), rankOf: (id) => ranks.get(id) ?? 0 };
    }
    this.rankingCache = { version, ranking };
    return ranking;
  }

  /**
   * The ranking under `filter`. The shown list keeps its identity while it holds the same ids, so
   * a list component skips rendering when only a topic's text changed.
   */
  structure(filter: PriorityFilter = EMPTY_PRIORITY_FILTER): PriorityStructure {
    const ranking = this.ranking();
    let ids = ranking.ids;
    if (isPriorityFilterActive(filter)) {
      const needle = foldText(filter.text.trim());
      ids = ranking.ids.filter((id) => {
        const topic = this.topics.get(id);
        return topic !== undefined && topicMatches(topic, filter, needle);
      });
    }
    if (this.lastIds && sameIds(this.lastIds, ids)) ids = this.lastIds;
    this.lastIds = ids;
    return { ranking, ids, total: ranking.ids.length, shown: ids.length };
  }

  /** Whether some topic was taken from `board` (then that board is opened to name the sources). */
  usesSource(board: 'swot' | 'goals'): boolean {
    const version = this.topics.structureVersion;
    if (this.sourcesCache?.version !== version) {
      const boards = new Set<string>();
      for (const topic of this.topics.values()) if (topic.source) boards.add(topic.source.board);
      this.sourcesCache = { version, boards };
    }
    return this.sourcesCache.boards.has(board);
  }

  /** `board:itemId` of every source already taken over (for the picker). */
  takenSources(): ReadonlySet<string> {
    const out = new Set<string>();
    for (const topic of this.topics.values()) if (topic.source) out.add(`${topic.source.board}:${topic.source.itemId}`);
    return out;
  }

  /** People who created topics, by name (for the author filter). */
  authors(): [participantId: string, name: string][] {
    const byId = new Map<string, string>();
    for (const topic of this.topics.values()) {
      const a = topic.createdBy;
      if (a.participantId && !byId.has(a.participantId)) byId.set(a.participantId, a.displayName);
    }
    return [...byId].sort((a, b) => a[1].localeCompare(b[1], 'de'));
  }
}
