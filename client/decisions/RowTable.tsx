/**
 * The editable rows of one collection of a draft, as a numbered list of cards: every field with a
 * visible label, bound to the row's fields (`updateDraftRow`); rows added, deleted and moved with
 * buttons (keyboard-accessible), and an optional detail under each row (provenance, a goal's
 * indicators). Cards instead of a table: the editor column is between 20 and 70 rem wide, and a
 * goal has seven fields, so a table would either clip or scroll sideways. In a card, long texts
 * (titles, descriptions) take the first line as growing text areas, and the short fields
 * (numbers, dates, choices) wrap beside each other on the next.
 *
 * Each row is its own component subscribed to its own row (DraftRowsModel, one ItemStore per
 * collection): typing into a cell re-renders that row, not the table — a draft of a hundred
 * rows types as fast as one of three.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { RowCollection } from '../../shared/decision';
import { addDraftRow, deleteDraftRow, moveDraftRow, updateDraftRow, type RowInputs } from '../../shared/schema/decisions';
import type { WriteContext } from '../../shared/schema/items';
import type { DraftRowsModel } from '../data/boards/decisionRows';
import { useItem } from '../data/boards/hooks';
import { cellText, parseCell, rowAnchor, type ColumnKind } from './format';

export interface ColumnOption {
  value: string;
  label: string;
}

/** Options that change with the document (e.g. a measure's goal: the draft's goals), read where they are shown. */
export interface OptionsSource {
  subscribe(listener: () => void): () => void;
  get(): readonly ColumnOption[];
}

export interface Column {
  key: string;
  kind: ColumnKind;
  /** For `enum`: value → label (fixed, or read from the document). */
  options?: readonly ColumnOption[] | OptionsSource;
  /** Wider input (descriptions). */
  wide?: boolean;
  /** The label's key under `decisions.rows.cols` when it is not `key` (e.g. a meeting's date). */
  labelKey?: string;
}

/** A row as the table hands it to `renderDetail`: its id and fields. */
export type RowValues = { id: string } & Record<string, unknown>;

interface RowTableProps {
  doc: Y.Doc;
  ctx: WriteContext;
  draftId: string;
  collection: RowCollection;
  /** The draft's rows; each row reads its own snapshot from here. */
  model: DraftRowsModel;
  /** Row ids in order (from `model`). */
  ids: readonly string[];
  columns: readonly Column[];
  /** The table's caption (the section heading's words). */
  caption: string;
  readOnly: boolean;
  /** Fields every new row starts with (e.g. an indicator's goal). */
  newRow?: Record<string, unknown>;
  addLabel?: string;
  /** A stable function (rows are memo'd): provenance, a goal's indicators. */
  renderDetail?: (row: RowValues) => ReactNode;
  testId: string;
}

/** Whether the browser sizes text areas to their content itself (CSS `field-sizing: content`). */
const fieldSizing = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/**
 * Grows a text area with its content (one line at least). Browsers with `field-sizing` do it
 * themselves (decisions.css: `textarea.wr-dec-cell--wide`); elsewhere the height is measured,
 * which forces a layout of the page (once per change of this cell, not per row of the draft).
 */
