// The LRS address: https anywhere, http only on this computer, no credentials or query in it.
import { describe, expect, it } from 'vitest';
import { normaliseLrsEndpoint, statementsUrl } from '../../../../electron/core/records/lrs/endpoint';
import { StewardError } from '../../../../electron/core/errors';

describe('normaliseLrsEndpoint', () => {
  it('keeps https addresses, minus trailing slashes', () => {
    expect(normaliseLrsEndpoint(' https://lrs.example.com/data/xAPI/ ')).toBe(
      'https://lrs.example.com/data/xAPI',
    );
    expect(statementsUrl(normaliseLrsEndpoint('https://lrs.example.com/xAPI'))).toBe(
      'https://lrs.example.com/xAPI/statements',
    );
  });

  it('treats an empty address as "not configured"', () => {
    expect(normaliseLrsEndpoint('  ')).toBe('');
  });

  it('allows http only for localhost, 127.0.0.1 and ::1', () => {
    expect(normaliseLrsEndpoint('http://localhost:8080/xAPI')).toBe('http://localhost:8080/xAPI');
    expect(normaliseLrsEndpoint('http://127.0.0.1:8080/xAPI')).toBe('http://127.0.0.1:8080/xAPI');
    expect(normaliseLrsEndpoint('http://[::1]:8080/xAPI')).toBe('http://[::1]:8080/xAPI');
    for (const bad of [
      'http://lrs.example.com/xAPI',
      'http://10.0.0.5/xAPI',
      'http://127.0.0.1.nip.io/xAPI',
    ]) {
      expect(() => normaliseLrsEndpoint(bad)).toThrow(/Use its https:\/\/ address/);
    }
  });

  it('says what is wrong with other addresses', () => {
    const cases: [string, RegExp][] = [
      ['lrs.example.com', /not a web address/],
      ['ftp://lrs.example.com/xAPI', /must start with https/],
      ['https://key:secret@lrs.example.com/xAPI', /user name or password/],
      ['https://lrs.example.com/xAPI?x=1', /without "\?…"/],
    ];
    for (const [input, message] of cases) {
      let caught: unknown;
      try {
        normaliseLrsEndpoint(input);
      } catch (error) {
        caught = error;
      }
      expect(caught, input).toBeInstanceOf(StewardError);
      expect((caught as StewardError).code).toBe('INVALID_ARGUMENT');
      expect((caught as StewardError).message).toMatch(message);
    }
  });
});
