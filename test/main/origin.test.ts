// What the shell treats as "the app": compared as scheme://host, credentials never trusted.
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isTrustedUrl,
  originOf,
  trustedOrigins,
} from '../../electron/main/origin';

describe('origin', () => {
  it('the app lives at app://steward/index.html', () => {
    expect(APP_ORIGIN).toBe('app://steward');
    expect(APP_ENTRY_URL).toBe('app://steward/index.html');
  });

  it.each([
    ['app://steward/index.html', 'app://steward'],
    ['APP://Steward/x', 'app://steward'],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173'],
    ['https://gdpr-info.eu/art-5-gdpr/', 'https://gdpr-info.eu'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['about:blank', null],
    ['', null],
    ['not a url', null],
  ])('originOf(%s) is %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it('trusts the dev server only when given one', () => {
    expect(trustedOrigins()).toStrictEqual(['app://steward']);
    expect(trustedOrigins('')).toStrictEqual(['app://steward']);
    expect(trustedOrigins('http://localhost:5173/')).toStrictEqual([
      'app://steward',
      'http://localhost:5173',
    ]);
    expect(trustedOrigins('nonsense')).toStrictEqual(['app://steward']);
  });

  it.each([
    ['app://steward/index.html', true],
    ['app://steward/', true],
    ['app://user@steward/index.html', false],
    ['app://steward:1/index.html', false],
    ['app://steward.evil/index.html', false],
    ['app://x/%2e%2e/secret', false],
    ['https://steward/', false],
    ['http://localhost:5173/', false],
  ])('isTrustedUrl(%s) is %s', (url, trusted) => {
    expect(isTrustedUrl(url, trustedOrigins())).toBe(trusted);
  });
});
