// Maps a request path onto a file inside a root folder, refusing rather than normalising anything
// that could escape it (.., encoded or double-encoded dots and slashes, backslashes, control
// bytes, symlinks pointing out). Shared by the app:// protocol handler and the preview server.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Maps a request path (as the client sent it, still percent-encoded) to a file path under
 * rootDir, or null when it is anything but plain segments. Pure: looks only at the strings.
 * Works on the raw path because WHATWG URL parsing would quietly fold `..` and `%2e%2e`.
 */
export function resolveRequestPath(rawPath: string, rootDir: string): string | null {
  if (rawPath.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath === '' ? '/' : rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  // A "%" left after one decoding is double encoding (%252e); no file we ship has one in its name.
  // eslint-disable-next-line no-control-regex
  if (/[\\%:\u0000-\u001f\u007f]/.test(decoded)) return null;
  if (!decoded.startsWith('/')) return null;
  if (decoded === '/') decoded = '/index.html';
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return file;
}

/**
 * The file on disk for a path resolveRequestPath accepted, or null when it is missing, not a
 * plain file, or a symlink (anywhere on the way) that leads outside the root.
 */
export function confineToRoot(file: string, rootDir: string): string | null {
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = fs.realpathSync(rootDir);
    realFile = fs.realpathSync(file);
  } catch {
    return null;
  }
  const relative = path.relative(realRoot, realFile);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  try {
    if (!fs.statSync(realFile).isFile()) return null;
  } catch {
    return null;
  }
  return realFile;
}

/** Both steps: the served file for a raw request path, or null (answer 404). */
export function resolveStaticFile(rawPath: string, rootDir: string): string | null {
  const candidate = resolveRequestPath(rawPath, rootDir);
  return candidate === null ? null : confineToRoot(candidate, rootDir);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
