/**
 * An editable table over one row collection of a draft: cells bound to the row's fields
 * (`updateDraftRow`), rows added, deleted and moved with buttons (keyboard-accessible), and an
 * optional detail line under each row (provenance, a goal's indicators).
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { RowCollection } from '../../shared/decision';
import { addDraftRow, deleteDraftRow, moveDraftRow, updateDraftRow, type RowInputs } from '../../shared/schema/decisions';
import type { WriteContext } from '../../shared/schema/items';
import { cellText, parseCell, rowAnchor, type ColumnKind } from './format';

export interface Column {
  key: string;
  kind: ColumnKind;
  /** For `enum`: value → label. */
  options?: readonly { value: string; label: string }[];
  /** Wider input (descriptions). */
  wide?: boolean;
}

interface RowTableProps {
  doc: Y.Doc;
  ctx: WriteContext;
  draftId: string;
  collection: RowCollection;
  rows: readonly ({ id: string } & Record<string, unknown>)[];
  columns: readonly Column[];
  /** The table's caption (the section heading's words). */
  caption: string;
  readOnly: boolean;
  /** Fields every new row starts with (e.g. an indicator's goal). */
  newRow?: Record<string, unknown>;
  addLabel?: string;
  renderDetail?: (row: { id: string } & Record<string, unknown>) => ReactNode;
  testId: string;
}

/** A cell input that shows the shared value unless the person is typing in it. */
function Cell({
  column,
  value,
  label,
  readOnly,
  onCommit,
  testId,
}: {
  column: Column;
  value: unknown;
  label: string;
  readOnly: boolean;
  onCommit: (value: unknown) => void;
  testId: string;
}) {
  const { i18n } = useTranslation();
  const shared = cellText(column.kind, value, i18n.language);
  const [local, setLocal] = useState(shared);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setLocal(shared);
  }, [shared, focused]);

  if (column.kind === 'enum') {
    return (
      <select
        className="kern-form-input__select wr-dec-cell"
        aria-label={label}
        value={shared}
        disabled={readOnly}
        data-testid={testId}
        onChange={(e) => onCommit(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">–</option>
        {column.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      className={`kern-form-input__input wr-dec-cell${column.wide ? ' wr-dec-cell--wide' : ''}`}
      type={column.kind === 'date' ? 'date' : 'text'}
      inputMode={column.kind === 'number' ? 'decimal' : column.kind === 'int' ? 'numeric' : undefined}
      aria-label={label}
      value={focused ? local : shared}
      readOnly={readOnly}
      data-testid={testId}
      onFocus={() => {
        setLocal(shared);
        setFocused(true);
      }}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setLocal(e.target.value);
        const parsed = parseCell(column.kind, e.target.value);
        if (parsed !== undefined) onCommit(parsed);
      }}
    />
  );
}

export function RowTable({ doc, ctx, draftId, collection, rows, columns, caption, readOnly, newRow, addLabel, renderDetail, testId }: RowTableProps) {
  const { t } = useTranslation();
  const colLabel = (key: string) => t(`decisions.rows.cols.${key}` as 'decisions.rows.cols.title');

  function add() {
    addDraftRow(doc, ctx, draftId, collection, (newRow ?? {}) as Partial<RowInputs[RowCollection]>);
  }

  return (
    <div className="wr-dec-table" data-testid={testId}>
      {rows.length === 0 ? <p className="kern-body kern-body--small wr-muted">{t('decisions.rows.empty')}</p> : null}
      {rows.length > 0 ? (
        <div className="wr-dec-table__scroll">
          <table className="kern-table kern-table--small wr-dec-table__table">
            <caption className="wr-sr-only">{caption}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  <span className="wr-sr-only">{t('decisions.rows.rowLabel', { n: '' })}</span>#
                </th>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className="kern-table__header">
                    {colLabel(c.key)}
                  </th>
                ))}
                {readOnly ? null : (
                  <th scope="col" className="kern-table__header">
                    {t('decisions.rows.actions')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {rows.map((row, i) => {
                const detail = renderDetail?.(row);
                return (
                  <Fragment key={row.id}>
                    <tr className="kern-table__row" id={rowAnchor(row.id)} data-testid={`${testId}-row`} data-row-id={row.id} tabIndex={-1}>
                      <th scope="row" className="kern-table__header">
                        {i + 1}
                      </th>
                      {columns.map((c) => (
                        <td key={c.key} className="kern-table__cell">
                          <Cell
                            column={c}
                            value={row[c.key]}
                            label={`${colLabel(c.key)}, ${t('decisions.rows.rowLabel', { n: i + 1 })}`}
                            readOnly={readOnly}
                            testId={`${testId}-${c.key}`}
                            onCommit={(value) => updateDraftRow(doc, ctx, draftId, collection, row.id, { [c.key]: value })}
                          />
                        </td>
                      ))}
                      {readOnly ? null : (
                        <td className="kern-table__cell wr-dec-table__actions">
                          <button
                            type="button"
                            className="kern-btn kern-btn--tertiary kern-btn--small"
                            disabled={i === 0}
                            onClick={() => moveDraftRow(doc, ctx, draftId, collection, row.id, { before: rows[i - 1]!.id })}
                          >
                            <span className="wr-glyph" aria-hidden="true">↑</span>
                            <span className="wr-sr-only">{`${t('decisions.rows.moveUp')}, ${t('decisions.rows.rowLabel', { n: i + 1 })}`}</span>
                          </button>
                          <button
                            type="button"
                            className="kern-btn kern-btn--tertiary kern-btn--small"
                            disabled={i === rows.length - 1}
                            onClick={() => moveDraftRow(doc, ctx, draftId, collection, row.id, { after: rows[i + 1]!.id })}
                          >
                            <span className="wr-glyph" aria-hidden="true">↓</span>
                            <span className="wr-sr-only">{`${t('decisions.rows.moveDown')}, ${t('decisions.rows.rowLabel', { n: i + 1 })}`}</span>
                          </button>
                          <button
                            type="button"
                            className="kern-btn kern-btn--tertiary kern-btn--small"
                            data-testid={`${testId}-delete`}
                            onClick={() => deleteDraftRow(doc, ctx, draftId, collection, row.id)}
                          >
                            <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                            <span className="wr-sr-only">{`${t('decisions.rows.delete')}, ${t('decisions.rows.rowLabel', { n: i + 1 })}`}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                    {detail ? (
                      <tr className="kern-table__row wr-dec-table__detail">
                        <td className="kern-table__cell" colSpan={columns.length + (readOnly ? 1 : 2)}>
                          {detail}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {readOnly ? null : (
        <button type="button" className="kern-btn kern-btn--secondary kern-btn--small wr-dec-table__add" onClick={add} data-testid={`${testId}-add`}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{addLabel ?? t('decisions.rows.add', { table: caption })}</span>
        </button>
      )}
    </div>
  );
}
