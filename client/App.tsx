import { lazy, type ComponentType, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes, matchPath } from 'react-router';
import { AuthProvider } from './data/auth';
import { Layout } from './components/Layout';
import { LazyPart } from './components/Lazy';
import { loadLocalePart, type LocalePart } from './lib/locales';
import { prefetchBoardView } from './boards/loadBoard';
import { loadNotesEditor } from './room/loadNotesEditor';

/**
 * Every page loads when its route is first opened, so each downloads only what it shows: a person
 * opening a room gets React, the router, the German strings, the room and the notes editor; the
 * start, join and sign-in pages stay small on phones over venue Wi-Fi. `locale` names the strings
 * (lib/locales.ts) the page needs besides the main file; they load together with its code.
 */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType, locale: LocalePart[] = []) {
  return lazy(async () => {
    const [m] = await Promise.all([load(), ...locale.map(loadLocalePart)]);
    return { default: pick(m) };
  });
}

const StartPage = page(() => import('./pages/StartPage'), (m) => m.StartPage);
const JoinPage = page(() => import('./pages/JoinPage'), (m) => m.JoinPage);
const LoginPage = page(() => import('./pages/LoginPage'), (m) => m.LoginPage);
const SetupPage = page(() => import('./pages/SetupPage'), (m) => m.SetupPage, ['manage']);
const PrivacyPage = page(() => import('./pages/PrivacyPage'), (m) => m.PrivacyPage, ['manage']);
const NotFoundPage = page(() => import('./pages/NotFoundPage'), (m) => m.NotFoundPage);
// The dashboard holds the Lenkungskreis's administration.
const DashboardPage = page(() => import('./pages/DashboardPage'), (m) => m.DashboardPage, ['decisions', 'manage']);
const RoomPage = page(() => {
  // The notes are the room's default view: fetch their editor alongside the room rather than after
  // it, while the room opens its documents and connections.
  if (matchPath('/s/:sessionId', location.pathname)) void loadNotesEditor().catch(() => undefined);
  // A board opened directly (a link, a reload): its frame and code come alongside the room too.
  const onBoard = matchPath('/s/:sessionId/b/:board', location.pathname)?.params;
  prefetchBoardView(onBoard?.board);
  // The documents the view shows start connecting now, not once the room has rendered.
  const sessionId = onBoard?.sessionId ?? matchPath('/s/:sessionId/*', location.pathname)?.params.sessionId;
  if (sessionId) void import('./data/docs/preopen').then((m) => m.preopenRoomDocs(sessionId, onBoard?.board)).catch(() => undefined);
  return import('./pages/RoomPage');
}, (m) => m.RoomPage);
const BeamerPage = page(() => import('./pages/BeamerPage'), (m) => m.BeamerPage, ['boards', 'manage']);
// The Lenkungskreis's pages are for a few people only.
const LenkungskreisJoinPage = page(() => import('./pages/LenkungskreisJoinPage'), (m) => m.LenkungskreisJoinPage, ['decisions']);
const LenkungskreisDevicePage = page(() => import('./pages/LenkungskreisDevicePage'), (m) => m.LenkungskreisDevicePage, ['decisions']);
const LenkungskreisInboxPage = page(() => import('./pages/LenkungskreisInboxPage'), (m) => m.LenkungskreisInboxPage, ['decisions']);
const LenkungskreisDraftPage = page(() => import('./pages/LenkungskreisDraftPage'), (m) => m.LenkungskreisDraftPage, ['decisions']);

function Lazy({ children }: { children: ReactNode }) {
  return <LazyPart testId="page-loading">{children}</LazyPart>;
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route path="/" element={<Layout><Lazy><StartPage /></Lazy></Layout>} />
          <Route path="/join/:code" element={<Layout><Lazy><JoinPage /></Lazy></Layout>} />
          <Route path="/datenschutz" element={<Layout><Lazy><PrivacyPage /></Lazy></Layout>} />
          <Route path="/login" element={<Layout><Lazy><LoginPage /></Lazy></Layout>} />
          <Route path="/setup" element={<Layout><Lazy><SetupPage /></Lazy></Layout>} />
          <Route path="/sessions" element={<Layout wide><Lazy><DashboardPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/b/:board" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/tische" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beschluesse" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beschluesse/:draftId" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beamer" element={<Lazy><BeamerPage /></Lazy>} />
          <Route path="/lenkungskreis" element={<Layout wide><Lazy><LenkungskreisInboxPage /></Lazy></Layout>} />
          <Route path="/lenkungskreis/einladung" element={<Layout><Lazy><LenkungskreisJoinPage /></Lazy></Layout>} />
          <Route path="/lenkungskreis/geraet" element={<Layout><Lazy><LenkungskreisDevicePage /></Lazy></Layout>} />
          <Route path="/lenkungskreis/vorlagen/:draftId" element={<Layout wide><Lazy><LenkungskreisDraftPage /></Lazy></Layout>} />
          <Route path="*" element={<Layout><Lazy><NotFoundPage /></Lazy></Layout>} />
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
