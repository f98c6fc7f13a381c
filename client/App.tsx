import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './data/auth';
import { Layout } from './components/Layout';
import { DashboardPage } from './pages/DashboardPage';
import { JoinPage } from './pages/JoinPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SetupPage } from './pages/SetupPage';
import { StartPage } from './pages/StartPage';

// The editor stack (Tiptap, Yjs, socket.io) and the QR generator load only when a room opens,
// so the start and join pages stay small on phones over venue Wi-Fi.
const RoomPage = lazy(() => import('./pages/RoomPage').then((m) => ({ default: m.RoomPage })));
const BeamerPage = lazy(() => import('./pages/BeamerPage').then((m) => ({ default: m.BeamerPage })));
// The Lenkungskreis's pages are for a few people only: loaded when opened.
const LenkungskreisJoinPage = lazy(() => import('./pages/LenkungskreisJoinPage').then((m) => ({ default: m.LenkungskreisJoinPage })));
const LenkungskreisInboxPage = lazy(() => import('./pages/LenkungskreisInboxPage').then((m) => ({ default: m.LenkungskreisInboxPage })));
const LenkungskreisDraftPage = lazy(() => import('./pages/LenkungskreisDraftPage').then((m) => ({ default: m.LenkungskreisDraftPage })));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="kern-body" role="status">
      {t('app.loading')}
    </p>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <Routes>
          <Route path="/" element={<Layout><StartPage /></Layout>} />
          <Route path="/join/:code" element={<Layout><JoinPage /></Layout>} />
          <Route path="/login" element={<Layout><LoginPage /></Layout>} />
          <Route path="/setup" element={<Layout><SetupPage /></Layout>} />
          <Route path="/sessions" element={<Layout wide><DashboardPage /></Layout>} />
          <Route path="/s/:sessionId" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/b/:board" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beschluesse" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beschluesse/:draftId" element={<Layout wide><Lazy><RoomPage /></Lazy></Layout>} />
          <Route path="/s/:sessionId/beamer" element={<Lazy><BeamerPage /></Lazy>} />
          <Route path="/lenkungskreis" element={<Layout wide><Lazy><LenkungskreisInboxPage /></Lazy></Layout>} />
          <Route path="/lenkungskreis/einladung" element={<Layout><Lazy><LenkungskreisJoinPage /></Lazy></Layout>} />
          <Route path="/lenkungskreis/vorlagen/:draftId" element={<Layout wide><Lazy><LenkungskreisDraftPage /></Lazy></Layout>} />
          <Route path="*" element={<Layout><NotFoundPage /></Layout>} />
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
