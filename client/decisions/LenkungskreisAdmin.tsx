/**
 * The moderator's administration of the Lenkungskreis on the dashboard (login cookie): create
 * an invitation (shown once: link, copy button, QR code), list invitations (open, used, expired;
 * withdraw) and members (revoke, with confirmation).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DecisionLimits, type CreatedInvitation, type LenkungskreisInvitation, type LenkungskreisMember } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { ConfirmDialog } from '../components/Dialog';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { CopyButton, InvitationQr } from './LenkungskreisCommon';
import { formatDateTime, invitationState, parseValidDays, type InvitationState } from './LenkungskreisModel';
import { errorMessage } from '../data/errors';

type Pending = { kind: 'withdraw'; invitation: LenkungskreisInvitation } | { kind: 'revoke'; member: LenkungskreisMember };

const STATE_BADGE: Record<InvitationState, string> = { open: 'info', used: 'success', expired: 'warning' };

export function LenkungskreisAdmin() {
  const { t, i18n } = useTranslation();
  // Re-read quietly after every change made here; a failed read replaces the lists with its error.
  const lists = useFetch('lk-admin', async (signal) => {
    const [i, m] = await Promise.all([decisionApi.listInvitations(signal), decisionApi.listMembers(signal)]);
    return { invitations: i.invitations, members: m.members };
  });
  const [created, setCreated] = useState<CreatedInvitation | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [announce, setAnnounce] = useState('');
  const headingId = useId();

  async function confirm(p: Pending) {
    setPending(undefined);
    setActionError(undefined);
    try {
      if (p.kind === 'withdraw') {
        await decisionApi.withdrawInvitation(p.invitation.id);
        setAnnounce(t('lenkungskreis.admin.withdrawn'));
      } else {
        await decisionApi.revokeMember(p.member.id);
        setAnnounce(t('lenkungskreis.admin.revoked', { name: p.member.displayName }));
      }
    } catch (err) {
      setActionError(errorMessage(t, err));
    }
    lists.refresh();
  }

  const now = new Date();
  return (
    <section className="wr-panel wr-lk-admin" aria-labelledby={headingId} data-testid="lk-admin">
      <h2 id={headingId} className="kern-heading-medium">
        {t('lenkungskreis.admin.title')}
      </h2>
      <p className="kern-body">{t('lenkungskreis.admin.intro')}</p>
      <div role="status" aria-live="polite" className="wr-sr-only">
        {announce}
      </div>
      <div className="wr-lk-admin__grid">
        <div>
          <InvitationForm
            onCreated={(c) => {
              setCreated(c);
              lists.refresh();
            }}
          />
          {created ? <CreatedInvitationNotice created={created} onDone={() => setCreated(undefined)} /> : null}
        </div>
        <div>
          {actionError ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{actionError}</p>
            </Alert>
          ) : null}
          {lists.error !== undefined ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{errorMessage(t, lists.error)}</p>
              <p>
                <button type="button" className="kern-btn kern-btn--secondary" onClick={lists.refresh}>
                  <span className="kern-label">{t('lenkungskreis.retry')}</span>
                </button>
              </p>
            </Alert>
          ) : !lists.data ? (
            <p className="kern-body" role="status">
              {t('lenkungskreis.admin.loading')}
            </p>
          ) : (
            <>
              <h3 className="kern-heading-small">{t('lenkungskreis.admin.invitations')}</h3>
              {lists.data.invitations.length === 0 ? (
                <p className="kern-body wr-muted">{t('lenkungskreis.admin.noInvitations')}</p>
              ) : (
                <div className="kern-table-responsive wr-lk-table">
                  <table className="kern-table kern-table--small" data-testid="lk-invitations">
                    <caption className="wr-sr-only">{t('lenkungskreis.admin.invitations')}</caption>
                    <thead>
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.label')}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.state')}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.validUntil')}
                        </th>
                        <th scope="col" className="kern-table__header kern-table__header--action">
                          <span className="wr-sr-only">{t('lenkungskreis.admin.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {lists.data.invitations.map((inv) => {
                        const state = invitationState(inv, now);
                        const label = inv.label || t('lenkungskreis.admin.noLabel');
                        return (
                          <tr key={inv.id} className="kern-table__row" data-testid="lk-invitation" data-state={state}>
                            <th scope="row" className="kern-table__cell wr-lk-table__rowhead">
                              {label}
                              <span className="wr-lk-block kern-body--small wr-muted">{t('lenkungskreis.admin.createdAt', { date: formatDateTime(inv.createdAt, i18n.language) })}</span>
                            </th>
                            <td className="kern-table__cell">
                              <span className={`kern-badge kern-badge--${STATE_BADGE[state]} kern-badge--small`}>
                                <span className="kern-label">{t(`lenkungskreis.admin.states.${state}`)}</span>
                              </span>
                            </td>
                            <td className="kern-table__cell wr-lk-nowrap">{formatDateTime(inv.expiresAt, i18n.language)}</td>
                            <td className="kern-table__cell kern-table__cell--action">
                              {state === 'open' ? (
                                <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setPending({ kind: 'withdraw', invitation: inv })} data-testid="lk-invitation-withdraw">
                                  <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                                  <span className="kern-label">
                                    {t('lenkungskreis.admin.withdraw')}
                                    <span className="wr-sr-only">: {label}</span>
                                  </span>
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <h3 className="kern-heading-small">{t('lenkungskreis.admin.members')}</h3>
              {lists.data.members.length === 0 ? (
                <p className="kern-body wr-muted">{t('lenkungskreis.admin.noMembers')}</p>
              ) : (
                <div className="kern-table-responsive wr-lk-table">
                  <table className="kern-table kern-table--small" data-testid="lk-members">
                    <caption className="wr-sr-only">{t('lenkungskreis.admin.members')}</caption>
                    <thead>
                      <tr className="kern-table__row">
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.name')}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.since')}
                        </th>
                        <th scope="col" className="kern-table__header">
                          {t('lenkungskreis.admin.state')}
                        </th>
                        <th scope="col" className="kern-table__header kern-table__header--action">
                          <span className="wr-sr-only">{t('lenkungskreis.admin.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody className="kern-table__body">
                      {lists.data.members.map((m) => (
                        <tr key={m.id} className="kern-table__row" data-testid="lk-member" data-revoked={m.revokedAt ? 'true' : 'false'}>
                          <th scope="row" className="kern-table__cell wr-lk-table__rowhead">
                            {m.displayName}
                          </th>
                          <td className="kern-table__cell wr-lk-nowrap">{formatDateTime(m.createdAt, i18n.language)}</td>
                          <td className="kern-table__cell">
                            <span className={`kern-badge kern-badge--${m.revokedAt ? 'warning' : 'success'} kern-badge--small`}>
                              <span className="kern-label">{m.revokedAt ? t('lenkungskreis.admin.memberRevoked') : t('lenkungskreis.admin.memberActive')}</span>
                            </span>
                          </td>
                          <td className="kern-table__cell kern-table__cell--action">
                            {m.revokedAt ? null : (
                              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => setPending({ kind: 'revoke', member: m })} data-testid="lk-member-revoke">
                                <span className="kern-icon kern-icon--close" aria-hidden="true" />
                                <span className="kern-label">
                                  {t('lenkungskreis.admin.revoke')}
                                  <span className="wr-sr-only">: {m.displayName}</span>
                                </span>
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </div>
      </div>
      {pending ? (
        <ConfirmDialog
          title={pending.kind === 'withdraw' ? t('lenkungskreis.admin.withdrawTitle') : t('lenkungskreis.admin.revokeTitle', { name: pending.member.displayName })}
          text={pending.kind === 'withdraw' ? t('lenkungskreis.admin.withdrawText', { label: pending.invitation.label || t('lenkungskreis.admin.noLabel') }) : t('lenkungskreis.admin.revokeText')}
          confirmLabel={pending.kind === 'withdraw' ? t('lenkungskreis.admin.withdraw') : t('lenkungskreis.admin.revoke')}
          testId="lk-admin-confirm"
          onCancel={() => setPending(undefined)}
          onConfirm={() => void confirm(pending)}
        />
      ) : null}
    </section>
  );
}

function InvitationForm({ onCreated }: { onCreated: (c: CreatedInvitation) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState(String(DecisionLimits.invitationDefaultDays));
  const [daysError, setDaysError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const daysRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const validDays = parseValidDays(days);
    if (validDays === null) {
      setDaysError(t('lenkungskreis.admin.daysInvalid', { max: DecisionLimits.invitationMaxDays }));
      daysRef.current?.focus();
      return;
    }
    setDaysError(undefined);
    setFormError(undefined);
    setSubmitting(true);
    try {
      onCreated(await decisionApi.createInvitation({ label: label.trim(), validDays }));
      setLabel('');
    } catch (err) {
      setFormError(errorMessage(t, err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="wr-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="lk-invite-title">
      <h3 id="lk-invite-title" className="kern-heading-small">
        {t('lenkungskreis.admin.createTitle')}
      </h3>
      {formError ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{formError}</p>
        </Alert>
      ) : null}
      <TextField
        label={`${t('lenkungskreis.admin.label')} ${t('lenkungskreis.optional')}`}
        hint={t('lenkungskreis.admin.labelHint')}
        testId="lk-invite-label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        maxLength={DecisionLimits.invitationLabelMaxLength}
        autoComplete="off"
      />
      <TextField
        ref={daysRef}
        type="number"
        inputMode="numeric"
        min={1}
        max={DecisionLimits.invitationMaxDays}
        step={1}
        label={t('lenkungskreis.admin.days')}
        hint={t('lenkungskreis.admin.daysHint', { max: DecisionLimits.invitationMaxDays, default: DecisionLimits.invitationDefaultDays })}
        error={daysError}
        testId="lk-invite-days"
        value={days}
        onChange={(e) => setDays(e.target.value)}
        required
        aria-required="true"
        className="wr-lk-days"
      />
      <div className="wr-actions">
        <button type="submit" className="kern-btn kern-btn--primary" disabled={submitting} data-testid="lk-invite-submit">
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{submitting ? t('lenkungskreis.admin.creating') : t('lenkungskreis.admin.create')}</span>
        </button>
      </div>
    </form>
  );
}

function CreatedInvitationNotice({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  // Focus goes to the link (selected, ready to copy); the warning is its description.
  useEffect(() => {
    inputRef.current?.focus();
  }, [created]);
  return (
    <div className="wr-lk-created" data-testid="lk-invite-created">
      <Alert variant="warning" title={t('lenkungskreis.admin.createdTitle')} live="none">
        <p className="kern-body" id={`${id}-once`}>
          <strong>{t('lenkungskreis.admin.onlyOnce')}</strong>
        </p>
        <p className="kern-body" id={`${id}-valid`}>
          {t('lenkungskreis.admin.createdText', { date: formatDateTime(created.invitation.expiresAt, i18n.language) })}
        </p>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-link`}>
            {t('lenkungskreis.admin.link')}
          </label>
          <input
            ref={inputRef}
            id={`${id}-link`}
            className="kern-form-input__input wr-lk-link"
            readOnly
            value={created.url}
            aria-describedby={`${id}-once ${id}-valid`}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="lk-invite-url"
          />
        </div>
        <p className="wr-actions">
          <CopyButton text={created.url} label={t('lenkungskreis.admin.copy')} testId="lk-invite-copy" />
        </p>
        <InvitationQr value={created.url} label={t('lenkungskreis.admin.qr')} />
        <p className="wr-actions">
          <button type="button" className="kern-btn kern-btn--secondary" onClick={onDone} data-testid="lk-invite-done">
            <span className="kern-label">{t('lenkungskreis.admin.done')}</span>
          </button>
        </p>
      </Alert>
    </div>
  );
}
