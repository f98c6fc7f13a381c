import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { localeParts } from './tools/localeParts.ts';

// The client is built into dist/client and served by the Werkraum server on one port.
// In development (`npm run dev:client`) Vite proxies the API, Yjs and socket.io to the server.
const serverPort = Number(process.env.PORT ?? 3000);

/** Server paths the service worker must never answer: live data, not the app shell. */
const LIVE_PATHS = [/^\/api(\/|$|\?)/, /^\/yjs(\/|$|\?)/, /^\/socket\.io(\/|$|\?)/];

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    react(),
    // German and English strings, split into what every page needs and parts loaded with their views.
    localeParts(resolve(import.meta.dirname, 'client/locales')),
    // A service worker that precaches the built app shell (HTML, JS, CSS, fonts, icons), so a
    // room reloaded without network still opens and shows this device's copy of the documents.
    // Only build output is cached; the API, Yjs and socket.io always go to the network.
    // Not active in development (devOptions off): `npm run dev:client` behaves as before.
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by client/main.tsx itself (no workbox-window in the first load).
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,svg,png,ico}'],
        // Every file of the build, lazily loaded parts included, so any view opens offline once
        // the room has been opened online. No file is near the limit (the largest is ~335 KB).
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: LIVE_PATHS,
        // A new deploy takes over at once; the page reloads (edits are in IndexedDB) and old
        // precaches are removed.
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // No runtime caching: anything that is not precached goes to the network untouched.
        runtimeCaching: [],
      },
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]/ }],
        },
      },
    },
  },
  server: {
    // The server refuses state changes from foreign origins; through this proxy the browser's
    // origin is the dev server's, so it is rewritten to the server's own.
    proxy: {
      '/api': {
        target: `http://localhost:${serverPort}`,
        configure: (proxy) => proxy.on('proxyReq', (req) => req.setHeader('origin', `http://localhost:${serverPort}`)),
      },
      '/yjs': { target: `ws://localhost:${serverPort}`, ws: true },
      '/socket.io': { target: `ws://localhost:${serverPort}`, ws: true },
    },
  },
});
