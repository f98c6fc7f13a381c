/**
 * Security headers on every HTTP response: a strict Content-Security-Policy (the built client has
 * no inline script and loads everything from its own origin), no framing, no MIME sniffing, no
 * referrer to other sites, and no powerful browser features.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Paths } from '../../shared/protocol';

/**
 * The one inline style the client needs: Tiptap injects its base stylesheet (`white-space:
 * pre-wrap` and the like, without which typed spaces collapse) as a `<style data-tiptap-style>`
 * element. It is allowed by the hash of its exact text; `securityHeaders.test.ts` recomputes the
 * hash from the installed Tiptap, so an update that changes the stylesheet fails there first.
 */
export const TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='";

/** A Host value that may be written into a header as it is (no spaces, quotes or separators). */
const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The policy of the app shell and everything else the client loads (scripts, the service
 * worker, fonts). `host` is the page's own host, for the WebSocket endpoints (`'self'` covers
 * ws:/wss: of the own origin only in newer browsers).
 */
export function appContentSecurityPolicy(host: string | undefined): string {
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the CSSOM, which no policy restricts; elements and
    // attributes are held to the own origin, with Tiptap's stylesheet allowed by its hash.
    `style-src 'self' ${TIPTAP_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** JSON answers and downloads render nothing and load nothing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers every response carries. `Referrer-Policy: same-origin` rather than `no-referrer`: with
 * `no-referrer`, browsers send `Origin: null` on same-origin POSTs, which the API's Origin check
 * (rightly) refuses; `same-origin` sends nothing to other sites all the same.
 */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=()',
  'cross-origin-opener-policy': 'same-origin',
};

function isApi(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  return path === Paths.api || path.startsWith(`${Paths.api}/`);
}

/** Adds the headers to every response of the server (API, app shell, static files, errors). */
export function installSecurityHeaders(app: FastifyInstance, publicUrl: string | undefined): void {
  const publicHost = publicUrl ? new URL(publicUrl).host : undefined;
  app.addHook('onSend', async (req, reply) => {
    reply.headers(COMMON_SECURITY_HEADERS);
    // A PDF shown inline keeps the browser's viewer working: only framing is restricted there.
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (isApi(req)) {
      reply.header('content-security-policy', contentType.startsWith('application/pdf') ? "frame-ancestors 'none'" : API_CONTENT_SECURITY_POLICY);
    } else {
      reply.header('content-security-policy', appContentSecurityPolicy(publicHost ?? req.host));
    }
  });
}
