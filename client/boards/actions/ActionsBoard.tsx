/**
 * Board 4 — Handlungskonzept (Wie kommen wir ans Ziel?). For every strategic goal of the Zielbaum,
 * the four Zielfelder side by side, each a co-edited text, plus links to the goal's operative goals
 * and measures, with plain consistency hints. The goal tree's document is opened read-only next
 * to the action plan's own document; nothing here writes to it.
 */
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import {
  clearActionEntry,
  consistencyHints,
  editActionField,
  getActionText,
  linkActionNode,
  readActionPlan,
  unlinkActionNode,
  type ActionEntry,
  type ConsistencyHint,
} from '../../../shared/schema/actions';
import { readGoalTree, ZIELFELDER, type GoalNode, type GoalTree, type Zielfeld } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import { useReportConnection } from '../../data/docs/connections';
import { CollabText } from '../goals/CollabText';
import { GapBadges } from '../goals/Measurability';
import type { BoardProps } from '../types';
import { useBoardDoc } from '../../data/docs/useBoardDoc';
import { useDocSnapshot } from '../goals/useDocSnapshot';
import '../goals/goals.css';
import './actions.css';

interface Snapshot {
  tree: GoalTree | undefined;
  plan: readonly ActionEntry[];
}

export default function ActionsBoard({ doc, ctx, readOnly, view, join, undoManager, deleteWithUndo }: BoardProps) {
  const { t } = useTranslation();
  // The goal tree, read-only: not exposed to tests as `boards.goals` (that is the goals board's own).
  const { board: goalsBoard, connection: goalsConnection } = useBoardDoc(join, 'goals', ctx, { expose: false });
  useReportConnection('actions:goals', goalsBoard ? goalsConnection : undefined);
  const goalsDoc = goalsBoard?.doc;
  const { tree, plan } = useDocSnapshot<Snapshot>(
    () => {
      const goalTree = goalsDoc ? readGoalTree(goalsDoc) : undefined;
      return { tree: goalTree, plan: readActionPlan(doc, goalTree) };
    },
    doc,
    goalsDoc,
  );

  const goalsReady = tree !== undefined && (goalsConnection.status === 'connected' || tree.nodes.length > 0);
  if (!goalsReady) {
    return (
      <p className="kern-body" role="status">
        {t('actions.goalsLoading')}
      </p>
    );
  }

  const current = plan.filter((e) => tree.byId.get(e.goalId)?.level === 'strategisch');
  const orphans = plan.filter((e) => tree.byId.get(e.goalId)?.level !== 'strategisch');
  const stacked = view === 'list';
  const step = (fn: () => void) => {
    undoManager.stopCapturing();
    fn();
    undoManager.stopCapturing();
  };

  return (
    <div className={`wr-action-plan${stacked ? ' wr-action-plan--stacked' : ''}`} data-testid="actions-board">
      {current.length === 0 ? (
        <div className="kern-alert kern-alert--info wr-alert" data-testid="actions-no-goals">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            <span className="kern-title">{t('actions.noGoals')}</span>
          </div>
        </div>
      ) : null}
      {current.map((entry) => (
        <GoalPlan key={entry.goalId} doc={doc} ctx={ctx} entry={entry} tree={tree} readOnly={readOnly} step={step} />
      ))}
      {orphans.length > 0 ? (
        <section className="wr-action-plan__orphans" aria-labelledby="actions-orphans-h">
          <h3 id="actions-orphans-h" className="kern-heading-small">
            {t('actions.orphans.heading')}
          </h3>
          <p className="kern-body kern-body--small wr-muted">{t('actions.orphans.text')}</p>
          {orphans.map((entry) => (
            <GoalPlan
              key={entry.goalId}
              doc={doc}
              ctx={ctx}
              entry={entry}
              tree={tree}
              readOnly={readOnly}
              step={step}
              onClear={() =>
                deleteWithUndo(t('actions.orphans.clear'), () => {
                  clearActionEntry(doc, ctx, entry.goalId);
                  return true;
                })
              }
            />
          ))}
        </section>
      ) : null}
    </div>
  );
}

