// The LRS address a person types in Settings, checked before anything is sent to it: https only,
// except plain http for an LRS on this very computer (nothing leaves the machine then).
import { StewardError } from '../../errors';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Returns the endpoint without trailing slashes ('' stays '': not configured). Throws
 * INVALID_ARGUMENT saying what is wrong with the address and how to fix it.
 */
export function normaliseLrsEndpoint(raw: string): string {
  const text = raw.trim();
  if (text === '') return '';
  if (!URL.canParse(text)) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The LRS endpoint "${text.slice(0, 200)}" is not a web address. Copy the xAPI endpoint from your LRS, e.g. https://lrs.example.com/xAPI.`,
    );
  }
  const url = new URL(text);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The LRS endpoint ${url.origin} uses http://, which would send learners' records and the LRS secret unencrypted. Use its https:// address (http:// is accepted only for an LRS on this computer: localhost, 127.0.0.1 or ::1).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The LRS endpoint must start with https:// (got ${url.protocol}).`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new StewardError(
      'INVALID_ARGUMENT',
      'The LRS endpoint contains a user name or password. Remove it from the address and enter the key and secret in their own fields.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new StewardError(
      'INVALID_ARGUMENT',
      `The LRS endpoint should be the xAPI base address without "?…" or "#…" (e.g. ${url.origin}${url.pathname}).`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Where statements are posted: `<endpoint>/statements`. */
export function statementsUrl(endpoint: string): string {
  return `${endpoint}/statements`;
}
