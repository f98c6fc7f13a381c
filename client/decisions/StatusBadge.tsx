/**
 * Badges for a decision draft's status and the Lenkungskreis's decision. The labels are
 * shared/decision.ts DRAFT_STATUS_LABELS, translated in lenkungskreis.*.json.
 */
import { useTranslation } from 'react-i18next';
import type { DecisionRecord, DraftStatus } from '../../shared/decision';
import { formatIsoDate } from '../lib/dates';
import { statusVariant } from './LenkungskreisModel';

const ICON: Record<ReturnType<typeof statusVariant>, string> = { info: 'info', success: 'success', warning: 'warning', danger: 'danger' };

/** The draft's status, e.g. "in Beratung", with a "Status:" prefix for screen readers. */
export function StatusBadge({ status, small = false, testId = 'draft-status' }: { status: DraftStatus; small?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const variant = statusVariant(status);
  return (
    <span className={`kern-badge kern-badge--${variant}${small ? ' kern-badge--small' : ''}`} data-testid={testId} data-status={status}>
      <span className={`kern-icon kern-icon--${ICON[variant]}`} aria-hidden="true" />
      <span className="kern-label">
        <span className="wr-sr-only">{t('lenkungskreis.status.prefix')} </span>
        {t(`lenkungskreis.status.${status}`)}
      </span>
    </span>
  );
}

/** The recorded decision: outcome and date, e.g. "beschlossen am 10. Dezember 2026". */
export function DecisionBadge({ decision, small = false }: { decision: DecisionRecord; small?: boolean }) {
  const { t, i18n } = useTranslation();
  const variant = statusVariant(decision.outcome);
  return (
    <span className={`kern-badge kern-badge--${variant}${small ? ' kern-badge--small' : ''}`} data-testid="draft-decision" data-outcome={decision.outcome}>
      <span className={`kern-icon kern-icon--${ICON[variant]}`} aria-hidden="true" />
      <span className="kern-label">
        {t('lenkungskreis.decision.badge', { outcome: t(`lenkungskreis.status.${decision.outcome}`), date: formatIsoDate(decision.decidedOn, i18n.language) })}
      </span>
    </span>
  );
}
