/**
 * One strategic goal's action plan: the four Zielfelder, the links into the goal's subtree and the
 * consistency hints. A section subscribes to its own entry and to the goal-tree nodes it shows
 * (the goal, its subtree, the linked nodes), so typing elsewhere does not render it again.
 */
import type { TFunction } from 'i18next';
import { memo, useCallback, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { consistencyHints, editActionField, getActionText, linkActionNode, unlinkActionNode, type ActionEntry, type ConsistencyHint } from '../../../shared/schema/actions';
import { ZIELFELDER, type GoalNode, type GoalTree, type Zielfeld } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import type { ActionPlanModel, GoalOutline, GoalsIndex } from '../../data/boards/actions';
import type { ItemStore } from '../../data/boards/itemStore';
import { useEditors, type PresenceStore } from '../../data/docs/presence';
import { standInHeight, useNearViewport } from '../common/useNearViewport';
import { YTextArea } from '../common/YText';
import { GapBadges } from '../goals/Measurability';

/** What every section needs from the board; one object per board, stable while nothing changes. */
export interface ActionsEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  readOnly: boolean;
  plan: ActionPlanModel;
  goals: GoalsIndex;
  presence: PresenceStore | undefined;
  /** Whether far sections stand in as plain text. */
  windowed: boolean;
  /** Runs a write as an undo step of its own. */
  step: (fn: () => void) => void;
  /** Empties an orphaned entry (with undo). */
  clear: (goalId: string) => void;
  /** Only this Zielfeld's column is shown ('' = all four). */
  zielfeld: Zielfeld | '';
}

function useEntry(plan: ActionPlanModel, goalId: string): ActionEntry {
  const subscribe = useCallback((cb: () => void) => plan.subscribeItem(goalId, cb), [plan, goalId]);
  const get = useCallback(() => plan.entry(goalId), [plan, goalId]);
  return useSyncExternalStore(subscribe, get, get);
}

/** A number that changes whenever one of `ids` changed in `store`. */
function useItemsVersion(store: ItemStore<unknown>, ids: readonly string[]): number {
  const [box] = useState(() => ({ version: 0 }));
  const subscribe = useCallback(
    (cb: () => void) => {
      const offs = ids.map((id) =>
        store.subscribeItem(id, () => {
          box.version++;
          cb();
        }),
      );
      return () => offs.forEach((off) => off());
    },
    [store, ids, box],
  );
  const get = useCallback(() => box.version, [box]);
  return useSyncExternalStore(subscribe, get, get);
}

export const GoalSlot = memo(function GoalSlot({ goalId, outline, env, orphan = false }: { goalId: string; outline: GoalOutline; env: ActionsEnv; orphan?: boolean }) {
  const entry = useEntry(env.plan, goalId);
  const below = outline.below(goalId);
  const ids = useMemo(() => [goalId, ...below.map((b) => b.id), ...entry.linkedNodeIds], [goalId, below, entry.linkedNodeIds]);
  const goalsVersion = useItemsVersion(env.goals.items as ItemStore<unknown>, ids);
  const [ref, near, wake] = useNearViewport(`goal-${goalId}`, env.windowed);
  const editors = useEditors(env.presence, goalId);
  const view = useMemo(() => {
    void goalsVersion;
    const tree = env.goals.partialTree(ids);
    const at = (id: string) => outline.position.get(id) ?? Infinity;
    return {
      tree,
      goal: tree.byId.get(goalId),
      // Links in outline order (nodes gone from the tree last, by id).
      linkedIds: [...entry.linkedNodeIds].sort((a, b) => at(a) - at(b) || (a < b ? -1 : a > b ? 1 : 0)),
      candidates: below.flatMap((b) => {
        const node = tree.byId.get(b.id);
        return node ? [{ node, depth: b.depth }] : [];
      }),
    };
  }, [env.goals, ids, below, goalId, goalsVersion, outline, entry.linkedNodeIds]);
  if (!near) return <GoalStandIn entry={entry} goal={view.goal} itemRef={ref} onWake={wake} zielfeld={env.zielfeld} />;
  return <GoalPlan entry={entry} tree={view.tree} goal={view.goal} linkedIds={view.linkedIds} candidates={view.candidates} env={env} orphan={orphan} itemRef={ref} editors={editors} />;
});

