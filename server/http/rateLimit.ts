import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, onResponseAsyncHookHandler } from 'fastify';
import { ErrorId } from '../../shared/errors';
import { ApiError } from './errors';

export interface AttemptLimits {
  /** Failed attempts (401/403/404) per client and window before further attempts are refused. */
  maxFailures: number;
  /** All attempts per client and window (a ceiling against floods of valid requests). */
  maxRequests: number;
  windowMs: number;
}

interface Window {
  start: number;
  requests: number;
  failures: number;
}

/**
 * In-memory fixed-window counter per key (bucket + client IP). It counts failures separately
 * from requests because a whole conference may join from behind one venue NAT address: hundreds
 * of successful joins from one IP are normal, dozens of wrong codes are someone guessing.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => number = Date.now,
    /** Sweep expired windows once the map holds this many keys. */
    private readonly sweepAt = 10_000,
  ) {}

  /**
   * Counts one attempt. Returns undefined when it may proceed, or the seconds until the
   * client's window ends when it is over a limit.
   */
  attempt(key: string): number | undefined {
    const w = this.current(key);
    if (w.failures >= this.limits.maxFailures || w.requests >= this.limits.maxRequests) {
      return Math.max(1, Math.ceil((w.start + this.limits.windowMs - this.now()) / 1000));
    }
    w.requests++;
    return undefined;
  }

  fail(key: string): void {
    this.current(key).failures++;
  }

  /** Number of keys held (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string): Window {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.limits.windowMs) {
      if (!w && this.windows.size >= this.sweepAt) this.sweep(t);
      w = { start: t, requests: 0, failures: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  private sweep(t: number): void {
    for (const [key, w] of this.windows) if (t - w.start >= this.limits.windowMs) this.windows.delete(key);
  }
}

const FAILURE_STATUSES = new Set([401, 403, 404]);

/** Route hooks that apply a limiter per client IP: refuse with 429 when over, count failures. */
export function limitAttempts(
  limiter: AttemptLimiter,
  bucket: string,
): { onRequest: onRequestAsyncHookHandler; onResponse: onResponseAsyncHookHandler } {
  const key = (req: FastifyRequest) => `${bucket}:${req.ip}`;
  return {
    async onRequest(req: FastifyRequest) {
      const retryAfter = limiter.attempt(key(req));
      if (retryAfter !== undefined) {
        throw new ApiError(429, ErrorId.tooManyRequests, 'Too many attempts, please wait a moment', undefined, {
          'retry-after': String(retryAfter),
        });
      }
    },
    async onResponse(req: FastifyRequest, reply: FastifyReply) {
      if (FAILURE_STATUSES.has(reply.statusCode)) limiter.fail(key(req));
    },
  };
}
