/**
 * Same-origin check for browser requests (WebSocket handshakes, state-changing API calls).
 * Cross-site attacks come from browsers, and browsers always send `Origin` on those requests,
 * so a request without one (curl, Node clients, same-origin GETs) is allowed.
 */
export interface OriginPolicy {
  /** Extra origins allowed besides the request's own host (WERKRAUM_ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The public address (PUBLIC_URL); behind a reverse proxy the Host header may differ from it. */
  publicUrl?: string | undefined;
}

export function isOriginAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (!origin) return true;
  if (policy.allowedOrigins.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host.toLowerCase()) return true;
  if (policy.publicUrl) {
    try {
      return new URL(policy.publicUrl).origin === parsed.origin;
    } catch {
      return false;
    }
  }
  return false;
}
