// Which links may leave the app for the system browser. Pure, so the Electron guards, the
// openExternalLink service and the tests share one decision. Parsed with `new URL()`, never by
// string matching: only https, no credentials, and a host on the allowlist (or a subdomain).
// The openExternalLink service (and only it: a link clicked in the page still opens https alone)
// also opens an email draft in the person's mail client: checkMailtoUrl, below.

export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'gdpr-info.eu',
  'eur-lex.europa.eu',
  'edpb.europa.eu',
  'commission.europa.eu',
  'ico.org.uk',
  'cnil.fr',
  'oag.ca.gov',
  'cppa.ca.gov',
  'leginfo.legislature.ca.gov',
  'globalprivacycontrol.org',
  'ftc.gov',
  'nist.gov',
];

export type LinkDecision = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(
  raw: string,
  allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST,
): LinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'That is not a complete web address.' };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `Only https links open outside Steward (this one is ${url.protocol.replace(':', '')}).`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'Links carrying a user name or password are not opened.' };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const allowed = allowlist.some((h) => host === h || host.endsWith(`.${h}`));
  if (!allowed) {
    return { ok: false, reason: `${host} is not on Steward's list of sites that open in your browser.` };
  }
  return { ok: true, url: url.toString() };
}

/** The mailto: fields a draft may carry; others (attach, attachment, …) could make a mail client attach local files. */
const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
/** An address as a draft's recipient: no spaces, quotes, angle brackets or list separators. */
const MAILTO_ADDRESS = /^[^\s@,;<>"'()\\]+@[^\s@,;<>"'()\\]+\.[^\s@,;<>"'()\\]+$/;
/** Control characters other than CR and LF (line breaks in a body are fine). */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * An email draft the person will see and send (or not) in their own mail client: a mailto: URL
 * with plain addresses and only to, cc, bcc, subject and body. Nothing is sent by Steward.
 */
export function checkMailtoUrl(raw: string): LinkDecision {
  if (!/^mailto:/i.test(raw)) return { ok: false, reason: 'That is not an email draft (mailto:) link.' };
  const [head = '', query = '', ...rest] = raw.slice('mailto:'.length).split('?');
  if (rest.length > 0 || raw.includes('#')) {
    return { ok: false, reason: 'The email draft link is malformed.' };
  }
  const addresses: string[] = [];
  const decode = (s: string): string | null => {
    try {
      return decodeURIComponent(s);
    } catch {
      return null;
    }
  };
  const addAddresses = (list: string): boolean => {
    for (const a of list.split(',')) {
      const address = a.trim();
      if (address === '') continue;
      if (!MAILTO_ADDRESS.test(address)) return false;
      addresses.push(address);
    }
    return true;
  };
  const to = decode(head);
  if (to === null || !addAddresses(to)) {
    return { ok: false, reason: 'An email draft may only be addressed to plain email addresses.' };
  }
  const seen = new Set<string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const [rawName = '', ...valueParts] = pair.split('=');
    const name = rawName.toLowerCase();
    const value = decode(valueParts.join('='));
    if (!MAILTO_FIELDS.has(name)) {
      return {
        ok: false,
        reason: `An email draft may not carry "${rawName}"; only to, cc, bcc, subject and body.`,
      };
    }
    if (seen.has(name)) return { ok: false, reason: `The email draft gives "${name}" twice.` };
    seen.add(name);
    if (value === null || CONTROL.test(value)) {
      return { ok: false, reason: 'The email draft link is malformed.' };
    }
    if ((name === 'to' || name === 'cc' || name === 'bcc') && !addAddresses(value)) {
      return { ok: false, reason: 'An email draft may only be addressed to plain email addresses.' };
    }
  }
  return { ok: true, url: raw };
}

/** What may leave the app through openExternalLink: an allowlisted https page, or an email draft. */
export function checkOutgoingLink(raw: string): LinkDecision {
  return /^mailto:/i.test(raw.trim()) ? checkMailtoUrl(raw.trim()) : checkExternalUrl(raw);
}
