/**
 * The completeness check, computed live on this device from the co-edited draft and the server's
 * provenance with the shared `checkCompleteness` (the same function the server runs at hand-over).
 */
import { useTranslation } from 'react-i18next';
import type { CompletenessFinding } from '../../shared/decision';
import { countFindings, findingTarget } from './format';

function focusTarget(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const focusable = el.matches('input, select, textarea, [contenteditable="true"]')
    ? el
    : el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, [contenteditable="true"], button');
  (focusable ?? el).focus();
}

export function CompletenessPanel({ findings }: { findings: readonly CompletenessFinding[] }) {
  const { t } = useTranslation();
  const counts = countFindings(findings);
  return (
    <section className="wr-dec-check" aria-labelledby="decision-check-heading" data-testid="decision-check" data-blocking={counts.blocking} data-total={counts.total}>
      <h3 id="decision-check-heading" className="kern-heading-small" tabIndex={-1}>
        {t('decisions.check.heading')}
      </h3>
      <p className="kern-body wr-dec-check__summary" aria-live="polite" aria-atomic="true" data-testid="decision-check-summary">
        {counts.total === 0 ? t('decisions.check.complete') : t('decisions.check.summary', { count: counts.total, blocking: counts.blocking })}
      </p>
      {findings.length > 0 ? (
        <ul className="wr-dec-check__list">
          {findings.map((f, i) => (
            <li key={`${f.id}:${f.itemId ?? i}`} className={`wr-dec-check__item wr-dec-check__item--${f.severity}`} data-testid="decision-finding" data-finding={f.id} data-severity={f.severity}>
              <span className="wr-dec-check__text">
                <span className={`kern-badge kern-badge--small kern-badge--${f.severity === 'blocking' ? 'danger' : f.severity === 'warning' ? 'warning' : 'info'}`}>
                  <span className="kern-label kern-label--small">{t(`decisions.check.${f.severity}`)}</span>
                </span>{' '}
                <FindingText finding={f} />
              </span>
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--small wr-dec-check__jump" onClick={() => focusTarget(findingTarget(f))}>
                <span className="kern-label">{t('decisions.check.goTo', { field: t(`decisions.fields.${f.field}`) })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function FindingText({ finding: f }: { finding: CompletenessFinding }) {
  const { t } = useTranslation();
  if (f.id === 'goal_not_measurable') return <span>{t('decisions.check.findings.goal_not_measurable', { gaps: (f.gaps ?? []).map((g) => t(`decisions.check.gaps.${g}`)).join(', ') })}</span>;
  if (f.id === 'zielfeld_not_covered') return <span>{t('decisions.check.findings.zielfeld_not_covered', { zielfelder: (f.zielfelder ?? []).map((z) => t(`decisions.zielfelder.${z}`)).join(', ') })}</span>;
  if (f.id === 'consensus_not_recorded' && !f.itemId) return <span>{t('decisions.check.consensusNoneAtAll')}</span>;
  return <span>{t(`decisions.check.findings.${f.id}`)}</span>;
}

/**
 * Where the check sits below the editor (a narrow area), a button at the top leads to it, with
 * its summary; beside the editor the button is hidden (decisions.css).
 */
export function CompletenessJump({ findings }: { findings: readonly CompletenessFinding[] }) {
  const { t } = useTranslation();
  const counts = countFindings(findings);
  const summary = counts.total === 0 ? t('decisions.check.complete') : t('decisions.check.summary', { count: counts.total, blocking: counts.blocking });
  return (
    <button
      type="button"
      className="kern-btn kern-btn--tertiary kern-btn--small wr-dec-check-jump"
      onClick={() => {
        const heading = document.getElementById('decision-check-heading');
        heading?.scrollIntoView({ block: 'start' });
        heading?.focus();
      }}
      data-testid="decision-check-jump"
    >
      <span className={`kern-icon kern-icon--${counts.blocking > 0 ? 'warning' : 'arrow-downward'}`} aria-hidden="true" />
      <span className="kern-label">{t('decisions.check.jump', { summary })}</span>
    </button>
  );
}