/** Operative goals and measures below a strategic goal, in outline order, with their depth below it. */
function subtreeCandidates(tree: GoalTree, goalId: string): { node: GoalNode; depth: number }[] {
  const out: { node: GoalNode; depth: number }[] = [];
  const walk = (id: string, depth: number) => {
    const node = tree.byId.get(id);
    if (!node) return;
    if (depth > 0) out.push({ node, depth });
    for (const child of node.childIds) walk(child, depth + 1);
  };
  walk(goalId, 0);
  return out;
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

interface GoalPlanProps {
  doc: Y.Doc;
  ctx: WriteContext;
  entry: ActionEntry;
  tree: GoalTree;
  readOnly: boolean;
  step: (fn: () => void) => void;
  onClear?: () => void;
}

function GoalPlan({ doc, ctx, entry, tree, readOnly, step, onClear }: GoalPlanProps) {
  const { t } = useTranslation();
  const id = useId();
  const goal = tree.byId.get(entry.goalId);
  const hints = consistencyHints(entry, tree);
  const linked = entry.linkedNodeIds.map((nodeId) => ({ nodeId, node: tree.byId.get(nodeId) }));
  const title = goal ? (goal.title.trim() === '' ? t('actions.untitled') : goal.title) : t('actions.links.deleted');

  return (
    <section className="wr-action-goal" aria-labelledby={`${id}-h`} data-testid="action-goal" data-goal-id={entry.goalId}>
      <div className="wr-action-goal__head">
        <div className="kern-hgroup wr-hgroup">
          <p className="kern-preline">{goal ? t(`goals.levels.${goal.level}`) : t('actions.goalHeading')}</p>
          <h3 id={`${id}-h`} className="kern-heading-small wr-action-goal__title" data-testid="action-goal-title">
            {title}
          </h3>
        </div>
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

      <div className="wr-action-fields">
        {ZIELFELDER.map((z) => (
          <ActionField
            key={z}
            doc={doc}
            ctx={ctx}
            goalId={entry.goalId}
            zielfeld={z}
            empty={entry.fields[z].trim() === ''}
            readOnly={readOnly}
            linkedHere={linked.filter((l) => l.node?.zielfeld === z).map((l) => l.node as GoalNode)}
          />
        ))}
      </div>

      <LinkPanel entry={entry} tree={tree} linked={linked} readOnly={readOnly || !goal} doc={doc} ctx={ctx} step={step} />

      {onClear && !readOnly ? (
        <p className="wr-action-goal__clear">
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={onClear} data-testid="action-clear">
            <span className="kern-icon kern-icon--delete" aria-hidden="true" />
            <span className="kern-label">{t('actions.orphans.clear')}</span>
          </button>
        </p>
      ) : null}
    </section>
  );
}

function ActionField(props: {
  doc: Y.Doc;
  ctx: WriteContext;
  goalId: string;
  zielfeld: Zielfeld;
  empty: boolean;
  readOnly: boolean;
  linkedHere: GoalNode[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const { doc, ctx, goalId, zielfeld: z } = props;
  return (
    <div className={`wr-action-field wr-zielfeld--${z}${props.empty ? ' wr-action-field--empty' : ''}`} data-testid={`action-column-${z}`}>
      <h4 id={`${id}-h`} className="wr-action-field__title">
        {/* A break opportunity after the slash: "Leistungsangebote/Produkte" fits narrow columns. */}
        {t(`actions.fields.${z}.title`).replace('/', '/\u200b')}
      </h4>
      <p id={`${id}-q`} className="wr-action-field__question">
        {t(`actions.fields.${z}.question`)}
      </p>
      <CollabText
        multiline
        rows={4}
        autoGrow
        className="kern-form-input__input wr-textarea wr-action-field__text"
        aria-labelledby={`${id}-h ${id}-q`}
        aria-describedby={props.empty ? `${id}-e` : undefined}
        text={getActionText(doc, goalId, z)}
        onEdit={(edit) => editActionField(doc, ctx, goalId, z, edit)}
        readOnly={props.readOnly}
        testId={`action-field-${z}`}
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
}

function LinkPanel(props: {
  entry: ActionEntry;
  tree: GoalTree;
  linked: { nodeId: string; node: GoalNode | undefined }[];
  readOnly: boolean;
  doc: Y.Doc;
  ctx: WriteContext;
  step: (fn: () => void) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const { entry, tree, linked, doc, ctx, step } = props;
  const [choice, setChoice] = useState('');
  const linkedIds = new Set(entry.linkedNodeIds);
  const candidates = subtreeCandidates(tree, entry.goalId).filter((c) => !linkedIds.has(c.node.id));
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
