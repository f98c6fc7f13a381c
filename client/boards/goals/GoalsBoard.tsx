/**
 * Board 3 — Zielbaum. Two views of one document: the outline (editing, keyboard first, with a
 * detail panel) and the drawn diagram for the projector. The frame's "Listenansicht" shows the
 * whole tree as a read-only nested list. The measurability counter and the search and filter bar
 * sit on top of all of them.
 *
 * The board reads its document through a GoalsModel (client/data/boards/goals.ts): one snapshot
 * per node, the structure derived only when something moved. Each node's components subscribe
 * to their node, so typing into a goal re-renders that goal's row, box and detail only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentVersion, useDocModel, useStructureVersion } from '../../data/boards/hooks';
import { EMPTY_GOAL_FILTER, GOAL_DISPLAY_DEPTH, GoalsModel, isGoalFilterActive, type GoalFilter, type GoalRow } from '../../data/boards/goals';
import { useEditingPresence, usePresenceStore } from '../../data/docs/presence';
import type { BoardProps } from '../types';
import { GoalDetail } from './GoalDetail';
import { GoalDiagram } from './GoalDiagram';
import { GoalListView } from './GoalListView';
import { GoalOutline, type FocusRequest } from './GoalOutline';
import { GoalsToolbar } from './GoalsToolbar';
import { MeasurabilityCounter } from './Measurability';
import { resolveGoalLinks } from '../../../shared/schema/goals';
import { subtreeIds } from '../../../shared/schema/tree';
import { goalTitle } from './labels';
import { goalOps, modelTree, possibleOps, type GoalTreeLike } from './operations';
import { GOALS_WINDOW_THRESHOLD, type GoalsEnv } from './useGoals';
import './goals.css';

type Mode = 'outline' | 'diagram';

function storedMode(): Mode {
  try {
    return sessionStorage.getItem('werkraum.goals.mode') === 'diagram' ? 'diagram' : 'outline';
  } catch {
    return 'outline';
  }
}

const NO_COLLAPSED: ReadonlySet<string> = new Set();

export default function GoalsBoard(props: BoardProps) {
  const model = useDocModel(props.doc, (d) => new GoalsModel(d));
  if (!model) return <div className="wr-goals" data-testid="goals-board" aria-busy="true" />;
  return <GoalsBoardView model={model} props={props} />;
}

function GoalsBoardView({ model, props }: { model: GoalsModel; props: BoardProps }) {
  const { doc, ctx, undoManager, readOnly, view: frameView, announce, deleteWithUndo, provider, user, join, mayDelete, confirmDelete, projector = false } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // The projector shows the drawn tree; people choose (and the choice is remembered per tab).
  const [mode, setModeState] = useState<Mode>(() => (projector ? 'diagram' : storedMode()));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(NO_COLLAPSED);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [filter, setFilter] = useState<GoalFilter>(EMPTY_GOAL_FILTER);
  const focusRequest = useRef<FocusRequest | null>(null);
  const lastIndex = useRef(0);
  const presence = usePresenceStore(provider.awareness, join.participantId);
  const ops = useMemo(() => goalOps(doc, ctx, () => modelTree(model), undoManager), [doc, ctx, undoManager, model]);

  const structureVersion = useStructureVersion(model);
  const filterActive = isGoalFilterActive(filter);
  const contentVersion = useContentVersion(model.items, filterActive);
  const view = useMemo(() => {
    void structureVersion;
    void contentVersion;
    return model.view(filter, collapsed);
  }, [model, filter, collapsed, structureVersion, contentVersion]);
  const structure = useMemo(() => {
    void structureVersion;
    return model.structure();
  }, [model, structureVersion]);

  const windowed = structure.size >= GOALS_WINDOW_THRESHOLD;
  const env = useMemo<GoalsEnv>(
    () => ({ doc, ctx, model, readOnly, ops, undoManager, deleteWithUndo, presence, windowed, t, language }),
    [doc, ctx, model, readOnly, ops, undoManager, deleteWithUndo, presence, windowed, t, language],
  );

  // Others see who is on the board and which node they are editing.
  const { onFocusCapture, onBlurCapture } = useEditingPresence(provider.awareness, user, 'data-goal-id');

  const setMode = (m: Mode) => {
    setModeState(m);
    try {
      sessionStorage.setItem('werkraum.goals.mode', m);
    } catch {
      // Not remembering the view is fine.
    }
  };

  // Keep a valid selection: when the selected node disappears (deleted here or elsewhere, or
  // filtered out), the node now at its place in the outline is selected instead.
  const rows = view.rows;
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const selectedShown = selectedId !== null && rowIndex.has(selectedId);
  const effectiveId = selectedShown ? selectedId : (rows[Math.min(lastIndex.current, rows.length - 1)]?.id ?? null);
  useEffect(() => {
    const i = effectiveId === null ? -1 : (rowIndex.get(effectiveId) ?? -1);
    if (i >= 0) lastIndex.current = i;
    if (effectiveId !== selectedId) setSelectedId(effectiveId);
  }, [rowIndex, effectiveId, selectedId]);

  const setExpanded = useCallback((id: string, expanded: boolean) => {
    setCollapsed((prev) => {
      if (prev.has(id) !== expanded) return prev;
      const next = new Set(prev);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const latest = useRef({ rows, rowIndex });
  latest.current = { rows, rowIndex };
  const onDelete = useCallback(
    (id: string, withDescendants: boolean) => {
      const item = model.items.get(id);
      if (!item) return;
      const { rows: r, rowIndex: ix } = latest.current;
      const i = ix.get(id) ?? -1;
      // Focus stays in the outline: on the next node, or the previous one at the end.
      const neighbour = r[i + 1 + (withDescendants ? countVisibleDescendants(r, i) : 0)] ?? r[i - 1];
      // With its descendants, every node of the subtree must be one the person may delete: while
      // only authors and the moderation delete, the server refuses a subtree holding others' nodes.
      const doomed = withDescendants ? subtreeIds(resolveGoalLinks(doc), id) : [id];
      if (mayDelete && doomed.some((d) => !mayDelete((model.items.get(d) ?? item).createdBy))) return;
      const run = () => {
        setEditingId(null);
        deleteWithUndo(t('goals.outline.deleted', { title: goalTitle(t, item) }), () => ops.remove(id, withDescendants));
        if (neighbour && neighbour.id !== id) {
          setSelectedId(neighbour.id);
          focusRequest.current = { id: neighbour.id, edit: false };
        }
      };
      if (confirmDelete) confirmDelete(item.createdBy, goalTitle(t, item), run);
      else run();
    },
    [doc, model, deleteWithUndo, mayDelete, confirmDelete, ops, t],
  );

  const toolbar = <GoalsToolbar model={model} view={view} filter={filter} onFilter={setFilter} announce={announce} />;
  const deepNote =
    structure.maxDepth >= GOAL_DISPLAY_DEPTH ? (
      <p className="kern-body kern-body--small wr-goals__deep-note" data-testid="goal-deep-note">
        <span className="kern-icon kern-icon--info" aria-hidden="true" /> {t('goals.depth.note', { depth: structure.maxDepth + 1, max: GOAL_DISPLAY_DEPTH })}
      </p>
    ) : null;

  if (frameView === 'list') {
    return (
      <div className="wr-goals" onFocusCapture={onFocusCapture} onBlurCapture={onBlurCapture}>
        {/* In a row like the other views (its flex basis is a width, not a height). */}
        <div className="wr-goals__top">
          <MeasurabilityCounter model={model} />
        </div>
        {structure.size > 0 ? toolbar : null}
        {deepNote}
        <GoalListView env={env} structure={structure} shown={view.shown} />
      </div>
    );
  }

  const showOutline = () => {
    setMode('outline');
    if (effectiveId) focusRequest.current = { id: effectiveId, edit: false };
  };

  return (
    <div className="wr-goals" data-testid="goals-board" data-node-count={structure.size} onFocusCapture={onFocusCapture} onBlurCapture={onBlurCapture}>
      <div className="wr-goals__top">
        <MeasurabilityCounter model={model} />
        <div className="wr-segmented" role="group" aria-label={t('goals.views.label')}>
          {(['outline', 'diagram'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={`kern-btn ${mode === m ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
              aria-pressed={mode === m}
              onClick={() => setMode(m)}
              data-testid={`goal-view-${m}`}
            >
              <span className="kern-label">{t(`goals.views.${m}`)}</span>
            </button>
          ))}
        </div>
      </div>
      {structure.size > 0 ? toolbar : null}
      {deepNote}

      {mode === 'diagram' ? (
        <GoalDiagram env={env} structure={structure} shown={view.shown} onShowOutline={showOutline} />
      ) : (
        <div className="wr-goals__work">
          <div className="wr-goals__outline">
            {readOnly || structure.size === 0 ? null : (
              <OutlineToolbar
                tree={modelTree(model)}
                selectedId={effectiveId}
                onAddChild={(id) => {
                  const created = ops.addChild(id);
                  setExpanded(id, true);
                  if (created) {
                    setSelectedId(created);
                    setEditingId(created);
                    focusRequest.current = { id: created, edit: true };
                  }
                }}
                onAddSibling={(id) => {
                  const created = ops.addSibling(id);
                  if (created) {
                    setSelectedId(created);
                    setEditingId(created);
                    focusRequest.current = { id: created, edit: true };
                  }
                }}
                onEdit={(id) => {
                  setEditingId(id);
                  focusRequest.current = { id, edit: true };
                }}
                onIndent={(id) => ops.indent(id) && announce(t('goals.outline.indent'))}
                onOutdent={(id) => ops.outdent(id) && announce(t('goals.outline.outdent'))}
                onMoveUp={(id) => ops.moveUp(id) && announce(t('goals.outline.moveUp'))}
                onMoveDown={(id) => ops.moveDown(id) && announce(t('goals.outline.moveDown'))}
                onDelete={(id) => onDelete(id, false)}
                mayDelete={(id) => {
                  const item = model.items.get(id);
                  return !item || !mayDelete || mayDelete(item.createdBy);
                }}
              />
            )}
            <p id="goal-outline-hint" className="wr-sr-only">
              {t('goals.outline.hint')}
            </p>
            <GoalOutline
              env={env}
              view={view}
              selectedId={effectiveId}
              onSelect={setSelectedId}
              setExpanded={setExpanded}
              editingId={editingId}
              setEditingId={setEditingId}
              focusRequest={focusRequest}
              onDelete={onDelete}
              announce={announce}
            />
            <details className="wr-keys">
              <summary>{t('goals.outline.keysTitle')}</summary>
              <ul className="kern-body kern-body--small">
                {(['arrows', 'leftRight', 'enter', 'ctrlEnter', 'f2', 'tab', 'alt', 'del', 'undo'] as const).map((k) => (
                  <li key={k}>{t(`goals.outline.keys.${k}`)}</li>
                ))}
              </ul>
            </details>
          </div>
          <GoalDetail key={effectiveId ?? 'none'} env={env} id={effectiveId} repaired={effectiveId !== null && structure.isRepaired(effectiveId)} />
        </div>
      )}
    </div>
  );
}

function countVisibleDescendants(rows: readonly GoalRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  let n = 0;
  for (let i = index + 1; i < rows.length && (rows[i]?.depth ?? 0) > depth; i++) n++;
  return n;
}

interface ToolbarProps {
  tree: GoalTreeLike;
  selectedId: string | null;
  onAddChild: (id: string) => void;
  onAddSibling: (id: string) => void;
  onEdit: (id: string) => void;
  onIndent: (id: string) => void;
  onOutdent: (id: string) => void;
  onMoveUp: (id: string) => void;
  onMoveDown: (id: string) => void;
  onDelete: (id: string) => void;
  /** Whether the selected node may be deleted (the moderation may let only authors delete). */
  mayDelete: (id: string) => boolean;
}

/** Buttons for everything the outline's keys do, acting on the selected node. */
function OutlineToolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  const id = props.selectedId;
  const can = possibleOps(props.tree, id);
  const buttons: { key: string; icon: string; label: string; enabled: boolean; run: (id: string) => void; testId: string }[] = [
    { key: 'addChild', icon: 'add', label: t('goals.outline.addChild'), enabled: true, run: props.onAddChild, testId: 'goal-add-child' },
    { key: 'addSibling', icon: 'add', label: t('goals.outline.addSibling'), enabled: true, run: props.onAddSibling, testId: 'goal-add-sibling' },
    { key: 'edit', icon: 'edit', label: t('goals.outline.edit'), enabled: true, run: props.onEdit, testId: 'goal-edit' },
    { key: 'outdent', icon: 'arrow-back', label: t('goals.outline.outdent'), enabled: can.outdent, run: props.onOutdent, testId: 'goal-outdent' },
    { key: 'indent', icon: 'arrow-forward', label: t('goals.outline.indent'), enabled: can.indent, run: props.onIndent, testId: 'goal-indent' },
    { key: 'moveUp', icon: 'arrow-up', label: t('goals.outline.moveUp'), enabled: can.moveUp, run: props.onMoveUp, testId: 'goal-move-up' },
    { key: 'moveDown', icon: 'arrow-down', label: t('goals.outline.moveDown'), enabled: can.moveDown, run: props.onMoveDown, testId: 'goal-move-down' },
    { key: 'delete', icon: 'delete', label: t('goals.outline.delete'), enabled: id !== null && props.mayDelete(id), run: props.onDelete, testId: 'goal-delete' },
  ];
  return (
    <div className="wr-outline-tools" role="group" aria-label={t('goals.outline.toolbar')}>
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          className="kern-btn kern-btn--tertiary wr-outline-tools__btn"
          aria-disabled={!id || !b.enabled}
          onClick={() => {
            if (id && b.enabled) b.run(id);
          }}
          data-testid={b.testId}
        >
          <span className={`kern-icon kern-icon--${b.icon}`} aria-hidden="true" />
          <span className="kern-label">{b.label}</span>
        </button>
      ))}
    </div>
  );
}