function goalTitle(t: TFunction, goal: GoalNode | undefined): string {
  return goal ? (goal.title.trim() === '' ? t('actions.untitled') : goal.title) : t('actions.links.deleted');
}

function nodeLabel(t: TFunction, node: GoalNode | undefined): string {
  if (!node) return t('actions.links.deleted');
  const title = node.title.trim() === '' ? t('actions.untitled') : node.title;
  return `${t(`goals.levels.${node.level}`)}: ${title}`;
}

function hintText(t: TFunction, hint: ConsistencyHint, tree: GoalTree): string {
  switch (hint.kind) {
    case 'empty_zielfeld':
      return t('actions.hints.empty_zielfeld', { zielfeld: t(`actions.fields.${hint.zielfeld}.title`) });
    case 'link_outside_goal':
      return t('actions.hints.link_outside_goal', { title: nodeLabel(t, tree.byId.get(hint.nodeId)) });
    default:
      return t(`actions.hints.${hint.kind}`);
  }
}

/** Height of a stand-in for a section never shown in full. */
const DEFAULT_HEIGHT = 560;

/**
 * A section far from the viewport: the goal's title and the Zielfelder's texts, no controls. It
 * keeps the plan findable and the page's height stable; it becomes the full section as it nears
 * the viewport, or at once when clicked.
 */
