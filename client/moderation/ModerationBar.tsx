/**
 * For everyone in the room header: the agenda item the moderation is on and its phase of the
 * steering cycle, who has the floor, the item's timer, "Folgen" with where one is ("Sie folgen der
 * Moderation" or "Zurück zur Moderation") and the hand raise ("Wortmeldung"). A move of the
 * moderation is said in a polite live region that is shown too.
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
      {state.speakers.current ? (
        <p className="kern-body wr-modbar__speaker" data-testid="current-speaker">
          <HandIcon className="wr-modbar__speaker-icon" />
          {t('moderation.bar.speakerCurrent', { name: state.speakers.current.displayName })}
        </p>
      ) : null}
      {/* Shown and spoken: where the moderation went. Always in the page, so it is announced. */}
      <p className="wr-modbar__moved" role="status" aria-live="polite" data-testid="follow-announcer">
        {follow.announcement ? (
          <span key={follow.announcementSeq} className="wr-modbar__moved-text">
            {follow.announcement}
          </span>
        ) : null}
      </p>
      <div className="wr-modbar__tools">
        <FollowSwitch follow={follow} />
        {self && canRaiseHand(self.role) ? <HandRaise participantId={self.participantId} /> : null}
        <FollowPlace follow={follow} />
        {self && isModerator(self.role) ? (
          // The projector is a page of its own that follows the room (pages/BeamerPage.tsx), opened on the projector's screen.
          <a className="kern-btn kern-btn--tertiary" href={`/s/${state.sessionId}/beamer`} target="_blank" rel="noopener" data-testid="projector-open">
            <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
            <span className="kern-label">
              {t('moderation.bar.beamerOpen')} <span className="wr-sr-only">{t('moderation.bar.beamerOpenHint')}</span>
            </span>
          </a>
        ) : null}
      </div>
      <TimerEndAnnouncer item={item} />
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

/** Where one is: with the moderation ("Sie folgen der Moderation") or elsewhere ("Zurück zur Moderation"). */
function FollowPlace({ follow }: { follow: Follow }) {
  const { t } = useTranslation();
  if (follow.target === null) return null;
  if (follow.inPlace) {
    return follow.follow ? (
      <p className="kern-body kern-body--small wr-modbar__place" data-testid="follow-status">
        <span className="kern-icon kern-icon--check wr-modbar__place-icon" aria-hidden="true" />
        {t('moderation.follow.following')}
      </p>
    ) : null;
  }
  return (
    <button type="button" className="kern-btn kern-btn--secondary kern-btn--small wr-modbar__back" onClick={follow.goToCurrent} data-testid="follow-back">
      <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
      <span className="kern-label">{t('moderation.follow.back')}</span>
    </button>
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
