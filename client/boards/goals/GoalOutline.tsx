/**
 * The goal tree as an outline: a WAI-ARIA tree (flat, with aria-level/posinset/setsize) with a
 * roving tab stop. Everything the mouse can do has a key: see `goals.outline.keys` in the locales.
 * Titles are edited in place (F2, or right after Enter creates a node) and co-edited live.
 *
 * One memo'd row per node, subscribed to its own node: typing into a goal re-renders its row
 * only. Rows get their place (depth, position, expanded) from the model's rows, which keep their
 * identity unless the place changed. Above a few dozen nodes, rows far from the viewport render
 * as stand-ins (the same tree item with its level and title, no badges), so a tree of hundreds of
 * nodes opens quickly; the focused, selected or edited row is always in full. Indentation stops
 * at GOAL_DISPLAY_DEPTH levels; deeper rows say their level.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { editGoalText, getGoalText } from '../../../shared/schema/goals';
import { useItem } from '../../data/boards/hooks';
import { GOAL_DISPLAY_DEPTH, type GoalRow, type GoalView } from '../../data/boards/goals';
import { useEditors } from '../../data/docs/presence';
import { standInHeight, useNearViewport } from '../common/useNearViewport';
import { CollabText } from './CollabText';
import { GapBadges } from './Measurability';
import { goalTitle } from './labels';
import { modelTree, possibleOps } from './operations';
import type { GoalsEnv } from './useGoals';

export interface FocusRequest {
  id: string;
  edit: boolean;
}

interface GoalOutlineProps {
  env: GoalsEnv;
  view: GoalView;
  selectedId: string | null;
  onSelect: (id: string) => void;
  setExpanded: (id: string, expanded: boolean) => void;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  /** Set by the parent to move focus after its own operations (toolbar buttons). */
  focusRequest: { current: FocusRequest | null };
  onDelete: (id: string, withDescendants: boolean) => void;
  announce: (message: string) => void;
}

/** The outline's handlers, stable for the rows; they read the outline's latest state. */
interface RowHandlers {
  register(id: string, el: HTMLLIElement | null): void;
  registerInput(id: string, el: HTMLInputElement | null): void;
  onKeyDown(e: KeyboardEvent<HTMLLIElement>, id: string): void;
  onTitleKeyDown(e: KeyboardEvent<HTMLInputElement>, id: string): void;
  onTitleBlur(e: FocusEvent<HTMLInputElement>): void;
  onClick(e: MouseEvent<HTMLLIElement>, id: string): void;
  onFocus(e: FocusEvent<HTMLLIElement>, id: string): void;
  startEditing(id: string): void;
}

