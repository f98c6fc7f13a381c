/**
 * "Write privately, then reveal": the moderator publishes everyone's private SWOT drafts at once.
 * The server reads and moves the drafts; the moderator never sees a draft before it is published —
 * only how many cards of how many people are still private (re-counted while the panel is open).
 */

/** How often the count of pending drafts is refreshed while the panel is open. */
const COUNT_MS = 10_000;
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/session/useCommand';
import { CommandError } from '../components/CommandError';

export function DraftsControl() {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const counter = useCommand();
  const [published, setPublished] = useState<number | null>(null);
  const [pending, setPending] = useState<{ cards: number; people: number } | null>(null);
  const runCount = counter.run;

  const count = useCallback(async () => {
    const outcome = await runCount('drafts.count', {});
    if (outcome.ok) setPending({ cards: outcome.cards, people: outcome.people });
  }, [runCount]);

  useEffect(() => {
    void count();
    const timer = setInterval(() => void count(), COUNT_MS);
    return () => clearInterval(timer);
  }, [count]);

  async function publishAll() {
    setPublished(null);
    const outcome = await command.run('drafts.publishAll', {});
    if (outcome.ok) setPublished(outcome.published);
    void count();
  }

  return (
    <section className="wr-drafts-control" aria-labelledby={`${id}-h`} data-testid="drafts-control">
      <h3 id={`${id}-h`} className="kern-label">
        {t('moderation.drafts.heading')}
      </h3>
      <p className="kern-hint">{t('moderation.drafts.hint')}</p>
      <p className="kern-body" data-testid="drafts-pending">
        {pending === null
          ? null
          : pending.cards === 0
            ? t('moderation.drafts.pendingNone')
            : t('moderation.drafts.pending', { count: pending.cards, people: t('moderation.drafts.people', { count: pending.people }) })}
      </p>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        onClick={() => void publishAll()}
        disabled={command.pending}
        data-testid="drafts-publish-all"
      >
        <span className="kern-label">{t('moderation.drafts.publishAll')}</span>
      </button>
      <p className="kern-body" role="status" data-testid="drafts-published">
        {published === null ? null : t('moderation.drafts.published', { count: published })}
      </p>
      <CommandError error={command.error} />
    </section>
  );
}
