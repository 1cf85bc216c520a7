// What the French renderer specs share: the spaces French typography puts before some signs, and
// the switch to French for each test (and back to English, with no saved choice left behind).
import { afterEach, beforeEach } from 'vitest';
import { i18n } from '../../../renderer/i18n';

/** A no-break space (before ":" and in French percents). */
export const NBSP = '\u00a0';
/** A narrow no-break space (before "?", and between digit groups). */
export const NNBSP = '\u202f';

/** Runs each test of the calling spec file in French; after it, English, no saved locale, lang="en". */
export function inFrenchEachTest(): void {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
  });
  afterEach(async () => {
    await i18n.changeLanguage('en');
    localStorage.removeItem('steward.locale');
    document.documentElement.lang = 'en';
  });
}
