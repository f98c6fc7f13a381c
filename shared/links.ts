/**
 * The one sanitiser for link targets. Every place that turns a link from a document into
 * something clickable — the rich-text reader, the Markdown, DOCX and PDF exports, the JSON
 * export — asks `safeLinkTarget`; whatever it refuses is shown as plain text.
 *
 * Allowed: `http://host…`, `https://host…` and `mailto:…`, nothing else. Refused: every other
 * scheme (`javascript:`, `data:`, `file:`, `vbscript:`, `blob:`, …), scheme-relative and
 * relative targets (`//host`, `/path`, `#x`, `?q`), and any target with whitespace, control,
 * invisible or bidi characters or a backslash anywhere (browsers drop or re-interpret those,
 * e.g. `java\tscript:` or `https:\\host`). No `URL` parsing: this file runs in the browser and
 * on the server alike, with neither DOM nor Node APIs.
 */

/** Longest link target kept (longer ones are refused, not cut: a cut URL points elsewhere). */
export const MAX_LINK_LENGTH = 2048;

// C0 and C1 controls, space, DEL, soft hyphen, zero-width and bidi controls, line/paragraph
// separators, the BOM, and the backslash.
const FORBIDDEN = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;
const WEB = /^https?:\/\/[^/?#]+/i;
const MAIL = /^mailto:./i;

/**
 * The link target when it is safe to make clickable, else null. Leading and trailing ASCII
 * whitespace is trimmed (editors paste it); the scheme is written in lower case.
 */
export function safeLinkTarget(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  if (trimmed === '' || trimmed.length > MAX_LINK_LENGTH || FORBIDDEN.test(trimmed)) return null;
  if (WEB.test(trimmed)) {
    const colon = trimmed.indexOf(':');
    return trimmed.slice(0, colon).toLowerCase() + trimmed.slice(colon);
  }
  if (MAIL.test(trimmed)) return `mailto:${trimmed.slice('mailto:'.length)}`;
  return null;
}
