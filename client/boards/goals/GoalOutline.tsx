/**
 * The goal tree as an outline: a WAI-ARIA tree (flat, with aria-level/posinset/setsize) with a
 * roving tab stop. Everything the mouse can do has a key: see `goals.outline.keys` in the locales.
 * Titles are edited in place (F2, or right after Enter creates a node) and co-edited live.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { editGoalText, getGoalText, type GoalNode, type GoalTree } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import { CollabText } from './CollabText';
import { GapBadges } from './Measurability';
import { goalTitle } from './labels';
import { possibleOps, type GoalOps } from './operations';

/** The nodes a reader sees: pre-order, without the descendants of collapsed nodes. */
export function visibleNodes(tree: GoalTree, collapsed: ReadonlySet<string>): GoalNode[] {
  const out: GoalNode[] = [];
  let skipBelow = Infinity;
  for (const node of tree.nodes) {
    if (node.depth > skipBelow) continue;
    skipBelow = Infinity;
    out.push(node);
    if (collapsed.has(node.id) && node.childIds.length > 0) skipBelow = node.depth;
  }
  return out;
}

export interface FocusRequest {
  id: string;
  edit: boolean;
}

interface GoalOutlineProps {
  doc: Y.Doc;
  ctx: WriteContext;
  tree: GoalTree;
  readOnly: boolean;
  ops: GoalOps;
  selectedId: string | null;
  onSelect: (id: string) => void;
  collapsed: ReadonlySet<string>;
  setExpanded: (id: string, expanded: boolean) => void;
  editingId: string | null;
  setEditingId: (id: string | null) => void;
  /** Set by the parent to move focus after its own operations (toolbar buttons). */
  focusRequest: { current: FocusRequest | null };
  onDelete: (id: string, withDescendants: boolean) => void;
  announce: (message: string) => void;
}

