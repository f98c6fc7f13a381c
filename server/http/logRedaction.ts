/**
 * Secrets never reach the log. Some of them travel in URLs: join and observer codes in
 * `/join/<code>` and `GET /api/join/<code>`, Lenkungskreis invitation codes in
 * `GET /api/lenkungskreis/join/<code>`, participant tokens in `/yjs/…?token=` and the setup token
 * in `/setup?token=`. Every log line passes through `redactSecrets` on its way out, at every
 * level, whatever logged it (request lines, fastify's own messages, serialised errors), and the
 * request serialiser logs `redactUrl(url)` instead of the URL.
 */
export const REDACTED = '[redacted]';

/** Query parameters whose values are logged as they are; every other value is redacted. */
const HARMLESS_QUERY_KEYS = new Set(['v', 'status', 'EIO', 'transport', 't']);

/** `/join/<code>` anywhere in a path (also `/api/join/…` and `/api/lenkungskreis/join/…`). */
const JOIN_PATH = /\/join\/(?!\[redacted\])[^\s"'?#/\\&]+/g;
/** The invitation link's fragment (`/lenkungskreis/einladung#<code>`), should a URL with it be logged. */
const INVITATION_FRAGMENT = /(\/einladung)#[^\s"'\\]+/g;
/** `?key=value` and `&key=value` pairs. */
const QUERY_PAIR = /([?&])([^=&?#\s"'\\]+)=([^&#\s"'\\]*)/g;
/** Credentials in header-like text. */
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const LOGIN_COOKIE = /(werkraum_login=)[^;\s"'\\]+/g;

/** Replaces every secret this server knows to appear in URLs and headers by `[redacted]`. */
export function redactSecrets(text: string): string {
  return text
    .replace(JOIN_PATH, `/join/${REDACTED}`)
    .replace(INVITATION_FRAGMENT, `$1#${REDACTED}`)
    .replace(QUERY_PAIR, (pair, sep: string, key: string, value: string) =>
      HARMLESS_QUERY_KEYS.has(key) || value === REDACTED ? pair : `${sep}${key}=${REDACTED}`,
    )
    .replace(BEARER, `$1${REDACTED}`)
    .replace(LOGIN_COOKIE, `$1${REDACTED}`);
}

/** A request URL as it may be logged. */
export function redactUrl(url: string): string {
  return redactSecrets(url);
}

/**
 * A log destination that redacts every line before passing it on (pino writes whole lines, one
 * per `write`).
 */
export interface LogDestination {
  write(line: string): void;
}

export function redactingStream(target: LogDestination): LogDestination {
  return {
    write(line: string) {
      target.write(redactSecrets(line));
    },
  };
}
