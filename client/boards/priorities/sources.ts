/** Reading the SWOT board and the goal tree read-only, to pick a topic's source and to name it. */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../../shared/api';
import { readGoalTree, type GoalTree } from '../../../shared/schema/goals';
import type { SourceLink } from '../../../shared/schema/priorities';
import { readSwot, type SwotBoard, type SwotCard } from '../../../shared/schema/swot';
import { useSyncedDoc } from '../../data/docs/syncedDoc';
import { boardDocName } from '../../data/docs/useBoardDoc';

const EMPTY_SWOT: SwotBoard = Object.freeze({ cards: [], clusters: [] });
const EMPTY_GOALS: GoalTree = Object.freeze({ nodes: [], rootIds: [], byId: new Map() });

export interface ReadOnlySource<T> {
  value: T;
  /** True once the document has synced with the server, so a missing item is really gone. */
  loaded: boolean;
}

function useReadOnly<T>(join: JoinResponse, kind: 'swot' | 'goals', open: boolean, read: (doc: Y.Doc) => T, empty: T): ReadOnlySource<T> {
  const { synced, connection } = useSyncedDoc(open ? boardDocName(join, kind) : undefined, join.token);
  const doc = synced?.doc;
  const [snap, setSnap] = useState<{ doc: Y.Doc | undefined; value: T }>({ doc: undefined, value: empty });
  useEffect(() => {
    if (!doc) return;
    const update = () => setSnap({ doc, value: read(doc) });
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc, read]);
  return { value: doc && snap.doc === doc ? snap.value : empty, loaded: connection.status === 'connected' };
}

/** The SWOT board, opened for reading while `open` (no undo, no test hook). */
export function useSwotSource(join: JoinResponse, open: boolean): ReadOnlySource<SwotBoard> {
  return useReadOnly(join, 'swot', open, readSwot, EMPTY_SWOT);
}

/** The goal tree, opened for reading while `open`. */
export function useGoalsSource(join: JoinResponse, open: boolean): ReadOnlySource<GoalTree> {
  return useReadOnly(join, 'goals', open, readGoalTree, EMPTY_GOALS);
}

/** A readable name for a topic's source: the card's text or the goal's title. */
export function sourceLabel(t: TFunction, source: SourceLink, swot: ReadOnlySource<SwotBoard>, goals: ReadOnlySource<GoalTree>, swotById?: ReadonlyMap<string, SwotCard>): { text: string; missing: boolean } {
  if (source.board === 'swot') {
    const card = swotById ? swotById.get(source.itemId) : swot.value.cards.find((c) => c.id === source.itemId);
    if (card) return { text: t('priorities.source.swot', { text: card.text || t('swot.emptyCard'), quadrant: t(`swot.quadrants.${card.quadrant}.name`) }), missing: false };
    return { text: swot.loaded ? t('priorities.source.swotMissing') : t('priorities.source.loading'), missing: swot.loaded };
  }
  const goal = goals.value.byId.get(source.itemId);
  if (goal) return { text: t('priorities.source.goal', { text: goal.title || t('priorities.untitledGoal'), level: t(`priorities.goalLevels.${goal.level}`) }), missing: false };
  return { text: goals.loaded ? t('priorities.source.goalMissing') : t('priorities.source.loading'), missing: goals.loaded };
}

/**
 * The source boards as a store the topics subscribe to: when someone edits the SWOT board, only
 * the topics whose source label changed render again (a label is compared as a string).
 */
export class SourceLabels {
  private swot: ReadOnlySource<SwotBoard> = { value: EMPTY_SWOT, loaded: false };
  private goals: ReadOnlySource<GoalTree> = { value: EMPTY_GOALS, loaded: false };
  private swotById = new Map<string, SwotCard>();
  private readonly listeners = new Set<() => void>();

  set(swot: ReadOnlySource<SwotBoard>, goals: ReadOnlySource<GoalTree>): void {
    if (swot.value === this.swot.value && swot.loaded === this.swot.loaded && goals.value === this.goals.value && goals.loaded === this.goals.loaded) return;
    if (swot.value !== this.swot.value) this.swotById = new Map(swot.value.cards.map((c) => [c.id, c]));
    this.swot = swot;
    this.goals = goals;
    for (const l of [...this.listeners]) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The label as one string: '1' or '0' (missing or not) followed by the text. */
  encoded(t: TFunction, source: SourceLink): string {
    const label = sourceLabel(t, source, this.swot, this.goals, this.swotById);
    return `${label.missing ? '1' : '0'}${label.text}`;
  }
}

const noSubscribe = () => () => {};

/** A topic's source label; renders again only when this label changed. */
export function useSourceLabel(store: SourceLabels, source: SourceLink | null): { text: string; missing: boolean } | null {
  const { t } = useTranslation();
  const subscribe = useCallback((cb: () => void) => (source ? store.subscribe(cb) : noSubscribe()), [store, source]);
  const get = useCallback(() => (source ? store.encoded(t, source) : ''), [store, source, t]);
  const encoded = useSyncExternalStore(subscribe, get, get);
  return source ? { missing: encoded.startsWith('1'), text: encoded.slice(1) } : null;
}
