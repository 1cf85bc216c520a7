// Hostile arguments through the real IPC handlers (sender check -> core dispatch -> services):
// every malformed call must come back as a typed INVALID_ARGUMENT envelope, never throw, and
// never reach a service, which here would append to a real ledger file in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channelFor } from '../../electron/core/contract/channels';
import { METHOD_NAMES, contract, type MethodName } from '../../electron/core/contract/methods';
import { ERROR_CODES } from '../../electron/core/errors';
import { ipcMain, resetElectronMock } from './electron-mock';
import {
  VALID_ARGS,
  foreignEvents,
  ledgerExists,
  ledgerWritingSpies,
  registerAll,
  trustedEvent,
} from './ipc-support';

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function deeplyNested(depth: number, key = 'a'): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

function deeplyNestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const HUGE = 'x'.repeat(5_000_000);

/** Values that are wrong as a whole argument for every method (no method takes any of these). */
const WRONG_WHOLE: Array<[string, unknown]> = [
  ['null', null],
  ['zero', 0],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a bigint', 10n],
  ['true', true],
  ['false', false],
  ['an empty string', ''],
  ['a string', 'getAppInfo'],
  ['a huge string', HUGE],
  ['an empty array', []],
  ['an array of arguments', [{ name: 'Ada' }]],
  ['a huge array', new Array(100_000).fill(0)],
  ['a typed array', new Uint8Array(16)],
  ['a deeply nested object', deeplyNested(5_000)],
  ['a deeply nested array', deeplyNestedArray(5_000)],
  ['an object with an unknown key', { unexpected: 1 }],
  ['an object with a huge unknown key', { [HUGE.slice(0, 100_000)]: 1 }],
  ['a __proto__ key (JSON)', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a constructor.prototype key', { constructor: { prototype: { polluted: true } } }],
  ['a prototype key', { prototype: { polluted: true } }],
  ['a nested __proto__ key', JSON.parse('{"a": {"__proto__": {"polluted": true}}}')],
  ['a toString key', { toString: 'x' }],
  [
    'a symbol-free object with 10k keys',
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  ],
];

/** Values of the wrong type for a field, whatever its type. */
const WRONG_FIELD_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['a number', 7],
  ['a boolean', true],
  ['an array', ['x']],
  ['an object', { value: 'x' }],
  ['a deeply nested object', deeplyNested(2_000)],
  ['a __proto__ object', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a huge string', HUGE],
  ['an empty string', ''],
  ['only spaces', '   '],
];

/** Strings of the right type but the wrong content, per method and field. */
const WRONG_CONTENT: Partial<Record<MethodName, Record<string, unknown[]>>> = {
  createProfile: {
    name: ['x'.repeat(121)],
    email: [
      'not-an-email',
      'ada@',
      '@example.org',
      'a@b',
      `${'a'.repeat(250)}@example.org`,
      'ada@example.org\n<script>',
    ],
    team: ['t'.repeat(81)],
  },
  switchProfile: {
    profileId: [
      'p123',
      'P0123456789ABCDEF0123',
      'p0123456789abcdef0123x',
      '../p0123456789abcdef012',
      'p0123456789abcdef012\n',
    ],
  },
  setWorkspace: { dir: ['d'.repeat(4097)] },
  verifyWorkspace: { depth: ['QUICK', 'deep', 'full ', 'quick\u0000'] },
  openExternalLink: { url: [`https://gdpr-info.eu/${'a'.repeat(2048)}`] },
};

function fieldsOf(method: MethodName): string[] {
  const schema = contract[method].args;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Every malformed argument for one method, each with a label. */
function malformedArgs(method: MethodName): Array<[string, unknown]> {
  const valid = VALID_ARGS[method] as Record<string, unknown>;
  const cases: Array<[string, unknown]> = [...WRONG_WHOLE];
  const fields = fieldsOf(method);
  if (fields.length === 0) return cases;

  const optional = (field: string) =>
    (contract[method].args as z.ZodObject).shape[field]!.safeParse(undefined).success;
  // Leaving out the argument is only wrong when some field is required.
  if (!fields.every(optional)) cases.push(['undefined', undefined], ['an empty object', {}]);
  cases.push(['valid fields plus an extra key', { ...valid, extra: 1 }]);
  cases.push([
    'valid fields plus a __proto__ key',
    JSON.parse(JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true},')),
  ]);
  cases.push([
    'valid fields plus a constructor key',
    { ...valid, constructor: { prototype: { polluted: true } } },
  ]);
  for (const field of fields) {
    const { [field]: _dropped, ...rest } = valid;
    if (!optional(field)) cases.push([`${field} missing`, rest]);
    for (const [label, value] of WRONG_FIELD_VALUES) {
      // A whitespace-only or huge string is only wrong for fields that are trimmed or bounded.
      if (typeof value === 'string' && !isStringRejected(method, field, value)) continue;
      if (ACTUALLY_VALID[`${method}.${field}`]?.includes(label)) continue;
      cases.push([`${field} = ${label}`, { ...valid, [field]: value }]);
    }
    for (const value of WRONG_CONTENT[method]?.[field] ?? []) {
      cases.push([`${field} = ${JSON.stringify(value).slice(0, 40)}`, { ...valid, [field]: value }]);
    }
  }
  return cases;
}

/**
 * Generic "wrong" values that are in fact right for one field: a section number is a number,
 * `confirmed` must be the boolean true, and a record of answers parsed from `{"__proto__":…}`
 * is an empty record (JSON.parse makes __proto__ an own key, which zod's record drops).
 */
const ACTUALLY_VALID: Record<string, string[]> = {
  'saveReadingProgress.section': ['a number'],
  'attestTrainingModule.confirmed': ['a boolean'],
  'submitQuizAttempt.answers': ['a __proto__ object'],
  // A review draft's answers are a record of question id -> text, number or list: {value: 'x'} fits.
  'saveReviewDraft.answers': ['an object', 'a __proto__ object'],
  'requestReviewChanges.version': ['a number'],
  'requestReviewChanges.requestedChanges': ['an array'],
  'decideReview.version': ['a number'],
  'decideReview.reReviewDate': ['null'],
  'decideReview.dpoAdvice': ['null'],
  'recordDpiaExemption.version': ['a number'],
  'startExport.pseudonymise': ['a boolean'],
  'setLrs.enabled': ['a boolean'],
  // An empty endpoint, key or secret means "not set" (turning the outbox off, forgetting the secret).
  'setLrs.endpoint': ['an empty string', 'only spaces'],
  'setLrs.key': ['an empty string', 'only spaces'],
  'setLrs.secret': ['an empty string', 'only spaces'],
  // No quiet hours.
  'setReminderSettings.quietHours': ['null'],
  'createOrganisation.teams': ['an array'],
  'createOrganisation.fromPolicy': ['a boolean'],
  // A manager's teams, or null for every team; a role open at either end.
  'grantRole.teams': ['null', 'an array'],
  'grantRole.from': ['null'],
  'grantRole.until': ['null'],
  'setTeams.teams': ['an array'],
  'previewRosterImport.addTeams': ['a boolean'],
  'importRoster.addTeams': ['a boolean'],
  // No new passphrase: the profile's passphrase is removed.
  'setProfilePassphrase.next': ['null'],
};

/** openExternalLink's url accepts any short string (the link check is the service's job). */
function isStringRejected(method: MethodName, field: string, value: string): boolean {
  if (method === 'openExternalLink' && field === 'url') return value.length > 2048;
  return true;
}

let dir: string;
let spies: ReturnType<typeof ledgerWritingSpies>;

beforeEach(() => {
  resetElectronMock();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-fuzz-'));
  spies = ledgerWritingSpies(dir);
  registerAll(spies);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
afterAll(() => {
  // Nothing above may have reached Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function send(method: MethodName, args: unknown, event = trustedEvent()): Promise<Envelope> {
  return (await ipcMain.invokeAs(event, channelFor(method), args)) as Envelope;
}

function expectTypedRefusal(result: Envelope, code: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(Object.keys(result).sort()).toStrictEqual(['error', 'ok']);
  expect(Object.keys(result.error).sort()).toStrictEqual(['code', 'message']);
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.code).toBe(code);
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length).toBeGreaterThan(0);
}

/** The page shows messages to people; hostile input must not be echoed back at length. */
const MAX_MESSAGE = 2_000;

describe('the fuzz harness', () => {
  it('would notice a service being reached: valid arguments do write the spy ledger', async () => {
    for (const method of METHOD_NAMES) {
      expect(await send(method, VALID_ARGS[method])).toStrictEqual({ ok: true, value: { method } });
    }
    expect(ledgerExists(dir)).toBe(true);
    expect(
      fs
        .readFileSync(path.join(dir, 'ledgers', 'spy.jsonl'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(METHOD_NAMES.length);
  });
});

describe.each(METHOD_NAMES)('%s with malformed arguments', (method) => {
  const cases = malformedArgs(method);

  it(`has a fair number of cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(WRONG_WHOLE.length);
  });

  it.each(cases)('refuses %s with INVALID_ARGUMENT and never reaches the service', async (_label, args) => {
    let result: Envelope | undefined;
    await expect(
      (async () => {
        result = await send(method, args);
      })(),
    ).resolves.toBeUndefined();
    expectTypedRefusal(result!, 'INVALID_ARGUMENT');
    expect(result!.ok === false && result!.error.message.startsWith(`${method}:`)).toBe(true);
    for (const m of METHOD_NAMES) expect(spies[m]).not.toHaveBeenCalled();
    expect(ledgerExists(dir)).toBe(false);
  });

  // describeZodError clips paths and messages, so a hostile argument cannot echo back whole.
  it('keeps every refusal message short, however large the argument', async () => {
    const long: string[] = [];
    for (const [label, args] of cases) {
      const result = await send(method, args);
      if (!result.ok && result.error.message.length >= MAX_MESSAGE)
        long.push(`${label} (${result.error.message.length})`);
    }
    expect(long).toStrictEqual([]);
  });

  it('refuses the same values after a structured clone (what IPC actually delivers)', async () => {
    for (const [label, args] of cases) {
      let cloned: unknown;
      try {
        cloned = structuredClone(args);
      } catch {
        continue; // not transferable over IPC at all (e.g. too deep for the cloner)
      }
      const result = await send(method, cloned);
      expect(result.ok, label).toBe(false);
      if (!result.ok) expect(result.error.code, label).toBe('INVALID_ARGUMENT');
    }
    for (const m of METHOD_NAMES) expect(spies[m]).not.toHaveBeenCalled();
    expect(ledgerExists(dir)).toBe(false);
  });
});

describe.each(foreignEvents())('a call from %s', (_name, event) => {
  it.each(METHOD_NAMES)('%s is refused with FORBIDDEN_SENDER, valid or not', async (method) => {
    for (const args of [VALID_ARGS[method], null, { __proto__: { polluted: true } }, HUGE]) {
      expectTypedRefusal(await send(method, args, event), 'FORBIDDEN_SENDER');
    }
    for (const m of METHOD_NAMES) expect(spies[m]).not.toHaveBeenCalled();
    expect(ledgerExists(dir)).toBe(false);
  });
});
