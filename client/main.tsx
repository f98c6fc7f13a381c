/// <reference types="vite-plugin-pwa/client" />
// KERN UX design system and its fonts, bundled from node_modules: no third-party CDN (DSGVO).
import '@kern-ux/native/dist/fonts/fira-sans.css';
import '@kern-ux/native/dist/kern.min.css';
import './styles/app.css';
import { startI18n } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
const appRoot = root;
// English (when remembered) is fetched first, so the first paint is in the person's language.
void startI18n().then(() =>
  createRoot(appRoot).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// The service worker (vite.config.ts) keeps the app shell on the device, so a room opens again
// without network. A new deploy activates at once and reloads the page; edits live in IndexedDB.
// In development the virtual module does nothing.
if ('serviceWorker' in navigator) registerSW({ immediate: true });
