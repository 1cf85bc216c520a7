// Every window gets its webPreferences from one factory, so there is exactly one place to read
// (and test) what a page may do: isolated, sandboxed, no Node, no <webview>. Keys that would
// weaken Chromium (webSecurity, allowRunningInsecureContent, experimental features) are never set.
import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import { methodsArgument } from '../core/contract/channels';

/** Page background while the renderer loads; the renderer's --color-bg (renderer/styles/tokens.css). */
export const WINDOW_BACKGROUND = '#f5f7f7';

/**
 * The one switch the page's process gets: the names of the contract's methods, so the sandboxed
 * preload can expose one function per method without importing the contract (see
 * core/contract/channels.ts). Nothing else is passed.
 */
export function secureWebPreferences(preloadPath: string, methods: readonly string[]): WebPreferences {
  return {
    preload: preloadPath,
    additionalArguments: [methodsArgument(methods)],
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The contract's method names, for the preload. */
  methods: readonly string[];
  /** app://steward/index.html, or the dev server in development. */
  url: string;
  logError?: (where: string, error: unknown) => void;
}

export function createMainWindow({ preloadPath, methods, url, logError }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Steward',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, methods),
  });
  // Shown only once painted, so the user never sees a blank white frame.
  window.once('ready-to-show', () => window.show());
  window.loadURL(url).catch((error: unknown) => logError?.('loadURL', error));
  return window;
}
