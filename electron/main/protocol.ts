// Serves the built renderer on app://steward/ instead of file://, so the page has a real origin
// (the IPC sender check and the navigation guards compare against it) and cannot read arbitrary
// files. Paths are refused rather than normalised: anything that tries to climb out, however
// encoded, gets a 404.
import { pathToFileURL } from 'node:url';
import { confineToRoot, resolveRequestPath } from '../core/staticFiles';
import { net } from 'electron';
import { APP_HOST, APP_SCHEME } from './origin';

const MAX_URL_LENGTH = 2048;

/**
 * The Content-Security-Policy header every app:// response carries: the policy of the meta
 * element in renderer/index.html (a test keeps them equal), plus what only a header can say
 * (frame-ancestors: no one may frame the app).
 */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The response with the app's security headers added (a fetched response's headers are immutable). */
function withSecurityHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', APP_CSP);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
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

/**
 * The protocol.handle('app', …) handler: only GET/HEAD, only files inside rootDir. Every
 * response, refusals included, carries the CSP header.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const serve = async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405 });
    }
    const candidate = resolveAppPath(request.url, rootDir);
    const file = candidate === null ? null : confineToRoot(candidate, rootDir);
    if (file === null) return notFound();
    return net.fetch(pathToFileURL(file).toString());
  };
  return async (request) => withSecurityHeaders(await serve(request));
}
