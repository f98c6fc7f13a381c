/**
 * People in the session (moderators): live role changes, removal with confirmation, and the
 * speakers list: the running turn and its time, "Nächste Wortmeldung", ending a turn, moving people
 * up and down (buttons, so the keyboard does it), first-time speakers first, speaking time per turn.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_ROLES, type SessionRole } from '../../shared/domain';
import type { ParticipantSummary, SessionState } from '../../shared/moderation';
import { ConfirmDialog } from '../components/Dialog';
import { formatClock } from '../data/session/clock';
import { useServerNow, useSessionSnapshot } from '../data/session/sessionContext';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

const ROLE_ORDER: Record<SessionRole, number> = { moderator: 0, participant: 1, observer: 2 };

export function ParticipantsPanel({ state }: { state: SessionState }) {
  return (
    <div className="wr-people">
      <SpeakersQueue state={state} />
      <ParticipantsList />
    </div>
  );
}

const TURN_MINUTES = [1, 2, 3, 5, 10];

function SpeakersQueue({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const { current, queue, firstTimeFirst, turnMs } = state.speakers;
  const [moved, setMoved] = useState('');
  const move = async (participantId: string, displayName: string, position: number) => {
    const res = await command.run('speaker.move', { participantId, position });
    if (res.ok) setMoved(t('moderation.speakers.moved', { name: displayName, n: position + 1 }));
  };
  return (
    <section className="wr-speakers" aria-labelledby={`${id}-h`} data-testid="speakers-queue">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('moderation.speakers.heading')}
      </h3>
      <div className="wr-speakers__current">
        <p className="kern-body" data-testid="speakers-current">
          {current ? t('moderation.bar.speakerCurrent', { name: current.displayName }) : t('moderation.speakers.nobody')}
          {current ? (
            <>
              {' '}
              <SpeakingTime startedAt={current.startedAt} turnMs={turnMs} />
            </>
          ) : null}
        </p>
        {current ? (
          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={command.pending} onClick={() => void command.run('speaker.end', {})} data-testid="speakers-end">
            <span className="kern-label">{t('moderation.speakers.endTurn')}</span>
          </button>
        ) : null}
      </div>
      {queue.length === 0 ? (
        <p className="kern-body wr-muted">{t('moderation.speakers.empty')}</p>
      ) : (
        <ol className="wr-speakers__list" aria-label={t('moderation.speakers.queueLabel')}>
          {queue.map((s, i) => (
            <li key={s.participantId} className="wr-speakers__item" data-testid="speakers-item" data-participant-id={s.participantId}>
              <span>
                {s.displayName}
                <span className="wr-muted kern-body--small">
                  {' · '}
                  {s.turns === 0 ? t('moderation.speakers.firstTime') : t('moderation.speakers.turns', { count: s.turns })}
                </span>
              </span>
              <span className="wr-speakers__actions">
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary kern-btn--x-small"
                  disabled={i === 0 || command.pending}
                  onClick={() => void move(s.participantId, s.displayName, i - 1)}
                  data-testid="speakers-up"
                >
                  <span className="kern-icon kern-icon--arrow-up" aria-hidden="true" />
                  <span className="kern-label wr-sr-only">
                    {t('moderation.speakers.moveUp')}: {s.displayName}
                  </span>
                </button>
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary kern-btn--x-small"
                  disabled={i === queue.length - 1 || command.pending}
                  onClick={() => void move(s.participantId, s.displayName, i + 1)}
                  data-testid="speakers-down"
                >
                  <span className="kern-icon kern-icon--arrow-down" aria-hidden="true" />
                  <span className="kern-label wr-sr-only">
                    {t('moderation.speakers.moveDown')}: {s.displayName}
                  </span>
                </button>
                <button
                  type="button"
                  className="kern-btn kern-btn--tertiary kern-btn--x-small"
                  onClick={() => void command.run('hand.lower', { participantId: s.participantId })}
                >
                  <span className="kern-label">
                    {t('moderation.speakers.lower')}
                    <span className="wr-sr-only">: {s.displayName}</span>
                  </span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="wr-sr-only" role="status" aria-live="polite">
        {moved}
      </div>
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        disabled={command.pending || (queue.length === 0 && current === null)}
        onClick={() => void command.run('speaker.next', {})}
        data-testid="speakers-next"
      >
        <span className="kern-label">{queue.length === 0 && current ? t('moderation.speakers.end') : t('moderation.speakers.next')}</span>
      </button>
      <div className="wr-speakers__settings">
        <div className="kern-form-check">
          <input
            id={`${id}-ftf`}
            className="kern-form-check__checkbox"
            type="checkbox"
            checked={firstTimeFirst}
            disabled={command.pending}
            onChange={(e) => void command.run('speaker.configure', { firstTimeFirst: e.target.checked })}
            aria-describedby={`${id}-ftf-hint`}
            data-testid="speakers-first-time-first"
          />
          <label className="kern-label" htmlFor={`${id}-ftf`}>
            {t('moderation.speakers.firstTimeFirst')}
          </label>
        </div>
        <p id={`${id}-ftf-hint`} className="kern-body kern-body--small wr-muted">
          {t('moderation.speakers.firstTimeFirstHint')}
        </p>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-turn`}>
            {t('moderation.speakers.turnTime')}
          </label>
          <select
            id={`${id}-turn`}
            className="kern-form-input__select"
            value={turnMs === null ? '' : String(turnMs)}
            disabled={command.pending}
            onChange={(e) => void command.run('speaker.configure', { turnMs: e.target.value === '' ? null : Number(e.target.value) })}
            data-testid="speakers-turn-time"
          >
            <option value="">{t('moderation.speakers.turnNone')}</option>
            {TURN_MINUTES.map((m) => (
              <option key={m} value={String(m * 60_000)}>
                {t('moderation.speakers.minutes', { count: m })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CommandError error={command.error} />
    </section>
  );
}

/** "spricht seit 01:23 (von 02:00)", ticking on the server clock. */
function SpeakingTime({ startedAt, turnMs }: { startedAt: number; turnMs: number | null }) {
  const { t } = useTranslation();
  const now = useServerNow(true, 500);
  const time = formatClock(Math.floor(Math.max(0, now - startedAt) / 1000));
  return (
    <span className="wr-speakers__time" data-testid="speakers-time">
      {turnMs === null ? t('moderation.speakers.speaking', { time }) : t('moderation.speakers.speakingOf', { time, limit: formatClock(Math.round(turnMs / 1000)) })}
    </span>
  );
}

