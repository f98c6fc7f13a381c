/**
 * The projector ("Beamer-Ansicht", `/s/:id/beamer`): a second screen of the session's moderator
 * that follows the room live without being a person in it. It connects with the moderator's login
 * cookie (socket.io and read-only Yjs, see server/auth/projector.ts): not in presence, not among
 * the voters, no presence of its own. It shows the current item and its phase, the item's board
 * read-only in large type (or a running vote's progress, or its published result fitted to the
 * screen), the speakers list, the timer while it runs, and always the join code and QR.
 */
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import * as Y from 'yjs';
import type { JoinResponse, SessionForModerator } from '../../shared/api';
import { docName, type DocKind } from '../../shared/docs';
import { formatJoinCode } from '../../shared/domain';
import type { WriteContext } from '../../shared/schema/items';
import { Alert } from '../components/Alert';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Logo } from '../components/Layout';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { QrCode } from '../components/QrCode';
import { BOARD_LOADERS } from '../boards/loadBoard';
import type { BoardProps } from '../boards/types';
import { api, ApiError, hasJoinCodes, hasStatus } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { errorMessage } from '../data/errors';
import { isBoardId, type BoardId } from '../data/docs/useBoardDoc';
import { useProjectorDoc } from '../data/docs/useProjectorDoc';
import { currentItemOf, SessionClientContext, useClientSnapshot } from '../data/session/sessionContext';
import { useProjectorRealtime } from '../data/session/useRealtime';
import { loadLocalePart } from '../lib/locales';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { docLabel } from '../moderation/labels';
import { FitToBox, ProjectorResult, ProjectorRounds, ProjectorSpeakers, ProjectorTimer, useProjectorFocus } from '../moderation/ProjectorParts';
import { joinLinks } from '../room/JoinInfo';

/** Only the moderator who created the session sees its join codes (and opens its projector). */
function useModeratorSession(sessionId: string) {
  const navigate = useNavigate();
  const loginPath = `/login?next=${encodeURIComponent(`/s/${sessionId}/beamer`)}`;
  return useFetch(
    ['beamer', sessionId],
    async (signal): Promise<SessionForModerator> => {
      const s = (await api.getSession(sessionId, undefined, signal)).session;
      if (hasJoinCodes(s)) return s;
      const own = (await api.listSessions(signal)).sessions.find((x) => x.id === sessionId);
      if (!own) throw new ApiError(403, 'forbidden', 'not a moderator of this session');
      return own;
    },
    {
      onError: (err) => {
        if (hasStatus(err, 401)) void navigate(loginPath, { replace: true });
      },
    },
  );
}

export function BeamerPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const session = useModeratorSession(sessionId);
  // Signed out: the page goes to the login at once and keeps saying "loading" until then.
  const error = hasStatus(session.error, 401) ? undefined : session.error;
  useDocumentTitle(session.data ? `${t('beamer.docTitle')}: ${session.data.title}` : t('beamer.docTitle'));

  return (
    <div className="wr-beamer" data-testid="beamer">
      {session.data ? (
        <BeamerScreen session={session.data} />
      ) : (
        <>
          <BeamerBar sessionId={sessionId} title={undefined} />
          <main id="main" className="wr-beamer__main" tabIndex={-1}>
            <h1 className="kern-heading-large">{t('beamer.docTitle')}</h1>
            {error !== undefined ? (
              <Alert variant="danger" title={t('errors.title')}>
                <p className="kern-body">{errorMessage(t, error)}</p>
              </Alert>
            ) : (
              <p className="kern-body" role="status">
                {t('app.loading')}
              </p>
            )}
          </main>
        </>
      )}
    </div>
  );
}

function BeamerBar({ sessionId, title }: { sessionId: string; title: string | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="wr-beamer__bar">
      <span className="wr-brand wr-brand--static">
        <Logo />
        <span className="wr-brand__name">{t('app.name')}</span>
      </span>
      {title ? (
        <p className="wr-beamer__session" data-testid="beamer-session">
          {title}
        </p>
      ) : null}
      <nav className="wr-beamer__nav" aria-label={t('nav.label')}>
        <Link className="kern-link" to={`/s/${sessionId}`}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t('beamer.back')}
        </Link>
        <LanguageSwitch />
      </nav>
    </header>
  );
}