const GoalStandIn = memo(function GoalStandIn({
  entry,
  goal,
  itemRef,
  onWake,
  zielfeld,
}: {
  entry: ActionEntry;
  goal: GoalNode | undefined;
  itemRef: (el: Element | null) => void;
  onWake: () => void;
  zielfeld: Zielfeld | '';
}) {
  const { t } = useTranslation();
  const shown = zielfeld === '' ? ZIELFELDER : [zielfeld];
  return (
    <section
      ref={itemRef}
      className="wr-action-goal wr-action-goal--standin"
      style={{ minHeight: standInHeight(`goal-${entry.goalId}`, DEFAULT_HEIGHT) }}
      data-testid="action-goal-standin"
      data-goal-id={entry.goalId}
      onClick={onWake}
    >
      <h3 className="kern-heading-small wr-action-goal__title">{goalTitle(t, goal)}</h3>
      <dl className="wr-action-goal__standin-fields">
        {shown.map((z) => (
          <div key={z}>
            <dt>{t(`actions.fields.${z}.title`)}</dt>
            <dd>{entry.fields[z] || t('actions.fieldEmpty')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
});

interface GoalPlanProps {
  entry: ActionEntry;
  /** The goal, its subtree and the linked nodes (what the hints and links look at). */
  tree: GoalTree;
  goal: GoalNode | undefined;
  /** The linked node ids in outline order. */
  linkedIds: readonly string[];
  candidates: { node: GoalNode; depth: number }[];
  env: ActionsEnv;
  orphan: boolean;
  itemRef: (el: Element | null) => void;
  editors: readonly string[];
}

function GoalPlan({ entry, tree, goal, linkedIds, candidates, env, orphan, itemRef, editors }: GoalPlanProps) {
  const { t } = useTranslation();
  const id = useId();
  const { doc, ctx, readOnly } = env;
  const hints = useMemo(() => consistencyHints(entry, tree), [entry, tree]);
  const linked = useMemo(() => linkedIds.map((nodeId) => ({ nodeId, node: tree.byId.get(nodeId) })), [linkedIds, tree]);
  const linkedByField = useMemo(() => {
    const by = new Map<Zielfeld, GoalNode[]>();
    for (const { node } of linked) {
      if (!node?.zielfeld) continue;
      const list = by.get(node.zielfeld);
      if (list) list.push(node);
      else by.set(node.zielfeld, [node]);
    }
    return by;
  }, [linked]);
  const shown = env.zielfeld === '' ? ZIELFELDER : [env.zielfeld];

  return (
    <section ref={itemRef} className="wr-action-goal" aria-labelledby={`${id}-h`} data-testid="action-goal" data-goal-id={entry.goalId}>
      <div className="wr-action-goal__head">
        <div className="kern-hgroup wr-hgroup">
          <p className="kern-preline">{goal ? t(`goals.levels.${goal.level}`) : t('actions.goalHeading')}</p>
          <h3 id={`${id}-h`} className="kern-heading-small wr-action-goal__title" data-testid="action-goal-title">
            {goalTitle(t, goal)}
          </h3>
        </div>
        {editors.length > 0 ? (
          <span className="wr-action-goal__editing" data-testid="action-goal-editing">
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            {t('actions.editingBy', { names: editors.slice(0, 2).join(', '), count: editors.length })}
          </span>
        ) : null}
        {goal ? <GapBadges node={goal} /> : null}
      </div>

      <div className="wr-action-hints" data-testid="action-hints" data-count={hints.length}>
        <h4 className="wr-sr-only">{t('actions.hints.heading')}</h4>
        {hints.length === 0 ? (
          <p className="kern-body kern-body--small wr-action-hints__ok" data-testid="action-hints-ok">
            <span className="kern-icon kern-icon--success" aria-hidden="true" /> {t('actions.hints.ok')}
          </p>
        ) : (
          <ul className="wr-action-hints__list">
            {hints.map((h, i) => (
              <li key={`${h.kind}-${i}`} data-testid="action-hint" data-kind={h.kind}>
                <span className="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true" />
                {hintText(t, h, tree)}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={`wr-action-fields${shown.length === 1 ? ' wr-action-fields--one' : ''}`}>
        {shown.map((z) => (
          <ActionField
            key={z}
            doc={doc}
            ctx={ctx}
            goalId={entry.goalId}
            zielfeld={z}
            empty={entry.fields[z].trim() === ''}
            readOnly={readOnly}
            linkedHere={linkedByField.get(z) ?? NONE}
          />
        ))}
      </div>

      <LinkPanel entry={entry} candidates={candidates} linked={linked} readOnly={readOnly || !goal} env={env} />

      {orphan && !readOnly ? (
        <p className="wr-action-goal__clear">
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => env.clear(entry.goalId)} data-testid="action-clear">
            <span className="kern-icon kern-icon--delete" aria-hidden="true" />
            <span className="kern-label">{t('actions.orphans.clear')}</span>
          </button>
        </p>
      ) : null}
    </section>
  );
}

const NONE: readonly GoalNode[] = Object.freeze([]);

const ActionField = memo(function ActionField(props: {
  doc: Y.Doc;
  ctx: WriteContext;
  goalId: string;
  zielfeld: Zielfeld;
  empty: boolean;
  readOnly: boolean;
  linkedHere: readonly GoalNode[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const { doc, ctx, goalId, zielfeld: z } = props;
  const onEdit = useCallback((edit: Parameters<typeof editActionField>[4]) => editActionField(doc, ctx, goalId, z, edit), [doc, ctx, goalId, z]);
  return (
    <div className={`wr-action-field wr-zielfeld--${z}${props.empty ? ' wr-action-field--empty' : ''}`} data-testid={`action-column-${z}`}>
      <h4 id={`${id}-h`} className="wr-action-field__title">
        {/* A break opportunity after the slash: "Leistungsangebote/Produkte" fits narrow columns. */}
        {t(`actions.fields.${z}.title`).replace('/', '/\u200b')}
      </h4>
      <p id={`${id}-q`} className="wr-action-field__question">
        {t(`actions.fields.${z}.question`)}
      </p>
      <YTextArea
        rows={4}
        className="kern-form-input__input wr-textarea wr-action-field__text"
        aria-labelledby={`${id}-h ${id}-q`}
        aria-describedby={props.empty ? `${id}-e` : undefined}
        text={getActionText(doc, goalId, z)}
        onEdit={onEdit}
        readOnly={props.readOnly}
        data-testid={`action-field-${z}`}
      />
      {props.empty ? (
        <p id={`${id}-e`} className="wr-action-field__empty" data-testid="action-field-empty">
          <span className="kern-badge kern-badge--warning kern-badge--small">
            <span className="kern-label kern-label--small">{t('actions.fieldEmpty')}</span>
          </span>
        </p>
      ) : null}
      {props.linkedHere.length > 0 ? (
        <div className="wr-action-field__linked">
          <p className="wr-action-field__linked-title">{t('actions.linkedHere')}</p>
          <ul>
            {props.linkedHere.map((n) => (
              <li key={n.id} className={`wr-level--${n.level}`}>
                <span className="wr-level-tag">{t(`goals.levels.${n.level}`)}</span> {n.title.trim() === '' ? t('actions.untitled') : n.title}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
});

function LinkPanel(props: {
  entry: ActionEntry;
  candidates: { node: GoalNode; depth: number }[];
  linked: { nodeId: string; node: GoalNode | undefined }[];
  readOnly: boolean;
  env: ActionsEnv;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { entry, linked, env } = props;
  const { doc, ctx, step } = env;
  const [choice, setChoice] = useState('');
  const linkedIds = new Set(entry.linkedNodeIds);
  const candidates = props.candidates.filter((c) => !linkedIds.has(c.node.id));
  const valid = candidates.some((c) => c.node.id === choice);

  return (
    <div className="wr-action-links" data-testid="action-links">
      <h4 id={`${id}-h`} className="wr-action-field__title">
        {t('actions.links.heading')}
      </h4>
      {linked.length === 0 ? (
        <p className="kern-body kern-body--small wr-muted">{t('actions.links.none')}</p>
      ) : (
        <ul className="wr-action-links__list" aria-labelledby={`${id}-h`}>
          {linked.map(({ nodeId, node }) => (
            <li key={nodeId} className={`wr-action-link${node ? ` wr-level--${node.level}` : ' wr-action-link--gone'}`} data-testid="action-link" data-node-id={nodeId}>
              <span className="wr-action-link__text">
                {node ? <span className="wr-level-tag">{t(`goals.levels.${node.level}`)}</span> : null}{' '}
                {node ? (node.title.trim() === '' ? t('actions.untitled') : node.title) : t('actions.links.deleted')}
              </span>
              {props.readOnly ? null : (
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary wr-icon-btn"
                  aria-label={t('actions.links.remove', { title: nodeLabel(t, node) })}
                  title={t('actions.links.remove', { title: nodeLabel(t, node) })}
                  onClick={() => step(() => void unlinkActionNode(doc, ctx, entry.goalId, nodeId))}
                  data-testid="action-unlink"
                >
                  <span className="kern-icon kern-icon--close" aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.readOnly ? null : candidates.length === 0 ? (
        linked.length === 0 ? (
          <p className="kern-body kern-body--small wr-muted">{t('actions.links.noCandidates')}</p>
        ) : null
      ) : (
        <form
          className="wr-action-links__picker"
          onSubmit={(e) => {
            e.preventDefault();
            if (!valid) return;
            step(() => linkActionNode(doc, ctx, entry.goalId, choice));
            setChoice('');
          }}
        >
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-pick`}>
              {t('actions.links.pick')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select id={`${id}-pick`} className="kern-form-input__select" value={valid ? choice : ''} onChange={(e) => setChoice(e.currentTarget.value)} data-testid="action-link-picker">
                <option value="">{t('actions.links.pickPlaceholder')}</option>
                {candidates.map(({ node, depth }) => (
                  <option key={node.id} value={node.id}>
                    {'\u00a0\u00a0'.repeat(depth - 1)}
                    {nodeLabel(t, node)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary" aria-disabled={!valid} data-testid="action-link-add">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('actions.links.add')}</span>
          </button>
        </form>
      )}
    </div>
  );
}
