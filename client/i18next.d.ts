import 'i18next';
import type de from './locales/de.json';
import type decisions from './locales/decisions.de.json';
import type lenkungskreis from './locales/lenkungskreis.de.json';

// Typed translation keys: a key missing from de.json is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof de & { decisions: typeof decisions; lenkungskreis: typeof lenkungskreis } };
  }
}
