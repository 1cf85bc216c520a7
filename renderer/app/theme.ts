// Applies the person's theme to the page. A chosen theme is an attribute on <html> that
// renderer/styles/tokens.css keys its palettes on; "system" removes the attribute so the media
// queries (prefers-color-scheme, prefers-contrast) decide. The last choice is also kept in
// localStorage so the next start paints in the right theme before the app has answered.
import { THEME_CHOICES, type ThemeChoice } from '../../electron/core/contract/enums';
import { api } from '../api';

export { THEME_CHOICES };
export type { ThemeChoice };

const STORAGE_KEY = 'steward.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** Sets (or, for "system", removes) <html data-theme> and remembers the choice for the next start. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage can be unavailable (private mode, a locked-down profile): the app still answers.
  }
}

/** The choice remembered from the last run, or null. */
export function rememberedTheme(): ThemeChoice | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(value) ? value : null;
  } catch {
    return null;
  }
}

/** At start-up, before React renders: paint in the remembered theme. */
export function applyRememberedTheme(): void {
  const choice = rememberedTheme();
  if (choice !== null) applyTheme(choice);
}

/** The saved choice, or null when the app could not say (a theme is not worth an error screen). */
export async function fetchTheme(): Promise<ThemeChoice | null> {
  try {
    const choice = await api().getTheme();
    return isThemeChoice(choice) ? choice : null;
  } catch {
    return null;
  }
}

/** Reads the saved choice and applies it; on failure the page keeps the theme it has. */
export async function loadTheme(): Promise<ThemeChoice | null> {
  const choice = await fetchTheme();
  if (choice !== null) applyTheme(choice);
  return choice;
}

/** Saves a new choice (the caller applies it); throws an ApiError when the app refused it. */
export async function saveTheme(choice: ThemeChoice): Promise<ThemeChoice> {
  return api().setTheme({ theme: choice });
}
