import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../electron/core/links';

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
