// Runs before every renderer spec file: each test starts with no bridge, no DOM left over,
// an empty hash, a fresh store, and the interface in English.
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { i18n, loadAllNamespaces } from '../../renderer/i18n';
import { resetStewardStore } from '../../renderer/state/store';

// The screens wait on the real core (files, signatures, jobs), which a busy machine slows down:
// Testing Library's find and waitFor, and each test, get the time the node specs get.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

// jsdom has no modal <dialog>: the stand-in does what the browser does to the element's state (the
// open attribute, the close event), so screens that ask before signing can be driven here.
const dialogProto = HTMLDialogElement.prototype as HTMLDialogElement & Record<string, unknown>;
if (typeof dialogProto.showModal !== 'function') {
  dialogProto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  dialogProto.close = function (this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

function resetPage() {
  delete window.steward;
  window.history.replaceState(null, '', '/');
  resetStewardStore();
}

// The app reads most locale files with the first screen it loads on demand; a spec that renders a
// component on its own gets them all up front.
beforeAll(loadAllNamespaces);

beforeEach(resetPage);

afterEach(async () => {
  cleanup();
  resetPage();
  // A spec that switched to French must not leave the next one in French.
  if (i18n.language !== 'en') await i18n.changeLanguage('en');
});
