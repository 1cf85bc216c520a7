// content/policy.yaml: the organisation's training rules (pass mark, recertification, due-soon
// window, who must complete what) and who holds which role. Validated on load; a part that is
// wrong falls back to the built-in default for that part, and the problem is reported, so a
// typo in one list never switches the rest of the app off.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { ContentProblem } from '../contract/views/training';
import { issuesToProblems, lineOfPath, parseYaml } from '../yamlProblems';
import { DAY_PATTERN, isCalendarDay } from '../contract/dates';
import { MODULE_ID_PATTERN } from '../contract/ids';

export const POLICY_FILE = 'policy.yaml';
export const RETAKE_ON = ['major', 'minor', 'any', 'never'] as const;
export type RetakeOn = (typeof RETAKE_ON)[number];
/**
 * When a graded knowledge check shows the right options and the explanations: never, only once
 * the attempt passed (the default), or always. Until then a learner sees which answers were wrong,
 * why the option they chose is wrong and what to revisit, never the right option.
 */
export const REVEAL_ANSWERS = ['never', 'afterPass', 'always'] as const;
export type RevealAnswers = (typeof REVEAL_ANSWERS)[number];

/** Module ids: lower-case words joined by hyphens, 2 to 64 characters. */
export { MODULE_ID_PATTERN };

const int = (lo: number, hi: number, what: string) =>
  z
    .number({ error: `must be a whole number ${what} from ${lo} to ${hi}` })
    .int({ error: `must be a whole number ${what} from ${lo} to ${hi}` })
    .min(lo, { error: `must be a whole number ${what} from ${lo} to ${hi}` })
    .max(hi, { error: `must be a whole number ${what} from ${lo} to ${hi}` });

export const moduleIdField = z
  .string({ error: 'must be a module id (lower-case words joined by hyphens)' })
  .regex(MODULE_ID_PATTERN, {
    error: 'must be a module id: 2 to 64 lower-case letters or digits, words joined by single hyphens',
  });

/** A YAML list that may be left empty (`reviewers:` with nothing under it reads as null). */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item, { error: 'must be a list' })
    .nullish()
    .transform((v) => v ?? []);

const moduleList = list(moduleIdField);

const email = z
  .string({ error: 'must be an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must look like name@example.com' }));

const fingerprint = z
  .string({ error: 'must be the key fingerprint shown in Settings, in quotes' })
  .transform((s) => normaliseFingerprint(s))
  .pipe(
    z.string().regex(/^[0-9a-f]{32}$/, {
      error:
        'must be the 32 hexadecimal characters of the key fingerprint shown in Settings (spaces allowed)',
    }),
  );

/** A calendar day written YYYY-MM-DD (quoted or not: YAML 1.2 reads it as text either way). */
const day = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(DAY_PATTERN, { error: 'must be a date written YYYY-MM-DD' })
  .refine(isCalendarDay, { error: 'must be a real date written YYYY-MM-DD' });

/**
 * When a role holds: from `from` and up to and including `until` (UTC days), either open. A role
 * is judged at the time of what it is used for: a reviewer who has left keeps `until` rather than
 * being deleted, so that the decisions they made while they held the role stay valid.
 */
const inForce = { from: day.optional(), until: day.optional() };
function checkWindow(
  m: { from?: string | undefined; until?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (m.from !== undefined && m.until !== undefined && m.until < m.from) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: `is before from (${m.from})` });
  }
}

const roleHolder = z
  .object({ email, fingerprint, ...inForce })
  .strict()
  .superRefine(checkWindow);
const managerEntry = z
  .object({
    email,
    fingerprint,
    teams: list(z.string().trim().min(1)).optional(),
    all: z.boolean().optional(),
    ...inForce,
  })
  .strict()
  .superRefine(checkWindow)
  .superRefine((m, ctx) => {
    const teams = m.teams ?? [];
    if (m.all === true && teams.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['all'],
        message: 'give either `all: true` or `teams`, not both',
      });
    } else if (m.all !== true && teams.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['teams'],
        message: 'a manager needs `teams: [...]` (the teams they see) or `all: true`',
      });
    }
  })
  .transform((m) => ({
    email: m.email,
    fingerprint: m.fingerprint,
    all: m.all === true,
    teams: m.teams ?? [],
    ...(m.from === undefined ? {} : { from: m.from }),
    ...(m.until === undefined ? {} : { until: m.until }),
  }));

const requiredSchema = z
  .object(
    {
      everyone: moduleList,
      teams: z
        .record(z.string().trim().min(1), moduleList, { error: 'must map team names to lists of module ids' })
        .nullish()
        .transform((v) => v ?? {}),
      roles: z
        .object(
          { submitter: moduleList, reviewer: moduleList, manager: moduleList },
          { error: 'must be a map' },
        )
        .strict()
        .nullish()
        .transform((v) => v ?? { submitter: [], reviewer: [], manager: [] }),
    },
    { error: 'must be a map with everyone, teams and roles' },
  )
  .strict();

const rolesSchema = z
  .object(
    { reviewers: list(roleHolder), managers: list(managerEntry) },
    { error: 'must be a map with reviewers and managers' },
  )
  .strict();

