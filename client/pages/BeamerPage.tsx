import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionForModerator } from '../../shared/api';
import { formatJoinCode } from '../../shared/domain';
import { Alert } from '../components/Alert';
import { Logo } from '../components/Layout';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { api, ApiError, hasJoinCodes } from '../data/http/api';
import { errorMessage } from '../data/errors';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { joinLinks, QrCode } from '../room/JoinInfo';

type State = { status: 'loading' } | { status: 'ready'; session: SessionForModerator } | { status: 'error'; message: string };

/** Projector view: the join code, link and QR large enough to read from the back of the room. */
export function BeamerPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const navigate = useNavigate();
  const [state, setState] = useState<State>({ status: 'loading' });
  useDocumentTitle(state.status === 'ready' ? `${t('beamer.docTitle')}: ${state.session.title}` : t('beamer.docTitle'));

  useEffect(() => {
    const ctrl = new AbortController();
    const load = async () => {
      try {
        let s = (await api.getSession(sessionId, undefined, ctrl.signal)).session;
        if (!hasJoinCodes(s)) {
          const all = await api.listSessions(ctrl.signal);
          s = all.sessions.find((x) => x.id === sessionId) ?? s;
        }
        if (hasJoinCodes(s)) setState({ status: 'ready', session: s });
        else setState({ status: 'error', message: t('errors.forbidden') });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ApiError && err.status === 401) {
          void navigate(`/login?next=${encodeURIComponent(`/s/${sessionId}/beamer`)}`, { replace: true });
          return;
        }
        setState({ status: 'error', message: errorMessage(t, err) });
      }
    };
    void load();
    return () => ctrl.abort();
  }, [sessionId, navigate, t]);

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
        {state.status === 'loading' ? (
          <p className="kern-body" role="status">
            {t('app.loading')}
          </p>
        ) : state.status === 'error' ? (
          <>
            <h1 className="kern-heading-large">{t('beamer.docTitle')}</h1>
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{state.message}</p>
            </Alert>
          </>
        ) : (
          <BeamerContent session={state.session} />
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
