/**
 * `/lenkungskreis`: the member's inbox — every draft of every session that was handed over,
 * newest hand-over first, filterable by status. Access only with a member token from an
 * invitation (lenkungskreisStore).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DRAFT_STATUSES, type DraftStatus } from '../../shared/decision';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/Dialog';
import { NoAccess } from '../decisions/LenkungskreisCommon';
import { DevicePanel } from '../decisions/LenkungskreisDevices';
import { formatDateTime } from '../decisions/LenkungskreisModel';
import { DecisionBadge, StatusBadge } from '../decisions/StatusBadge';
import { hasStatus } from '../data/http/api';
import { formatIsoDate } from '../lib/dates';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { forgetMember, loadMember } from '../lib/lenkungskreisStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { errorMessage } from '../data/errors';

/** Statuses a handed-over draft can have (never `entwurf`). */
const FILTERABLE = DRAFT_STATUSES.filter((s) => s !== 'entwurf');

export function LenkungskreisInboxPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('lenkungskreis.inbox.docTitle'));
  const [stored, setStored] = useState(loadMember);
  const [filter, setFilter] = useState<DraftStatus | ''>('');
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const filterId = useId();
  const token = stored?.token;

  const inbox = useFetch(token ? ['lk-inbox', token, filter] : null, async (signal) => (await decisionApi.inbox(token!, filter || undefined, signal)).drafts, {
    // The server no longer accepts the member token: it is of no use on this device any more.
    onError: (err) => {
      if (hasStatus(err, 401)) forgetMember();
    },
  });
  const drafts = inbox.data;

  if (!stored) return <NoAccess reason="none" />;
  if (hasStatus(inbox.error, 401)) return <NoAccess reason="revoked" />;

  return (
    <div className="wr-page wr-page--wide wr-lk-inbox">
      <div className="kern-hgroup wr-hgroup">
        <p className="kern-preline">{t('lenkungskreis.inbox.preline')}</p>
        <h1 className="kern-heading-large">{t('lenkungskreis.inbox.title')}</h1>
        <p className="kern-subline" data-testid="lk-member-name">
          {t('lenkungskreis.inbox.signedInAs', { name: stored.member.displayName })}
        </p>
      </div>
      <p className="kern-body">{t('lenkungskreis.inbox.intro')}</p>

      <div className="wr-lk-toolbar">
        <div className="kern-form-input wr-lk-filter">
          <label className="kern-label" htmlFor={filterId}>
            {t('lenkungskreis.inbox.filter')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select id={filterId} className="kern-form-input__select" value={filter} onChange={(e) => setFilter(e.target.value as DraftStatus | '')} data-testid="lk-inbox-filter">
              <option value="">{t('lenkungskreis.inbox.filterAll')}</option>
              {FILTERABLE.map((s) => (
                <option key={s} value={s}>
                  {t(`lenkungskreis.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setConfirmSignOut(true)} data-testid="lk-sign-out">
          <span className="kern-icon kern-icon--logout" aria-hidden="true" />
          <span className="kern-label">{t('lenkungskreis.inbox.signOut')}</span>
        </button>
      </div>

      <div role="status" aria-live="polite" className="wr-sr-only">
        {drafts ? t('lenkungskreis.inbox.count', { count: drafts.length }) : ''}
      </div>

      {!drafts && inbox.error === undefined ? (
        <p className="kern-body" role="status">
          {t('lenkungskreis.inbox.loading')}
        </p>
      ) : !drafts ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{errorMessage(t, inbox.error)}</p>
          <p>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={inbox.reload}>
              <span className="kern-label">{t('lenkungskreis.retry')}</span>
            </button>
          </p>
        </Alert>
      ) : drafts.length === 0 ? (
        <div className="wr-panel wr-panel--quiet" data-testid="lk-inbox-empty">
          <p className="kern-body">{filter ? t('lenkungskreis.inbox.emptyFiltered', { status: t(`lenkungskreis.status.${filter}`) }) : t('lenkungskreis.inbox.empty')}</p>
        </div>
      ) : (
        <div className="kern-table-responsive wr-lk-table">
          <table className="kern-table" data-testid="lk-inbox-table">
            <caption className="wr-sr-only">{t('lenkungskreis.inbox.caption')}</caption>
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.inbox.reference')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.inbox.draftTitle')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.inbox.session')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.inbox.status')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('lenkungskreis.inbox.version')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('lenkungskreis.inbox.handedOver')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {drafts.map((d) => (
                <tr key={d.id} className="kern-table__row" data-testid="lk-inbox-row" data-draft-id={d.id}>
                  <td className="kern-table__cell wr-lk-nowrap">{d.reference}</td>
                  <th scope="row" className="kern-table__cell wr-lk-table__rowhead">
                    <Link className="kern-link" to={`/lenkungskreis/vorlagen/${encodeURIComponent(d.id)}`} data-testid="lk-inbox-open">
                      {d.title || t('lenkungskreis.untitled')}
                    </Link>
                  </th>
                  <td className="kern-table__cell">
                    <span className="wr-lk-block">{d.session.title}</span>
                    <span className="wr-lk-block kern-body--small wr-muted">
                      {t(`kinds.${d.session.kind}`)}, {formatIsoDate(d.session.date, i18n.language)}
                    </span>
                  </td>
                  <td className="kern-table__cell">
                    <StatusBadge status={d.status} small />
                    {d.decision ? (
                      <span className="wr-lk-block">
                        <DecisionBadge decision={d.decision} small />
                      </span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell kern-table__cell--numeric">{d.latestVersion}</td>
                  <td className="kern-table__cell wr-lk-nowrap">{d.lastHandedOverAt ? formatDateTime(d.lastHandedOverAt, i18n.language) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <DevicePanel
        token={stored.token}
        onCurrentRemoved={() => {
          forgetMember();
          setStored(undefined);
        }}
      />

      {confirmSignOut ? (
        <ConfirmDialog
          title={t('lenkungskreis.inbox.signOutTitle')}
          text={t('lenkungskreis.inbox.signOutText')}
          confirmLabel={t('lenkungskreis.inbox.signOut')}
          testId="lk-sign-out-confirm"
          onCancel={() => setConfirmSignOut(false)}
          onConfirm={() => {
            forgetMember();
            setConfirmSignOut(false);
            setStored(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
