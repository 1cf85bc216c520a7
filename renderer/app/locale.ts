// The interface language at startup and when it changes: the saved choice (System, English,
// Français) resolved against the system languages and applied through i18n.
import { api } from '../api';
import { LOCALE_CHOICES, type LocaleChoice } from '../../electron/core/contract/enums';
import { applyLocale, resolveLocale } from '../i18n';

export { LOCALE_CHOICES };

export function isLocaleChoice(value: unknown): value is LocaleChoice {
  return typeof value === 'string' && (LOCALE_CHOICES as readonly string[]).includes(value);
}

/** The saved choice, or null when the app could not say (a language is not worth an error screen). */
export async function fetchLocale(): Promise<LocaleChoice | null> {
  try {
    const choice = await api().getLocale();
    return isLocaleChoice(choice) ? choice : null;
  } catch {
    return null;
  }
}

/** Reads the saved choice and applies it; on failure the page keeps the language it has. */
export async function loadLocale(): Promise<LocaleChoice | null> {
  const choice = await fetchLocale();
  if (choice !== null) await applyLocale(resolveLocale(choice));
  return choice;
}

/** Saves and applies a new choice; throws an ApiError when the app refused it. */
export async function saveLocale(choice: LocaleChoice): Promise<LocaleChoice> {
  const saved = await api().setLocale({ locale: choice });
  await applyLocale(resolveLocale(saved));
  return saved;
}
