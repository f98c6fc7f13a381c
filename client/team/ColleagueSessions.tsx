/**
 * The other sessions of the caller's organisation on the dashboard, apart from their own, each
 * with "Mitmoderieren": the caller joins it as co-moderator (and it moves into their own list).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColleagueSession, SessionForModerator } from '../../shared/api';
import { errorMessage } from '../data/errors';
import { api } from '../data/http/api';
import { formatIsoDate } from '../lib/dates';

export function ColleagueSessions({ sessions, onTakenOver }: { sessions: ColleagueSession[]; onTakenOver: (session: SessionForModerator) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [announce, setAnnounce] = useState('');
  return (
    <section aria-labelledby={headingId} className="wr-team__colleague-sessions" data-testid="colleague-sessions">
      <h2 id={headingId} className="kern-heading-medium">
        {t('team.colleagueSessions')}
        {sessions.length > 0 ? <span className="wr-count"> ({sessions.length})</span> : null}
      </h2>
      <div role="status" aria-live="polite" className="wr-sr-only">
        {announce}
      </div>
      {sessions.length === 0 ? (
        <p className="kern-body wr-muted">{t('team.colleagueSessionsEmpty')}</p>
      ) : (
        <ul className="wr-session-list">
          {sessions.map((s) => (
            <ColleagueSessionItem
              key={s.id}
              session={s}
              onTakenOver={(taken) => {
                setAnnounce(t('team.tookOver', { title: taken.title }));
                onTakenOver(taken);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ColleagueSessionItem({ session, onTakenOver }: { session: ColleagueSession; onTakenOver: (session: SessionForModerator) => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function takeOver() {
    setBusy(true);
    setError(undefined);
    try {
      onTakenOver((await api.takeOverSession(session.id)).session);
    } catch (err) {
      setError(errorMessage(t, err));
      setBusy(false);
    }
  }

  const moderators = [session.createdBy, ...session.coModerators].filter((m) => m !== null);
  return (
    <li className="wr-session" data-testid="colleague-session" data-session-id={session.id}>
      <div className="wr-session__main">
        <h3 id={titleId} className="kern-heading-small wr-session__title">
          {session.title}
        </h3>
        <p className="kern-body kern-body--small wr-session__meta">
          <span>{t(`kinds.${session.kind}`)}</span>
          <span aria-hidden="true"> · </span>
          <span>{formatIsoDate(session.date, i18n.language)}</span>
          {session.createdBy ? (
            <>
              <span aria-hidden="true"> · </span>
              <span>{t('team.createdBy', { name: moderators.map((m) => m.displayName).join(', ') })}</span>
            </>
          ) : null}
        </p>
        {error ? (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-body">{error}</span>
          </p>
        ) : null}
      </div>
      <div className="wr-session__actions">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void takeOver()} disabled={busy} aria-describedby={titleId} data-testid="colleague-session-take-over">
          <span className="kern-label">{busy ? t('team.coModerating') : t('team.coModerate')}</span>
        </button>
      </div>
    </li>
  );
}