export function GoalOutline(props: GoalOutlineProps) {
  const { env, view, selectedId, editingId, focusRequest } = props;
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // Whether keyboard focus belongs in the tree: React moves list items when the order changes,
  // and a moved element loses focus; this brings it back (also after remote changes).
  const focusInside = useRef(false);
  const rows = view.rows;
  const index = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const tabStop = selectedId !== null && index.has(selectedId) ? selectedId : (rows[0]?.id ?? null);

  // The latest state for the rows' stable handlers.
  const latest = useRef({ props, rows, index });
  latest.current = { props, rows, index };

  useLayoutEffect(() => {
    const request = focusRequest.current;
    if (request) {
      const el = request.edit ? inputs.current.get(request.id) : items.current.get(request.id);
      if (el) {
        focusRequest.current = null;
        el.focus();
        focusInside.current = true;
        return;
      }
    }
    const list = listRef.current;
    if (focusInside.current && list && !list.contains(document.activeElement)) {
      const id = editingId && inputs.current.has(editingId) ? editingId : tabStop;
      const el = id ? ((editingId === id ? inputs.current.get(id) : undefined) ?? items.current.get(id)) : undefined;
      el?.focus();
    }
  });

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !listRef.current?.contains(e.target)) focusInside.current = false;
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, []);

  const handlers = useMemo<RowHandlers>(() => {
    const state = () => latest.current;

    function focusNode(id: string | undefined, edit = false) {
      if (!id) return;
      const { props: p } = state();
      p.onSelect(id);
      p.focusRequest.current = { id, edit };
      // Rows already rendered take focus right away (no re-render may follow a pure move of focus).
      const el = edit ? inputs.current.get(id) : items.current.get(id);
      if (el) {
        p.focusRequest.current = null;
        el.focus();
      }
    }

    function startEditing(id: string) {
      const { props: p } = state();
      if (p.env.readOnly) return;
      p.setEditingId(id);
      p.onSelect(id);
      p.focusRequest.current = { id, edit: true };
    }

    function stopEditing(id: string) {
      const { props: p } = state();
      p.setEditingId(null);
      p.focusRequest.current = { id, edit: false };
    }

    /** Structural keys shared by the tree item and its title field; true when handled. */
    function structuralKey(e: KeyboardEvent, id: string, editing: boolean): boolean {
      const { props: p } = state();
      if (p.env.readOnly) return false;
      const can = possibleOps(modelTree(p.env.model), id);
      const keep = () => {
        p.focusRequest.current = { id, edit: editing };
      };
      if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        // Without a possible indent/outdent, Tab leaves the tree as usual (no keyboard trap).
        if (e.shiftKey ? !can.outdent : !can.indent) return false;
        if (e.shiftKey ? p.env.ops.outdent(id) : p.env.ops.indent(id)) {
          keep();
          p.announce(e.shiftKey ? t('goals.outline.outdent') : t('goals.outline.indent'));
        }
        return true;
      }
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        const moved = e.key === 'ArrowUp' ? p.env.ops.moveUp(id) : p.env.ops.moveDown(id);
        if (moved) {
          keep();
          p.announce(e.key === 'ArrowUp' ? t('goals.outline.moveUp') : t('goals.outline.moveDown'));
        }
        return true;
      }
      return false;
    }

    return {
      register(id, el) {
        if (el) items.current.set(id, el);
        else if (items.current.get(id)) items.current.delete(id);
      },
      registerInput(id, el) {
        if (el) inputs.current.set(id, el);
        else inputs.current.delete(id);
      },
      startEditing,
      onKeyDown(e, id) {
        if (e.target !== e.currentTarget) return;
        if (structuralKey(e, id, false)) {
          e.preventDefault();
          return;
        }
        const { props: p, rows: r, index: ix } = state();
        const i = ix.get(id);
        const row = i === undefined ? undefined : r[i];
        if (!row || i === undefined) return;
        const firstChild = r[i + 1]?.parentId === id ? r[i + 1]?.id : undefined;
        let handled = true;
        switch (e.key) {
          case 'ArrowDown':
            focusNode(r[i + 1]?.id);
            break;
          case 'ArrowUp':
            focusNode(r[i - 1]?.id);
            break;
          case 'Home':
            focusNode(r[0]?.id);
            break;
          case 'End':
            focusNode(r[r.length - 1]?.id);
            break;
          case 'ArrowRight':
            if (row.hasChildren && !row.expanded) p.setExpanded(id, true);
            else if (row.hasChildren) focusNode(firstChild);
            break;
          case 'ArrowLeft':
            if (row.hasChildren && row.expanded && !p.view.filtered) p.setExpanded(id, false);
            else if (row.parentId) focusNode(row.parentId);
            break;
          case 'Enter': {
            if (p.env.readOnly) break;
            const child = e.ctrlKey || e.metaKey;
            const created = child ? p.env.ops.addChild(id) : p.env.ops.addSibling(id);
            if (child) p.setExpanded(id, true);
            if (created) startEditing(created);
            break;
          }
          case 'F2':
            startEditing(id);
            break;
          case 'Delete':
          case 'Backspace':
            if (p.env.readOnly) break;
            p.onDelete(id, e.shiftKey);
            break;
          default:
            handled = false;
        }
        if (handled) e.preventDefault();
      },
      onTitleKeyDown(e, id) {
        // The tree item ignores keys from inside it (it checks the target); Ctrl+Z still reaches the
        // board frame, which undoes with this person's undo manager.
        if (e.key === 'Enter' || e.key === 'Escape') {
          e.preventDefault();
          stopEditing(id);
          return;
        }
        if (structuralKey(e, id, true)) e.preventDefault();
      },
      onTitleBlur(e) {
        if (e.relatedTarget instanceof Node && !e.currentTarget.parentElement?.contains(e.relatedTarget)) state().props.setEditingId(null);
      },
      onClick(e, id) {
        if (e.target instanceof HTMLElement && e.target.closest('input')) return;
        const { props: p, rows: r, index: ix } = state();
        const row = r[ix.get(id) ?? -1];
        if (row && e.target instanceof HTMLElement && e.target.closest('[data-toggle]') && row.hasChildren && !p.view.filtered) {
          p.setExpanded(id, !row.expanded);
        }
        if (p.editingId && p.editingId !== id) p.setEditingId(null);
        focusNode(id);
      },
      onFocus(e, id) {
        // Selection follows focus (single-select tree), however the item got focus.
        const { props: p } = state();
        if (e.target === e.currentTarget && p.selectedId !== id) p.onSelect(id);
      },
    };
  }, [t]);

  if (view.total === 0) {
    return (
      <div className="wr-outline wr-outline--empty">
        <p className="kern-body">{env.readOnly ? t('goals.outline.emptyReadOnly') : t('goals.outline.empty')}</p>
        {env.readOnly ? null : (
          <p>
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              data-testid="goal-add-root"
              onClick={() => {
                const id = env.ops.addRoot();
                handlers.startEditing(id);
              }}
            >
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">{t('goals.outline.addRoot')}</span>
            </button>
          </p>
        )}
      </div>
    );
  }

  // Nothing matches the filter: the filter bar says so.
  if (rows.length === 0) return null;

  return (
    <ul
      ref={listRef}
      className="wr-outline"
      role="tree"
      aria-label={t('goals.outline.label')}
      aria-describedby="goal-outline-hint"
      data-testid="goal-outline"
      onFocus={() => {
        focusInside.current = true;
      }}
      onBlur={(e) => {
        if (e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget)) focusInside.current = false;
      }}
    >
      {rows.map((row) => (
        <OutlineRow
          key={row.id}
          row={row}
          env={env}
          handlers={handlers}
          selected={row.id === selectedId}
          tabStop={row.id === tabStop}
          editing={editingId === row.id && !env.readOnly}
        />
      ))}
    </ul>
  );
}