export function GoalOutline(props: GoalOutlineProps) {
  const { doc, ctx, tree, readOnly, ops, selectedId, onSelect, collapsed, setExpanded, editingId, setEditingId, focusRequest } = props;
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // Whether keyboard focus belongs in the tree: React moves list items when the order changes,
  // and a moved element loses focus; this brings it back (also after remote changes).
  const focusInside = useRef(false);
  const visible = visibleNodes(tree, collapsed);
  const tabStop = visible.some((n) => n.id === selectedId) ? selectedId : (visible[0]?.id ?? null);

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

  function focusNode(id: string | undefined, edit = false) {
    if (!id) return;
    onSelect(id);
    focusRequest.current = { id, edit };
    // Nodes already rendered can take focus right away (no re-render may follow a pure move of focus).
    const el = edit ? inputs.current.get(id) : items.current.get(id);
    if (el) {
      focusRequest.current = null;
      el.focus();
    }
  }

  function startEditing(id: string) {
    if (readOnly) return;
    setEditingId(id);
    onSelect(id);
    focusRequest.current = { id, edit: true };
  }

  function stopEditing(id: string) {
    setEditingId(null);
    focusRequest.current = { id, edit: false };
  }

  /** Structural keys shared by the tree item and its title field; true when handled. */
  function structuralKey(e: KeyboardEvent, node: GoalNode, editing: boolean): boolean {
    if (readOnly) return false;
    const can = possibleOps(tree, node.id);
    const keep = () => {
      focusRequest.current = { id: node.id, edit: editing };
    };
    if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // Without a possible indent/outdent, Tab leaves the tree as usual (no keyboard trap).
      if (e.shiftKey ? !can.outdent : !can.indent) return false;
      if (e.shiftKey ? ops.outdent(node.id) : ops.indent(node.id)) {
        keep();
        props.announce(e.shiftKey ? t('goals.outline.outdent') : t('goals.outline.indent'));
      }
      return true;
    }
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const moved = e.key === 'ArrowUp' ? ops.moveUp(node.id) : ops.moveDown(node.id);
      if (moved) {
        keep();
        props.announce(e.key === 'ArrowUp' ? t('goals.outline.moveUp') : t('goals.outline.moveDown'));
      }
      return true;
    }
    return false;
  }

  function onItemKeyDown(e: KeyboardEvent<HTMLLIElement>, node: GoalNode, index: number) {
    if (e.target !== e.currentTarget) return;
    if (structuralKey(e, node, false)) {
      e.preventDefault();
      return;
    }
    const hasChildren = node.childIds.length > 0;
    const expanded = hasChildren && !collapsed.has(node.id);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusNode(visible[index + 1]?.id);
        break;
      case 'ArrowUp':
        focusNode(visible[index - 1]?.id);
        break;
      case 'Home':
        focusNode(visible[0]?.id);
        break;
      case 'End':
        focusNode(visible[visible.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (hasChildren && !expanded) setExpanded(node.id, true);
        else if (hasChildren) focusNode(node.childIds[0]);
        break;
      case 'ArrowLeft':
        if (expanded) setExpanded(node.id, false);
        else if (node.parentId) focusNode(node.parentId);
        break;
      case 'Enter': {
        if (readOnly) break;
        const id = e.ctrlKey || e.metaKey ? ops.addChild(node.id) : ops.addSibling(node.id);
        if (e.ctrlKey || e.metaKey) setExpanded(node.id, true);
        if (id) startEditing(id);
        break;
      }
      case 'F2':
        startEditing(node.id);
        break;
      case 'Delete':
      case 'Backspace':
        if (readOnly) break;
        props.onDelete(node.id, e.shiftKey);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  function onTitleKeyDown(e: KeyboardEvent<HTMLInputElement>, node: GoalNode) {
    // The tree item ignores keys from inside it (it checks the target); Ctrl+Z still reaches the
    // board frame, which undoes with this person's undo manager.
    if (e.key === 'Enter' || e.key === 'Escape') {
      e.preventDefault();
      stopEditing(node.id);
      return;
    }
    if (structuralKey(e, node, true)) e.preventDefault();
  }

  function onItemClick(e: MouseEvent<HTMLLIElement>, node: GoalNode) {
    if (e.target instanceof HTMLElement && e.target.closest('input')) return;
    if (e.target instanceof HTMLElement && e.target.closest('[data-toggle]') && node.childIds.length > 0) {
      setExpanded(node.id, collapsed.has(node.id));
    }
    if (editingId && editingId !== node.id) setEditingId(null);
    focusNode(node.id);
  }

  if (tree.nodes.length === 0) {
    return (
      <div className="wr-outline wr-outline--empty">
        <p className="kern-body">{readOnly ? t('goals.outline.emptyReadOnly') : t('goals.outline.empty')}</p>
        {readOnly ? null : (
          <p>
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              data-testid="goal-add-root"
              onClick={() => {
                const id = ops.addRoot();
                startEditing(id);
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
      {visible.map((node, index) => {
        const siblings = node.parentId === null ? tree.rootIds : (tree.byId.get(node.parentId)?.childIds ?? []);
        const hasChildren = node.childIds.length > 0;
        const expanded = hasChildren ? !collapsed.has(node.id) : undefined;
        const editing = editingId === node.id && !readOnly;
        const selected = node.id === selectedId;
        return (
          <li
            key={node.id}
            ref={(el) => {
              if (el) items.current.set(node.id, el);
              else items.current.delete(node.id);
            }}
            role="treeitem"
            aria-level={node.depth + 1}
            aria-posinset={siblings.indexOf(node.id) + 1}
            aria-setsize={siblings.length}
            aria-expanded={expanded}
            aria-selected={selected}
            tabIndex={node.id === tabStop ? 0 : -1}
            className={`wr-outline__item wr-level--${node.level}${selected ? ' wr-outline__item--selected' : ''}`}
            data-testid="goal-node"
            data-goal-id={node.id}
            data-level={node.level}
            data-depth={node.depth}
            onFocus={(e) => {
              // Selection follows focus (single-select tree), however the item got focus.
              if (e.target === e.currentTarget && !selected) onSelect(node.id);
            }}
            onKeyDown={(e) => onItemKeyDown(e, node, index)}
            onClick={(e) => onItemClick(e, node)}
            onDoubleClick={() => startEditing(node.id)}
          >
            <span className="wr-outline__row" style={{ paddingInlineStart: `calc(${node.depth} * var(--wr-outline-indent))` }}>
              <span className="wr-outline__toggle" data-toggle="" aria-hidden="true">
                {hasChildren ? (expanded ? '▾' : '▸') : ''}
              </span>
              <span className="wr-outline__main">
                <span className="wr-outline__line">
                  <span className="wr-level-tag">{t(`goals.levels.${node.level}`)}</span>
                  <span className="wr-sr-only">: </span>
                  {editing ? (
                    <CollabText
                      ref={(el: HTMLInputElement | null) => {
                        if (el) inputs.current.set(node.id, el);
                        else inputs.current.delete(node.id);
                      }}
                      className="kern-form-input__input wr-outline__input"
                      aria-label={t('goals.outline.titleLabel')}
                      text={getGoalText(doc, node.id, 'title')}
                      onEdit={(edit) => editGoalText(doc, ctx, node.id, 'title', edit)}
                      testId="goal-title-input"
                      onKeyDown={(e) => onTitleKeyDown(e, node)}
                      onBlur={(e) => {
                        if (e.relatedTarget instanceof Node && !e.currentTarget.parentElement?.contains(e.relatedTarget)) setEditingId(null);
                      }}
                    />
                  ) : (
                    <span className={`wr-outline__title${node.title.trim() === '' ? ' wr-outline__title--empty' : ''}`} data-testid="goal-node-title">
                      {goalTitle(t, node)}
                    </span>
                  )}
                </span>
                <span className="wr-outline__badges">
                  <GapBadges node={node} />
                  {node.parentRepaired ? (
                    <span className="kern-badge kern-badge--info kern-badge--small wr-gap" data-testid="goal-repaired">
                      <span className="kern-label kern-label--small">{t('goals.outline.repaired')}</span>
                    </span>
                  ) : null}
                </span>
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
