/**
 * Builds one Werkraum server: one HTTP port carrying the built client, the JSON API under /api,
 * the Yjs endpoint under /yjs/<docName> and socket.io under /socket.io.
 */
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Limits } from '../shared/limits';
import { Paths } from '../shared/protocol';
import type { Config } from './config';
import * as Y from 'yjs';
import { CloseCode } from '../shared/closeCodes';
import { registerApi } from './http';
import type { LiveSessions } from './http/context';
import { toSessionPublic } from './http/views';
import { type LogDestination, redactingStream, redactUrl } from './http/logRedaction';
import { installSecurityHeaders } from './http/securityHeaders';
import { attachRealtime, loadLocks, TableSeats, type Realtime } from './realtime';
import { CardPolicy } from './realtime/cardPolicy';
import type { Store } from './store/types';
import { SyncServer } from './sync/SyncServer';

export interface WerkraumServer {
  app: FastifyInstance;
  sync: SyncServer;
  realtime: Realtime;
  store: Store;
  config: Config;
  /** Every HTTP route registered (method and full URL pattern), so tests can cover each one. */
  routes: readonly { method: string; url: string }[];
  /** Listens on config.port (0 = any free port) and resolves with the bound port. */
  listen(): Promise<number>;
  /** Flushes and compacts every open document, closes all connections and the store. */
  close(): Promise<void>;
}

/**
 * Cache headers of the built client. Files with a content hash in their name never change; the
 * app shell and the service worker must be checked on every load, or a new deploy would not
 * reach browsers (the service worker then serves the shell offline, see vite.config.ts).
 */
export function cacheControlFor(relativePath: string): string {
  const path = relativePath.split(sep).join('/');
  if (path.startsWith('assets/') || /^workbox-[\w-]+\.js$/.test(path)) return 'public, max-age=31536000, immutable';
  if (path === 'index.html' || path === 'sw.js' || path.endsWith('.webmanifest') || path === 'registerSW.js') return 'no-cache';
  return 'public, max-age=0';
}

export interface ServerOptions {
  /** Where log lines go (default: stdout), after redaction. */
  logStream?: LogDestination;
}

export async function createServer(config: Config, store: Store, options: ServerOptions = {}): Promise<WerkraumServer> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Every line is redacted on its way out: codes and tokens travel in some URLs.
            stream: redactingStream(options.logStream ?? process.stdout),
            serializers: { req: (req) => ({ method: req.method, url: redactUrl(req.url) }) },
          },
    bodyLimit: Limits.maxJsonBodyBytes,
    trustProxy: config.trustProxy,
  });

  installSecurityHeaders(app, config.publicUrl);
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routes.push({ method, url: route.url });
  });

  // The API writes into documents through the Yjs endpoint, which needs the HTTP server: a getter.
  let syncServer: SyncServer | undefined;
  let liveSessions: LiveSessions | undefined;
  await registerApi(app, {
    store,
    config,
    sync: () => {
      if (!syncServer) throw new Error('the Yjs endpoint is not running yet');
      return syncServer;
    },
    live: () => {
      if (!liveSessions) throw new Error('the live side is not running yet');
      return liveSessions;
    },
  });

  const clientDir = config.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, {
      root: clientDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // Set per file below (the default would overwrite a header set there).
      cacheControl: false,
      setHeaders: (res, filePath) => res.setHeader('cache-control', cacheControlFor(relative(clientDir, filePath))),
    });
    // Client-side routes: every non-API GET that is not a file gets the app shell.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith(Paths.api + '/') && !req.url.startsWith(Paths.api + '?')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.code(404).send({ error: { id: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
    });
  }

  await app.ready();
  const httpServer = app.server;
  // Locks come first: the Yjs endpoint asks them, from memory, for every update.
  const locks = await loadLocks(store);
  const tables = new TableSeats(store.moderation);
  const cardPolicy = new CardPolicy(store.moderation);
  const sync = new SyncServer({
    store,
    log: app.log,
    originPolicy: { allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl },
    trustProxy: config.trustProxy,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    maxDocumentBytes: config.maxDocumentBytes,
    isLocked: (docName) => locks.isLocked(docName),
    tables,
    sessionPolicy: {
      ensure: (sessionId) => cardPolicy.ensure(sessionId),
      policy: (sessionId) => ({ authorsOnlyDelete: cardPolicy.authorsOnlyDelete(sessionId) }),
    },
  });
  syncServer = sync;
  const realtime = await attachRealtime(httpServer, { store, config, log: app.log, sync, locks, cardPolicy, tables });
  liveSessions = {
    async updated(session, accessChanged) {
      realtime.sessionUpdated(toSessionPublic(session));
      if (accessChanged) sync.closeSession(session.id, CloseCode.sessionChanged);
    },
    async discard(sessionId) {
      await realtime.discardSession(sessionId);
      await sync.discardSession(sessionId);
    },
    readState: (docName) => sync.read(docName, (doc) => Y.encodeStateAsUpdate(doc)),
  };
  // socket.io is attached with destroyUpgrade: false, so every other upgrade is ours to handle.
  httpServer.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith(Paths.socketIo + '/')) return;
    if (path.startsWith(Paths.yjs + '/')) {
      sync.handleUpgrade(req, socket, head);
      return;
    }
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });

  let closed = false;
  return {
    app,
    sync,
    realtime,
    store,
    config,
    routes,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const addr = httpServer.address();
      return typeof addr === 'object' && addr ? addr.port : config.port;
    },
    async close() {
      if (closed) return;
      closed = true;
      await sync.close();
      await realtime.close();
      await app.close();
      await store.close();
    },
  };
}