/** Height of a stand-in for a row never shown in full: one line of title and badges. */
const ROW_HEIGHT = 44;

interface OutlineRowProps {
  row: GoalRow;
  env: GoalsEnv;
  handlers: RowHandlers;
  selected: boolean;
  tabStop: boolean;
  editing: boolean;
}

const OutlineRow = memo(function OutlineRow({ row, env, handlers, selected, tabStop, editing }: OutlineRowProps) {
  const { t } = env;
  const { id } = row;
  const item = useItem(env.model.items, id);
  const editors = useEditors(env.presence, id);
  // The selected or edited row is always in full (its caret and focus ring must not vanish).
  const [nearRef, near, wake] = useNearViewport(`goal-${id}`, env.windowed && !selected && !editing);
  const ref = useCallback(
    (el: HTMLLIElement | null) => {
      nearRef(el);
      handlers.register(id, el);
    },
    [nearRef, handlers, id],
  );
  const titleRef = useCallback((el: HTMLInputElement | null) => handlers.registerInput(id, el), [handlers, id]);
  if (!item) return null;
  const deep = row.depth >= GOAL_DISPLAY_DEPTH;
  const indent = Math.min(row.depth, GOAL_DISPLAY_DEPTH);
  const style = { paddingInlineStart: `calc(${indent} * var(--wr-outline-indent))` } as CSSProperties;
  const title = goalTitle(t, item);
  const className = `wr-outline__item wr-level--${item.level}${selected ? ' wr-outline__item--selected' : ''}${row.context ? ' wr-outline__item--context' : ''}${near ? '' : ' wr-outline__item--standin'}`;

  return (
    <li
      ref={ref}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      className={className}
      style={near ? undefined : { minHeight: standInHeight(`goal-${id}`, ROW_HEIGHT) }}
      data-testid="goal-node"
      data-goal-id={id}
      data-level={item.level}
      data-depth={row.depth}
      data-standin={near ? undefined : ''}
      onFocus={(e) => {
        if (!near) wake();
        handlers.onFocus(e, id);
      }}
      onKeyDown={(e) => handlers.onKeyDown(e, id)}
      onClick={(e) => {
        if (!near) wake();
        handlers.onClick(e, id);
      }}
      onDoubleClick={() => handlers.startEditing(id)}
    >
      <span className="wr-outline__row" style={style}>
        <span className="wr-outline__toggle" data-toggle="" aria-hidden="true">
          {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
        </span>
        <span className="wr-outline__main">
          <span className="wr-outline__line">
            <span className="wr-level-tag">{t(`goals.levels.${item.level}`)}</span>
            <span className="wr-sr-only">: </span>
            {editing ? (
              <CollabText
                ref={titleRef}
                className="kern-form-input__input wr-outline__input"
                aria-label={t('goals.outline.titleLabel')}
                text={getGoalText(env.doc, id, 'title')}
                onEdit={(edit) => editGoalText(env.doc, env.ctx, id, 'title', edit)}
                testId="goal-title-input"
                onKeyDown={(e) => handlers.onTitleKeyDown(e, id)}
                onBlur={handlers.onTitleBlur}
              />
            ) : (
              <span className={`wr-outline__title${item.title.trim() === '' ? ' wr-outline__title--empty' : ''}`} data-testid="goal-node-title">
                {title}
              </span>
            )}
          </span>
          {near ? (
            <span className="wr-outline__badges">
              {deep ? (
                <span className="kern-badge kern-badge--info kern-badge--small wr-gap" data-testid="goal-deep-level">
                  <span className="kern-label kern-label--small">{t('goals.depth.level', { n: row.depth + 1 })}</span>
                </span>
              ) : null}
              {row.context ? (
                <span className="wr-outline__context" data-testid="goal-context">
                  {t('goals.filter.context')}
                </span>
              ) : (
                <GapBadges node={item} />
              )}
              {row.repaired ? (
                <span className="kern-badge kern-badge--info kern-badge--small wr-gap" data-testid="goal-repaired">
                  <span className="kern-label kern-label--small">{t('goals.outline.repaired')}</span>
                </span>
              ) : null}
              {editors.length > 0 ? <EditingBadge names={editors} /> : null}
            </span>
          ) : null}
        </span>
      </span>
    </li>
  );
});

/** "✎ Bernd" on a node someone else is editing right now. */
export function EditingBadge({ names }: { names: readonly string[] }) {
  const { t } = useTranslation();
  const shown = names.length > 2 ? `${names.slice(0, 2).join(', ')} +${names.length - 2}` : names.join(', ');
  return (
    <span className="wr-goal-editing" data-testid="goal-editing" title={t('goals.editing', { names: names.join(', ') })}>
      <span className="kern-icon kern-icon--edit" aria-hidden="true" />
      <span className="wr-sr-only">{t('goals.editing', { names: names.join(', ') })}</span>
      <span aria-hidden="true">{shown}</span>
    </span>
  );
}
