/**
 * The translation layer (i18next + react-i18next). UI text lives in src/locales/<lang>.json, bundled with the app
 * (nothing is fetched at run time); protocol text is translated in the protocol files themselves (`translations:`,
 * docs/languages.md). The language is the learner's choice on this device, else the browser's, else English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import es from '../locales/es.json';

export const LANGUAGES = [
  { id: 'en', name: 'English' },
  { id: 'es', name: 'Español' },
] as const;
export type Language = (typeof LANGUAGES)[number]['id'];

const STORAGE_KEY = 'scrub.language';

function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((l) => l.id === value);
}

/** The chosen language, else the first of the browser's languages we have, else English. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): fall back to the browser's language
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: initialLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  fallbackLng: 'en',
  initAsync: false,
  // React escapes what it renders; i18next must not escape it a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage();

function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;
}

/** Switches the app's language and remembers it on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  applyDocumentLanguage();
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered where storage is blocked; the choice holds for this visit
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
