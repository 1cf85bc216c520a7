// The `xapi:` part of policy.yaml: defaults when absent, partial maps filled in, and a broken part
// falling back alone with a problem that names the field and its line.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy } from '../../../electron/core/policy/policy';

describe('policy xapi part', () => {
  it('defaults to an account on steward.invalid and no email', () => {
    const { policy, problems } = parsePolicy('passMark: 70\n');
    expect(problems).toEqual([]);
    expect(policy.xapi).toEqual({ homePage: 'https://steward.invalid', actorEmail: false });
    expect(DEFAULT_POLICY.xapi).toEqual(policy.xapi);
  });

  it('reads both fields and trims a trailing slash', () => {
    const { policy, problems } = parsePolicy('xapi:\n  homePage: https://example.com/\n  actorEmail: true\n');
    expect(problems).toEqual([]);
    expect(policy.xapi).toEqual({ homePage: 'https://example.com', actorEmail: true });
  });

  it('fills a field left out with its default', () => {
    const { policy, problems } = parsePolicy('xapi:\n  actorEmail: true\n');
    expect(problems).toEqual([]);
    expect(policy.xapi).toEqual({ homePage: 'https://steward.invalid', actorEmail: true });
  });

  it('falls back alone and names the field when it is wrong', () => {
    const { policy, problems } = parsePolicy(
      'passMark: 65\nxapi:\n  homePage: http://example.com\n  actorEmail: yes please\n',
    );
    expect(policy.passMark).toBe(65);
    expect(policy.xapi).toEqual(DEFAULT_POLICY.xapi);
    const fields = problems.map((p) => p.field);
    expect(fields).toContain('xapi.homePage');
    expect(fields).toContain('xapi.actorEmail');
    expect(problems.find((p) => p.field === 'xapi.homePage')?.reason).toMatch(/https:\/\//);
  });

  it('rejects unknown keys inside the part', () => {
    const { policy, problems } = parsePolicy('xapi:\n  homepage: https://example.com\n');
    expect(policy.xapi).toEqual(DEFAULT_POLICY.xapi);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('is set in the shipped content/policy.yaml without problems', () => {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../../content/policy.yaml'), 'utf8');
    const { policy, problems } = parsePolicy(text);
    expect(problems.filter((p) => p.field?.startsWith('xapi') === true)).toEqual([]);
    expect(policy.xapi.homePage).toMatch(/^https:\/\//);
  });
});
