/**
 * The agenda item's timer on the server clock. Every device computes the remaining time from the
 * server's `endsAt` and its own clock offset, so all show the same second. At the end: a quiet
 * visual signal (no sound) and one polite announcement for screen readers.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timerRemainingMs, type AgendaItem, type TimerState } from '../../shared/moderationState';
import { displaySeconds, formatClock } from '../data/session/clock';
import { useServerNow, useSessionSnapshot } from '../data/session/sessionContext';

/** Remaining ms of a timer, re-computed while it runs. */
export function useTimerRemaining(timer: TimerState | undefined): number {
  const now = useServerNow(timer?.status === 'running');
  return timer ? timerRemainingMs(timer, now) : 0;
}

interface TimerDisplayProps {
  item: AgendaItem;
  size?: 'compact' | 'large' | 'projector';
  testId?: string;
}

export function TimerDisplay({ item, size = 'compact', testId = 'timer' }: TimerDisplayProps) {
  const { t } = useTranslation();
  const remaining = useTimerRemaining(item.timer);
  const seconds = displaySeconds(remaining);
  const status = item.timer.status;
  const ended = status === 'ended' || (status === 'running' && remaining <= 0);
  const shown = formatClock(seconds);
  const statusText = ended ? t('moderation.timer.status.ended') : t(`moderation.timer.status.${status}`);
  return (
    <div
      className={`wr-timer wr-timer--${size}${ended ? ' wr-timer--ended' : ''} wr-timer--${status}`}
      data-testid={testId}
      data-status={ended ? 'ended' : status}
      data-seconds={seconds}
    >
      {/* role="timer" is not live: screen readers read it on demand, the end is announced separately. */}
      <span role="timer" className="wr-timer__clock" aria-label={t('moderation.timer.aria', { time: shown, title: item.title })} data-testid={`${testId}-clock`}>
        {shown}
      </span>
      <span className="wr-timer__status">{statusText}</span>
    </div>
  );
}

/** Says "Die Zeit für diesen Punkt ist abgelaufen" once when the current item's time runs out. */
export function TimerEndAnnouncer({ item }: { item: AgendaItem | undefined }) {
  const { t } = useTranslation();
  const { timerEnded } = useSessionSnapshot();
  const remaining = useTimerRemaining(item?.timer);
  const [message, setMessage] = useState('');
  const last = useRef<{ itemId: string; at: number } | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const endsAt = item?.timer.status === 'running' ? item.timer.endsAt : null;
  const localEnd = item !== undefined && endsAt !== null && remaining <= 0;
  const serverEnd = item !== undefined && timerEnded !== null && timerEnded.itemId === item.id;
  const endTime = localEnd ? endsAt : serverEnd ? timerEnded.endedAt : null;

  const itemId = item?.id;
  useEffect(() => {
    if (itemId === undefined || endTime === null) return;
    // The local countdown and the server's `timer.ended` describe the same ending: say it once.
    const prev = last.current;
    if (prev && prev.itemId === itemId && Math.abs(prev.at - endTime) < 5_000) return;
    last.current = { itemId, at: endTime };
    // Emptied first, so a second ending of the same item is read again.
    setMessage('');
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setMessage(t('moderation.timer.endedAnnouncement')), 50);
  }, [itemId, endTime, t]);
  useEffect(() => () => clearTimeout(pending.current), []);

  return (
    <div className="wr-sr-only" role="status" aria-live="polite" data-testid="timer-announcer">
      {message}
    </div>
  );
}
