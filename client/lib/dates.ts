/** Today's date in the browser's time zone as `YYYY-MM-DD` (what `<input type=date>` expects). */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Formats `YYYY-MM-DD` for people, e.g. "12. März 2025", without shifting the day by time zone. */
export function formatIsoDate(iso: string, lang: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return longDateFormat(lang === 'en' ? 'en-GB' : 'de-DE').format(date);
}

/** Creating a DateTimeFormat is costly (tens of ms the first time); one per locale serves all. */
const longDateFormats = new Map<string, Intl.DateTimeFormat>();
function longDateFormat(locale: string): Intl.DateTimeFormat {
  let f = longDateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    longDateFormats.set(locale, f);
  }
  return f;
}
