// The training catalogue as the organisation wrote it: content/modules/NN-slug.md files (YAML
// frontmatter + Markdown body) and content/policy.yaml. Every file is validated; a broken module
// is listed as unavailable with the file, the field and the reason, and the rest keeps working.
// The format is documented in content/README.md; keep the two in step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ContentProblem, ModuleSection } from '../contract';
import { loadPolicy, MODULE_ID_PATTERN, moduleIdField } from '../policy/policy';
import type { LoadedPolicy, Policy } from '../policy/policy';
import { fieldPath, issuesToProblems, parseYaml } from '../yamlProblems';

export const MODULES_DIR = 'modules';
export const MODULE_FILE_PATTERN = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/;
export const AUDIENCES = [
  'everyone',
  'product',
  'engineering',
  'marketing',
  'data',
  'support',
  'reviewers',
  'managers',
] as const;
export const MIN_QUESTIONS = 6;
export const MIN_SECTIONS = 2;
/** Question and option ids, as the IPC contract accepts them in answers. */
const ANSWER_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  type: 'single' | 'multiple';
  prompt: string;
  options: QuizOption[];
  explanation: string;
  reference: string | null;
}

export interface TrainingModule {
  id: string;
  title: string;
  version: string;
  minutes: number;
  audience: string[];
  summary: string;
  /** The module's own pass mark, or the policy's. */
  passMark: number;
  /** The module's own interval, or the policy's. */
  recertifyMonths: number;
  attestation: string;
  quiz: QuizQuestion[];
  sections: ModuleSection[];
  /** Relative to the content folder: modules/03-consent-done-right.md */
  file: string;
  /** Position in file-name order among the available modules. */
  order: number;
  /** SHA-256 (hex) of the file's bytes: the content version recorded with completions. */
  contentHash: string;
}

export interface LoadedContent {
  modules: TrainingModule[];
  policy: Policy;
  /** Every problem found, in file order (policy first). */
  problems: ContentProblem[];
  /** The problems of each module that could not be loaded, by its id (when the id could be read). */
  unavailable: Map<string, ContentProblem[]>;
}

// ---- the frontmatter schema ---------------------------------------------------------------

const text = (what: string, max: number) =>
  z
    .string({ error: `must be ${what} (text)` })
    .trim()
    .min(1, { error: `must not be empty` })
    .max(max, { error: `must be at most ${max} characters` });

const intIn = (lo: number, hi: number, unit: string) => {
  const msg = `must be a whole number of ${unit} from ${lo} to ${hi}`;
  return z.number({ error: msg }).int({ error: msg }).min(lo, { error: msg }).max(hi, { error: msg });
};

const answerId = (what: string) =>
  z.string({ error: `must be ${what} id (text)` }).regex(ANSWER_ID, {
    error: 'must be 1 to 40 lower-case letters, digits or hyphens, not starting with a hyphen',
  });

const optionSchema = z
  .object({
    id: answerId('an option'),
    text: text('the option text', 500),
    correct: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();

const questionSchema = z
  .object({
    id: answerId('a question'),
    type: z.enum(['single', 'multiple'], { error: 'must be single (one correct option) or multiple' }),
    prompt: text('the question', 2000),
    options: z
      .array(optionSchema, { error: 'must be a list of options' })
      .min(2, { error: 'needs at least two options' })
      .max(20, { error: 'may have at most 20 options' }),
    explanation: text('the explanation shown after answering', 4000),
    reference: text('a reference', 300).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      if (seen.has(o.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'id'],
          message: `repeats the option id "${o.id}"; option ids must be unique within a question`,
        });
      }
      seen.add(o.id);
    });
    const correct = q.options.filter((o) => o.correct === true).length;
    if (correct === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'has no correct option; mark the right one with `correct: true`',
      });
    } else if (q.type === 'single' && correct > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `a single-answer question needs exactly one correct option, but ${correct} are marked correct (use type: multiple for more)`,
      });
    }
  });

