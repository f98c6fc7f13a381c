/**
 * The agenda along the steering cycle: add, edit, reorder and remove items; move the session to
 * an item ("Zu diesem Punkt wechseln"); the current item's timer controls.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../shared/docs';
import { ModerationLimits, STEERING_PHASES, type AgendaItem, type SessionState, type SteeringPhase } from '../../shared/moderationState';
import { ConfirmDialog } from '../components/Dialog';
import { docLabel } from './labels';
import { TimerControls } from './TimerControls';
import { currentItemOf } from '../data/session/sessionContext';
import { useCommand } from '../data/session/useCommand';

interface ItemDraft {
  title: string;
  phase: SteeringPhase;
  board: DocKind;
  minutes: string;
}

const PHASE_BOARD: Record<SteeringPhase, DocKind> = {
  wo_stehen_wir: 'swot',
  wo_wollen_wir_hin: 'priorities',
  wie_kommen_wir_ans_ziel: 'actions',
  wie_ueberpruefen_wir: 'goals',
};

function draftOf(item: AgendaItem): ItemDraft {
  return { title: item.title, phase: item.phase, board: item.board, minutes: String(item.plannedMinutes) };
}

function parseMinutes(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= ModerationLimits.plannedMinutesMax ? n : null;
}

type FocusTarget = { itemId: string; action: 'up' | 'down' | 'edit' };

export function AgendaEditor({ state, docs }: { state: SessionState; docs: readonly DocKind[] }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  // Open for an empty agenda; afterwards it stays as the moderator leaves it.
  const [addOpen, setAddOpen] = useState(state.agenda.length === 0);
  const listRef = useRef<HTMLOListElement>(null);
  const focusAfter = useRef<FocusTarget | null>(null);
  const current = currentItemOf(state.agenda, state.currentItemId);

  // After a move, the moved item's button keeps the focus (React may have re-inserted its node).
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = null;
    const el =
      listRef.current?.querySelector<HTMLElement>(`[data-item="${target.itemId}"] [data-action="${target.action}"]`) ??
      listRef.current?.querySelector<HTMLElement>(`[data-item="${target.itemId}"] button`);
    el?.focus();
  }, [state.agenda, editing]);

  async function move(item: AgendaItem, delta: -1 | 1) {
    const ids = state.agenda.map((i) => i.id);
    const from = ids.indexOf(item.id);
    const to = from + delta;
    if (to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, item.id);
    // At the edge the button disappears; the other one takes the focus.
    const edge = (delta === -1 && to === 0) || (delta === 1 && to === ids.length - 1);
    focusAfter.current = { itemId: item.id, action: edge ? (delta === -1 ? 'down' : 'up') : delta === -1 ? 'up' : 'down' };
    await command.run('agenda.reorder', { itemIds: ids });
  }

  async function remove(item: AgendaItem) {
    setRemoving(null);
    await command.run('agenda.remove', { itemId: item.id });
  }

  return (
    <div className="wr-agenda" data-testid="agenda-editor">
      <div className="wr-agenda__current">
        <h3 className="kern-heading-small">{t('moderation.agenda.currentHeading')}</h3>
        {current ? (
          <>
            <p className="kern-body">
              <strong>{current.title}</strong> · {t(`moderation.phases.${current.phase}`)} · {docLabel(t, current.board)}
            </p>
            <TimerControls item={current} />
          </>
        ) : (
          <p className="kern-body wr-muted">{state.agenda.length === 0 ? t('moderation.agenda.emptyHint') : t('moderation.agenda.noCurrent')}</p>
        )}
      </div>

      <h3 className="kern-heading-small" id={`${id}-list`}>
        {t('moderation.agenda.heading')}
      </h3>
      {command.error ? (
        <p className="kern-error" role="alert" data-testid="agenda-error">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{command.error}</span>
        </p>
      ) : null}
      {state.agenda.length === 0 ? <p className="kern-body wr-muted">{t('moderation.agenda.empty')}</p> : null}
      <ol className="wr-agenda__list" aria-labelledby={`${id}-list`} ref={listRef}>
        {state.agenda.map((item, i) => {
          const isCurrent = item.id === state.currentItemId;
          return (
            <li
              key={item.id}
              className={`wr-agenda__item${isCurrent ? ' wr-agenda__item--current' : ''}`}
              data-item={item.id}
              data-testid="agenda-item"
              aria-current={isCurrent ? 'step' : undefined}
            >
              {editing === item.id ? (
                <ItemForm
                  docs={docs}
                  initial={draftOf(item)}
                  submitLabel={t('moderation.agenda.save')}
                  onCancel={() => {
                    focusAfter.current = { itemId: item.id, action: 'edit' };
                    setEditing(null);
                  }}
                  onSubmit={async (d, minutes) => {
                    const res = await command.run('agenda.update', { itemId: item.id, title: d.title, phase: d.phase, board: d.board, plannedMinutes: minutes });
                    if (res.ok) {
                      focusAfter.current = { itemId: item.id, action: 'edit' };
                      setEditing(null);
                    }
                    return res.ok;
                  }}
                />
              ) : (
                <>
                  <div className="wr-agenda__text">
                    <span className="wr-agenda__num" aria-hidden="true">
                      {i + 1}
                    </span>
                    <div>
                      <p className="wr-agenda__title" data-testid="agenda-item-title">
                        {item.title}
                        {isCurrent ? <span className="kern-badge kern-badge--info wr-agenda__badge"><span className="kern-label">{t('moderation.agenda.currentBadge')}</span></span> : null}
                      </p>
                      <p className="kern-body kern-body--small wr-muted">
                        {t(`moderation.phases.${item.phase}`)} · {docLabel(t, item.board)} · {t('moderation.agenda.minutes', { count: item.plannedMinutes })}
                      </p>
                    </div>
                  </div>
                  <div className="wr-agenda__actions">
                    {!isCurrent ? (
                      <button
                        type="button"
                        className="kern-btn kern-btn--secondary kern-btn--x-small"
                        data-action="goto"
                        onClick={() => void command.run('agenda.goto', { itemId: item.id })}
                        data-testid="agenda-goto"
                      >
                        <span className="kern-label">
                          {t('moderation.agenda.goto')}
                          <span className="wr-sr-only">: {item.title}</span>
                        </span>
                      </button>
                    ) : null}
                    <IconButton icon="edit" label={t('moderation.agenda.edit', { title: item.title })} action="edit" onClick={() => setEditing(item.id)} testId="agenda-edit" />
                    {i > 0 ? <IconButton icon="arrow-up" label={t('moderation.agenda.up', { title: item.title })} action="up" onClick={() => void move(item, -1)} testId="agenda-up" /> : null}
                    {i < state.agenda.length - 1 ? (
                      <IconButton icon="arrow-down" label={t('moderation.agenda.down', { title: item.title })} action="down" onClick={() => void move(item, 1)} testId="agenda-down" />
                    ) : null}
                    <IconButton icon="delete" label={t('moderation.agenda.remove', { title: item.title })} action="remove" onClick={() => setRemoving(item)} testId="agenda-remove" />
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {state.currentItemId !== null ? (
        <p>
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => void command.run('agenda.goto', { itemId: null })} data-testid="agenda-goto-none">
            <span className="kern-label">{t('moderation.agenda.gotoNone')}</span>
          </button>
        </p>
      ) : null}

      {state.agenda.length < ModerationLimits.agendaItems ? (
        <details className="wr-agenda__add" open={addOpen} onToggle={(e) => setAddOpen(e.currentTarget.open)}>
          <summary className="kern-body wr-agenda__add-summary" data-testid="agenda-add-toggle">
            {t('moderation.agenda.addHeading')}
          </summary>
          <ItemForm
            docs={docs}
            initial={{ title: '', phase: 'wo_stehen_wir', board: docs.includes('swot') ? 'swot' : (docs[0] ?? 'notes'), minutes: '15' }}
            submitLabel={t('moderation.agenda.add')}
            onSubmit={async (d, minutes) => (await command.run('agenda.add', { title: d.title, phase: d.phase, board: d.board, plannedMinutes: minutes })).ok}
            suggestBoard
          />
        </details>
      ) : null}

      {removing ? (
        <ConfirmDialog
          title={t('moderation.agenda.removeConfirmTitle')}
          text={t('moderation.agenda.removeConfirmText', { title: removing.title })}
          confirmLabel={t('moderation.agenda.removeConfirm')}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
          testId="agenda-remove-dialog"
        />
      ) : null}
    </div>
  );
}

function IconButton({ icon, label, action, onClick, testId }: { icon: string; label: string; action: string; onClick: () => void; testId: string }) {
  return (
    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small wr-icon-btn" data-action={action} onClick={onClick} title={label} data-testid={testId}>
      <span className={`kern-icon kern-icon--${icon}`} aria-hidden="true" />
      <span className="wr-sr-only">{label}</span>
    </button>
  );
}

interface ItemFormProps {
  docs: readonly DocKind[];
  initial: ItemDraft;
  submitLabel: string;
  /** Resolves true when the server took it. */
  onSubmit: (draft: ItemDraft, minutes: number) => Promise<boolean>;
  onCancel?: () => void;
  /** Picking a phase proposes its usual board (until the board was chosen by hand). */
  suggestBoard?: boolean;
}

