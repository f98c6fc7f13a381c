import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The client is built into dist/client and served by the Werkraum server on one port.
// In development (`npm run dev:client`) Vite proxies the API, Yjs and socket.io to the server.
const serverPort = Number(process.env.PORT ?? 3000);

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
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
