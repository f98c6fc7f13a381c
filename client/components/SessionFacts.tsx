import { useTranslation } from 'react-i18next';
import type { SessionPublic } from '../../shared/api';
import type { SessionRole } from '../../shared/domain';
import { formatIsoDate } from '../lib/dates';

const ROLE_BADGE: Record<SessionRole, 'success' | 'info' | 'warning'> = {
  moderator: 'success',
  participant: 'info',
  observer: 'warning',
};

export function RoleBadge({ role }: { role: SessionRole }) {
  const { t } = useTranslation();
  return (
    <span className={`kern-badge kern-badge--${ROLE_BADGE[role]}`} data-testid="role-badge" data-role={role}>
      <span className={`kern-icon kern-icon--${role === 'observer' ? 'visibility' : role === 'moderator' ? 'account-circle' : 'edit'}`} aria-hidden="true" />
      <span className="kern-label">{t(`roles.${role}`)}</span>
    </span>
  );
}

/** Kind, date and (optionally) the viewer's role of a session, as a compact description list. */
export function SessionFacts({ session, role }: { session: SessionPublic; role?: SessionRole }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="wr-facts">
      <div className="wr-facts__item">
        <dt className="wr-facts__key">{t('room.kind')}</dt>
        <dd className="wr-facts__value" data-testid="session-kind">
          {t(`kinds.${session.kind}`)}
          <span className="wr-facts__hint">{t(`kindHints.${session.kind}`)}</span>
        </dd>
      </div>
      <div className="wr-facts__item">
        <dt className="wr-facts__key">{t('room.date')}</dt>
        <dd className="wr-facts__value">{formatIsoDate(session.date, i18n.language)}</dd>
      </div>
      {role ? (
        <div className="wr-facts__item">
          <dt className="wr-facts__key">{t('room.role')}</dt>
          <dd className="wr-facts__value">
            <RoleBadge role={role} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
