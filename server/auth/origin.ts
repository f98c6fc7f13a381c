/**
 * Same-origin check for browser requests (WebSocket handshakes, state-changing API calls).
 * Cross-site attacks come from browsers, and browsers always send `Origin` on those requests,
 * so a request without one (curl, Node clients, same-origin GETs) is allowed.
 *
 * Origins are compared whole — scheme, host and port — so `http://werkraum.kreis.de` (a page
 * anyone on the venue Wi-Fi can tamper with) is not `https://werkraum.kreis.de`.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../config';

export interface OriginPolicy {
  /** Extra origins allowed besides the request's own (WERKRAUM_ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The public address (PUBLIC_URL); behind a reverse proxy the Host header may differ from it. */
  publicUrl?: string | undefined;
}

/** An http(s) origin, parsed; anything else (`null`, `file:`, extensions) is undefined. */
function parseOrigin(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a browser request with this `Origin` may proceed.
 *
 * `self` is the request's own origin, `scheme://host[:port]` as the server received it
 * (`requestOrigin`; fastify's `${req.protocol}://${req.host}`). A caller that knows only the Host
 * header may pass the bare host; then the scheme is not compared, except for the host of
 * PUBLIC_URL, whose scheme always decides.
 *
 * Allowed: an origin listed in `allowedOrigins`; the origin of PUBLIC_URL; the request's own
 * origin; and an https page of the request's own host while the server itself sees plain http
 * (TLS ended at a proxy that is not trusted with X-Forwarded-Proto) — never the other way round.
 */
export function isOriginAllowed(origin: string | undefined, self: string | undefined, policy: OriginPolicy): boolean {
  if (!origin) return true;
  const asked = parseOrigin(origin);
  if (!asked) return false;
  if (policy.allowedOrigins.some((allowed) => parseOrigin(allowed)?.origin === asked.origin)) return true;
  const publicOrigin = policy.publicUrl ? parseOrigin(policy.publicUrl) : undefined;
  if (publicOrigin) {
    if (publicOrigin.origin === asked.origin) return true;
    // The public address's host is reached with the public address's scheme only.
    if (publicOrigin.host === asked.host) return false;
  }
  if (!self) return false;
  if (!self.includes('://')) return asked.host === self.toLowerCase();
  const own = parseOrigin(self);
  if (!own) return false;
  if (own.origin === asked.origin) return true;
  return own.protocol === 'http:' && asked.protocol === 'https:' && own.host === asked.host;
}

type TrustProxy = Config['trustProxy'];

/** Whether the immediate peer's X-Forwarded-* headers count, decided as fastify decides it. */
function peerTrust(trust: TrustProxy): (address: string) => boolean {
  if (trust === false) return () => false;
  if (trust === true) return () => true;
  if (typeof trust === 'function') return (address) => trust(address, 0);
  const compiled = proxyAddr.compile(trust);
  return (address) => compiled(address, 0);
}

function lastEntry(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.at(-1) : header;
  const last = value?.split(',').at(-1)?.trim();
  return last || undefined;
}

/**
 * Returns a function giving the origin a raw request (a WebSocket or socket.io handshake) was
 * addressed to: `https` on a TLS socket; `X-Forwarded-Proto` and `X-Forwarded-Host` only from a
 * proxy trusted by WERKRAUM_TRUST_PROXY; else the Host header. Undefined without a host.
 */
export function requestOriginResolver(trust: TrustProxy): (req: IncomingMessage) => string | undefined {
  const trusts = peerTrust(trust);
  return (req) => {
    const address = req.socket.remoteAddress;
    const trusted = address !== undefined && trusts(address);
    const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
    const forwardedProto = trusted ? lastEntry(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
    const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
    const host = (trusted ? lastEntry(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host;
    return host ? `${scheme}://${host}` : undefined;
  };
}