function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || fieldSizing) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
  }, [ref, value]);
  // A narrower column wraps more lines.
  useEffect(() => {
    const el = ref.current;
    if (!el || fieldSizing || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      el.style.height = 'auto';
      el.style.height = `${el.scrollHeight + (el.offsetHeight - el.clientHeight)}px`;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
}

/**
 * A field input that shows the shared value unless the person is typing in it. A change of the
 * shared value the person did not type (someone else, an undo) replaces what the input shows.
 */
function Cell({
  id,
  column,
  value,
  readOnly,
  onCommit,
  testId,
}: {
  id: string;
  column: Column;
  value: unknown;
  readOnly: boolean;
  onCommit: (value: unknown) => void;
  testId: string;
}) {
  const { i18n } = useTranslation();
  const shared = cellText(column.kind, value, i18n.language);
  const [local, setLocal] = useState(shared);
  const [focused, setFocused] = useState(false);
  // The shared text of the last value this input committed.
  const committed = useRef(shared);
  useEffect(() => {
    if (!focused || shared !== committed.current) {
      committed.current = shared;
      setLocal(shared);
    }
  }, [shared, focused]);
  const area = useRef<HTMLTextAreaElement>(null);
  const shown = focused ? local : shared;
  useAutoGrow(area, column.wide ? shown : '');

  if (column.kind === 'enum') {
    return (
      <div className="kern-form-input__select-wrapper wr-dec-cell">
      <select
        id={id}
        className="kern-form-input__select wr-dec-cell"
        value={shared}
        disabled={readOnly}
        data-testid={testId}
        onChange={(e) => onCommit(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">–</option>
        <Options options={column.options} />
      </select>
      </div>
    );
  }
  const common = {
    id,
    value: shown,
    readOnly,
    'data-testid': testId,
    onFocus: () => {
      setLocal(shared);
      committed.current = shared;
      setFocused(true);
    },
    onBlur: () => setFocused(false),
    onChange: (e: { target: { value: string } }) => {
      setLocal(e.target.value);
      const parsed = parseCell(column.kind, e.target.value);
      if (parsed !== undefined) {
        committed.current = cellText(column.kind, parsed, i18n.language);
        onCommit(parsed);
      }
    },
  };
  if (column.wide) {
    // Long texts wrap: a text area that grows, where Enter still only adds a line break.
    return <textarea ref={area} rows={1} className="kern-form-input__input wr-dec-cell wr-dec-cell--wide" {...common} />;
  }
  return (
    <input
      className={`kern-form-input__input wr-dec-cell wr-dec-cell--${column.kind}`}
      type={column.kind === 'date' ? 'date' : column.kind === 'link' ? 'url' : 'text'}
      aria-invalid={column.kind === 'link' && focused && parseCell('link', local) === undefined ? true : undefined}
      inputMode={column.kind === 'number' ? 'decimal' : column.kind === 'int' ? 'numeric' : undefined}
      {...common}
    />
  );
}

const NO_OPTIONS: readonly ColumnOption[] = [];
const noSubscribe = () => () => {};

function Options({ options }: { options: Column['options'] }) {
  const source = options && !Array.isArray(options) ? (options as OptionsSource) : undefined;
  const subscribe = useCallback((cb: () => void) => (source ? source.subscribe(cb) : noSubscribe()), [source]);
  const get = useCallback(() => (source ? source.get() : NO_OPTIONS), [source]);
  const dynamic = useSyncExternalStore(subscribe, get, get);
  const list = source ? dynamic : ((options as readonly ColumnOption[] | undefined) ?? NO_OPTIONS);
  return (
    <>
      {list.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** What every row of one table shares; one object per table, stable while none of it changes. */
interface RowEnv {
  doc: Y.Doc;
  ctx: WriteContext;
  draftId: string;
  collection: RowCollection;
  model: DraftRowsModel;
  columns: readonly Column[];
  readOnly: boolean;
  testId: string;
  uid: string;
  renderDetail: ((row: RowValues) => ReactNode) | undefined;
}

export function RowTable({ doc, ctx, draftId, collection, model, ids, columns, caption, readOnly, newRow, addLabel, renderDetail, testId }: RowTableProps) {
  const { t } = useTranslation();
  const uid = useId();
  const env = useMemo<RowEnv>(
    () => ({ doc, ctx, draftId, collection, model, columns, readOnly, testId, uid, renderDetail }),
    [doc, ctx, draftId, collection, model, columns, readOnly, testId, uid, renderDetail],
  );

  function add() {
    addDraftRow(doc, ctx, draftId, collection, (newRow ?? {}) as Partial<RowInputs[RowCollection]>);
  }

  return (
    <div className="wr-dec-table" data-testid={testId}>
      {ids.length === 0 ? <p className="kern-body kern-body--small wr-muted">{t('decisions.rows.empty')}</p> : null}
      {ids.length > 0 ? (
        <ol className="wr-dec-rows" aria-label={caption}>
          {ids.map((id, i) => (
            <DraftRow key={id} id={id} n={i + 1} prevId={ids[i - 1]} nextId={ids[i + 1]} env={env} />
          ))}
        </ol>
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

/** One row: re-renders when its own fields (or its place) changed. */
const DraftRow = memo(function DraftRow({ id, n, prevId, nextId, env }: { id: string; n: number; prevId: string | undefined; nextId: string | undefined; env: RowEnv }) {
  const { t } = useTranslation();
  const store = env.model.store(env.collection);
  const snapshot = useItem(store ?? EMPTY_STORE, id);
  const row = useMemo<RowValues | undefined>(() => (snapshot ? { id, ...snapshot.fields } : undefined), [id, snapshot]);
  if (!row) return null;
  const { doc, ctx, draftId, collection, columns, readOnly, testId, uid } = env;
  const rowLabel = t('decisions.rows.rowLabel', { n });
  const headId = `${uid}-${id}-h`;
  const detail = env.renderDetail?.(row);
  const colLabel = (key: string) => t(`decisions.rows.cols.${key}` as 'decisions.rows.cols.title');
  const field = (c: Column) => {
    const fieldId = `${uid}-${id}-${c.key}`;
    return (
      <div key={c.key} className={`wr-dec-field wr-dec-field--${c.wide ? 'wide' : c.kind}`}>
        <label className="kern-label kern-label--small wr-dec-field__label" htmlFor={fieldId}>
          {colLabel(c.labelKey ?? c.key)}
          <span className="wr-sr-only">{`, ${rowLabel}`}</span>
        </label>
        <Cell
          id={fieldId}
          column={c}
          value={row[c.key]}
          readOnly={readOnly}
          testId={`${testId}-${c.key}`}
          onCommit={(value) => updateDraftRow(doc, ctx, draftId, collection, id, { [c.key]: value })}
        />
      </div>
    );
  };
  const wide = columns.filter((c) => c.wide);
  const compact = columns.filter((c) => !c.wide);
  return (
    <li className="wr-dec-row" id={rowAnchor(id)} data-testid={`${testId}-row`} data-row-id={id} tabIndex={-1}>
      <div className="wr-dec-row__head">
        <span id={headId} className="wr-dec-row__n">
          {rowLabel}
        </span>
        {readOnly ? null : (
          <div className="wr-dec-row__actions" role="group" aria-label={`${t('decisions.rows.actions')}, ${rowLabel}`}>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              disabled={prevId === undefined}
              title={t('decisions.rows.moveUp')}
              onClick={() => prevId !== undefined && moveDraftRow(doc, ctx, draftId, collection, id, { before: prevId })}
              data-testid={`${testId}-up`}
            >
              <span className="wr-glyph" aria-hidden="true">↑</span>
              <span className="wr-sr-only">{`${t('decisions.rows.moveUp')}, ${rowLabel}`}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              disabled={nextId === undefined}
              title={t('decisions.rows.moveDown')}
              onClick={() => nextId !== undefined && moveDraftRow(doc, ctx, draftId, collection, id, { after: nextId })}
              data-testid={`${testId}-down`}
            >
              <span className="wr-glyph" aria-hidden="true">↓</span>
              <span className="wr-sr-only">{`${t('decisions.rows.moveDown')}, ${rowLabel}`}</span>
            </button>
            <button
              type="button"
              className="kern-btn kern-btn--tertiary kern-btn--small"
              title={t('decisions.rows.delete')}
              data-testid={`${testId}-delete`}
              onClick={() => deleteDraftRow(doc, ctx, draftId, collection, id)}
            >
              <span className="kern-icon kern-icon--delete" aria-hidden="true" />
              <span className="wr-sr-only">{`${t('decisions.rows.delete')}, ${rowLabel}`}</span>
            </button>
          </div>
        )}
      </div>
      <div className="wr-dec-row__fields" role="group" aria-labelledby={headId}>
        {wide.length > 0 ? <div className="wr-dec-row__wide">{wide.map(field)}</div> : null}
        {compact.length > 0 ? <div className="wr-dec-row__compact">{compact.map(field)}</div> : null}
      </div>
      {detail ? <div className="wr-dec-row__detail">{detail}</div> : null}
    </li>
  );
});

/** Stands in for a collection whose name another type took (nothing to read). */
const EMPTY_STORE = {
  subscribeItem: () => () => {},
  get: () => undefined,
} as unknown as NonNullable<ReturnType<DraftRowsModel['store']>>;
