import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch, useNavigate, useParams } from 'react-router';
import type { JoinResponse, SessionForModerator, SessionPublic } from '../../shared/api';
import { CloseCode } from '../../shared/closeCodes';
import { tableDocName } from '../../shared/docs';
import { canEdit, DEFAULT_SESSION_TEMPLATE, templateBoards } from '../../shared/domain';
import { tableOf } from '../../shared/moderationState';
import type { WriteContext } from '../../shared/schema/items';
import { BoardNav } from '../boards/BoardNav';
import { BOARD_IDS, boardDocName, isBoardId, useBoardDoc } from '../data/docs/useBoardDoc';
import { useAuth } from '../data/auth';
import { Alert } from '../components/Alert';
import { LazyPart } from '../components/Lazy';
import { RoleBadge } from '../components/SessionFacts';
import { api, ApiError, hasJoinCodes, hasStatus } from '../data/http/api';
import { useFetch } from '../data/http/useFetch';
import { colorFor } from '../lib/colors';
import { formatIsoDate } from '../lib/dates';
import { errorMessage } from '../data/errors';
import { LockBanner } from '../moderation/LockBanner';
import { ModerationBar } from '../moderation/ModerationBar';
import type { ResultsDialog as ResultsDialogType } from '../moderation/ResultsDialog';
import { SessionClientContext, useClientSnapshot } from '../data/session/sessionContext';
import { useFollowModerator } from '../moderation/useFollow';
import { loadLocalePart } from '../lib/locales';
import { forgetSession, loadStoredSession, saveJoin, saveSessionInfo } from '../lib/sessionStore';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ConnectionState } from '../room/ConnectionState';
import type { PresenceUser } from '../data/docs/presence';
import { loadNotesEditor } from '../room/loadNotesEditor';
import { PresenceList } from '../room/PresenceList';
import { RoomAlert } from '../room/RoomAlert';
import { ReportConnectionContext } from '../data/docs/connections';
import { combineConnections, localCacheName, type ConnectionInfo } from '../data/docs/syncedDoc';
import { UnsentDocs } from '../data/docs/UnsentDocs';
import { forgetUnsent } from '../data/docs/unsent';
import { loadBoardFrame } from '../boards/loadBoard';
import { useCollaboration } from '../data/docs/useCollaboration';
import { useRealtime } from '../data/session/useRealtime';
import { VotesArea } from '../votes/VotesArea';
import type { StartPageState } from './StartPage';
import '../room/room.css';

// Parts of the room load when first shown (see docs/ARCHITECTURE.md, "What a browser loads"):
// the notes editor with the notes (App.tsx starts fetching it together with this page), a board's
// frame and the boards' strings with the first board (each board itself via boards/registry.tsx),
// the moderation's panel and the join codes for moderators only, the decision drafts (tables,
// three editors, exports, their strings) when the area is first opened.
// Parts only some people see, or only at some moments, load when they first show.
const TableBannerPart = lazy(async () => {
  const [m] = await Promise.all([import('../moderation/TableBanner'), loadLocalePart('manage')]);
  return { default: m.TableBanner };
});
const ActorGroupPickerPart = lazy(() => import('../moderation/ActorGroupPicker').then((m) => ({ default: m.ActorGroupPicker })));
const ResultsDialogPart = lazy(() => import('../moderation/ResultsDialog').then((m) => ({ default: m.ResultsDialog })));
function ResultsDialog(props: Parameters<typeof ResultsDialogType>[0]) {
  return (
    <Suspense fallback={null}>
      <ResultsDialogPart {...props} />
    </Suspense>
  );
}
const NotesEditor = lazy(() => loadNotesEditor().then((m) => ({ default: m.NotesEditor })));
const BoardFrame = lazy(async () => ({ default: (await loadBoardFrame()).BoardFrame }));
const TablesOverview = lazy(async () => {
  const [m] = await Promise.all([import('../boards/TablesOverview'), loadLocalePart('manage')]);
  return { default: m.TablesOverview };
});
const ModeratorPanel = lazy(async () => {
  const [m] = await Promise.all([import('../moderation/ModeratorPanel'), loadLocalePart('manage')]);
  return { default: m.ModeratorPanel };
});
const JoinPanel = lazy(async () => {
  const [m] = await Promise.all([import('../room/JoinInfo'), loadLocalePart('manage')]);
  return { default: m.JoinPanel };
});
const DecisionsArea = lazy(async () => {
  const [m] = await Promise.all([import('../decisions/DecisionsArea'), loadLocalePart('decisions')]);
  return { default: m.DecisionsArea };
});

