/**
 * Parallel tables, the moderator's side: split the room (board, by choice / actor group / at
 * random, how many tables), move people, name a facilitator per table, merge the tables' results
 * into the plenary board or end the tables.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../shared/docs';
import { TABLE_BOARDS, TABLE_SPLIT_MODES, TableLimits, type SessionState, type TableBoard, type TableSplitMode } from '../../shared/moderationState';
import { useCommand } from '../data/session/useCommand';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { CommandError } from '../components/CommandError';

export function TablesControl({ state, docs }: { state: SessionState; docs: readonly DocKind[] }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const { participants } = useSessionSnapshot();
  const boards = TABLE_BOARDS.filter((b) => docs.includes(b));
  const [board, setBoard] = useState<TableBoard>(boards[0] ?? 'swot');
  const [mode, setMode] = useState<TableSplitMode>('random');
  const [count, setCount] = useState(2);
  const [merged, setMerged] = useState<number | null>(null);
  const tables = state.tables;
  const nameOf = (pid: string) => participants?.find((p) => p.participantId === pid)?.displayName ?? '…';
  const seatable = (participants ?? []).filter((p) => p.role === 'participant');

  async function merge() {
    if (!window.confirm(t('tables.control.mergeConfirm'))) return;
    const outcome = await command.run('tables.merge', {});
    if (outcome.ok) setMerged(outcome.merged);
  }

  return (
    <section className="wr-tables-control" aria-labelledby={`${id}-h`} data-testid="tables-control">
      <h3 id={`${id}-h`} className="kern-label">
        {t('tables.control.heading')}
      </h3>
      {!tables ? (
        <form
          className="wr-tables-control__split"
          onSubmit={(e) => {
            e.preventDefault();
            setMerged(null);
            void command.run('tables.split', { board, mode, count });
          }}
        >
          <p className="kern-hint">{t('tables.control.hint')}</p>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-board`}>
              {t('tables.control.board')}
            </label>
            <select id={`${id}-board`} className="kern-form-input__select" value={board} onChange={(e) => setBoard(e.target.value as TableBoard)} data-testid="tables-board">
              {boards.map((b) => (
                <option key={b} value={b}>
                  {t(`boards.${b}.title`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('tables.control.mode')}</legend>
            {TABLE_SPLIT_MODES.map((m) => (
              <div key={m} className="kern-form-check">
                <input className="kern-form-check__radio" type="radio" id={`${id}-mode-${m}`} name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} data-testid={`tables-mode-${m}`} />
                <label className="kern-label" htmlFor={`${id}-mode-${m}`}>
                  {t(`tables.mode.${m}`)}
                </label>
              </div>
            ))}
          </fieldset>
          {mode !== 'actorGroup' ? (
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-count`}>
                {t('tables.control.count')}
              </label>
              <input
                id={`${id}-count`}
                className="kern-form-input__input"
                type="number"
                min={TableLimits.minTables}
                max={TableLimits.maxTables}
                value={count}
                onChange={(e) => setCount(Math.min(TableLimits.maxTables, Math.max(TableLimits.minTables, Number(e.target.value) || TableLimits.minTables)))}
                data-testid="tables-count"
              />
            </div>
          ) : null}
          <button type="submit" className="kern-btn kern-btn--primary" disabled={command.pending || boards.length === 0} data-testid="tables-split">
            <span className="kern-label">{t('tables.control.split')}</span>
          </button>
        </form>
      ) : (
        <>
          <p className="kern-body">{t('tables.control.running', { board: t(`boards.${tables.board}.title`), count: tables.tables.length })}</p>
          <ul className="wr-tables-control__list">
            {tables.tables.map((table) => (
              <li key={table.id} data-testid={`tables-control-${table.number}`}>
                <p className="kern-body">
                  <strong>{t('tables.name', { number: table.number })}</strong>
                  {table.actorGroup ? ` · ${t(`moderation.actorGroups.${table.actorGroup}`)}` : ''}
                  {' · '}
                  {t('tables.members', { count: table.members.length })}
                  {table.members.length > 0 ? `: ${table.members.map(nameOf).join(', ')}` : ''}
                </p>
                <div className="kern-form-input">
                  <label className="kern-label" htmlFor={`${id}-fac-${table.id}`}>
                    {t('tables.control.facilitator', { number: table.number })}
                  </label>
                  <select
                    id={`${id}-fac-${table.id}`}
                    className="kern-form-input__select"
                    value={table.facilitatorId ?? ''}
                    onChange={(e) => void command.run('tables.setFacilitator', { tableId: table.id, participantId: e.target.value || null })}
                    data-testid={`tables-facilitator-${table.number}`}
                  >
                    <option value="">{t('tables.control.noFacilitator')}</option>
                    {table.members.map((m) => (
                      <option key={m} value={m}>
                        {nameOf(m)}
                      </option>
                    ))}
                  </select>
                </div>
              </li>
            ))}
          </ul>
          {seatable.length > 0 ? (
            <details>
              <summary className="kern-label">{t('tables.control.seating')}</summary>
              <ul className="wr-tables-control__list">
                {seatable.map((p) => {
                  const at = tables.tables.find((x) => x.members.includes(p.participantId));
                  return (
                    <li key={p.participantId} className="kern-form-input">
                      <label className="kern-label" htmlFor={`${id}-seat-${p.participantId}`}>
                        {p.displayName}
                      </label>
                      <select
                        id={`${id}-seat-${p.participantId}`}
                        className="kern-form-input__select"
                        value={at?.id ?? ''}
                        onChange={(e) => {
                          if (e.target.value) void command.run('tables.assign', { participantId: p.participantId, tableId: e.target.value });
                        }}
                      >
                        {at ? null : <option value="">{t('tables.control.unseated')}</option>}
                        {tables.tables.map((x) => (
                          <option key={x.id} value={x.id}>
                            {t('tables.name', { number: x.number })}
                          </option>
                        ))}
                      </select>
                    </li>
                  );
                })}
              </ul>
            </details>
          ) : null}
          <p className="wr-tables-control__actions">
            <button type="button" className="kern-btn kern-btn--primary" onClick={() => void merge()} disabled={command.pending} data-testid="tables-merge">
              <span className="kern-label">{t('tables.control.merge')}</span>
            </button>{' '}
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              onClick={() => {
                if (window.confirm(t('tables.control.endConfirm'))) void command.run('tables.end', {});
              }}
              disabled={command.pending}
              data-testid="tables-end"
            >
              <span className="kern-label">{t('tables.control.end')}</span>
            </button>
          </p>
        </>
      )}
      <p className="kern-body" role="status" data-testid="tables-merged">
        {merged === null ? null : t('tables.control.merged', { count: merged })}
      </p>
      <CommandError error={command.error} />
    </section>
  );
}
