// KERN UX design system and its fonts, bundled from node_modules: no third-party CDN (DSGVO).
import '@kern-ux/native/dist/fonts/fira-sans.css';
import '@kern-ux/native/dist/kern.min.css';
import './styles/app.css';
import { startI18n } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { perfMark } from './lib/perfMark';

perfMark('main');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
const appRoot = root;
// English (when remembered) is fetched first, so the first paint is in the person's language.
void startI18n().then(() => {
  perfMark('i18n');
  createRoot(appRoot).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

// The service worker (vite.config.ts) keeps the app shell on the device, so a room opens again
// without network. A new deploy activates at once (skipWaiting, clientsClaim) and takes over this
// page: then the page reloads, so it runs the code the new worker serves; edits live in
// IndexedDB. The first worker taking over a page that had none changes nothing and reloads
// nothing. Registered by hand (what vite-plugin-pwa's `autoUpdate` register does, without loading
// workbox-window first). There is no worker in development.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
    controlled = true;
  });
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch((err: unknown) => {
    // Without the worker the app works online as before; only the offline reload is missing.
    console.warn('service worker not registered', err);
  });
}
