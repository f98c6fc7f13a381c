import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import decisionsDe from './locales/decisions.de.json';
import decisionsEn from './locales/decisions.en.json';
import lenkungskreisDe from './locales/lenkungskreis.de.json';
import lenkungskreisEn from './locales/lenkungskreis.en.json';

// Larger features keep their strings in their own files, under one top-level key each.
const resources = {
  de: { translation: { ...de, decisions: decisionsDe, lenkungskreis: lenkungskreisDe } },
  en: { translation: { ...en, decisions: decisionsEn, lenkungskreis: lenkungskreisEn } },
};

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'werkraum.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'de' || v === 'en') return v;
  } catch {
    // Storage may be blocked (private mode, policies); German is the default anyway.
  }
  return 'de';
}

function applyToDocument(lng: string): void {
  document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'de',
  supportedLngs: LANGUAGES,
  // React escapes on render; escaping here would double-escape quotes in titles.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

applyToDocument(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyToDocument(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembering the choice is acceptable.
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'de';
}

export default i18n;
