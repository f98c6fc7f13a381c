/**
 * Which strings the browser loads, and when. German is the default and the fallback, so its main
 * strings are part of the app itself (client/i18n.ts); English is fetched when someone switches
 * (or comes back with English remembered). Parts load with the views that use them:
 * - `boards`: the boards' own strings (`swot`, `goals`, … in de.json/en.json, split off at build
 *   time by tools/localeParts.ts);
 * - `manage`: the dashboard's, the setup's, the parallel tables' and the moderator panel's strings;
 * - `decisions`: the decision drafts' and the Lenkungskreis's files (`decisions.*.json`,
 *   `lenkungskreis.*.json`), with the boards' strings.
 */
import i18n from 'i18next';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Strings that belong to one large feature, loaded with it. */
export type LocalePart = 'boards' | 'manage' | 'decisions';

const STORAGE_KEY = 'werkraum.lang';

type Json = Record<string, unknown>;
const json = (load: Promise<{ default: unknown }>): Promise<Json> => load.then((m) => m.default as Json);

/** The main file of each language other than German (German is bundled in client/i18n.ts). */
const MAIN: Record<Exclude<Language, 'de'>, () => Promise<Json>> = {
  en: () => json(import('virtual:werkraum-strings/en')),
};

/** Each part is merged below one top-level key per file, as `t('decisions.…')` expects. */
const PARTS: Record<LocalePart, Record<Language, () => Promise<Json>>> = {
  boards: {
    de: () => json(import('virtual:werkraum-strings/de/boards')),
    en: () => json(import('virtual:werkraum-strings/en/boards')),
  },
  manage: {
    de: () => json(import('virtual:werkraum-strings/de/manage')),
    en: () => json(import('virtual:werkraum-strings/en/manage')),
  },
  decisions: {
    de: async () => {
      const [decisions, lenkungskreis] = await Promise.all([json(import('../locales/decisions.de.json')), json(import('../locales/lenkungskreis.de.json'))]);
      return { decisions, lenkungskreis };
    },
    en: async () => {
      const [decisions, lenkungskreis] = await Promise.all([json(import('../locales/decisions.en.json')), json(import('../locales/lenkungskreis.en.json'))]);
      return { decisions, lenkungskreis };
    },
  },
};

/** Parts whose views also show another part's strings: the decision drafts speak the boards' vocabulary. */
const REQUIRES: Partial<Record<LocalePart, LocalePart[]>> = { decisions: ['boards'] };

/** Parts that some view has asked for: a language switch loads them for the new language too. */
const wantedParts = new Set<LocalePart>();
/** What is loaded (or loading) per language, as `${language}` and `${language}:${part}`; failures are forgotten so a retry fetches again. */
const loads = new Map<string, Promise<void>>();

function once(key: string, load: () => Promise<void>): Promise<void> {
  let p = loads.get(key);
  if (!p) {
    p = load().catch((err: unknown) => {
      loads.delete(key);
      throw err;
    });
    loads.set(key, p);
  }
  return p;
}

function loadMain(lng: Language): Promise<void> {
  if (lng === 'de') return Promise.resolve();
  return once(lng, async () => {
    // Deep, without overwriting: parts loaded earlier for this language stay.
    i18n.addResourceBundle(lng, 'translation', await MAIN[lng](), true, false);
  });
}

function loadPart(lng: Language, part: LocalePart): Promise<void> {
  return once(`${lng}:${part}`, async () => {
    i18n.addResourceBundle(lng, 'translation', await PARTS[part][lng](), true, true);
  });
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language in use (German until another one has been loaded and switched to). */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'de';
}

/** The language this device chose last time; German if none (or storage is blocked). */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(v)) return v;
  } catch {
    // Storage may be blocked (private mode, policies); German is the default anyway.
  }
  return 'de';
}

export function rememberLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembering the choice is acceptable.
  }
}

/**
 * Switches to `lng` once its strings (and those of every part in use) are here. Rejects, leaving
 * the language as it was, when they cannot be loaded (offline without the files cached, or a new
 * deploy replaced them).
 */
export async function setLanguage(lng: Language): Promise<void> {
  await Promise.all([loadMain(lng), ...[...wantedParts].map((part) => loadPart(lng, part))]);
  // A view may have asked for a part while these were loading.
  await Promise.all([...wantedParts].map((part) => loadPart(lng, part)));
  await i18n.changeLanguage(lng);
}

/** Loads a feature's strings in the current language; views that need them await this before they render. */
export async function loadLocalePart(part: LocalePart): Promise<void> {
  const parts = [part, ...(REQUIRES[part] ?? [])];
  for (const p of parts) wantedParts.add(p);
  await Promise.all(parts.map((p) => loadPart(currentLanguage(), p)));
}
