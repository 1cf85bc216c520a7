// Serves the built renderer on app://steward/ instead of file://, so the page has a real origin
// (the IPC sender check and the navigation guards compare against it) and cannot read arbitrary
// files. Paths are refused rather than normalised: anything that tries to climb out, however
// encoded, gets a 404.
import { pathToFileURL } from 'node:url';
import { confineToRoot, resolveRequestPath } from '../core/staticFiles';
import { net } from 'electron';
import { APP_HOST, APP_SCHEME } from './origin';

const MAX_URL_LENGTH = 2048;
const URL_SHAPE = new RegExp(`^${APP_SCHEME}://([^/?#]*)([^?#]*)`, 'i');

/**
 * Maps an app:// request URL to a file under rootDir, or null when the URL is not ours or its
 * path is anything but plain segments. Pure: looks only at the strings, never at the disk.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL_LENGTH) return null;
  const match = URL_SHAPE.exec(requestUrl);
  if (!match) return null;
  const [, authority = '', rawPath = ''] = match;
  if (authority.toLowerCase() !== APP_HOST) return null;
  return resolveRequestPath(rawPath, rootDir);
}

export { confineToRoot };

const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The protocol.handle('app', …) handler: only GET/HEAD, only files inside rootDir. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const candidate = resolveAppPath(request.url, rootDir);
    const file = candidate === null ? null : confineToRoot(candidate, rootDir);
    if (file === null) return notFound();
    return net.fetch(pathToFileURL(file).toString());
  };
}
