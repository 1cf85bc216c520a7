// Runs before every renderer spec file: each test starts with no bridge, no DOM left over,
// an empty hash and a fresh store.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { resetStewardStore } from '../../renderer/state/store';

function resetPage() {
  delete window.steward;
  window.history.replaceState(null, '', '/');
  resetStewardStore();
}

beforeEach(resetPage);

afterEach(() => {
  cleanup();
  resetPage();
});
