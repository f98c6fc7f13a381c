/**
 * Board 3 — Zielbaum. Two views of one document: the outline (editing, keyboard first, with a
 * detail panel) and the drawn diagram for the projector. The frame's "Listenansicht" shows the
 * whole tree as a read-only nested list. The measurability counter sits on top of all of them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readGoalTree, type GoalTree } from '../../../shared/schema/goals';
import type { BoardProps } from '../types';
import { GoalDetail } from './GoalDetail';
import { GoalDiagram } from './GoalDiagram';
import { GoalListView } from './GoalListView';
import { GoalOutline, visibleNodes, type FocusRequest } from './GoalOutline';
import { MeasurabilitySummary } from './Measurability';
import { goalTitle } from './labels';
import { goalOps, possibleOps } from './operations';
import { useDocSnapshot } from './useDocSnapshot';
import './goals.css';

type Mode = 'outline' | 'diagram';

function storedMode(): Mode {
  try {
    return sessionStorage.getItem('werkraum.goals.mode') === 'diagram' ? 'diagram' : 'outline';
  } catch {
    return 'outline';
  }
}

export default function GoalsBoard({ doc, ctx, undoManager, readOnly, view, announce, deleteWithUndo }: BoardProps) {
  const { t } = useTranslation();
  const tree = useDocSnapshot(() => readGoalTree(doc), doc);
  const [mode, setModeState] = useState<Mode>(storedMode);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [editingId, setEditingId] = useState<string | null>(null);
  const focusRequest = useRef<FocusRequest | null>(null);
  const lastIndex = useRef(0);
  const ops = useMemo(() => goalOps(doc, ctx, () => readGoalTree(doc), undoManager), [doc, ctx, undoManager]);

  const setMode = (m: Mode) => {
    setModeState(m);
    try {
      sessionStorage.setItem('werkraum.goals.mode', m);
    } catch {
      // Not remembering the view is fine.
    }
  };

  // Keep a valid selection: when the selected node disappears (deleted here or elsewhere), the
  // node now at its place in the outline is selected instead.
  const visible = visibleNodes(tree, collapsed);
  const selected = selectedId ? tree.byId.get(selectedId) : undefined;
  const effectiveId = selected ? selected.id : (visible[Math.min(lastIndex.current, visible.length - 1)]?.id ?? null);
  useEffect(() => {
    const i = visible.findIndex((n) => n.id === effectiveId);
    if (i >= 0) lastIndex.current = i;
    if (effectiveId !== selectedId) setSelectedId(effectiveId);
  }, [visible, effectiveId, selectedId]);

  const setExpanded = useCallback((id: string, expanded: boolean) => {
    setCollapsed((prev) => {
      if (prev.has(id) !== expanded) return prev;
      const next = new Set(prev);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onDelete = useCallback(
    (id: string, withDescendants: boolean) => {
      const node = tree.byId.get(id);
      if (!node) return;
      const i = visible.findIndex((n) => n.id === id);
      // Focus stays in the outline: on the next node, or the previous one at the end.
      const neighbour = visible[i + 1 + (withDescendants ? countVisibleDescendants(visible, i) : 0)] ?? visible[i - 1];
      setEditingId(null);
      deleteWithUndo(t('goals.outline.deleted', { title: goalTitle(t, node) }), () => ops.remove(id, withDescendants));
      if (neighbour && neighbour.id !== id) {
        setSelectedId(neighbour.id);
        focusRequest.current = { id: neighbour.id, edit: false };
      }
    },
    [tree, visible, deleteWithUndo, ops, t],
  );

  if (view === 'list') {
    return (
      <div className="wr-goals">
        <MeasurabilitySummary tree={tree} />
        <GoalListView tree={tree} />
      </div>
    );
  }

  const showOutline = () => {
    setMode('outline');
    if (effectiveId) focusRequest.current = { id: effectiveId, edit: false };
  };

  return (
    <div className="wr-goals" data-testid="goals-board">
      <div className="wr-goals__top">
        <MeasurabilitySummary tree={tree} />
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

      {mode === 'diagram' ? (
        <GoalDiagram tree={tree} onShowOutline={showOutline} />
      ) : (
        <div className="wr-goals__work">
          <div className="wr-goals__outline">
            {readOnly || tree.nodes.length === 0 ? null : (
              <OutlineToolbar
                tree={tree}
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
              />
            )}
            <p id="goal-outline-hint" className="wr-sr-only">
              {t('goals.outline.hint')}
            </p>
            <GoalOutline
              doc={doc}
              ctx={ctx}
              tree={tree}
              readOnly={readOnly}
              ops={ops}
              selectedId={effectiveId}
              onSelect={setSelectedId}
              collapsed={collapsed}
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
          <GoalDetail
            key={effectiveId ?? 'none'}
            doc={doc}
            ctx={ctx}
            node={effectiveId ? tree.byId.get(effectiveId) : undefined}
            readOnly={readOnly}
            undoManager={undoManager}
            deleteWithUndo={deleteWithUndo}
          />
        </div>
      )}
    </div>
  );
}

function countVisibleDescendants(visible: readonly { depth: number }[], index: number): number {
  const depth = visible[index]?.depth ?? 0;
  let n = 0;
  for (let i = index + 1; i < visible.length && (visible[i]?.depth ?? 0) > depth; i++) n++;
  return n;
}

interface ToolbarProps {
  tree: GoalTree;
  selectedId: string | null;
  onAddChild: (id: string) => void;
  onAddSibling: (id: string) => void;
  onEdit: (id: string) => void;
  onIndent: (id: string) => void;
  onOutdent: (id: string) => void;
  onMoveUp: (id: string) => void;
  onMoveDown: (id: string) => void;
  onDelete: (id: string) => void;
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
    { key: 'delete', icon: 'delete', label: t('goals.outline.delete'), enabled: true, run: props.onDelete, testId: 'goal-delete' },
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
