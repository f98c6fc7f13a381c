/**
 * Managing one session from the dashboard: rename, the facts the Protokoll names (place, start
 * and end, minute-taker), duplicate (the agenda only, a follow-up session with the boards carried forward, or a full copy), archive and restore, delete (saying exactly what goes; the title typed to confirm
 * when the session holds anything), and — for its creator — choosing co-moderators from the
 * installation's accounts.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_MINUTE_TAKER_MAX, SESSION_PLACE_MAX, type SessionContents, type SessionForModerator, type UserInfo } from '../../shared/api';
import { Limits } from '../../shared/limits';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/TextField';
import { useAuth } from '../data/auth';
import { errorMessage } from '../data/errors';
import { api } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';

export interface SessionChange {
  /** The session as it is now (renamed, archived, restored). */
  updated?: SessionForModerator;
  /** A new session (a copy). */
  added?: SessionForModerator;
  /** The id of a deleted session. */
  removed?: string;
}

type Open = 'rename' | 'minutes' | 'duplicate' | 'delete' | 'moderators' | null;

export function SessionActions({ session, onChange }: { session: SessionForModerator; onChange: (change: SessionChange) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const archived = session.archivedAt !== null;
  const isCreator = user?.id === session.createdBy;

  async function run(task: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await task();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  const toggleArchive = () =>
    run(async () => {
      const res = await api.updateSession(session.id, { archived: !archived });
      onChange({ updated: res.session });
    });

  return (
    <div className="wr-session__manage">
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen('rename')} disabled={busy} data-testid="session-rename">
        <span className="kern-label">{t('sessions.manage.rename')}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen('minutes')} disabled={busy} data-testid="session-minutes">
        <span className="kern-label">{t('sessions.manage.minutes')}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen('duplicate')} disabled={busy} data-testid="session-duplicate">
        <span className="kern-label">{t('sessions.manage.duplicate')}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void toggleArchive()} disabled={busy} data-testid={archived ? 'session-restore' : 'session-archive'}>
        <span className="kern-label">{archived ? t('sessions.manage.restore') : t('sessions.manage.archive')}</span>
      </button>
      {isCreator ? (
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen('moderators')} disabled={busy} data-testid="session-comoderators">
          <span className="kern-label">{t('sessions.manage.coModerators')}</span>
        </button>
      ) : null}
      {isCreator ? (
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen('delete')} disabled={busy} data-testid="session-delete">
          <span className="kern-label">{t('sessions.manage.delete')}</span>
        </button>
      ) : null}
      {error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      {open === 'rename' ? (
        <RenameDialog
          session={session}
          onClose={() => setOpen(null)}
          onDone={(s) => {
            setOpen(null);
            onChange({ updated: s });
          }}
        />
      ) : null}
      {open === 'minutes' ? (
        <MinutesDialog
          session={session}
          onClose={() => setOpen(null)}
          onDone={(s) => {
            setOpen(null);
            onChange({ updated: s });
          }}
        />
      ) : null}
      {open === 'duplicate' ? (
        <DuplicateDialog
          session={session}
          onClose={() => setOpen(null)}
          onDone={(s) => {
            setOpen(null);
            onChange({ added: s });
          }}
        />
      ) : null}
      {open === 'moderators' ? <ModeratorsDialog session={session} onClose={() => setOpen(null)} onChange={(s) => onChange({ updated: s })} /> : null}
      {open === 'delete' ? (
        <DeleteDialog
          session={session}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onChange({ removed: session.id });
          }}
        />
      ) : null}
    </div>
  );
}

function RenameDialog({ session, onClose, onDone }: { session: SessionForModerator; onClose: () => void; onDone: (s: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(session.title);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formId = useId();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return setError(t('sessions.titleRequired'));
    setBusy(true);
    try {
      onDone((await api.updateSession(session.id, { title: title.trim() })).session);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('sessions.manage.renameTitle')}
      onClose={onClose}
      testId="session-rename-dialog"
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="submit" form={formId} className="kern-btn kern-btn--primary" disabled={busy} data-testid="session-rename-confirm">
            <span className="kern-label">{t('sessions.manage.save')}</span>
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('sessions.titleLabel')}
          error={error}
          testId="session-rename-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={Limits.sessionTitleMaxLength}
          autoComplete="off"
          required
        />
      </form>
    </Dialog>
  );
}

