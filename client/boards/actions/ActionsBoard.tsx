/**
 * Board 4 — Handlungskonzept (Wie kommen wir ans Ziel?). For every strategic goal of the Zielbaum,
 * the four Zielfelder side by side, each a co-edited text, plus links to the goal's operative goals
 * and measures, with plain consistency hints. The goal tree's document is opened read-only next
 * to the action plan's own document; nothing here writes to it.
 *
 * The board reads both documents through models (client/data/boards/actions.ts): one snapshot per
 * goal's entry and per goal-tree node, the outline derived only when the tree's structure changed.
 * Each goal's section subscribes to its own entry and to the nodes it shows, so typing re-renders
 * one section. Above a couple of dozen goals, sections far from the viewport stand in as text.
 */
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { clearActionEntry } from '../../../shared/schema/actions';
import { useDocModel, useStructureVersion } from '../../data/boards/hooks';
import {
  ActionPlanModel,
  ActionPlanView,
  EMPTY_ACTION_FILTER,
  GoalsIndex,
  isActionFilterActive,
  type ActionFilter,
} from '../../data/boards/actions';
import { useEditingPresence, usePresenceStore } from '../../data/docs/presence';
import { useReportConnection } from '../../data/docs/connections';
import type { BoardProps } from '../types';
import { useBoardDoc } from '../../data/docs/useBoardDoc';
import { ActionsToolbar } from './ActionsToolbar';
import { GoalSlot, type ActionsEnv } from './GoalSection';
import '../goals/goals.css';
import './actions.css';

/** From this many goals on, sections far from the viewport are rendered as stand-ins. */
export const WINDOW_THRESHOLD = 20;

interface Versioned {
  subscribeStructure(cb: () => void): () => void;
  readonly structureVersion: number;
}
interface ContentVersioned {
  subscribeContent(cb: () => void): () => void;
  readonly contentVersion: number;
}
const NO_VERSION: Versioned = { subscribeStructure: () => () => {}, structureVersion: 0 };

/** The content version of a model while `active` (0 otherwise): for the search, which reads texts. */
function useContent(model: ContentVersioned | undefined, active: boolean): number {
  const subscribe = useCallback((cb: () => void) => (model && active ? model.subscribeContent(cb) : () => {}), [model, active]);
  const get = useCallback(() => (model && active ? model.contentVersion : 0), [model, active]);
  return useSyncExternalStore(subscribe, get, get);
}

export default function ActionsBoard({ doc, ctx, readOnly, view, join, undoManager, deleteWithUndo, announce, provider, user }: BoardProps) {
  const { t } = useTranslation();
  // The goal tree, read-only: not exposed to tests as `boards.goals` (that is the goals board's own).
  const { board: goalsBoard, connection: goalsConnection } = useBoardDoc(join, 'goals', ctx, { expose: false });
  useReportConnection('actions:goals', goalsBoard ? goalsConnection : undefined);
  const plan = useDocModel(doc, (d) => new ActionPlanModel(d));
  const goals = useDocModel(goalsBoard?.doc, (d) => new GoalsIndex(d));
  const planView = useMemo(() => (plan && goals ? new ActionPlanView(plan, goals) : undefined), [plan, goals]);
  const [filter, setFilter] = useState<ActionFilter>(EMPTY_ACTION_FILTER);
  const presence = usePresenceStore(provider.awareness, join.participantId);
  const filterActive = isActionFilterActive(filter);

  const planStructure = useStructureVersion(plan ?? NO_VERSION);
  const goalsStructure = useStructureVersion(goals ?? NO_VERSION);
  const goalItems = useMemo<ContentVersioned | undefined>(
    () =>
      goals && {
        subscribeContent: (cb) => goals.items.subscribeContent(() => cb()),
        get contentVersion() {
          return goals.items.contentVersion;
        },
      },
    [goals],
  );
  // Searching reads texts: then every change may change what is shown.
  const planContent = useContent(plan, filterActive);
  const goalsContent = useContent(goalItems, filterActive);
  const structure = useMemo(() => {
    void planStructure;
    void goalsStructure;
    void planContent;
    void goalsContent;
    return planView?.structure(filter);
  }, [planView, filter, planStructure, goalsStructure, planContent, goalsContent]);

  // Others see who is on the board and which goal's plan they are editing.
  const { onFocusCapture, onBlurCapture } = useEditingPresence(provider.awareness, user, 'data-goal-id');

  const step = useCallback(
    (fn: () => void) => {
      undoManager.stopCapturing();
      fn();
      undoManager.stopCapturing();
    },
    [undoManager],
  );
  const clear = useCallback(
    (goalId: string) =>
      deleteWithUndo(t('actions.orphans.clear'), () => {
        clearActionEntry(doc, ctx, goalId);
        return true;
      }),
    [deleteWithUndo, doc, ctx, t],
  );

  const windowed = (structure?.total ?? 0) >= WINDOW_THRESHOLD;
  const env = useMemo<ActionsEnv | undefined>(
    () => (plan && goals ? { doc, ctx, readOnly, plan, goals, presence, windowed, step, clear, zielfeld: filter.zielfeld } : undefined),
    [doc, ctx, readOnly, plan, goals, presence, windowed, step, clear, filter.zielfeld],
  );

  const goalsReady = goals !== undefined && (goalsConnection.status === 'connected' || goals.items.size > 0);
  if (!goalsReady || !structure || !env || !goals) {
    return (
      <p className="kern-body" role="status">
        {t('actions.goalsLoading')}
      </p>
    );
  }

  const outline = goals.outline();
  const stacked = view === 'list';

  return (
    <div
      className={`wr-action-plan${stacked ? ' wr-action-plan--stacked' : ''}`}
      data-testid="actions-board"
      data-goal-count={structure.total}
      onFocusCapture={onFocusCapture}
      onBlurCapture={onBlurCapture}
    >
      {outline.strategic.length === 0 ? (
        <div className="kern-alert kern-alert--info wr-alert" data-testid="actions-no-goals">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            <span className="kern-title">{t('actions.noGoals')}</span>
          </div>
        </div>
      ) : null}
      {structure.total > 0 ? <ActionsToolbar planView={planView!} structure={structure} filter={filter} onFilter={setFilter} announce={announce} /> : null}
      {structure.current.map((goalId) => (
        <GoalSlot key={goalId} goalId={goalId} outline={outline} env={env} />
      ))}
      {structure.orphans.length > 0 ? (
        <section className="wr-action-plan__orphans" aria-labelledby="actions-orphans-h">
          <h3 id="actions-orphans-h" className="kern-heading-small">
            {t('actions.orphans.heading')}
          </h3>
          <p className="kern-body kern-body--small wr-muted">{t('actions.orphans.text')}</p>
          {structure.orphans.map((goalId) => (
            <GoalSlot key={goalId} goalId={goalId} outline={outline} env={env} orphan />
          ))}
        </section>
      ) : null}
    </div>
  );
}
