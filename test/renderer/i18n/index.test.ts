// The locale files: French has every English key and no other, each translation uses the same
// {{placeholders}}, nothing is left empty, and the language choice resolves as promised.
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_NAMESPACES,
  i18n,
  LOCALES,
  NAMESPACES,
  nestCatalogue,
  resolveLocale,
  type Locale,
  type Namespace,
} from '../../../renderer/i18n';
import { REASON_TEXT } from '../../../electron/core/contract/reasons';

// Every locale file as written (the app bundles a few and reads the rest on demand).
const files = import.meta.glob<{ default: Record<string, unknown> }>(
  '../../../renderer/i18n/locales/*/*.json',
  {
    eager: true,
  },
);
const resources = Object.fromEntries(
  LOCALES.map((lang) => [
    lang,
    Object.fromEntries(
      NAMESPACES.map((ns) => [ns, files[`../../../renderer/i18n/locales/${lang}/${ns}.json`]?.default ?? {}]),
    ),
  ]),
) as Record<Locale, Record<Namespace, Record<string, unknown>>>;
// English reasons are core's own catalogue, not a locale file.
resources.en.reasons = { ...REASON_TEXT };

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') {
    out.set(prefix, value);
    return out;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      for (const [key, text] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(key, text);
    }
  }
  return out;
}

/** Plural forms differ by language (French has _one/_many/_other); compare the base keys. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  for (const ns of NAMESPACES) {
    const en = leaves(resources.en[ns]);
    for (const lang of LOCALES.filter((l) => l !== 'en')) {
      const other = leaves(resources[lang][ns]);
      it(`${lang}/${ns}.json has exactly the English keys, with the same placeholders`, () => {
        expect([...new Set([...other.keys()].map(base))].sort()).toEqual(
          [...new Set([...en.keys()].map(base))].sort(),
        );
        for (const [key, text] of other) {
          const english = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key)) ?? '';
          expect(new Set(placeholders(text)), `${lang}/${ns}:${key}`).toEqual(new Set(placeholders(english)));
        }
      });
    }
    it(`${ns}.json has no empty strings in any language`, () => {
      for (const lang of LOCALES) {
        for (const [key, text] of leaves(resources[lang][ns]))
          expect(text.trim(), `${lang}/${ns}:${key}`).not.toBe('');
      }
    });
  }

  it('resolves System to the first language Steward has, else English', () => {
    expect(resolveLocale('system', ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(resolveLocale('system', ['de-DE', 'ja'])).toBe('en');
    expect(resolveLocale('fr', ['en-GB'])).toBe('fr');
  });

  it('bundles English for the first screens and reads every other file on demand, French too', async () => {
    expect([...BUNDLED_NAMESPACES].sort()).toEqual(['common', 'profile', 'reasons', 'shell', 'training']);
    await i18n.changeLanguage('fr');
    for (const lang of LOCALES) {
      for (const ns of NAMESPACES) {
        // The reason catalogues are flat ("review.notFound"); i18next holds them nested.
        const expected = ns === 'reasons' ? nestCatalogue(resources[lang][ns]) : resources[lang][ns];
        expect(i18n.getResourceBundle(lang, ns), `${lang}/${ns}`).toEqual(expected);
      }
    }
    await i18n.changeLanguage('en');
  });

  it('falls back to English for a key a translation lacks', async () => {
    await i18n.changeLanguage('fr');
    expect(i18n.t('settings:language.title')).toBe('Langue');
    expect(i18n.t('common:appName')).toBe('Steward');
    await i18n.changeLanguage('en');
    expect(i18n.t('settings:language.title')).toBe('Language');
  });
});
