/**
 * For everyone in the room header: the agenda item the moderation is on and its phase of the
 * steering cycle, the item's timer, "Folgen" and the hand raise ("Wortmeldung").
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canRaiseHand, isModerator } from '../../shared/moderationState';
import { HandIcon } from './icons';
import { docLabel } from './labels';
import { currentItemOf, useSessionSnapshot } from '../data/session/sessionContext';
import { TimerDisplay, TimerEndAnnouncer } from './Timer';
import { useCommand } from '../data/session/useCommand';
import type { Follow } from './useFollow';
import './moderation.css';

export function ModerationBar({ follow }: { follow: Follow }) {
  const { t } = useTranslation();
  const { state, self } = useSessionSnapshot();
  if (!state) return null;
  const item = currentItemOf(state.agenda, state.currentItemId);
  const index = item ? state.agenda.indexOf(item) : -1;
  return (
    <div className="wr-modbar" data-testid="moderation-bar">
      <div className="wr-modbar__item">
        {item ? (
          <>
            <p className="kern-preline wr-modbar__preline" data-testid="current-item-phase">
              {t('moderation.bar.position', { n: index + 1, total: state.agenda.length })}
              <span aria-hidden="true"> · </span>
              {t(`moderation.phases.${item.phase}`)}
            </p>
            <p className="wr-modbar__title" data-testid="current-item-title">
              {item.title}
            </p>
            <p className="kern-body kern-body--small wr-muted wr-modbar__board">{t('moderation.bar.board', { board: docLabel(t, item.board) })}</p>
          </>
        ) : (
          <p className="kern-body wr-muted wr-modbar__none" data-testid="current-item-none">
            {state.agenda.length === 0 ? t('moderation.bar.noAgenda') : t('moderation.bar.noItem')}
          </p>
        )}
      </div>
      {item ? <TimerDisplay item={item} /> : null}
      <div className="wr-modbar__tools">
        <FollowSwitch follow={follow} />
        {self && canRaiseHand(self.role) ? <HandRaise participantId={self.participantId} /> : null}
        {self && isModerator(self.role) ? (
          // The projector is a page of its own that follows the room (pages/BeamerPage.tsx), opened on the projector's screen.
          <a className="kern-btn kern-btn--tertiary" href={`/s/${state.sessionId}/beamer`} target="_blank" rel="noopener" data-testid="projector-open">
            <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
            <span className="kern-label">
              {t('beamer.open')} <span className="wr-sr-only">{t('beamer.openHint')}</span>
            </span>
          </a>
        ) : null}
      </div>
      <TimerEndAnnouncer item={item} />
      <div className="wr-sr-only" role="status" aria-live="polite" data-testid="follow-announcer">
        {follow.announcement}
      </div>
    </div>
  );
}

function FollowSwitch({ follow }: { follow: Follow }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="kern-form-check wr-switch wr-modbar__follow">
      <input
        id={id}
        className="kern-form-check__checkbox"
        type="checkbox"
        checked={follow.follow}
        onChange={(e) => follow.setFollow(e.target.checked)}
        aria-describedby={`${id}-hint`}
        data-testid="follow-toggle"
      />
      <label className="kern-label" htmlFor={id}>
        {t('moderation.follow.label')}
        <span id={`${id}-hint`} className="wr-modbar__hint">
          {t('moderation.follow.hint')}
        </span>
      </label>
    </div>
  );
}

/** "Wortmeldung": raise or lower one's hand, with one's place in the queue. */
function HandRaise({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const { state, speakerCalled } = useSessionSnapshot();
  const command = useCommand();
  const [calledMessage, setCalledMessage] = useState('');
  const queue = state?.speakers.queue ?? [];
  const position = queue.findIndex((s) => s.participantId === participantId) + 1;
  const speaking = state?.speakers.current?.participantId === participantId;
  const raised = position > 0;

  useEffect(() => {
    if (speakerCalled?.current?.participantId === participantId) setCalledMessage(t('moderation.hand.calledYou'));
  }, [speakerCalled, participantId, t]);

  return (
    <div className="wr-hand">
      <button
        type="button"
        className={`kern-btn ${raised ? 'kern-btn--primary' : 'kern-btn--secondary'} wr-hand__btn`}
        aria-pressed={raised}
        disabled={command.pending}
        onClick={() => void command.run(raised ? 'hand.lower' : 'hand.raise', {})}
        data-testid="hand-raise"
      >
        <HandIcon className="wr-hand__icon" />
        <span className="kern-label">{t('moderation.hand.button')}</span>
      </button>
      <span className="kern-body kern-body--small wr-hand__status" data-testid="hand-status" data-position={position}>
        {speaking ? t('moderation.hand.speaking') : raised ? t('moderation.hand.position', { n: position, total: queue.length }) : ''}
      </span>
      {command.error ? (
        <span className="kern-error wr-hand__error" role="alert">
          {command.error}
        </span>
      ) : null}
      <span className="wr-sr-only" role="status" aria-live="polite">
        {calledMessage}
      </span>
    </div>
  );
}
