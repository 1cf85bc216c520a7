// Guards installed on every web contents the app ever creates: the page can navigate only
// within the app, can never open a window or a <webview>, and is granted no permission. An
// allowlisted https link the page tries to follow goes to the system browser instead, decided by
// the same checkExternalUrl the openExternalLink service uses.
import type { App, WebContents } from 'electron';
import { checkExternalUrl } from '../core/links';
import { isTrustedUrl } from './origin';

export interface SecurityGuardOptions {
  /** Origins the page may navigate within (see trustedOrigins). */
  origins: readonly string[];
  /** Opens a URL in the system browser; only ever called with a URL checkExternalUrl accepted. */
  openExternal: (url: string) => Promise<void> | void;
  logError?: (where: string, error: unknown) => void;
}

type GuardedApp = Pick<App, 'on'>;

export function installSecurityGuards(app: GuardedApp, options: SecurityGuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options));
}

export function guardWebContents(contents: WebContents, options: SecurityGuardOptions): void {
  const { origins, logError } = options;

  const openIfAllowed = (url: string): void => {
    const decision = checkExternalUrl(url);
    if (!decision.ok) return;
    Promise.resolve()
      .then(() => options.openExternal(decision.url))
      .catch((error: unknown) => logError?.('openExternal', error));
  };

  // A click on a link: stays in the app, or (if allowlisted) opens in the browser instead.
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url, origins)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  });
  // Sub-frames and redirects are never a user's click: block without opening anything.
  contents.on('will-frame-navigate', (event) => {
    if (!isTrustedUrl(event.url, origins)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url, origins)) event.preventDefault();
  });

  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