function ParticipantsList() {
  const { t } = useTranslation();
  const id = useId();
  const { participants, self } = useSessionSnapshot();
  const command = useCommand();
  const [removing, setRemoving] = useState<ParticipantSummary | null>(null);
  // A chosen role shows at once; the next participant list confirms it (or it falls back).
  const [pendingRole, setPendingRole] = useState<Record<string, SessionRole>>({});

  async function setRole(participantId: string, role: SessionRole) {
    setPendingRole((p) => ({ ...p, [participantId]: role }));
    await command.run('participant.setRole', { participantId, role });
    setPendingRole((p) => {
      const next = { ...p };
      delete next[participantId];
      return next;
    });
  }
  const list = [...(participants ?? [])].sort(
    (a, b) => Number(b.online) - Number(a.online) || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.displayName.localeCompare(b.displayName),
  );
  const online = list.filter((p) => p.online).length;

  return (
    <section className="wr-participants" aria-labelledby={`${id}-h`} data-testid="participants-list">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('moderation.people.heading')} <span className="wr-count">{t('moderation.people.count', { online, total: list.length })}</span>
      </h3>
      <CommandError error={command.error} />
      {participants === null ? <p className="kern-body" role="status">{t('moderation.panel.loading')}</p> : null}
      <ul className="wr-participants__list">
        {list.map((p) => {
          const isSelf = p.participantId === self?.participantId;
          return (
            <li key={p.participantId} className={`wr-participants__row${p.online ? '' : ' wr-participants__row--offline'}`} data-testid="participant-row" data-name={p.displayName}>
              <div className="wr-participants__who">
                <span className={`wr-dot${p.online ? ' wr-dot--online' : ''}`} aria-hidden="true" />
                <span className="wr-participants__name">
                  {p.displayName}
                  {isSelf ? <span className="wr-muted"> {t('moderation.people.self')}</span> : null}
                </span>
                <span className="wr-sr-only">{p.online ? t('moderation.people.online') : t('moderation.people.offline')}</span>
                {p.handRaised ? (
                  <span className="kern-badge kern-badge--warning kern-badge--small">
                    <span className="kern-label">{t('moderation.people.hand')}</span>
                  </span>
                ) : null}
                {p.actorGroup ? <span className="kern-body kern-body--small wr-muted">{t(`moderation.actorGroups.${p.actorGroup}`)}</span> : null}
              </div>
              {isSelf ? (
                <span className="kern-body kern-body--small">{t(`roles.${p.role}`)}</span>
              ) : (
                <div className="wr-participants__actions">
                  <div className="kern-form-input wr-participants__role">
                    <label className="wr-sr-only" htmlFor={`${id}-${p.participantId}-role`}>
                      {t('moderation.people.roleOf', { name: p.displayName })}
                    </label>
                    <div className="kern-form-input__select-wrapper">
                      <select
                        id={`${id}-${p.participantId}-role`}
                        className="kern-form-input__select"
                        value={pendingRole[p.participantId] ?? p.role}
                        onChange={(e) => void setRole(p.participantId, e.target.value as SessionRole)}
                        data-testid="participant-role"
                      >
                        {SESSION_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`moderation.people.roles.${r}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                  <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setRemoving(p)} data-testid="participant-remove">
                    <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                    <span className="kern-label">
                      {t('moderation.people.remove')}
                      <span className="wr-sr-only">: {p.displayName}</span>
                    </span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {removing ? (
        <ConfirmDialog
          title={t('moderation.people.removeTitle', { name: removing.displayName })}
          text={t('moderation.people.removeText')}
          confirmLabel={t('moderation.people.removeConfirm')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const p = removing;
            setRemoving(null);
            void command.run('participant.remove', { participantId: p.participantId });
          }}
          testId="participant-remove-dialog"
        />
      ) : null}
    </section>
  );
}
