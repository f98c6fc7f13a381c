/**
 * "Write privately, then reveal": the moderator publishes everyone's private SWOT drafts at once.
 * The server reads and moves the drafts; the moderator never sees a draft before it is published.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/session/useCommand';

export function DraftsControl() {
  const { t } = useTranslation();
  const id = useId();
  const command = useCommand();
  const [published, setPublished] = useState<number | null>(null);

  async function publishAll() {
    setPublished(null);
    const outcome = await command.run('drafts.publishAll', {});
    if (outcome.ok) setPublished(outcome.published);
  }

  return (
    <section className="wr-drafts-control" aria-labelledby={`${id}-h`} data-testid="drafts-control">
      <h3 id={`${id}-h`} className="kern-label">
        {t('moderation.drafts.heading')}
      </h3>
      <p className="kern-hint">{t('moderation.drafts.hint')}</p>
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
      {command.error ? (
        <p className="kern-error" role="alert">
          <span className="kern-body">{command.error}</span>
        </p>
      ) : null}
    </section>
  );
}
