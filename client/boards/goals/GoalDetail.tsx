/**
 * The detail panel of the selected goal: every field, the indicators and what is still missing.
 * It subscribes to its node alone: typing into another goal does not render it again.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  editGoalText,
  GOAL_LEVELS,
  getGoalText,
  measurability,
  requiresMeasurability,
  updateGoal,
  ZIELFELDER,
  type GoalLevel,
  type GoalPatch,
  type Zielfeld,
} from '../../../shared/schema/goals';
import { useItem } from '../../data/boards/hooks';
import { useEditors } from '../../data/docs/presence';
import { CollabText } from './CollabText';
import { DraftInput } from './DraftInput';
import { EditingBadge } from './GoalOutline';
import { IndicatorTable } from './IndicatorTable';
import { gapList, goalTitle } from './labels';
import type { GoalsEnv } from './useGoals';

interface GoalDetailProps {
  env: GoalsEnv;
  id: string | null;
  /** The node's parent was deleted or moved concurrently; the tree placed it elsewhere. */
  repaired: boolean;
}

export function GoalDetail({ env, id: nodeId, repaired }: GoalDetailProps) {
  const { t } = useTranslation();
  const id = useId();
  const node = useItem(env.model.items, nodeId ?? '');
  const editors = useEditors(env.presence, nodeId ?? '');
  const { doc, ctx, readOnly, undoManager, deleteWithUndo } = env;
  if (!node || nodeId === null) {
    return (
      <section className="wr-goal-detail wr-goal-detail--empty" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`} className="kern-heading-small">
          {t('goals.detail.heading')}
        </h3>
        <p className="kern-body wr-muted">{t('goals.detail.none')}</p>
      </section>
    );
  }

  const patch = (p: GoalPatch) => {
    // A field change is an undo step of its own, not merged with typing just before.
    undoManager.stopCapturing();
    updateGoal(doc, ctx, node.id, p);
  };
  const gaps = measurability(node);

  return (
    <section className={`wr-goal-detail wr-level--${node.level}`} aria-labelledby={`${id}-h`} data-testid="goal-detail" data-goal-id={node.id}>
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline wr-level-tag">{t(`goals.levels.${node.level}`)}</p>
        <h3 id={`${id}-h`} className="kern-heading-small wr-goal-detail__heading">
          {goalTitle(t, node)}
        </h3>
      </div>
      {editors.length > 0 ? (
        <p className="kern-body kern-body--small wr-goal-detail__editing">
          <EditingBadge names={editors} />
        </p>
      ) : null}

      {repaired ? (
        <div className="kern-alert kern-alert--info wr-alert" data-testid="goal-repaired-hint">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--info" aria-hidden="true" />
            <span className="kern-title">{t('goals.detail.repairedTitle')}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t('goals.detail.repairedText')}</p>
          </div>
        </div>
      ) : null}

      <div className="wr-goal-detail__measure" data-testid="goal-detail-measurability">
        <h4 className="wr-goal-detail__subheading">{t('goals.detail.measurability')}</h4>
        {!requiresMeasurability(node.level) ? (
          <p className="kern-body kern-body--small wr-muted">{t('goals.measurable.notMeasured')}</p>
        ) : gaps.length === 0 ? (
          <p className="kern-body kern-body--small wr-measurability-ok">
            <span className="kern-icon kern-icon--success" aria-hidden="true" /> {t('goals.measurable.nodeOk')}
          </p>
        ) : (
          <p className="kern-body kern-body--small wr-measurability-missing">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" /> {t('goals.measurable.missing', { gaps: gapList(t, gaps) })}
          </p>
        )}
      </div>

      <div className="wr-goal-detail__fields">
        <div className="kern-form-input wr-field--wide">
          <label className="kern-label" htmlFor={`${id}-title`}>
            {t('goals.detail.title')}
          </label>
          <CollabText
            id={`${id}-title`}
            className="kern-form-input__input"
            text={getGoalText(doc, node.id, 'title')}
            onEdit={(edit) => editGoalText(doc, ctx, node.id, 'title', edit)}
            readOnly={readOnly}
            testId="goal-detail-title"
          />
        </div>
        <div className="kern-form-input wr-field--wide">
          <label className="kern-label" htmlFor={`${id}-desc`}>
            {t('goals.detail.description')}
          </label>
          <CollabText
            multiline
            id={`${id}-desc`}
            rows={3}
            autoGrow
            className="kern-form-input__input wr-textarea"
            text={getGoalText(doc, node.id, 'description')}
            onEdit={(edit) => editGoalText(doc, ctx, node.id, 'description', edit)}
            readOnly={readOnly}
            testId="goal-detail-description"
          />
        </div>
        <SelectField
          id={`${id}-level`}
          label={t('goals.detail.level')}
          value={node.level}
          options={GOAL_LEVELS.map((l) => ({ value: l, label: t(`goals.levels.${l}`) }))}
          disabled={readOnly}
          onChange={(v) => patch({ level: v as GoalLevel })}
          testId="goal-detail-level"
        />
        <SelectField
          id={`${id}-zielfeld`}
          label={t('goals.detail.zielfeld')}
          value={node.zielfeld ?? ''}
          options={[{ value: '', label: t('goals.detail.zielfeldNone') }, ...ZIELFELDER.map((z) => ({ value: z, label: t(`goals.zielfelder.${z}`) }))]}
          disabled={readOnly}
          onChange={(v) => patch({ zielfeld: v === '' ? null : (v as Zielfeld) })}
          testId="goal-detail-zielfeld"
        />
        <PlainField id={`${id}-tg`} label={t('goals.detail.targetGroup')} value={node.targetGroup} readOnly={readOnly} onCommit={(v) => patch({ targetGroup: v })} testId="goal-detail-target-group" />
        <PlainField id={`${id}-area`} label={t('goals.detail.area')} value={node.area} readOnly={readOnly} onCommit={(v) => patch({ area: v })} testId="goal-detail-area" />
        <PlainField
          id={`${id}-owner`}
          label={t('goals.detail.owner')}
          hint={t('goals.detail.ownerHint')}
          value={node.owner}
          readOnly={readOnly}
          onCommit={(v) => patch({ owner: v })}
          testId="goal-detail-owner"
          invalid={requiresMeasurability(node.level) && node.owner.trim() === ''}
        />
      </div>

      <IndicatorTable doc={doc} ctx={ctx} node={node} readOnly={readOnly} undoManager={undoManager} deleteWithUndo={deleteWithUndo} />
    </section>
  );
}

function PlainField(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  readOnly: boolean;
  onCommit: (v: string) => void;
  testId: string;
  invalid?: boolean;
}) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div className="kern-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      <DraftInput
        id={props.id}
        className={`kern-form-input__input${props.invalid ? ' wr-input--gap' : ''}`}
        value={props.value}
        readOnly={props.readOnly}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onCommit={props.onCommit}
        testId={props.testId}
      />
    </div>
  );
}

function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  disabled: boolean;
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={props.id}>
        {props.label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select
          id={props.id}
          className="kern-form-input__select"
          value={props.value}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.currentTarget.value)}
          data-testid={props.testId}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
