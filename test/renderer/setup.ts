// Runs before every renderer spec file: each test starts with no bridge, no DOM left over,
// an empty hash, a fresh store, and the interface in English.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { i18n } from '../../renderer/i18n';
import { resetStewardStore } from '../../renderer/state/store';

function resetPage() {
  delete window.steward;
  window.history.replaceState(null, '', '/');
  resetStewardStore();
}

beforeEach(resetPage);

afterEach(async () => {
  cleanup();
  resetPage();
  // A spec that switched to French must not leave the next one in French.
  if (i18n.language !== 'en') await i18n.changeLanguage('en');
});
