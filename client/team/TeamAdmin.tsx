/**
 * The dashboard's team area: the organisation's name and the caller's role for everyone; for its
 * administrators also the staff with their roles (changeable), adding a colleague — whose one-time
 * link to set a password is shown once, with a copy button — and a new link for a colleague.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_ROLES, type AccountRole, type StaffMember, type StaffSetupLink } from '../../shared/api';
import { Limits } from '../../shared/limits';
import { Alert } from '../components/Alert';
import { TextField } from '../components/TextField';
import { errorMessage } from '../data/errors';
import { api } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';

export function TeamAdmin() {
  const { t } = useTranslation();
  const headingId = useId();
  const me = useFetch('team/me', (signal) => api.me(signal));
  const isAdmin = me.data?.role === 'admin';
  return (
    <section className="wr-panel wr-team" aria-labelledby={headingId} data-testid="team">
      <h2 id={headingId} className="kern-heading-medium">
        {t('team.title')}
      </h2>
      <p className="kern-body">{t('team.intro')}</p>
      {me.error !== undefined && !me.data ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{errorMessage(t, me.error)}</p>
        </Alert>
      ) : !me.data ? (
        <p className="kern-body" role="status">
          {t('app.loading')}
        </p>
      ) : (
        <>
          <p className="kern-body" data-testid="team-organisation">
            <strong>{t('team.organisation')}:</strong> {me.data.organisation.name} · {t('team.yourRole', { role: t(`team.roles.${me.data.role}`) })}
          </p>
          {isAdmin ? <StaffAdmin myId={me.data.user.id} organisationName={me.data.organisation.name} onRenamed={me.refresh} /> : <p className="kern-body wr-muted">{t('team.staffOnlyAdmins')}</p>}
        </>
      )}
    </section>
  );
}

function StaffAdmin({ myId, organisationName, onRenamed }: { myId: string; organisationName: string; onRenamed: () => void }) {
  const { t } = useTranslation();
  const staff = useFetch('team/staff', (signal) => api.listStaff(signal));
  const [link, setLink] = useState<StaffSetupLink | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [announce, setAnnounce] = useState('');

  async function changeRole(member: StaffMember, role: AccountRole) {
    setActionError(undefined);
    try {
      await api.changeRole(member.id, { role });
      setAnnounce(t('team.roleChanged', { name: member.displayName, role: t(`team.roles.${role}`) }));
    } catch (err) {
      setActionError(errorMessage(t, err));
    }
    staff.refresh();
  }

  async function newLink(member: StaffMember) {
    setActionError(undefined);
    try {
      setLink(await api.newSetupLink(member.id));
    } catch (err) {
      setActionError(errorMessage(t, err));
    }
  }

  return (
    <>
      <div role="status" aria-live="polite" className="wr-sr-only">
        {announce}
      </div>
      <RenameForm current={organisationName} onRenamed={onRenamed} />
      <div className="wr-team__grid">
        <div>
          <h3 className="kern-heading-small">{t('team.staffTitle')}</h3>
          {actionError ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{actionError}</p>
            </Alert>
          ) : null}
          {staff.error !== undefined && !staff.data ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{errorMessage(t, staff.error)}</p>
            </Alert>
          ) : !staff.data ? (
            <p className="kern-body" role="status">
              {t('team.staffLoading')}
            </p>
          ) : (
            <ul className="wr-team__staff" data-testid="team-staff">
              {staff.data.staff.map((m) => (
                <StaffRow key={m.id} member={m} isMe={m.id === myId} onRole={(role) => void changeRole(m, role)} onNewLink={() => void newLink(m)} />
              ))}
            </ul>
          )}
        </div>
        <div>
          <AddColleagueForm
            onAdded={(created) => {
              setLink(created);
              staff.refresh();
            }}
          />
          {link ? <SetupLinkNotice link={link} /> : null}
        </div>
      </div>
    </>
  );
}

function StaffRow({ member, isMe, onRole, onNewLink }: { member: StaffMember; isMe: boolean; onRole: (role: AccountRole) => void; onNewLink: () => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  return (
    <li className="wr-team__member" data-testid="team-member" data-email={member.email}>
      <div>
        <span className="kern-body">
          {member.displayName} {isMe ? <span className="wr-muted">{t('team.you')}</span> : null}
        </span>
        <span className="kern-body kern-body--small wr-muted wr-team__block">{member.email}</span>
        {!member.passwordSet ? <span className="kern-badge kern-badge--warning kern-badge--small"><span className="kern-label">{t('team.pending')}</span></span> : null}
      </div>
      <div className="kern-form-input wr-team__role">
        <label className="kern-label wr-sr-only" htmlFor={selectId}>
          {t('team.roleLabel', { name: member.displayName })}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id={selectId} className="kern-form-input__select" value={member.role} onChange={(e) => onRole(e.target.value as AccountRole)} data-testid="team-member-role">
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`team.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!isMe ? (
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onNewLink} data-testid="team-member-link">
          <span className="kern-label">
            {t('team.newLink')}
            <span className="wr-sr-only">: {member.displayName}</span>
          </span>
        </button>
      ) : null}
    </li>
  );
}

function RenameForm({ current, onRenamed }: { current: string; onRenamed: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(current);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  useEffect(() => setName(current), [current]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      await api.renameOrganisation({ name: name.trim() });
      setMessage({ text: t('team.renamed'), error: false });
      onRenamed();
    } catch (err) {
      setMessage({ text: errorMessage(t, err), error: true });
    }
    setBusy(false);
  }

  return (
    <form className="wr-team__rename" onSubmit={(e) => void onSubmit(e)} noValidate>
      <TextField label={t('team.organisationLabel')} value={name} onChange={(e) => setName(e.target.value)} maxLength={Limits.organisationNameMaxLength} autoComplete="organization" testId="team-organisation-name" />
      <button type="submit" className="kern-btn kern-btn--secondary" disabled={busy || name.trim() === '' || name.trim() === current}>
        <span className="kern-label">{busy ? t('team.renaming') : t('team.rename')}</span>
      </button>
      {message ? (
        <p className={message.error ? 'kern-error' : 'kern-body kern-body--small'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}

function AddColleagueForm({ onAdded }: { onAdded: (link: StaffSetupLink) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const roleId = useId();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AccountRole>('staff');
  const [errors, setErrors] = useState<{ displayName?: string; email?: string }>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fe: { displayName?: string; email?: string } = {};
    if (!displayName.trim()) fe.displayName = t('team.nameRequired');
    if (!email.trim()) fe.email = t('team.emailRequired');
    setErrors(fe);
    if (fe.displayName || fe.email) return;
    setBusy(true);
    setFormError(undefined);
    try {
      onAdded(await api.addStaff({ displayName: displayName.trim(), email: email.trim(), role }));
      setDisplayName('');
      setEmail('');
      setRole('staff');
    } catch (err) {
      setFormError(errorMessage(t, err));
    }
    setBusy(false);
  }

  return (
    <form aria-labelledby={headingId} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="team-add">
      <h3 id={headingId} className="kern-heading-small">
        {t('team.addTitle')}
      </h3>
      {formError ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{formError}</p>
        </Alert>
      ) : null}
      <TextField label={t('team.nameLabel')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} maxLength={Limits.displayNameMaxLength} autoComplete="off" testId="team-add-name" required aria-required="true" />
      <TextField label={t('team.emailLabel')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoComplete="off" testId="team-add-email" required aria-required="true" />
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={roleId}>
          {t('team.roleSelect')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select id={roleId} className="kern-form-input__select" value={role} onChange={(e) => setRole(e.target.value as AccountRole)} data-testid="team-add-role">
            {ACCOUNT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`team.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="kern-btn kern-btn--primary" disabled={busy} data-testid="team-add-submit">
        <span className="kern-icon kern-icon--add" aria-hidden="true" />
        <span className="kern-label">{busy ? t('team.adding') : t('team.add')}</span>
      </button>
    </form>
  );
}

function SetupLinkNotice({ link }: { link: StaffSetupLink }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const until = new Date(link.expiresAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Alert variant="success" title={t('team.linkTitle', { name: link.member.displayName })}>
      <p className="kern-body">{t('team.linkText', { name: link.member.displayName, until })}</p>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={inputId}>
          {t('team.linkLabel')}
        </label>
        <input id={inputId} className="kern-form-input__input" readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="team-link" />
      </div>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kern-btn--x-small"
        data-testid="team-link-copy"
        onClick={() => {
          if (!navigator.clipboard) return setCopy('failed');
          navigator.clipboard.writeText(link.url).then(
            () => setCopy('copied'),
            () => setCopy('failed'),
          );
        }}
      >
        <span className="kern-icon kern-icon--content-copy" aria-hidden="true" />
        <span className="kern-label">{t('team.copy')}</span>
      </button>
      <span className="kern-body kern-body--small" role="status">
        {copy === 'copied' ? t('team.copied') : copy === 'failed' ? t('team.copyFailed') : ''}
      </span>
    </Alert>
  );
}