function BeamerScreen({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  const realtime = useProjectorRealtime(session.id);
  const snap = useClientSnapshot(realtime.client);
  const state = snap.state;
  const item = state ? currentItemOf(state.agenda, state.currentItemId) : undefined;
  const client = realtime.client;
  const focus = useProjectorFocus(state, snap.results, () => client?.serverNow() ?? Date.now());

  return (
    <SessionClientContext.Provider value={client}>
      <BeamerBar sessionId={session.id} title={session.title} />
      <main id="main" className="wr-beamer__stage" tabIndex={-1} data-focus={focus.kind}>
        <div className="wr-beamer__head">
          <div className="wr-beamer__item">
            {item ? (
              <>
                <p className="wr-beamer__phase" data-testid="beamer-phase">
                  {t(`moderation.phases.${item.phase}`)}
                  <span aria-hidden="true"> · </span>
                  {docLabel(t, item.board)}
                </p>
                <h1 className="wr-beamer__item-title" data-testid="beamer-item">
                  {item.title}
                </h1>
              </>
            ) : (
              <h1 className="wr-beamer__item-title" data-testid="beamer-item-none">
                {session.title}
              </h1>
            )}
          </div>
          <ProjectorTimer item={item} />
        </div>
        <div className="wr-beamer__focus" data-testid="beamer-focus">
          {snap.unauthenticated ? (
            <Alert variant="danger" title={t('errors.title')}>
              <p className="kern-body">{t('beamer.signedOut')}</p>
            </Alert>
          ) : focus.kind === 'rounds' ? (
            <ProjectorRounds rounds={focus.rounds} />
          ) : focus.kind === 'result' ? (
            <ProjectorResult result={focus.result} kind={session.kind} />
          ) : item && isBoardId(item.board) ? (
            <ProjectorBoard key={item.board} session={session} kind={item.board} />
          ) : (
            <JoinSteps session={session} />
          )}
        </div>
        <aside className="wr-beamer__side" aria-label={t('beamer.sideLabel')}>
          {state ? <ProjectorSpeakers speakers={state.speakers} /> : null}
          <JoinCorner session={session} />
        </aside>
      </main>
    </SessionClientContext.Provider>
  );
}

/** Boards load (with their strings) when first shown, as in the room. */
const BOARD_COMPONENTS = Object.fromEntries(
  Object.entries(BOARD_LOADERS).map(([kind, load]) => [kind, lazy(async () => (await Promise.all([load(), loadLocalePart('boards')]))[0])]),
) as Record<BoardId, ReturnType<typeof lazy<React.ComponentType<BoardProps>>>>;

const noop = () => {};

/** The item's board, read-only and large, live from the room's document. */
function ProjectorBoard({ session, kind }: { session: SessionForModerator; kind: BoardId }) {
  const { t } = useTranslation();
  const name = docName(session.id, kind as DocKind);
  const synced = useProjectorDoc(name);
  const props = useMemo(() => {
    if (!synced) return undefined;
    const author = { participantId: 'projector', displayName: t('beamer.docTitle') };
    const ctx: WriteContext = { origin: {}, author };
    // No token: documents a board would open besides its own (e.g. the goals beside the actions) stay closed.
    const join: JoinResponse = {
      token: '',
      sessionId: session.id,
      participantId: author.participantId,
      role: 'observer',
      displayName: author.displayName,
      docs: {} as JoinResponse['docs'],
      privateDocs: {} as JoinResponse['privateDocs'],
    };
    const p: BoardProps = {
      kind,
      doc: synced.doc,
      provider: synced.provider,
      ctx,
      undoManager: new Y.UndoManager(synced.doc),
      role: 'observer',
      readOnly: true,
      locked: false,
      session,
      join,
      user: { id: author.participantId, name: author.displayName, color: '#1a3da5', role: 'observer' },
      view: 'board',
      projector: true,
      announce: noop,
      notify: noop,
      deleteWithUndo: noop,
    };
    return p;
  }, [synced, kind, session, t]);
  const Board = BOARD_COMPONENTS[kind];
  return (
    <section className="wr-beamer-board" aria-label={t(`boards.${kind}.title`, { defaultValue: docLabel(t, kind) })} data-testid="beamer-board" data-board={kind}>
      {props && synced?.synced ? (
        <ErrorBoundary area={docLabel(t, kind)} resetKeys={[kind]}>
          <Suspense fallback={<p className="kern-body">{t('app.loading')}</p>}>
            <FitToBox min={0.55} testId="beamer-board-fit">
              <div className="wr-beamer-board__content">
                <Board {...props} />
              </div>
            </FitToBox>
          </Suspense>
        </ErrorBoundary>
      ) : (
        <p className="kern-body" role="status">
          {t('app.loading')}
        </p>
      )}
    </section>
  );
}

/** The big join instructions, while no board is on the screen. */
function JoinSteps({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  return (
    <div className="wr-beamer__text">
      <p className="wr-beamer__kind">{t(`kinds.${session.kind}`)}</p>
      <h2 className="wr-beamer__heading">{t('beamer.heading')}</h2>
      <ol className="wr-beamer__steps">
        <li>
          {t('beamer.step1')}
          <strong className="wr-beamer__host">{location.host}</strong>
        </li>
        <li>
          {t('beamer.step2')}
          <span className="wr-beamer__code">{formatJoinCode(session.joinCode)}</span>
        </li>
      </ol>
      <p className="wr-beamer__alt">
        {t('beamer.observer')} <span className="wr-beamer__observer">{`${location.host}/join/${session.observerCode}`}</span>
      </p>
    </div>
  );
}

/** Always on screen, for latecomers: where to go, the code, and the QR. */
function JoinCorner({ session }: { session: SessionForModerator }) {
  const { t } = useTranslation();
  const links = joinLinks(session);
  return (
    <section className="wr-beamer-join" aria-labelledby="beamer-join-h" data-testid="beamer-join">
      <h2 className="wr-beamer-side__h" id="beamer-join-h">
        {t('beamer.heading')}
      </h2>
      <p className="wr-beamer-join__host">{location.host}</p>
      <p className="wr-beamer-join__code" data-testid="session-join-code">
        {formatJoinCode(session.joinCode)}
      </p>
      <figure className="wr-beamer-join__qr" data-testid="beamer-qr">
        <QrCode value={links.join} label={t('room.joinPanel.qr')} className="wr-qr--beamer-corner" />
      </figure>
    </section>
  );
}