function ItemForm({ docs, initial, submitLabel, onSubmit, onCancel, suggestBoard = false }: ItemFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [boardTouched, setBoardTouched] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const minutes = parseMinutes(draft.minutes);
    if (draft.title.trim() === '') return setError(t('moderation.agenda.titleMissing'));
    if (minutes === null) return setError(t('moderation.agenda.minutesInvalid', { max: ModerationLimits.plannedMinutesMax }));
    setError(undefined);
    setBusy(true);
    try {
      const ok = await onSubmit({ ...draft, title: draft.title.trim() }, minutes);
      if (ok && !onCancel) {
        // Ready for the next item: same phase and board, a fresh title.
        setDraft((d) => ({ ...d, title: '' }));
        titleRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="wr-agenda__form" onSubmit={(e) => void submit(e)} data-testid="agenda-form" noValidate>
      <div className="kern-form-input wr-agenda__field--title">
        <label className="kern-label" htmlFor={`${id}-title`}>
          {t('moderation.agenda.title')}
        </label>
        <input
          ref={titleRef}
          id={`${id}-title`}
          className="kern-form-input__input"
          value={draft.title}
          maxLength={ModerationLimits.agendaTitleMaxLength}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          aria-invalid={error !== undefined && draft.title.trim() === '' ? true : undefined}
          autoFocus={onCancel !== undefined}
          data-testid="agenda-form-title"
        />
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${id}-phase`}>
          {t('moderation.agenda.phase')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-phase`}
            className="kern-form-input__select"
            value={draft.phase}
            onChange={(e) => {
              const phase = e.target.value as SteeringPhase;
              const proposed = PHASE_BOARD[phase];
              setDraft({ ...draft, phase, board: suggestBoard && !boardTouched && docs.includes(proposed) ? proposed : draft.board });
            }}
            data-testid="agenda-form-phase"
          >
            {STEERING_PHASES.map((p) => (
              <option key={p} value={p}>
                {t(`moderation.phases.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${id}-board`}>
          {t('moderation.agenda.board')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-board`}
            className="kern-form-input__select"
            value={draft.board}
            onChange={(e) => {
              setBoardTouched(true);
              setDraft({ ...draft, board: e.target.value as DocKind });
            }}
            data-testid="agenda-form-board"
          >
            {(docs.includes(draft.board) ? docs : [...docs, draft.board]).map((d) => (
              <option key={d} value={d}>
                {docLabel(t, d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kern-form-input wr-agenda__field--minutes">
        <label className="kern-label" htmlFor={`${id}-min`}>
          {t('moderation.agenda.plannedMinutes')}
        </label>
        <input
          id={`${id}-min`}
          className="kern-form-input__input kern-form-input__input--width-4"
          type="number"
          inputMode="numeric"
          min={1}
          max={ModerationLimits.plannedMinutesMax}
          value={draft.minutes}
          onChange={(e) => setDraft({ ...draft, minutes: e.target.value })}
          data-testid="agenda-form-minutes"
        />
      </div>
      <div className="wr-agenda__form-actions">
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy} data-testid="agenda-form-submit">
          <span className="kern-label">{submitLabel}</span>
        </button>
        {onCancel ? (
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onCancel} data-testid="agenda-form-cancel">
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="kern-error wr-agenda__form-error" role="alert">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </form>
  );
}
