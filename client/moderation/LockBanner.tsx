import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../shared/docs';
import { LockIcon } from './icons';
import { docLabel } from './labels';
import { useSessionState } from '../data/session/sessionContext';

/** Whether the moderation locked this document (read-only for everyone but moderators). */
export function useDocLocked(doc: DocKind): boolean {
  const state = useSessionState();
  return state?.locked.includes(doc) ?? false;
}

/** Tells everyone that a document is locked; moderators learn that they still can edit it. */
export function LockBanner({ doc, moderator }: { doc: DocKind; moderator: boolean }) {
  const { t } = useTranslation();
  const locked = useDocLocked(doc);
  if (!locked) return null;
  const name = docLabel(t, doc);
  return (
    <div className="kern-alert kern-alert--warning wr-alert wr-lock-banner" role="status" data-testid="lock-banner" data-doc={doc}>
      <div className="kern-alert__header">
        <LockIcon className="wr-lock-banner__icon" />
        <span className="kern-title">{t('moderation.lock.bannerTitle', { name })}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{moderator ? t('moderation.lock.bannerModerator') : t('moderation.lock.bannerText')}</p>
      </div>
    </div>
  );
}
