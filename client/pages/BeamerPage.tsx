import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionForModerator } from '../../shared/api';
import { formatJoinCode } from '../../shared/domain';
import { Alert } from '../components/Alert';
import { Logo } from '../components/Layout';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { api, ApiError, hasJoinCodes, hasStatus } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { errorMessage } from '../data/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { QrCode } from '../components/QrCode';
import { joinLinks } from '../room/JoinInfo';

/** Projector view: the join code, link and QR large enough to read from the back of the room. */
export function BeamerPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const navigate = useNavigate();
  const loginPath = `/login?next=${encodeURIComponent(`/s/${sessionId}/beamer`)}`;
  const session = useFetch(
    ['beamer', sessionId],
    async (signal): Promise<SessionForModerator> => {
      const s = (await api.getSession(sessionId, undefined, signal)).session;
      if (hasJoinCodes(s)) return s;
      const own = (await api.listSessions(signal)).sessions.find((x) => x.id === sessionId);
      // Only the session's moderators see its join codes.
      if (!own) throw new ApiError(403, 'forbidden', 'not a moderator of this session');
      return own;
    },
    {
      onError: (err) => {
        if (hasStatus(err, 401)) void navigate(loginPath, { replace: true });
      },
    },
  );
  // Signed out: the page goes to the login at once and keeps saying "loading" until then.
  const error = hasStatus(session.error, 401) ? undefined : session.error;
  useDocumentTitle(session.data ? `${t('beamer.docTitle')}: ${session.data.title}` : t('beamer.docTitle'));

  return (
    <div className="wr-beamer">
      <header className="wr-beamer__bar">
        <span className="wr-brand wr-brand--static">
          <Logo />
          <span className="wr-brand__name">{t('app.name')}</span>
        </span>
        <nav className="wr-beamer__nav" aria-label={t('nav.label')}>
          <Link className="kern-link" to={`/s/${sessionId}`}>
            <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
            {t('beamer.back')}
          </Link>
          <LanguageSwitch />
        </nav>
      </header>
      <main id="main" className="wr-beamer__main" tabIndex={-1}>
        {session.data ? (
          <BeamerContent session={session.data} />
        ) : error !== undefined ? (
          <>
            <h1 className="kern-heading-large">{t('beamer.docTitle')}</h1>
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{errorMessage(t, error)}</p>
            </Alert>
          </>
        ) : (
          <p className="kern-body" role="status">
            {t('app.loading')}
          </p>
        )}
      </main>
    </div>
  );
}

function BeamerContent({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  const links = joinLinks(session);
  const joinHostPath = `${location.host}/join`;
  return (
    <div className="wr-beamer__content">
      <div className="wr-beamer__text">
        <p className="wr-beamer__kind">{t(`kinds.${session.kind}`)}</p>
        <h1 className="wr-beamer__title">{session.title}</h1>
        <h2 className="wr-beamer__heading">{t('beamer.heading')}</h2>
        <ol className="wr-beamer__steps">
          <li>
            {t('beamer.step1')}
            <strong className="wr-beamer__host">{location.host}</strong>
          </li>
          <li>
            {t('beamer.step2')}
            <span className="wr-beamer__code" data-testid="session-join-code">
              {formatJoinCode(session.joinCode)}
            </span>
          </li>
        </ol>
        <p className="wr-beamer__alt">
          {t('beamer.observer')} <span className="wr-beamer__observer">{`${joinHostPath}/${session.observerCode}`}</span>
        </p>
      </div>
      <figure className="wr-beamer__qr">
        <QrCode value={links.join} label={t('room.joinPanel.qr')} className="wr-qr--beamer" />
        <figcaption>{t('beamer.scan')}</figcaption>
      </figure>
    </div>
  );
}