/** Close codes with a specific message; any other permanent close gets a generic one. */
const HANDLED_CLOSE_CODES = new Set<number>([
  CloseCode.unauthenticated.code,
  CloseCode.forbidden.code,
  CloseCode.protocolTooOld.code,
  CloseCode.documentTooLarge.code,
]);

type Access = { status: 'resolving' } | { status: 'ready'; join: JoinResponse } | { status: 'error'; message: string };

/** Finds how this device may enter the room: a stored token, or (moderators) a fresh one via /enter. */
function useRoomAccess(sessionId: string): [Access, (join: JoinResponse) => void] {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [join, setJoin] = useState<JoinResponse | undefined>(() => loadStoredSession(sessionId)?.join);
  const entered = useFetch(!join && user ? ['enter', sessionId] : null, () => api.enterSession(sessionId), {
    onSuccess: (fresh) => {
      saveJoin(fresh);
      setJoin(fresh);
    },
  });

  useEffect(() => {
    if (join || user !== null) return;
    const state: StartPageState = { rejoinNeeded: true };
    void navigate('/', { replace: true, state });
  }, [join, user, navigate]);

  const access: Access = join
    ? { status: 'ready', join }
    : entered.error !== undefined
      ? { status: 'error', message: errorMessage(t, entered.error) }
      : { status: 'resolving' };
  return [access, setJoin];
}

export function RoomPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const [access, setJoin] = useRoomAccess(sessionId);

  if (access.status === 'ready') return <Room key={access.join.token} join={access.join} onRejoined={setJoin} />;
  return (
    <div className="wr-page">
      <h1 className="kern-heading-large">{t('room.docTitle')}</h1>
      {access.status === 'error' ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{access.message}</p>
        </Alert>
      ) : (
        <p className="kern-body" role="status">
          {t('room.loading')}
        </p>
      )}
    </div>
  );
}

