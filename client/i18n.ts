import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { nestQuotes } from './lib/quotes';
import { LANGUAGES, rememberLanguage, setLanguage, storedLanguage } from './lib/locales';
import de from 'virtual:werkraum-strings/de';

// German is the default and the fallback: its strings are part of the app, except those of the
// boards, the decision drafts and the Lenkungskreis; those, and English, load when needed
// (lib/locales.ts).
/**
 * Every string after interpolation: quotation marks inside quotation marks become single ones
 * (lib/quotes.ts). A string shown from the fallback language (German text in the English UI: its part had not
 * loaded, or English lacks it) is recorded like a missing key.
 */
const trackFallback = {
  type: 'postProcessor' as const,
  name: 'werkraumFallback',
  process(value: string, key: string | string[], options: { lng?: string; i18nResolved?: { usedLng?: string; usedKey?: string } }) {
    const usedLng = options.i18nResolved?.usedLng;
    const shown = options.lng ?? i18n.language;
    if (usedLng && shown && usedLng !== shown && i18n.options.supportedLngs && (i18n.options.supportedLngs as readonly string[]).includes(shown)) {
      recordMissing(`${shown}:${String(options.i18nResolved?.usedKey ?? key)} (shown in ${usedLng})`);
    }
    return typeof value === 'string' ? nestQuotes(value, shown ?? 'de') : value;
  },
};

void i18n.use(initReactI18next).use(trackFallback).init({
  resources: { de: { translation: de } },
  lng: 'de',
  fallbackLng: 'de',
  supportedLngs: LANGUAGES,
  partialBundledLanguages: true,
  // React escapes on render; escaping here would double-escape quotes in titles.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  // A key without a string renders as the raw key ("decisions.rows.cols.goalId"): it is recorded
  // (missingKeys below) and, in development, reported on the console. e2e/i18n.spec.ts walks the
  // app in both languages and fails on any.
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => recordMissing(`${lngs.join(',')}:${key}`),
  postProcess: ['werkraumFallback'],
  postProcessPassResolved: true,
});

declare global {
  interface Window {
    /** Translation keys asked for but not found, as `language:key` (read by e2e tests). */
    __werkraumMissingKeys?: string[];
  }
}

/** Keys looked up but missing in the language shown (and those shown from the fallback). */
const missingKeys: string[] = [];
window.__werkraumMissingKeys = missingKeys;

function recordMissing(entry: string): void {
  if (missingKeys.includes(entry)) return;
  missingKeys.push(entry);
  if (import.meta.env.DEV) console.warn(`missing translation: ${entry}`);
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
}

applyToDocument(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyToDocument(lng);
  if (lng === 'de' || lng === 'en') rememberLanguage(lng);
});

/**
 * Resolves when the remembered language is ready to render. If its strings cannot be loaded, the
 * app starts in German rather than not at all.
 */
export async function startI18n(): Promise<void> {
  const lng = storedLanguage();
  if (lng === 'de') return;
  try {
    await setLanguage(lng);
  } catch {
    // German is complete; the switch offers English again.
  }
}

export default i18n;
