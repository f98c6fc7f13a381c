/** Start, pause, +1/+5 minutes and reset for one agenda item's timer (moderators). */
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../shared/moderation';
import { PauseIcon, PlayIcon } from './icons';
import { TimerDisplay } from './Timer';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

const MINUTE = 60_000;

export function TimerControls({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const command = useCommand();
  const status = item.timer.status;
  const itemId = item.id;
  return (
    <div className="wr-timer-controls" data-testid="timer-controls">
      <TimerDisplay item={item} size="large" testId="moderator-timer" />
      <div className="wr-timer-controls__buttons" role="group" aria-label={t('moderation.timer.controls', { title: item.title })}>
        {status === 'running' ? (
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void command.run('timer.pause', { itemId })} data-testid="timer-pause">
            <PauseIcon />
            <span className="kern-label">{t('moderation.timer.pause')}</span>
          </button>
        ) : (
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void command.run('timer.start', { itemId })} data-testid="timer-start">
            <PlayIcon />
            <span className="kern-label">{status === 'paused' ? t('moderation.timer.resume') : t('moderation.timer.start')}</span>
          </button>
        )}
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void command.run('timer.extend', { itemId, byMs: MINUTE })} data-testid="timer-plus1">
          <span className="kern-label">{t('moderation.timer.plus', { count: 1 })}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void command.run('timer.extend', { itemId, byMs: 5 * MINUTE })} data-testid="timer-plus5">
          <span className="kern-label">{t('moderation.timer.plus', { count: 5 })}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => void command.run('timer.reset', { itemId })} data-testid="timer-reset">
          <span className="kern-label">{t('moderation.timer.reset')}</span>
        </button>
      </div>
      <CommandError error={command.error} />
    </div>
  );
}
