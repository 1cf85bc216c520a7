// What counts as "the app" for navigation guards and the IPC sender check: the app:// origin the
// packaged renderer is served from, plus the dev server's origin when electron-vite runs one.
// Compared as scheme://host text because Node's URL gives non-special schemes an opaque origin.

export const APP_SCHEME = 'app';
export const APP_HOST = 'steward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** "scheme://host[:port]" of a URL, or null when it does not parse or has no host. */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.host === '') return null;
  // Node keeps a non-special scheme's host as written; hosts are case-insensitive.
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

/** The origins the shell trusts: always app://steward, and the dev server when one is given. */
export function trustedOrigins(devServerUrl?: string): readonly string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  return dev && dev !== APP_ORIGIN ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function isTrustedUrl(raw: string, origins: readonly string[]): boolean {
  const origin = originOf(raw);
  if (origin === null) return false;
  const url = new URL(raw);
  // Credentials in a URL are never part of how the app addresses itself.
  if (url.username !== '' || url.password !== '') return false;
  return origins.includes(origin);
}
