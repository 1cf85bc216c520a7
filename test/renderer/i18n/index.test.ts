// The locale files: French has every English key and no other, each translation uses the same
// {{placeholders}}, nothing is left empty, and the language choice resolves as promised.
import { describe, expect, it } from 'vitest';
import { i18n, LOCALES, NAMESPACES, resolveLocale, resources } from '../../../renderer/i18n';

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

  it('falls back to English for a key a translation lacks', async () => {
    await i18n.changeLanguage('fr');
    expect(i18n.t('settings:language.title')).toBe('Langue');
    expect(i18n.t('common:appName')).toBe('Steward');
    await i18n.changeLanguage('en');
    expect(i18n.t('settings:language.title')).toBe('Language');
  });
});
