/**
 * Quotation marks inside quotation marks: a title that carries its own („3. Bildungskonferenz
 * „Übergang Schule–Beruf““) reads as nested quotes in German typography („… ‚…‘“), and in English
 * (“… ‘…’”). Applied to every translated string after interpolation (client/i18n.ts); text whose
 * marks do not pair up is left as it is.
 */
const MARKS: Record<string, { open: string; close: string; innerOpen: string; innerClose: string }> = {
  de: { open: '„', close: '“', innerOpen: '‚', innerClose: '‘' },
  en: { open: '“', close: '”', innerOpen: '‘', innerClose: '’' },
};

export function nestQuotes(text: string, lang: string): string {
  const m = MARKS[lang];
  if (!m || !text.includes(m.open)) return text;
  let opens = 0;
  let closes = 0;
  for (const ch of text) {
    if (ch === m.open) opens++;
    else if (ch === m.close) closes++;
  }
  if (opens < 2 || opens !== closes) return text;
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === m.open) {
      depth++;
      out += depth > 1 ? m.innerOpen : m.open;
    } else if (ch === m.close) {
      out += depth > 1 ? m.innerClose : m.close;
      depth = Math.max(0, depth - 1);
    } else out += ch;
  }
  return out;
}
