/**
 * People in the session (moderators): live role changes, removal with confirmation, and the
 * speakers list with "Nächste Wortmeldung".
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_ROLES, type SessionRole } from '../../shared/domain';
import type { ParticipantSummary, SessionState } from '../../shared/moderation';
import { ConfirmDialog } from '../components/Dialog';
import { useSessionSnapshot } from '../data/session/sessionContext';
import { useCommand } from '../data/session/useCommand';

const ROLE_ORDER: Record<SessionRole, number> = { moderator: 0, participant: 1, observer: 2 };

export function ParticipantsPanel({ state }: { state: SessionState }) {
  return (
    <div className="wr-people">
      <SpeakersQueue state={state} />
      <ParticipantsList />
    </div>
  );
}

function SpeakersQueue({ state }: { state: SessionState }) {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const { current, queue } = state.speakers;
  return (
    <section className="wr-speakers" aria-labelledby={`${id}-h`} data-testid="speakers-queue">
      <h3 id={`${id}-h`} className="kern-heading-small">
        {t('moderation.speakers.heading')}
      </h3>
      <p className="kern-body" data-testid="speakers-current">
        {current ? t('moderation.speakers.current', { name: current.displayName }) : t('moderation.speakers.nobody')}
      </p>
      {queue.length === 0 ? (
        <p className="kern-body wr-muted">{t('moderation.speakers.empty')}</p>
      ) : (
        <ol className="wr-speakers__list" aria-label={t('moderation.speakers.queueLabel')}>
          {queue.map((s) => (
            <li key={s.participantId} className="wr-speakers__item" data-testid="speakers-item">
              <span>{s.displayName}</span>
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
            </li>
          ))}
        </ol>
      )}
      <button
        type="button"
        className="kern-btn kern-btn--primary"
        disabled={command.pending || (queue.length === 0 && current === null)}
        onClick={() => void command.run('speaker.next', {})}
        data-testid="speakers-next"
      >
        <span className="kern-label">{queue.length === 0 && current ? t('moderation.speakers.end') : t('moderation.speakers.next')}</span>
      </button>
      {command.error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{command.error}</span>
        </p>
      ) : null}
    </section>
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
      {command.error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{command.error}</span>
        </p>
      ) : null}
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
