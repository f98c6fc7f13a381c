/**
 * "Neuer Beschlussentwurf" and "Quellen hinzufügen": a dialog listing the session's consensus
 * outcomes — items of the boards and options of closed voting rounds — as checkboxes grouped by
 * board, then `createDraft` or `addSources`.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { BOARD_KINDS, docName, type BoardKind } from '../../shared/docs';
import type { DraftResponse, SourcePick } from '../../shared/decisionApi';
import { readGoalTree } from '../../shared/schema/goals';
import { TextField } from '../components/TextField';
import { decisionApi } from '../data/http/decisionApi';
import { Dialog } from '../components/Dialog';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { useSyncedDoc } from '../data/docs/syncedDoc';
import { boardCandidates, roundCandidates, type BoardCandidate } from './candidates';
import { roundOptionResultText } from './format';
import { errorMessage } from '../data/errors';

/** Opens a board's document for reading while the picker is shown; re-read on every change. */
function useBoardDocForReading(join: JoinResponse, board: BoardKind): Y.Doc | undefined {
  const { synced, connection } = useSyncedDoc(join.docs[board] ?? docName(join.sessionId, board), join.token);
  return synced && connection.status !== 'connecting' ? synced.doc : undefined;
}

function useDocVersion(doc: Y.Doc | undefined): number {
  const [v, setV] = useState(0);
  useEffect(() => {
    if (!doc) return;
    const bump = () => setV((x) => x + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return v;
}

function useBoardCandidates(join: JoinResponse): Record<BoardKind, BoardCandidate[] | undefined> {
  const { t } = useTranslation();
  const swot = useBoardDocForReading(join, 'swot');
  const priorities = useBoardDocForReading(join, 'priorities');
  const goals = useBoardDocForReading(join, 'goals');
  const actions = useBoardDocForReading(join, 'actions');
  const versions = [useDocVersion(swot), useDocVersion(priorities), useDocVersion(goals), useDocVersion(actions)].join(':');
  return useMemo(() => {
    const tree = goals ? readGoalTree(goals) : undefined;
    return {
      swot: swot ? boardCandidates(t, 'swot', swot) : undefined,
      priorities: priorities ? boardCandidates(t, 'priorities', priorities) : undefined,
      goals: goals ? boardCandidates(t, 'goals', goals) : undefined,
      actions: actions && goals ? boardCandidates(t, 'actions', actions, tree) : undefined,
    };
    // `versions` changes with every update of a board.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, swot, priorities, goals, actions, versions]);
}

interface SourcePickerProps {
  join: JoinResponse;
  /** Add to this draft; without it a new draft is created. */
  draftId?: string;
  onClose: () => void;
  onDone: (res: DraftResponse) => void;
}

export function SourcePicker({ join, draftId, onClose, onDone }: SourcePickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const boards = useBoardCandidates(join);
  const { results } = useSessionSnapshot();
  const rounds = useMemo(() => roundCandidates(t, results, (r, o) => roundOptionResultText(t, r, o, i18n.language)), [t, results, i18n.language]);
  const [chosen, setChosen] = useState<Map<string, SourcePick>>(new Map());
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  function toggle(key: string, pick: SourcePick, on: boolean) {
    setChosen((prev) => {
      const next = new Map(prev);
      if (on) next.set(key, pick);
      else next.delete(key);
      return next;
    });
  }

  async function submit() {
    setError(undefined);
    if (chosen.size === 0) {
      setError(t('decisions.picker.nothingChosen'));
      return;
    }
    setBusy(true);
    try {
      const picks = [...chosen.values()];
      const res = draftId
        ? await decisionApi.addSources(draftId, { picks }, join.token)
        : await decisionApi.createDraft(join.sessionId, { picks, ...(title.trim() ? { title: title.trim() } : {}) }, join.token);
      onDone(res);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={draftId ? t('decisions.picker.addTitle') : t('decisions.picker.title')}
      onClose={onClose}
      testId="source-picker"
      className="wr-dec-picker"
      footer={
        <>
          <p className="kern-body kern-body--small wr-dec-picker__count" aria-live="polite" data-testid="source-picker-count">
            {t('decisions.picker.chosen', { count: chosen.size })}
          </p>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('decisions.picker.cancel')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void submit()} disabled={busy} data-testid="source-picker-submit">
            <span className="kern-label">{draftId ? t('decisions.picker.add') : t('decisions.picker.create')}</span>
          </button>
        </>
      }
    >
      <p className="kern-body">{t('decisions.picker.intro')}</p>
      {error ? (
        <p className="kern-error" role="alert" data-testid="source-picker-error">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      {draftId ? null : (
        <TextField label={t('decisions.picker.titleLabel')} hint={t('decisions.picker.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} testId="source-picker-title" />
      )}
      {BOARD_KINDS.map((board) => {
        const list = boards[board];
        return (
          <fieldset key={board} className="kern-fieldset wr-dec-picker__group" data-testid={`source-group-${board}`}>
            <legend className="kern-label">{t(`decisions.picker.groups.${board}`)}</legend>
            <div className="kern-fieldset__body">
              {list === undefined ? (
                <p className="kern-body kern-body--small" role="status">
                  {t('decisions.picker.loading')}
                </p>
              ) : list.length === 0 ? (
                <p className="kern-body kern-body--small wr-muted">{t('decisions.picker.none')}</p>
              ) : (
                list.map((c) => (
                  <div className="kern-form-check" key={c.key}>
                    <input
                      id={`${id}-${c.key}`}
                      className="kern-form-check__checkbox"
                      type="checkbox"
                      checked={chosen.has(c.key)}
                      onChange={(e) => toggle(c.key, c.pick, e.target.checked)}
                      data-testid="source-option"
                      data-key={c.key}
                    />
                    <label className="kern-label" htmlFor={`${id}-${c.key}`}>
                      {c.label}
                      {c.detail ? <span className="wr-muted wr-dec-picker__detail"> · {c.detail}</span> : null}
                    </label>
                  </div>
                ))
              )}
            </div>
          </fieldset>
        );
      })}
      <fieldset className="kern-fieldset wr-dec-picker__group" data-testid="source-group-rounds">
        <legend className="kern-label">{t('decisions.picker.rounds')}</legend>
        <div className="kern-fieldset__body">
          {rounds.length === 0 ? <p className="kern-body kern-body--small wr-muted">{t('decisions.picker.roundsNone')}</p> : null}
          {rounds.map((r) => (
            <fieldset key={r.roundId} className="kern-fieldset wr-dec-picker__round">
              <legend className="kern-label kern-label--small">
                {`${r.title} · ${t(`decisions.methods.${r.method as 'punktabfrage'}`)} · ${t('decisions.provenance.participants', { count: r.voters })}`}
                {r.nonBinding ? ` · ${t('decisions.picker.nonBinding')}` : ''}
              </legend>
              <div className="kern-fieldset__body">
                {r.options.map((o) => (
                  <div className="kern-form-check" key={o.key}>
                    <input
                      id={`${id}-${o.key}`}
                      className="kern-form-check__checkbox"
                      type="checkbox"
                      checked={chosen.has(o.key)}
                      onChange={(e) => toggle(o.key, o.pick, e.target.checked)}
                      data-testid="source-option"
                      data-key={o.key}
                    />
                    <label className="kern-label" htmlFor={`${id}-${o.key}`}>
                      {o.label}
                      <span className="wr-muted wr-dec-picker__detail">
                        {' · '}
                        {o.result}
                        {o.outcome ? ` · ${t('decisions.picker.outcome', { outcome: o.outcome })}` : ''}
                      </span>
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      </fieldset>
    </Dialog>
  );
}