const moduleSchema = z
  .object(
    {
      id: moduleIdField,
      title: text('the title', 120),
      version: z
        .string({ error: 'must be a version like 1.0.0 (MAJOR.MINOR.PATCH), as text' })
        .regex(SEMVER, { error: 'must be a version like 1.0.0 (MAJOR.MINOR.PATCH)' }),
      minutes: intIn(1, 120, 'minutes'),
      audience: z
        .array(z.enum(AUDIENCES, { error: `must be one of ${AUDIENCES.join(', ')}` }), {
          error: 'must be a list, e.g. [everyone]',
        })
        .min(1, { error: 'must name at least one audience, e.g. [everyone]' }),
      summary: text('a one- or two-sentence summary', 500),
      passMark: intIn(1, 100, 'percent').optional(),
      recertifyMonths: intIn(1, 60, 'months').optional(),
      attestation: text('the statement the learner confirms', 1000),
      quiz: z
        .array(questionSchema, { error: 'must be a list of questions' })
        .min(MIN_QUESTIONS, { error: `needs at least ${MIN_QUESTIONS} questions` })
        .max(50, { error: 'may have at most 50 questions' }),
    },
    { error: 'the frontmatter must be a YAML map of fields (id, title, version, …)' },
  )
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.quiz.forEach((q, i) => {
      if (seen.has(q.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['quiz', i, 'id'],
          message: `repeats the question id "${q.id}"; question ids must be unique within a module`,
        });
      }
      seen.add(q.id);
    });
  });

// ---- the body -----------------------------------------------------------------------------

function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'section' : slug.slice(0, 60);
}

/**
 * Splits the Markdown body at `## ` headings (outside code fences). Text before the first
 * heading becomes an "Introduction" section when there is any.
 */
export function splitSections(body: string): ModuleSection[] {
  const raw: { title: string; lines: string[] }[] = [{ title: 'Introduction', lines: [] }];
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      const marker = f[1] as string;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    }
    const h = fence === null ? /^ {0,3}## +(.*?)(?: +#+)? *$/.exec(line) : null;
    if (h && (h[1] ?? '').trim() !== '') raw.push({ title: (h[1] as string).trim(), lines: [] });
    else (raw[raw.length - 1] as { lines: string[] }).lines.push(line);
  }
  const used = new Map<string, number>();
  const out: ModuleSection[] = [];
  raw.forEach((s, i) => {
    const markdown = s.lines.join('\n').trim();
    if (i === 0 && markdown === '') return;
    const base = slugify(s.title);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    out.push({ id: n === 1 ? base : `${base}-${n}`, title: s.title, markdown });
  });
  return out;
}

// ---- one file -----------------------------------------------------------------------------

const FRONTMATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

type ParsedModule =
  | { ok: true; module: Omit<TrainingModule, 'order'> }
  | { ok: false; id: string | null; problems: ContentProblem[] };

/** Validates one module file's bytes. `file` is how problems name it (modules/NN-slug.md). */
export function parseModuleFile(file: string, bytes: Buffer, policy: Policy): ParsedModule {
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const fail = (field: string | null, reason: string, id: string | null = null): ParsedModule => ({
    ok: false,
    id,
    problems: [{ file, field, reason }],
  });
  const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const fm = FRONTMATTER.exec(source);
  if (!fm) {
    return fail(null, 'the file must start with frontmatter: a line "---", the YAML fields, then "---"');
  }
  const yamlText = fm[1] ?? '';
  const body = source.slice(fm[0].length);
  const parsed = parseYaml(file, yamlText, 1);
  if (!parsed.ok) return { ok: false, id: null, problems: parsed.problems };
  const rawId =
    typeof parsed.value === 'object' && parsed.value !== null && 'id' in parsed.value
      ? (parsed.value as { id: unknown }).id
      : undefined;
  const id = typeof rawId === 'string' && MODULE_ID_PATTERN.test(rawId) ? rawId : null;
  const result = moduleSchema.safeParse(parsed.value ?? undefined);
  const problems: ContentProblem[] = result.success
    ? []
    : issuesToProblems(file, result.error.issues, parsed.source);
  const sections = splitSections(body);
  if (sections.length < MIN_SECTIONS) {
    const lineCount = source.slice(0, fm[0].length).split('\n').length;
    problems.push({
      file,
      field: 'body',
      reason: `needs at least ${MIN_SECTIONS} sections, each starting with a "## Heading" line; found ${sections.length} (the body starts on line ${lineCount})`,
    });
  }
  if (!result.success || problems.length > 0) return { ok: false, id, problems };
  const m = result.data;
  return {
    ok: true,
    module: {
      id: m.id,
      title: m.title,
      version: m.version,
      minutes: m.minutes,
      audience: m.audience,
      summary: m.summary,
      passMark: m.passMark ?? policy.passMark,
      recertifyMonths: m.recertifyMonths ?? policy.recertifyMonths,
      attestation: m.attestation,
      quiz: m.quiz.map((q) => ({
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct === true })),
        explanation: q.explanation,
        reference: q.reference ?? null,
      })),
      sections,
      file,
      contentHash,
    },
  };
}

