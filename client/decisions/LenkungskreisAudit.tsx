/** The audit log of a draft, oldest first: who did what when, the status change, version and hash. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionAuditEvent } from '../../shared/decision';
import { formatDateTime, shortHash } from './LenkungskreisModel';

export function LenkungskreisAudit({ events }: { events: DecisionAuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const status = (s: DecisionAuditEvent['fromStatus']) => (s ? t(`lenkungskreis.status.${s}`) : '–');
  return (
    <section className="wr-lk-section" aria-labelledby={`${id}-title`} data-testid="lk-audit">
      <h2 id={`${id}-title`} className="kern-heading-medium">
        {t('lenkungskreis.audit.title')}
      </h2>
      <p className="kern-body kern-body--small wr-muted">{t('lenkungskreis.audit.intro')}</p>
      {events.length === 0 ? (
        <p className="kern-body wr-muted">{t('lenkungskreis.audit.empty')}</p>
      ) : (
        <div className="kern-table-responsive wr-lk-table">
          <table className="kern-table kern-table--small" data-testid="lk-audit-table">
            <caption className="wr-sr-only">{t('lenkungskreis.audit.title')}</caption>
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.audit.when')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.audit.who')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.audit.action')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.audit.status')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('lenkungskreis.audit.version')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.audit.hash')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {events.map((e) => (
                <tr key={e.id} className="kern-table__row" data-testid="lk-audit-row" data-action={e.action}>
                  <td className="kern-table__cell wr-lk-nowrap">{formatDateTime(e.at, i18n.language)}</td>
                  <td className="kern-table__cell">
                    {e.actor.displayName}
                    <span className="wr-lk-block kern-body--small wr-muted">{t(`lenkungskreis.actorKinds.${e.actor.kind}`)}</span>
                  </td>
                  <th scope="row" className="kern-table__cell wr-lk-table__rowhead">
                    {t(`lenkungskreis.audit.actions.${e.action}`)}
                  </th>
                  <td className="kern-table__cell">
                    {e.fromStatus || e.toStatus ? (
                      <>
                        {status(e.fromStatus)} <span aria-hidden="true">→</span>
                        <span className="wr-sr-only"> {t('lenkungskreis.audit.to')} </span> {status(e.toStatus)}
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{e.version ?? '–'}</td>
                  <td className="kern-table__cell">{e.contentHash ? <code title={e.contentHash}>{shortHash(e.contentHash)}</code> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
