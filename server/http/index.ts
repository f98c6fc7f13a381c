/**
 * The JSON API under /api. Everything lives in one encapsulated fastify plugin with its own
 * error and not-found handlers, so failures are always `{ error: { id, message, field? } }` and
 * never reach the client shell's catch-all. Routes are grouped one concern per file.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { ErrorId } from '../../shared/errors';
import { Paths } from '../../shared/protocol';
import { isOriginAllowed } from '../auth/origin';
import type { Config } from '../config';
import { DecisionService } from '../decisions/service';
import { ExportJobs } from '../decisions/exports/jobs';
import { OparlCatalog } from '../decisions/oparlCatalog';
import type { Store } from '../store/types';
import type { SyncServer } from '../sync/SyncServer';
import { registerAuthRoutes } from './auth';
import { registerDecisionRoutes } from './decisions';
import { registerExportRoutes } from './exports';
import { registerLenkungskreisRoutes } from './lenkungskreis';
import { registerOparlRoutes } from './oparl';
import type { ApiContext, LiveSessions } from './context';
import { ApiError, installErrorHandlers } from './errors';
import { registerJoinRoutes } from './join';
import { registerOrganisationRoutes } from './organisation';
import { registerPersonalDataRoutes } from './personalData';
import { AttemptLimiter, type AttemptLimits } from './rateLimit';
import { registerCarryRoutes } from './carry';
import { registerSessionRoutes } from './sessions';
import { registerSettingsRoutes } from './settings';

const MINUTE = 60_000;

/** Per client IP and minute. See AttemptLimiter for why failures and requests count apart. */
export const API_RATE_LIMITS: Record<keyof ApiContext['limiters'], AttemptLimits> = {
  login: { maxFailures: 30, maxRequests: 120, windowMs: MINUTE },
  setup: { maxFailures: 30, maxRequests: 60, windowMs: MINUTE },
  join: { maxFailures: 30, maxRequests: 1200, windowMs: MINUTE },
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiDeps {
  store: Store;
  config: Config;
  /** The Yjs endpoint (created after the API): server-side writes into documents go through it. */
  sync: () => SyncServer;
  /** The live side of sessions (available once the server runs). */
  live: () => LiveSessions;
}

export async function registerApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const exports = new ExportJobs({ log: app.log, limits: deps.config.exports });
  app.addHook('onClose', async () => exports.close());
  const decisions = new DecisionService({ store: deps.store, sync: deps.sync, log: app.log, secretMinVoters: deps.config.secretMinVoters });
  const ctx: ApiContext = {
    store: deps.store,
    config: deps.config,
    decisions,
    exports,
    oparl: new OparlCatalog({ store: deps.store, decisions, exports, log: app.log }),
    live: deps.live,
    limiters: {
      login: new AttemptLimiter(API_RATE_LIMITS.login),
      setup: new AttemptLimiter(API_RATE_LIMITS.setup),
      join: new AttemptLimiter(API_RATE_LIMITS.join),
    },
  };

  await app.register(
    async (api) => {
      await api.register(fastifyCookie);
      installErrorHandlers(api);

      // JSON only: fastify would also parse text/plain, which then failed validation with a
      // misleading 400; without a parser, any other media type is 415 unsupported_media_type.
      api.removeContentTypeParser('text/plain');
      // An empty body is "no body" (POST /auth/logout from fetch with a JSON content type);
      // everything else goes through fastify's JSON parser with its prototype-poisoning guard.
      const parseJson = api.getDefaultJsonParser('error', 'error');
      api.removeContentTypeParser('application/json');
      api.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        if (text.trim() === '') return done(null, undefined);
        parseJson(req, text, done);
      });

      // Responses carry tokens and personal data: never cache them.
      api.addHook('onSend', async (_req, reply) => {
        reply.header('cache-control', 'no-store');
      });

      // Cookies ride along on cross-site requests; refuse state changes from foreign pages.
      api.addHook('onRequest', async (req) => {
        if (SAFE_METHODS.has(req.method)) return;
        const policy = { allowedOrigins: deps.config.allowedOrigins, publicUrl: deps.config.publicUrl };
        if (!isOriginAllowed(req.headers.origin, `${req.protocol}://${req.host}`, policy)) {
          throw new ApiError(403, ErrorId.forbidden, 'Request from a foreign origin');
        }
      });

      api.get('/health', async () => ({ ok: true }));
      registerAuthRoutes(api, ctx);
      registerOrganisationRoutes(api, ctx);
      registerSessionRoutes(api, ctx);
      registerCarryRoutes(api, ctx);
      registerSettingsRoutes(api, ctx);
      registerJoinRoutes(api, ctx);
      registerPersonalDataRoutes(api, ctx);
      registerDecisionRoutes(api, ctx);
      registerLenkungskreisRoutes(api, ctx);
      registerExportRoutes(api, ctx);
      registerOparlRoutes(api, ctx);
    },
    { prefix: Paths.api },
  );
}