// ---- the folder ---------------------------------------------------------------------------

interface CacheEntry {
  key: string;
  content: LoadedContent;
}
const cache = new Map<string, CacheEntry>();

function statKey(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  } catch {
    return '-';
  }
}

function listModuleDir(dir: string): { names: string[]; error: string | null } {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const names = entries
      .filter((e) => !e.name.startsWith('.') && !e.isDirectory())
      .map((e) => e.name)
      .sort();
    return { names, error: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      names: [],
      error:
        code === 'ENOENT' ? 'the modules folder is missing' : `the modules folder cannot be read (${code})`,
    };
  }
}

/**
 * Loads and validates the content folder. Cached by the file list, sizes and modification
 * times, so calling it on every request is cheap and an edited file is picked up.
 */
export function loadContent(contentDir: string): LoadedContent {
  const dir = path.resolve(contentDir);
  const modulesDir = path.join(dir, MODULES_DIR);
  const listing = listModuleDir(modulesDir);
  const key = [
    statKey(path.join(dir, 'policy.yaml')),
    listing.error ?? '',
    ...listing.names.map((n) => `${n}=${statKey(path.join(modulesDir, n))}`),
  ].join('|');
  const hit = cache.get(dir);
  if (hit && hit.key === key) return hit.content;
  const content = readContent(dir, listing);
  cache.set(dir, { key, content });
  return content;
}

function readContent(dir: string, listing: { names: string[]; error: string | null }): LoadedContent {
  const loaded = loadPolicy(dir);
  const { policy } = loaded;
  const moduleProblems: ContentProblem[] = [];
  const unavailable = new Map<string, ContentProblem[]>();
  const modules: TrainingModule[] = [];
  /** Every id some file claims (valid or not), and the first file that claimed it. */
  const claimed = new Map<string, string>();
  if (listing.error) moduleProblems.push({ file: MODULES_DIR, field: null, reason: listing.error });

  for (const name of listing.names) {
    const file = `${MODULES_DIR}/${name}`;
    if (!MODULE_FILE_PATTERN.test(name)) {
      moduleProblems.push({
        file,
        field: null,
        reason:
          'is not a module file name: modules are named NN-slug.md (two digits, a hyphen, lower-case words joined by hyphens, .md), e.g. 03-consent-done-right.md',
      });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, MODULES_DIR, name));
    } catch (error) {
      moduleProblems.push({
        file,
        field: null,
        reason: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
      continue;
    }
    const parsed = parseModuleFile(file, bytes, policy);
    const id = parsed.ok ? parsed.module.id : parsed.id;
    const problems = parsed.ok ? [] : [...parsed.problems];
    const first = id === null ? undefined : claimed.get(id);
    if (id !== null && first !== undefined) {
      problems.unshift({
        file,
        field: 'id',
        reason: `the module id "${id}" is already used by ${first}; this file is unavailable until its id is changed`,
      });
    } else if (id !== null) {
      claimed.set(id, file);
    }
    if (problems.length > 0) {
      moduleProblems.push(...problems);
      if (id !== null && first === undefined) unavailable.set(id, problems);
      continue;
    }
    if (parsed.ok) modules.push({ ...parsed.module, order: modules.length });
  }

  return {
    modules,
    policy,
    problems: [...loaded.problems, ...requiredProblems(loaded, claimed), ...moduleProblems],
    unavailable,
  };
}

/** The policy must not require a module that no file defines. */
function requiredProblems(loaded: LoadedPolicy, claimed: ReadonlyMap<string, string>): ContentProblem[] {
  const out: ContentProblem[] = [];
  const { required } = loaded.policy;
  const check = (ids: readonly string[], at: PropertyKey[]) => {
    ids.forEach((id, i) => {
      if (claimed.has(id)) return;
      const where = [...at, i];
      out.push({
        file: 'policy.yaml',
        field: fieldPath(where),
        reason: `names the module "${id}", but no file in modules/ has that id${loaded.lineOf(where)}`,
      });
    });
  };
  check(required.everyone, ['required', 'everyone']);
  for (const [team, ids] of Object.entries(required.teams)) check(ids, ['required', 'teams', team]);
  for (const [role, ids] of Object.entries(required.roles)) check(ids, ['required', 'roles', role]);
  return out;
}