/** Place, start and end, minute-taker: what the Protokoll names besides title and date. */
function MinutesDialog({ session, onClose, onDone }: { session: SessionForModerator; onClose: () => void; onDone: (s: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const [place, setPlace] = useState(session.minutes.place);
  const [minuteTaker, setMinuteTaker] = useState(session.minutes.minuteTaker);
  const [startTime, setStartTime] = useState(session.minutes.startTime ?? '');
  const [endTime, setEndTime] = useState(session.minutes.endTime ?? '');
  const [endError, setEndError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formId = useId();
  async function submit(e: FormEvent) {
    e.preventDefault();
    // "HH:MM" strings compare like the times they name.
    if (startTime && endTime && endTime < startTime) return setEndError(t('sessions.manage.minutesEndBeforeStart'));
    setEndError(undefined);
    setBusy(true);
    try {
      const minutes = { place: place.trim(), minuteTaker: minuteTaker.trim(), startTime: startTime || null, endTime: endTime || null };
      onDone((await api.updateSession(session.id, { minutes })).session);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('sessions.manage.minutesTitle', { title: session.title })}
      onClose={onClose}
      testId="session-minutes-dialog"
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="submit" form={formId} className="kern-btn kern-btn--primary" disabled={busy} data-testid="session-minutes-confirm">
            <span className="kern-label">{t('sessions.manage.save')}</span>
          </button>
        </>
      }
    >
      <p className="kern-body">{t('sessions.manage.minutesText')}</p>
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('sessions.manage.minutesPlace')}
          hint={t('sessions.manage.minutesPlaceHint')}
          testId="session-minutes-place"
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          maxLength={SESSION_PLACE_MAX}
          autoComplete="off"
        />
        <TextField
          label={t('sessions.manage.minutesStart')}
          testId="session-minutes-start"
          type="time"
          value={startTime}
          onChange={(e) => setStartTime(e.target.value)}
        />
        <TextField
          label={t('sessions.manage.minutesEnd')}
          testId="session-minutes-end"
          type="time"
          error={endError}
          value={endTime}
          onChange={(e) => setEndTime(e.target.value)}
        />
        <TextField
          label={t('sessions.manage.minutesTaker')}
          hint={t('sessions.manage.minutesTakerHint')}
          testId="session-minutes-taker"
          value={minuteTaker}
          onChange={(e) => setMinuteTaker(e.target.value)}
          maxLength={SESSION_MINUTE_TAKER_MAX}
          autoComplete="off"
        />
      </form>
      {error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </Dialog>
  );
}

type DuplicateContent = 'none' | 'carry' | 'copy';
const DUPLICATE_CONTENT: readonly DuplicateContent[] = ['none', 'carry', 'copy'];

function DuplicateDialog({ session, onClose, onDone }: { session: SessionForModerator; onClose: () => void; onDone: (s: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const [content, setContent] = useState<DuplicateContent>('none');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const groupId = useId();
  async function confirm() {
    setBusy(true);
    try {
      onDone((await api.duplicateSession(session.id, { copyContent: content === 'copy', carryForward: content === 'carry' })).session);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('sessions.manage.duplicateTitle')}
      onClose={onClose}
      testId="session-duplicate-dialog"
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void confirm()} disabled={busy} data-testid="session-duplicate-confirm">
            <span className="kern-label">{t('sessions.manage.duplicate')}</span>
          </button>
        </>
      }
    >
      <p className="kern-body">{t('sessions.manage.duplicateText', { title: session.title })}</p>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('sessions.manage.duplicateContent')}</legend>
        <div className="kern-fieldset__body">
          {DUPLICATE_CONTENT.map((c) => (
            <div key={c} className="kern-form-check">
              <input
                id={`${groupId}-${c}`}
                type="radio"
                name={groupId}
                className="kern-form-check__radio"
                checked={content === c}
                onChange={() => setContent(c)}
                aria-describedby={`${groupId}-${c}-hint`}
                data-testid={`session-duplicate-${c}`}
              />
              <label htmlFor={`${groupId}-${c}`} className="kern-label">
                {t(`sessions.manage.duplicateMode.${c}`)}
              </label>
              <p id={`${groupId}-${c}-hint`} className="kern-hint">
                {t(`sessions.manage.duplicateMode.${c}Hint`)}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      {error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </Dialog>
  );
}

function hasContent(c: SessionContents): boolean {
  return c.documents > 0 || c.participants > 0 || c.rounds > 0 || c.drafts > 0;
}

function DeleteDialog({ session, onClose, onDone }: { session: SessionForModerator; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const listed = useFetch(['session-contents', session.id], (signal) => api.sessionContents(session.id, signal));
  const contents = listed.data;
  const [typed, setTyped] = useState('');
  const [actionError, setError] = useState<string | undefined>();
  const error = actionError ?? (listed.error !== undefined ? errorMessage(t, listed.error) : undefined);
  const [busy, setBusy] = useState(false);
  const mustType = contents ? hasContent(contents) : true;
  const confirmed = contents !== undefined && (!mustType || typed.trim() === session.title.trim());
  async function confirm() {
    setBusy(true);
    try {
      await api.deleteSession(session.id);
      onDone();
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('sessions.manage.deleteTitle', { title: session.title })}
      onClose={onClose}
      testId="session-delete-dialog"
      footer={
        <>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose} autoFocus>
            <span className="kern-label">{t('moderation.dialog.cancel')}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void confirm()} disabled={busy || !confirmed} data-testid="session-delete-confirm">
            <span className="kern-label">{t('sessions.manage.deleteConfirm')}</span>
          </button>
        </>
      }
    >
      <p className="kern-body">{t('sessions.manage.deleteText')}</p>
      <ul className="kern-list" data-testid="session-delete-contents">
        <li>{t('sessions.manage.deleteBoards')}</li>
        <li>{t('sessions.manage.deleteVotes', { count: contents?.rounds ?? 0 })}</li>
        <li>{t('sessions.manage.deleteDrafts', { count: contents?.drafts ?? 0 })}</li>
        <li>{t('sessions.manage.deleteParticipants', { count: contents?.participants ?? 0 })}</li>
      </ul>
      <p className="kern-body">{t('sessions.manage.deleteFinal')}</p>
      {contents && mustType ? (
        <TextField
          label={t('sessions.manage.deleteTypeTitle', { title: session.title })}
          testId="session-delete-typed"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
        />
      ) : null}
      {error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </Dialog>
  );
}

/** The creator adds co-moderators from the installation's accounts and removes them. */
function ModeratorsDialog({ session, onClose, onChange }: { session: SessionForModerator; onClose: () => void; onChange: (s: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const listed = useFetch('accounts', async (signal) => (await api.listAccounts(signal)).accounts);
  const accounts: UserInfo[] | undefined = listed.data;
  const [choice, setChoice] = useState('');
  const [actionError, setError] = useState<string | undefined>();
  const error = actionError ?? (listed.error !== undefined ? errorMessage(t, listed.error) : undefined);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const taken = new Set([session.createdBy, ...session.coModerators.map((m) => m.id)]);
  const candidates = accounts?.filter((a) => !taken.has(a.id)) ?? [];

  async function change(task: () => Promise<{ session: SessionForModerator }>) {
    setBusy(true);
    setError(undefined);
    try {
      onChange((await task()).session);
      setChoice('');
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('sessions.manage.coModeratorsTitle', { title: session.title })}
      onClose={onClose}
      testId="session-comoderators-dialog"
      footer={
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose} data-testid="session-comoderators-close">
          <span className="kern-label">{t('sessions.manage.close')}</span>
        </button>
      }
    >
      <p className="kern-body">{t('sessions.manage.coModeratorsText')}</p>
      <h3 className="kern-heading-x-small">{t('sessions.manage.coModeratorsCurrent')}</h3>
      {session.coModerators.length === 0 ? (
        <p className="kern-body" data-testid="session-comoderators-none">
          {t('sessions.manage.coModeratorsNone')}
        </p>
      ) : (
        <ul className="wr-comoderators" data-testid="session-comoderators-list">
          {session.coModerators.map((m) => (
            <li key={m.id} className="wr-comoderators__item" data-testid="session-comoderator">
              <span>
                {m.displayName} <span className="wr-muted">({m.email})</span>
              </span>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                aria-label={t('sessions.manage.coModeratorRemoveLabel', { name: m.displayName })}
                disabled={busy}
                onClick={() => void change(() => api.removeCoModerator(session.id, m.id))}
                data-testid="session-comoderator-remove"
              >
                <span className="kern-label">{t('sessions.manage.coModeratorRemove')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {session.coModerators.length > 0 ? <p className="kern-body kern-body--small wr-muted">{t('sessions.manage.coModeratorRemovedHint')}</p> : null}
      {accounts && candidates.length === 0 ? (
        <p className="kern-body">{t('sessions.manage.coModeratorNoAccounts')}</p>
      ) : accounts ? (
        <form
          className="wr-comoderators__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void change(() => api.addCoModerator(session.id, choice));
          }}
        >
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={selectId}>
              {t('sessions.manage.coModeratorAccount')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select id={selectId} className="kern-form-input__select" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="session-comoderator-select">
                <option value="">{t('sessions.manage.coModeratorChoose')}</option>
                {candidates.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName} ({a.email})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={busy || !choice} data-testid="session-comoderator-add">
            <span className="kern-label">{t('sessions.manage.coModeratorAdd')}</span>
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </Dialog>
  );
}