// xAPI statements: the organisation's home page names actors' accounts and roots our IRIs;
// actors are identified by email (mbox) only when the organisation opts in.
const DEFAULT_XAPI = { homePage: 'https://steward.invalid', actorEmail: false };
const xapiSchema = z
  .object(
    {
      homePage: z
        .string({ error: 'must be the https:// address of your organisation' })
        .trim()
        .refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:', {
          error: 'must be the https:// address of your organisation, e.g. https://example.com',
        })
        .transform((s) => s.replace(/\/+$/, ''))
        .optional(),
      actorEmail: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: 'must be a map with homePage and actorEmail' },
  )
  .strict()
  .transform((x) => ({
    homePage: x.homePage ?? DEFAULT_XAPI.homePage,
    actorEmail: x.actorEmail ?? DEFAULT_XAPI.actorEmail,
  }));

/** Each top-level key has its own schema, so a broken one falls back alone. */
const policyParts = {
  passMark: int(1, 100, 'percent'),
  recertifyMonths: int(1, 60, 'of months'),
  dueSoonDays: int(0, 365, 'of days'),
  newStarterDays: int(0, 365, 'of days'),
  retakeOn: z.enum(RETAKE_ON, { error: `must be one of ${RETAKE_ON.join(', ')}` }),
  revealAnswers: z.enum(REVEAL_ANSWERS, { error: `must be one of ${REVEAL_ANSWERS.join(', ')}` }),
  required: requiredSchema,
  roles: rolesSchema,
  xapi: xapiSchema,
};
type PolicyKey = keyof typeof policyParts;

export type Policy = { [K in PolicyKey]: z.output<(typeof policyParts)[K]> };
export type ManagerEntry = Policy['roles']['managers'][number];

export const DEFAULT_POLICY: Policy = {
  passMark: 80,
  recertifyMonths: 12,
  dueSoonDays: 30,
  newStarterDays: 30,
  retakeOn: 'major',
  revealAnswers: 'afterPass',
  required: { everyone: [], teams: {}, roles: { submitter: [], reviewer: [], manager: [] } },
  roles: { reviewers: [], managers: [] },
  xapi: { ...DEFAULT_XAPI },
};

export function normaliseFingerprint(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

export interface LoadedPolicy {
  policy: Policy;
  problems: ContentProblem[];
  /** " (line N)" for where a field of the policy file is written; '' when unknown. */
  lineOf: (path: readonly PropertyKey[]) => string;
}

const nowhere = (): string => '';

/** Validates the text of a policy file. Missing keys take their defaults; broken keys too, reported. */
export function parsePolicy(text: string, file = POLICY_FILE): LoadedPolicy {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) return { policy: clonePolicy(DEFAULT_POLICY), problems: parsed.problems, lineOf: nowhere };
  const { source, value } = parsed;
  const lineOf = (p: readonly PropertyKey[]) => lineOfPath(source, p);
  if (value === null || value === undefined) {
    return { policy: clonePolicy(DEFAULT_POLICY), problems: [], lineOf };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      lineOf,
      policy: clonePolicy(DEFAULT_POLICY),
      problems: [{ file, field: null, reason: 'must be a YAML map of settings (key: value lines)' }],
    };
  }
  const raw = value as Record<string, unknown>;
  const problems: ContentProblem[] = [];
  const policy = clonePolicy(DEFAULT_POLICY);
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(policyParts, key)) {
      problems.push({
        file,
        field: key,
        reason: `is not a known setting (known: ${Object.keys(policyParts).join(', ')})${lineOfPath(source, [key])}`,
      });
    }
  }
  for (const key of Object.keys(policyParts) as PolicyKey[]) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const result = policyParts[key].safeParse(raw[key]);
    if (result.success) {
      (policy as Record<PolicyKey, unknown>)[key] = result.data;
    } else {
      const prefixed = result.error.issues.map((i) => ({ ...i, path: [key, ...i.path] }));
      problems.push(...issuesToProblems(file, prefixed, source));
    }
  }
  return { policy, problems, lineOf };
}

/** Reads `<contentDir>/policy.yaml`; built-in defaults (and a problem) when it is missing. */
export function loadPolicy(contentDir: string): LoadedPolicy {
  let text: string;
  try {
    text = fs.readFileSync(path.join(contentDir, POLICY_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      policy: clonePolicy(DEFAULT_POLICY),
      lineOf: nowhere,
      problems: [
        {
          file: POLICY_FILE,
          field: null,
          reason:
            code === 'ENOENT'
              ? 'the policy file is missing; built-in defaults are in use (pass mark 80, recertify every 12 months, nothing required, no roles)'
              : `the policy file cannot be read (${code ?? String(error)}); built-in defaults are in use`,
        },
      ],
    };
  }
  return parsePolicy(text.replace(/^\uFEFF/, ''));
}

function clonePolicy(p: Policy): Policy {
  return structuredClone(p);
}

/**
 * For demo workspaces only: names these people as reviewers in <contentDir>/policy.yaml (email
 * and key fingerprint), keeping the file's comments and layout. Never used by the app itself.
 */
export function grantDemoReviewers(
  contentDir: string,
  people: readonly { email: string; fingerprint: string }[],
): void {
  const file = path.join(contentDir, POLICY_FILE);
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
  for (const p of people) {
    const node = doc.createNode({ email: p.email, fingerprint: p.fingerprint });
    if (!doc.hasIn(['roles', 'reviewers'])) doc.setIn(['roles', 'reviewers'], doc.createNode([]));
    const seq = doc.getIn(['roles', 'reviewers']);
    if (YAML.isSeq(seq)) {
      seq.flow = false;
      seq.items.push(node);
    }
  }
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, doc.toString());
  fs.renameSync(tmp, file);
}
