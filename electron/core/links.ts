// Which links may leave the app for the system browser. Pure, so the Electron guards, the
// openExternalLink service and the tests share one decision. Parsed with `new URL()`, never by
// string matching: only https, no credentials, and a host on the allowlist (or a subdomain).

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
