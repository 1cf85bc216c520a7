// The interface language. Every string a person reads on screen comes from the locale files in
// ./locales/<lang>/<namespace>.json through i18next (react-i18next's useTranslation in
// components). English is complete and the fallback; French is the second full locale. Dates
// and numbers are formatted with Intl in the current language (see ../format.ts).
// Core never sends words for a screen: it sends reasons ({ code, params }), which the "reasons"
// namespace words — in English from core's own catalogue (contract/reasons.ts), in French from
// ./locales/fr/reasons.json (see ./reasons.tsx).
import i18next from 'i18next';
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
  'reasons',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language's name in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

type Resources = Record<Locale, Record<Namespace, Record<string, unknown>>>;

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

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

function loadResources(): Resources {
  const out = Object.fromEntries(
    LOCALES.map((l) => [l, Object.fromEntries(NAMESPACES.map((n) => [n, {}]))]),
  ) as Resources;
  for (const [file, module] of Object.entries(files)) {
    const match = /\.\/locales\/([a-z]+)\/([a-zA-Z]+)\.json$/.exec(file);
    if (!match) continue;
    const [, lang, ns] = match as unknown as [string, Locale, Namespace];
    if (out[lang] && NAMESPACES.includes(ns)) {
      out[lang][ns] = ns === 'reasons' ? nestCatalogue(module.default) : module.default;
    }
  }
  // English reasons are core's own catalogue: written once, in core.
  out.en.reasons = nestCatalogue(REASON_TEXT);
  return out;
}

export const resources = loadResources();

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

void i18n.use(initReactI18next).init({
  resources,
  lng: typeof window === 'undefined' ? 'en' : rememberedLocale(),
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

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
