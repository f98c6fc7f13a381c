import { resolve } from 'node:path';
import { z } from 'zod';
import { Limits } from '../shared/limits';
import { DEFAULT_MIN_SECRET_VOTERS, MIN_SECRET_VOTERS_FLOOR } from '../shared/votes';
import { EXPORT_LIMIT_DEFAULTS, type ExportLimits } from './decisions/exports/jobs';
import { COMPACTION_DEFAULTS } from './sync/SharedDoc';

/**
 * Configuration, parsed and validated once at start-up. An invalid environment stops the
 * process with a message that names the variable.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The address people use to reach Werkraum (for join links and the setup link). */
  PUBLIC_URL: z.string().url().optional(),
  /** The name the OParl endpoint gives the installation's Body (the Kommune, e.g. "Stadt Musterstadt"). */
  WERKRAUM_BODY_NAME: z.string().trim().min(1).max(200).default('Werkraum'),
  WERKRAUM_ADMIN_EMAIL: z.string().email().optional(),
  WERKRAUM_ADMIN_PASSWORD: z.string().min(10).optional(),
  /**
   * A PostgreSQL connection string (`postgres://user:password@host:5432/werkraum`); when set,
   * everything is stored there instead of the SQLite file in DATA_DIR.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/[^\s]+$/.test(v), 'must be a postgres:// or postgresql:// URL'),
  /** `normal` survives a crash of the process; `full` also a power loss (slower). */
  WERKRAUM_SQLITE_SYNC: z.enum(['normal', 'full']).default('normal'),
  /** Extra origins allowed to open WebSockets, comma-separated (the own origin is always allowed). */
  WERKRAUM_ALLOWED_ORIGINS: z.string().default(''),
  /**
   * Compaction of a document's update log into one state row happens once the log since the
   * last compaction holds more than WERKRAUM_COMPACT_AFTER_BYTES bytes AND more bytes than the
   * compacted state itself (so a large board is not re-encoded every few hundred small edits),
   * or more than WERKRAUM_COMPACT_AFTER_UPDATES rows (a cap on load time), whichever comes first.
   */
  WERKRAUM_COMPACT_AFTER_BYTES: z.coerce.number().int().min(1).default(COMPACTION_DEFAULTS.afterBytes),
  WERKRAUM_COMPACT_AFTER_UPDATES: z.coerce.number().int().min(2).default(COMPACTION_DEFAULTS.afterUpdates),
  /** Stored size of one document (bytes) beyond which further updates are refused. */
  WERKRAUM_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).default(Limits.maxDocumentBytes),
  /** Export rendering: worker threads, time limit per job, unfinished jobs per caller and per session. */
  WERKRAUM_EXPORT_WORKERS: z.coerce.number().int().min(1).max(16).default(EXPORT_LIMIT_DEFAULTS.workers),
  WERKRAUM_EXPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(EXPORT_LIMIT_DEFAULTS.timeoutMs),
  WERKRAUM_EXPORTS_PER_CALLER: z.coerce.number().int().min(1).max(100).default(EXPORT_LIMIT_DEFAULTS.maxPendingPerCaller),
  WERKRAUM_EXPORTS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(EXPORT_LIMIT_DEFAULTS.maxPendingPerSession),
  /**
   * Which reverse proxies may set X-Forwarded-* (the client address for rate limits; the scheme
   * and host for the Origin check and the login cookie's Secure flag): `false` (default),
   * `loopback`, a comma-separated list of addresses/CIDRs, or a hop count.
   */
  WERKRAUM_TRUST_PROXY: z.string().default('false'),
  /**
   * How many voters a secret round needs before its distribution and its breakdown by actor
   * group are published (below it, only the number of voters); also the smallest actor group a
   * participation table shows.
   */
  WERKRAUM_SECRET_MIN_VOTERS: z.coerce.number().int().min(MIN_SECRET_VOTERS_FLOOR).max(1000).default(DEFAULT_MIN_SECRET_VOTERS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  /** DATABASE_URL: the PostgreSQL store instead of the SQLite file. */
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  /** WERKRAUM_BODY_NAME: the OParl Body's name. */
  bodyName: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  sqliteSync: 'normal' | 'full';
  allowedOrigins: string[];
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  compactAfterUpdates: number;
  compactAfterBytes: number;
  maxDocumentBytes: number;
  exports: ExportLimits;
  /** WERKRAUM_SECRET_MIN_VOTERS. */
  secretMinVoters: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Directory of the built client; absent in API-only test setups. */
  clientDir: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.WERKRAUM_ADMIN_EMAIL === undefined) !== (e.WERKRAUM_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  WERKRAUM_ADMIN_EMAIL and WERKRAUM_ADMIN_PASSWORD must be set together');
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbFile: resolve(dataDir, 'werkraum.sqlite'),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    bodyName: e.WERKRAUM_BODY_NAME,
    adminEmail: e.WERKRAUM_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.WERKRAUM_ADMIN_PASSWORD,
    sqliteSync: e.WERKRAUM_SQLITE_SYNC,
    allowedOrigins: e.WERKRAUM_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(e.WERKRAUM_TRUST_PROXY),
    compactAfterUpdates: e.WERKRAUM_COMPACT_AFTER_UPDATES,
    compactAfterBytes: e.WERKRAUM_COMPACT_AFTER_BYTES,
    maxDocumentBytes: e.WERKRAUM_MAX_DOCUMENT_BYTES,
    secretMinVoters: e.WERKRAUM_SECRET_MIN_VOTERS,
    exports: {
      workers: e.WERKRAUM_EXPORT_WORKERS,
      timeoutMs: e.WERKRAUM_EXPORT_TIMEOUT_MS,
      maxPendingPerCaller: e.WERKRAUM_EXPORTS_PER_CALLER,
      maxPendingPerSession: e.WERKRAUM_EXPORTS_PER_SESSION,
    },
    logLevel: e.LOG_LEVEL,
    clientDir: resolve('dist/client'),
    ...overrides,
  };
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  const v = value.trim();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}
