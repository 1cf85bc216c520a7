import { describe, expect, it } from 'vitest';
import { checkExternalUrl, checkOutgoingLink } from '../../electron/core/links';

describe('checkExternalUrl', () => {
  it.each([
    'https://gdpr-info.eu/art-5-gdpr/',
    'https://www.edpb.europa.eu/our-work-tools_en',
    'https://oag.ca.gov/privacy/ccpa',
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url).ok).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'https'],
    ['http://gdpr-info.eu/', 'https'],
    ['file:///etc/passwd', 'https'],
    ['https://app.evil.example/', 'not on'],
    ['https://gdpr-info.eu.evil.example/', 'not on'],
    ['https://evilgdpr-info.eu/', 'not on'],
    ['https://user:pw@gdpr-info.eu/', 'password'],
    ['app://x/%2e%2e/secret', 'https'],
    ['not a url', 'complete'],
  ])('refuses %s', (url, why) => {
    const d = checkExternalUrl(url);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain(why);
  });
});

describe('checkOutgoingLink: email drafts through openExternalLink', () => {
  const draft =
    'mailto:?bcc=olu.bakare%40example.com,zoe%2Bsteward%40example.com&subject=Training%20overdue&body=Hello%2C%0D%0Aplease%20complete%20it.';

  it('opens a draft with plain addresses and only to, cc, bcc, subject and body', () => {
    expect(checkOutgoingLink(draft)).toEqual({ ok: true, url: draft });
    expect(checkOutgoingLink('mailto:a@example.com').ok).toBe(true);
    expect(checkOutgoingLink('mailto:a@example.com,b@example.org?cc=c@example.net&subject=Hi').ok).toBe(true);
    // https pages still go through the allowlist.
    expect(checkOutgoingLink('https://gdpr-info.eu/').ok).toBe(true);
  });

  it.each([
    // Fields a mail client may act on beyond a draft: attach local files, reply into a thread.
    ['mailto:a@example.com?attach=/etc/passwd', 'may not carry "attach"'],
    ['mailto:a@example.com?attachment=file:///home/me/.ssh/id_ed25519', 'may not carry "attachment"'],
    ['mailto:a@example.com?In-Reply-To=x', 'may not carry'],
    ['mailto:a@example.com?subject=a&subject=b', 'twice'],
    // Addresses only: no display names, spaces, quotes or header tricks.
    ['mailto:Olu%20Bakare%20<olu@example.com>', 'plain email addresses'],
    ['mailto:?bcc=olu@example.com%0D%0ABcc:%20x@evil.example', 'plain email addresses'],
    ['mailto:?to=not-an-address', 'plain email addresses'],
    ['mailto:a@example.com?subject=%00', 'malformed'],
    ['mailto:a@example.com?subject=%E0%A4%A', 'malformed'],
    ['mailto:a@example.com#x', 'malformed'],
    ['mailto:a@example.com?subject=a?b', 'malformed'],
  ])('refuses %s', (url, why) => {
    const d = checkOutgoingLink(url);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toContain(why);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://gdpr-info.eu/',
    'https://evil.example/',
    'tel:+441234567890',
    'sms:+441234567890',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'steward://x',
    'vbscript:msgbox(1)',
    '  javascript:alert(1)',
  ])('opens nothing else: %s', (url) => {
    expect(checkOutgoingLink(url).ok).toBe(false);
  });

  it('keeps mailto out of what a click in the page may open (https only there)', () => {
    expect(checkExternalUrl(draft).ok).toBe(false);
  });
});