function Room({ join, onRejoined }: { join: JoinResponse; onRejoined: (join: JoinResponse) => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [session, setSession] = useState<SessionPublic | undefined>(() => loadStoredSession(join.sessionId)?.session);
  const [modSession, setModSession] = useState<SessionForModerator | undefined>();
  const [rejoinError, setRejoinError] = useState<string | undefined>();
  const { board: boardParam, draftId } = useParams();
  const decisionsOpen = useMatch('/s/:sessionId/beschluesse/*') !== null;
  const tablesOpen = useMatch('/s/:sessionId/tische') !== null;
  const activeBoard = isBoardId(boardParam) && !decisionsOpen ? boardParam : undefined;
  const { collab, connection: notesConnection } = useCollaboration(join);
  // One origin per person: their undo managers track exactly their own writes.
  const [origin] = useState(() => ({ participantId: join.participantId }));
  const ctx = useMemo<WriteContext>(
    () => ({ origin, author: { participantId: join.participantId, displayName: join.displayName } }),
    [origin, join.participantId, join.displayName],
  );
  const realtime = useRealtime(join.token);
  const moderation = useClientSnapshot(realtime.client);
  const liveRole = moderation.self?.role ?? join.role;
  const liveModerator = liveRole === 'moderator';
  const lockedDocs = moderation.state?.locked ?? [];
  const follow = useFollowModerator(join.sessionId, moderation.state);
  // At a parallel table, the table's board is the table's own copy of it.
  const tables = moderation.state?.tables ?? null;
  const myTable = tableOf(tables, join.participantId);
  const atTable = myTable !== undefined && tables !== null && activeBoard === tables.board;
  const tableDoc = atTable ? tableDocName(join.sessionId, myTable.id, tables.board) : undefined;
  const docJoin = useMemo<JoinResponse>(
    () => (tableDoc && activeBoard ? { ...join, docs: { ...join.docs, [activeBoard]: tableDoc } } : join),
    [join, tableDoc, activeBoard],
  );
  const { board, connection: boardConnection } = useBoardDoc(docJoin, activeBoard, ctx);
  const [extraConnections, setExtraConnections] = useState<Record<string, ConnectionInfo>>({});
  const reportConnection = useCallback((key: string, info: ConnectionInfo | undefined) => {
    setExtraConnections((prev) => {
      if (info === undefined) {
        if (!(key in prev)) return prev;
        const next = { ...prev };
        delete next[key];
        return next;
      }
      return prev[key] === info ? prev : { ...prev, [key]: info };
    });
  }, []);
  // Every document of the room besides the notes: one with changes left unsent is sent in the
  // background even while another board is on screen.
  const otherDocNames = useMemo(() => [...BOARD_IDS, 'drafts' as const].map((key) => boardDocName(join, key)), [join]);
  const connection = useMemo(
    () => combineConnections([notesConnection, ...(activeBoard ? [boardConnection] : []), ...Object.values(extraConnections)]),
    [notesConnection, activeBoard, boardConnection, extraConnections],
  );
  useDocumentTitle(session?.title ?? t('room.docTitle'));

  // Moderation (client/moderation): the role may change live; locked documents are read-only
  // for everyone but moderators, and the view follows the moderation's agenda item.

  const isModerator = join.role === 'moderator';
  // An archived session is read-only for everyone (the server serves its documents read-only).
  const archived = session?.archivedAt != null;
  const editable = canEdit(liveRole) && !archived;
  const notesEditable = editable && (liveModerator || !lockedDocs.includes('notes'));
  const boardLocked = activeBoard !== undefined && !liveModerator && !atTable && lockedDocs.includes(activeBoard);
  const boardRole = archived ? 'observer' : liveRole;
  const boardJoin = useMemo<JoinResponse>(() => (boardRole !== docJoin.role ? { ...docJoin, role: boardRole } : docJoin), [docJoin, boardRole]);
  const boards = templateBoards(session?.template ?? DEFAULT_SESSION_TEMPLATE);

  // Session data: moderators read it with their cookie (which includes the join codes).
  const sessionData = useFetch(
    ['room-session', join.sessionId, join.token, isModerator],
    async (signal): Promise<SessionPublic | SessionForModerator> => {
      if (!isModerator) return (await api.getSession(join.sessionId, join.token, signal)).session;
      const s = (await api.getSession(join.sessionId, undefined, signal)).session;
      if (hasJoinCodes(s)) return s;
      return (await api.listSessions(signal)).sessions.find((x) => x.id === join.sessionId) ?? s;
    },
    {
      onSuccess: (s) => {
        if (isModerator && hasJoinCodes(s)) setModSession(s);
        setSession(s);
        saveSessionInfo(s);
      },
    },
  );
  // Network errors: keep the cached session data; the editor works offline.
  const httpUnauthenticated = hasStatus(sessionData.error, 401);

  useEffect(() => {
    if (realtime.welcome) {
      const live = realtime.welcome.session;
      setSession(live);
      // A rename or archiving arrives as a new welcome session: the moderator's copy follows.
      setModSession((m) => (m && m.id === live.id ? { ...m, ...live } : m));
      saveSessionInfo(live);
    }
  }, [realtime.welcome]);

  const user = useMemo<PresenceUser>(
    () => ({ id: join.participantId, name: join.displayName, color: colorFor(join.participantId), role: join.role }),
    [join.participantId, join.displayName, join.role],
  );

  const closedCode = connection.closed?.code;
  const tokenInvalid =
    httpUnauthenticated ||
    realtime.unauthenticated === true ||
    closedCode === CloseCode.unauthenticated.code ||
    closedCode === CloseCode.forbidden.code;

  async function rejoin() {
    setRejoinError(undefined);
    if (!isModerator) {
      const code = loadStoredSession(join.sessionId)?.code;
      forgetSession(join.sessionId);
      if (code) {
        void navigate(`/join/${code}`);
      } else {
        const state: StartPageState = { rejoinNeeded: true };
        void navigate('/', { state });
      }
      return;
    }
    try {
      const fresh = await api.enterSession(join.sessionId);
      saveJoin(fresh);
      onRejoined(fresh);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        void navigate(`/login?next=${encodeURIComponent(`/s/${join.sessionId}`)}`);
        return;
      }
      setRejoinError(errorMessage(t, err));
    }
  }

  function leave() {
    if (connection.pending > 0 && !window.confirm(t('room.leaveConfirm'))) return;
    forgetSession(join.sessionId);
    forgetUnsent([join.docs.notes, ...otherDocNames]);
    void collab?.persistence.clearData();
    // This device's copies of the boards and of the private drafts go too (data minimisation).
    for (const name of otherDocNames) {
      try {
        indexedDB.deleteDatabase(localCacheName(name));
      } catch {
        // IndexedDB may be unavailable; nothing was stored then.
      }
    }
    void navigate('/');
  }

  return (
    <SessionClientContext.Provider value={realtime.client}>
      <UnsentDocs docNames={otherDocNames} token={join.token} report={reportConnection} />
      <div className="wr-room">
        <header className="wr-room__header">
          <div className="wr-room__titles">
            <div className="kern-hgroup wr-hgroup">
              <p className="kern-preline">{session ? t(`kinds.${session.kind}`) : '\u00a0'}</p>
              <h1 className="kern-heading-large wr-room__title" data-testid="session-title">
                {session?.title ?? t('room.docTitle')}
              </h1>
            </div>
            <p className="wr-room__meta kern-body kern-body--small">
              {session ? <span>{formatIsoDate(session.date, i18n.language)}</span> : null}
              {session ? <span className="wr-room__meta-sep" aria-hidden="true">·</span> : null}
              <span>{t('room.you', { name: join.displayName })}</span>
              <RoleBadge role={join.role} />
            </p>
            {session ? <p className="kern-body kern-body--small wr-muted wr-room__kind-hint">{t(`kindHints.${session.kind}`)}</p> : null}
          </div>
          <ConnectionState connection={connection} />
          <ModerationBar follow={follow} />
        </header>

        {tokenInvalid ? (
          <Alert variant="danger" title={t('room.tokenInvalid.title')} testId="token-invalid">
            <p className="kern-body">{t('room.tokenInvalid.text')}</p>
            {rejoinError ? <p className="kern-body">{rejoinError}</p> : null}
            <p>
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => void rejoin()} data-testid="rejoin">
                <span className="kern-label">{isModerator ? t('room.tokenInvalid.moderatorAction') : t('room.tokenInvalid.participantAction')}</span>
              </button>
            </p>
          </Alert>
        ) : null}
        {closedCode === CloseCode.protocolTooOld.code ? (
          <Alert variant="warning" title={t('room.tooOld.title')} live="alert">
            <p className="kern-body">{t('room.tooOld.text')}</p>
            <p>
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => location.reload()}>
                <span className="kern-label">{t('room.tooOld.action')}</span>
              </button>
            </p>
          </Alert>
        ) : null}
        {closedCode === CloseCode.documentTooLarge.code ? <Alert variant="warning" title={t('room.tooLarge')} live="alert" /> : null}
        {closedCode !== undefined && !tokenInvalid && !HANDLED_CLOSE_CODES.has(closedCode) ? (
          <Alert variant="danger" title={t('room.closedGeneric')}>
            <p>
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => location.reload()}>
                <span className="kern-label">{t('room.tooOld.action')}</span>
              </button>
            </p>
          </Alert>
        ) : null}
        {connection.refused ? (
          <Alert variant="warning" title={t('room.refused.title')} live="alert" testId="refused-notice">
            <p className="kern-body">{t('room.refused.text', { count: connection.refused })}</p>
          </Alert>
        ) : null}
        {realtime.revoked ? <Alert variant="warning" title={t('room.revoked')} live="alert" /> : null}
        {archived ? <Alert variant="info" title={t('room.archivedNotice')} live="status" testId="archived-notice" /> : null}
        {connection.status === 'offline' && !tokenInvalid ? (
          <Alert variant="info" title={t('room.connection.offlineTitle')} live="none" testId="offline-notice">
            <p className="kern-body">{editable ? t('room.connection.offlineHint') : t('room.connection.offlineHintObserver')}</p>
          </Alert>
        ) : null}

        {liveModerator ? (
          <LazyPart label={t('room.moderationLoading')} testId="moderation-loading">
            <ModeratorPanel session={session} join={join} />
          </LazyPart>
        ) : null}
        {/* On a phone the notice of a new round and the round's card are on the first screen. */}
        <RoomAlert />
        <VotesArea kind={session?.kind} projector={ResultsDialog} />

        <BoardNav sessionId={join.sessionId} boards={boards} />
        {tables ? (
          <Suspense fallback={null}>
            <TableBannerPart sessionId={join.sessionId} participantId={join.participantId} canSit={liveRole === 'participant'} />
          </Suspense>
        ) : null}
        <LockBanner doc={decisionsOpen ? 'decisions' : (activeBoard ?? 'notes')} moderator={liveModerator} />

        {/* An open draft takes the whole width (its own side holds the completeness check); the
            room's side column then follows below it. */}
        <div className={`wr-room__grid${activeBoard ? ' wr-room__grid--board' : ''}${decisionsOpen && draftId ? ' wr-room__grid--wide' : ''}`}>
          {decisionsOpen ? (
            <ReportConnectionContext.Provider value={reportConnection}>
              <LazyPart label={t('room.loading')} testId="decisions-loading">
                <DecisionsArea
                  join={join}
                  draftId={draftId}
                  moderator={liveModerator}
                  readOnly={!editable || (!liveModerator && lockedDocs.includes('decisions'))}
                  locked={!liveModerator && lockedDocs.includes('decisions')}
                  user={user}
                  ctx={ctx}
                />
              </LazyPart>
            </ReportConnectionContext.Provider>
          ) : tablesOpen ? (
            <LazyPart label={t('room.loading')} testId="tables-loading">
              <TablesOverview tables={tables} join={join} />
            </LazyPart>
          ) : activeBoard && session && !boards.includes(activeBoard) ? (
            <Alert variant="info" title={t('boards.nav.notInTemplate')} live="none" testId="board-not-in-template" />
          ) : activeBoard ? (
            <ReportConnectionContext.Provider value={reportConnection}>
              {/* Boards load when first opened (boards/registry.tsx); a board that cannot be loaded shows a reload button. */}
              <LazyPart resetKey={activeBoard} label={t('room.boardLoading')} testId="board-loading">
                <BoardFrame key={tableDoc ?? activeBoard} kind={activeBoard} board={board} join={boardJoin} session={session} user={user} ctx={ctx} locked={boardLocked} />
              </LazyPart>
            </ReportConnectionContext.Provider>
          ) : (
            <section className="wr-room__notes" aria-labelledby="notes-heading">
              <h2 id="notes-heading" className="kern-heading-medium" tabIndex={-1} data-focus-on-navigate="">
                {t('room.notesHeading')}
              </h2>
              <p id="notes-hint" className="kern-body kern-body--small wr-muted">
                {notesEditable ? t('room.notesHint') : t('room.readOnly')}
              </p>
              <LazyPart label={t('room.notesLoading')} testId="notes-loading">
                {collab ? <NotesEditor key={`${collab.doc.guid}:${notesEditable}`} collab={collab} user={user} editable={notesEditable} /> : null}
              </LazyPart>
            </section>
          )}
          <aside className="wr-room__side" aria-label={t('room.sideLabel')}>
            {isModerator && modSession ? (
              <LazyPart>
                <JoinPanel session={modSession} />
              </LazyPart>
            ) : null}
            <Suspense fallback={null}>
              <ActorGroupPickerPart />
            </Suspense>
            {collab ? <PresenceList provider={collab.provider} selfId={join.participantId} /> : null}
            <div className="wr-side-section">
              <button type="button" className="kern-btn kern-btn--tertiary wr-leave" onClick={leave}>
                <span className="kern-icon kern-icon--logout" aria-hidden="true" />
                <span className="kern-label">{t('room.leave')}</span>
              </button>
            </div>
          </aside>
        </div>
      </div>
    </SessionClientContext.Provider>
  );
}
