// The interface language. Every string a person reads on screen comes from the locale files in
// ./locales/<lang>/<namespace>.json through i18next (react-i18next's useTranslation in
// components). English is complete and the fallback; French is the second full locale. Dates
// and numbers are formatted with Intl in the current language (see ../format.ts).
// Core never sends words for a screen: it sends reasons ({ code, params }), which the "reasons"
// namespace words — in English from core's own catalogue (contract/reasons.ts, in the first
// bundle: an error may need words on any screen), in French from ./locales/fr/reasons.json
// (see ./reasons.tsx).
//
// Only what the first screens need is in the first bundle: English for the shell, the first run
// and the training catalogue. Every other file is a chunk of its own, read on demand: French at
// start when it is the language (main.tsx waits for it), the other namespaces with the first
// screen that loads on demand (app/screens.tsx), and all of a language's loaded namespaces when
// the person switches to it.
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { REASON_TEXT } from '../../electron/core/contract/reasons';
import type { LocaleChoice } from '../../electron/core/contract/views/app';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const NAMESPACES = [
  'common',
  'shell',
  'profile',
  'settings',
  'training',
  'review',
  'records',
  'org',
  'reasons',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

type LocaleFile = { default: Record<string, unknown> };

// What the shell, the first run and the training catalogue use. (A glob takes literals only: the
// list is written twice, here and in the exclusion below.)
const bundled = import.meta.glob<LocaleFile>('./locales/en/{common,shell,profile,training}.json', {
  eager: true,
});
const onDemand = import.meta.glob<LocaleFile>([
  './locales/*/*.json',
  '!./locales/en/{common,shell,profile,training}.json',
]);

/**
 * A flat catalogue ("review.notFound": "…") as i18next's nested resources (review → notFound), so
 * a reason's code is its key. Plural and context forms ("…_one") stay leaves.
 */
export function nestCatalogue(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(flat)) {
    const path = key.split('.');
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1] as string] = text;
  }
  return out;
}

function namespaceOf(file: string): string {
  return /\/([a-zA-Z]+)\.json$/.exec(file)?.[1] ?? file;
}

/** The namespaces in the first bundle, in English: the bundled files and core's reasons. */
export const BUNDLED_NAMESPACES: readonly string[] = [...Object.keys(bundled).map(namespaceOf), 'reasons'];

/** Reads a locale file that is not in the first bundle. */
const localeFiles: BackendModule = {
  type: 'backend',
  callbackApi: false,
  init() {
    // Nothing to set up: the files are the build's own chunks.
  },
  read(language: string, namespace: string) {
    const load = onDemand[`./locales/${language}/${namespace}.json`];
    if (load === undefined) return Promise.reject(new Error(`No locale file ${language}/${namespace}`));
    return load().then((file) => (namespace === 'reasons' ? nestCatalogue(file.default) : file.default));
  },
};

/** The language to show for a choice: the chosen one, or the first supported system language. */
export function resolveLocale(
  choice: LocaleChoice,
  preferred: readonly string[] = navigator.languages,
): Locale {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LOCALES as readonly string[]).includes(base ?? '')) return base as Locale;
  }
  return 'en';
}

const REMEMBERED = 'steward.locale';

/** The language last used on this machine, so the first frame is already in it. */
export function rememberedLocale(): Locale {
  try {
    const value = localStorage.getItem(REMEMBERED);
    if (value && (LOCALES as readonly string[]).includes(value)) return value as Locale;
  } catch {
    // Storage unavailable: fall through to the system language.
  }
  return resolveLocale('system');
}

export const i18n = i18next.createInstance();

/** Settles once the start namespaces are there in the first language (at once for English). */
export const i18nReady: Promise<unknown> = i18n
  .use(localeFiles)
  .use(initReactI18next)
  .init({
    resources: {
      en: {
        ...Object.fromEntries(Object.entries(bundled).map(([file, m]) => [namespaceOf(file), m.default])),
        reasons: nestCatalogue(REASON_TEXT),
      },
    },
    // The bundled English files, then the backend for the rest.
    partialBundledLanguages: true,
    lng: typeof window === 'undefined' ? 'en' : rememberedLocale(),
    fallbackLng: 'en',
    ns: [...BUNDLED_NAMESPACES], // a copy: i18next adds to this list as namespaces load
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });

/**
 * Every namespace in the current language (and English, the fallback). Screens loaded on demand
 * ask for this with their code, so they never wait for words once shown; a language switch then
 * loads all of them in the new language.
 */
export async function loadAllNamespaces(): Promise<void> {
  await i18n.loadNamespaces([...NAMESPACES]);
}

/** Switches the interface language now and remembers it for the next start. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(REMEMBERED, locale);
  } catch {
    // Not remembered: the next start follows the saved setting once it loads.
  }
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/** The current language, for Intl formatters. */
export function currentLocale(): Locale {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : 'en';
}
