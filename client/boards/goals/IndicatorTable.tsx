/**
 * The indicators of one goal: a table on wide screens, one card per indicator on phones (the
 * column headers then show as labels above each field). Each field is its own last-writer-wins
 * value, so two people filling in different cells of one indicator both keep their input.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { addIndicator, moveIndicator, removeIndicator, updateIndicator, type GoalNode, type Indicator, type IndicatorFields } from '../../../shared/schema/goals';
import type { WriteContext } from '../../../shared/schema/items';
import { DraftInput } from './DraftInput';
import { formatNumber, goalTitle, parseNumber } from './labels';

interface IndicatorTableProps {
  doc: Y.Doc;
  ctx: WriteContext;
  node: Pick<GoalNode, 'id' | 'title' | 'indicators'>;
  readOnly: boolean;
  undoManager: Y.UndoManager;
  deleteWithUndo: (message: string, remove: () => boolean) => void;
}

type Column = 'name' | 'unit' | 'baseline' | 'target' | 'deadline' | 'dataSource';
const COLUMNS: readonly Column[] = ['name', 'unit', 'baseline', 'target', 'deadline', 'dataSource'];

export function IndicatorTable({ doc, ctx, node, readOnly, undoManager, deleteWithUndo }: IndicatorTableProps) {
  const { t } = useTranslation();
  const [focusAfterAdd, setFocusAfterAdd] = useState<string | null>(null);
  const step = (fn: () => unknown) => {
    undoManager.stopCapturing();
    fn();
    undoManager.stopCapturing();
  };
  const update = (ind: Indicator, patch: Partial<IndicatorFields>) => step(() => updateIndicator(doc, ctx, node.id, ind.id, patch));
  const count = node.indicators.length;

  return (
    <div className="wr-indicators" data-testid="goal-indicators">
      <h4 className="wr-goal-detail__subheading">{t('goals.indicators.heading')}</h4>
      {count === 0 ? <p className="kern-body kern-body--small wr-muted">{t('goals.indicators.empty')}</p> : null}
      {count > 0 ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small wr-ind-table">
            <caption className="wr-sr-only">{t('goals.indicators.caption', { title: goalTitle(t, node) })}</caption>
            <thead className="wr-ind-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  <span className="wr-sr-only">#</span>
                </th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" className="kern-table__header">
                    {t(`goals.indicators.${c}`)}
                  </th>
                ))}
                {readOnly ? null : (
                  <th scope="col" className="kern-table__header kern-table__header--action">
                    <span className="wr-sr-only">{t('goals.indicators.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {node.indicators.map((ind, i) => (
                <IndicatorRow
                  key={ind.id}
                  ind={ind}
                  n={i + 1}
                  first={i === 0}
                  last={i === count - 1}
                  readOnly={readOnly}
                  autoFocus={focusAfterAdd === ind.id}
                  onUpdate={(patch) => update(ind, patch)}
                  onRemove={() => deleteWithUndo(t('goals.indicators.removed', { n: i + 1 }), () => removeIndicator(doc, ctx, node.id, ind.id))}
                  onMove={(dir) => {
                    const other = node.indicators[i + dir];
                    if (other) step(() => moveIndicator(doc, ctx, node.id, ind.id, dir < 0 ? { before: other.id } : { after: other.id }));
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {readOnly ? null : (
        <p className="wr-indicators__add">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            data-testid="goal-indicator-add"
            onClick={() => {
              let id: string | undefined;
              step(() => (id = addIndicator(doc, ctx, node.id)));
              if (id) setFocusAfterAdd(id);
            }}
          >
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('goals.indicators.add')}</span>
          </button>
        </p>
      )}
    </div>
  );
}

function IndicatorRow(props: {
  ind: Indicator;
  n: number;
  first: boolean;
  last: boolean;
  readOnly: boolean;
  autoFocus: boolean;
  onUpdate: (patch: Partial<IndicatorFields>) => void;
  onRemove: () => void;
  onMove: (dir: -1 | 1) => void;
}) {
  const { t, i18n } = useTranslation();
  const { ind, n, readOnly } = props;
  const [numberError, setNumberError] = useState<Partial<Record<'baseline' | 'target', boolean>>>({});
  const rowLabel = t('goals.indicators.row', { n });
  const cellId = (c: Column) => `ind-${ind.id}-${c}`;

  const numberCell = (c: 'baseline' | 'target') => (
    <td className="kern-table__cell wr-ind-table__cell" key={c}>
      <label className="wr-ind-table__label" htmlFor={cellId(c)}>
        {t(`goals.indicators.${c}`)}
      </label>
      <DraftInput
        id={cellId(c)}
        className={`kern-form-input__input wr-ind-input wr-ind-input--number${ind[c] === null ? ' wr-input--gap' : ''}`}
        inputMode="decimal"
        value={formatNumber(ind[c], i18n.language)}
        readOnly={readOnly}
        aria-invalid={numberError[c] ? true : undefined}
        aria-describedby={numberError[c] ? `${cellId(c)}-err` : undefined}
        testId={`goal-indicator-${c}`}
        onCommit={(v) => {
          const parsed = parseNumber(v);
          const bad = parsed !== null && Number.isNaN(parsed);
          setNumberError((e) => ({ ...e, [c]: bad }));
          if (bad) return false;
          if (parsed !== ind[c]) props.onUpdate({ [c]: parsed });
          return true;
        }}
      />
      {numberError[c] ? (
        <span className="kern-error wr-ind-table__error" id={`${cellId(c)}-err`} role="alert">
          {t('goals.indicators.numberError')}
        </span>
      ) : null}
    </td>
  );

  const textCell = (c: 'name' | 'unit' | 'dataSource', placeholder?: string) => (
    <td className={`kern-table__cell wr-ind-table__cell wr-ind-table__cell--${c}`} key={c}>
      <label className="wr-ind-table__label" htmlFor={cellId(c)}>
        {t(`goals.indicators.${c}`)}
      </label>
      <DraftInput
        id={cellId(c)}
        className="kern-form-input__input wr-ind-input"
        value={ind[c]}
        readOnly={readOnly}
        placeholder={readOnly ? undefined : placeholder}
        autoFocus={c === 'name' && props.autoFocus}
        testId={`goal-indicator-${c === 'dataSource' ? 'data-source' : c}`}
        onCommit={(v) => {
          if (v !== ind[c]) props.onUpdate({ [c]: v });
        }}
      />
    </td>
  );

  return (
    <tr className="kern-table__row wr-ind-table__row" data-testid="goal-indicator" data-indicator-id={ind.id}>
      <th scope="row" className="kern-table__header wr-ind-table__n">
        <span aria-hidden="true">{n}</span>
        <span className="wr-sr-only">{rowLabel}</span>
      </th>
      {textCell('name', t('goals.indicators.placeholderName'))}
      {textCell('unit', t('goals.indicators.placeholderUnit'))}
      {numberCell('baseline')}
      {numberCell('target')}
      <td className="kern-table__cell wr-ind-table__cell">
        <label className="wr-ind-table__label" htmlFor={cellId('deadline')}>
          {t('goals.indicators.deadline')}
        </label>
        <input
          id={cellId('deadline')}
          type="date"
          className={`kern-form-input__input wr-ind-input wr-ind-input--date${ind.deadline === null ? ' wr-input--gap' : ''}`}
          value={ind.deadline ?? ''}
          readOnly={readOnly}
          data-testid="goal-indicator-deadline"
          onChange={(e) => {
            const v = e.currentTarget.value;
            // A date input reports '' while a date is half typed; only complete dates are written.
            if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) props.onUpdate({ deadline: v === '' ? null : v });
          }}
        />
      </td>
      {textCell('dataSource')}
      {readOnly ? null : (
        <td className="kern-table__cell kern-table__cell--action wr-ind-table__actions">
          <button
            type="button"
            className="kern-btn kern-btn--tertiary wr-icon-btn"
            aria-label={t('goals.indicators.moveUp', { n })}
            title={t('goals.indicators.moveUp', { n })}
            aria-disabled={props.first}
            onClick={() => !props.first && props.onMove(-1)}
          >
            <span className="kern-icon kern-icon--arrow-up" aria-hidden="true" />
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--tertiary wr-icon-btn"
            aria-label={t('goals.indicators.moveDown', { n })}
            title={t('goals.indicators.moveDown', { n })}
            aria-disabled={props.last}
            onClick={() => !props.last && props.onMove(1)}
          >
            <span className="kern-icon kern-icon--arrow-down" aria-hidden="true" />
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--tertiary wr-icon-btn"
            aria-label={t('goals.indicators.remove', { n })}
            title={t('goals.indicators.remove', { n })}
            onClick={props.onRemove}
            data-testid="goal-indicator-remove"
          >
            <span className="kern-icon kern-icon--delete" aria-hidden="true" />
          </button>
        </td>
      )}
    </tr>
  );
}
