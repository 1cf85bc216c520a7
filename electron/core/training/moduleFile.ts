// One training module file: content/modules/NN-slug.md (YAML frontmatter + Markdown body), or
// its translation. Every field is validated; a broken file is reported with the file, the field
// and the reason. The format is documented in content/README.md; keep the two in step.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ContentProblem, ModuleSection } from '../contract/views/training';
import { MODULE_ID_PATTERN, moduleIdField } from '../policy/policy';
import type { Policy } from '../policy/policy';
import { issuesToProblems, parseYaml } from '../yamlProblems';
import type { YamlSource } from '../yamlProblems';

export const MODULES_DIR = 'modules';
export const LOCALES_DIR = 'locales';
/** The language of content/modules/ itself, and the fallback for every module. */
export const BASE_LOCALE = 'en';
/** Locale folder names: a lower-case BCP 47 tag such as fr, de, pt-br. */
export const LOCALE_FOLDER_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
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
  /** For a wrong option: why it is wrong, shown to a learner who chose it (never names the right one). */
  feedback: string | null;
}

export interface QuizQuestion {
  id: string;
  type: 'single' | 'multiple';
  prompt: string;
  options: QuizOption[];
  explanation: string;
  reference: string | null;
  /**
   * The learning objective this question tests. An attempt asks one question per topic, so the
   * questions sharing a topic are interchangeable variants (a retry gets another one). A question
   * without a topic is a topic of its own.
   */
  topic: string;
  /** The principle to revisit after a wrong answer, without giving the answer away. */
  hint: string | null;
}

/** What changed in one version, for people whose completion is on an earlier one. */
export interface ModuleChange {
  version: string;
  /** One sentence, in the module's language. */
  summary: string;
}

export interface TrainingModule {
  id: string;
  title: string;
  version: string;
  /** What changed, newest version first; empty when the module says nothing. */
  changes: ModuleChange[];
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
  /**
   * Relative to the content folder: modules/03-consent-done-right.md, or
   * locales/fr/modules/03-consent-done-right.md for a translation.
   */
  file: string;
  /** Position in file-name order among the available modules. */
  order: number;
  /** SHA-256 (hex) of the file's bytes: the content version recorded with completions. */
  contentHash: string;
  /** The language this text is in: BASE_LOCALE for modules/, else the locale folder's name. */
  locale: string;
  /**
   * Every content hash that counts as this module's current content: the English file's and
   * each valid translation's (a valid translation has the English version). Includes contentHash.
   */
  contentHashes: string[];
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
    feedback: text('why this option is wrong', 1000).optional(),
  })
  .strict();

/** Topic names: lower-case words joined by hyphens, like module ids. */
const TOPIC = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
    topic: z
      .string({ error: 'must be a topic name (text)' })
      .max(64, { error: 'must be at most 64 characters' })
      .regex(TOPIC, { error: 'must be lower-case words joined by hyphens, e.g. lawful-basis' })
      .optional(),
    hint: text('a hint that does not give the answer away', 1000).optional(),
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

const semverText = z
  .string({ error: 'must be a version like 1.0.0 (MAJOR.MINOR.PATCH), as text' })
  .regex(SEMVER, { error: 'must be a version like 1.0.0 (MAJOR.MINOR.PATCH)' });

const changeSchema = z
  .object({
    version: semverText,
    summary: text('one sentence saying what changed', 400),
  })
  .strict();

/** -1, 0 or 1 as version a is before, the same as, or after version b (MAJOR.MINOR.PATCH). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const moduleSchema = z
  .object(
    {
      id: moduleIdField,
      title: text('the title', 120),
      version: semverText,
      changes: z
        .array(changeSchema, { error: 'must be a list of { version, summary }' })
        .max(50, { error: 'may list at most 50 versions' })
        .optional(),
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
    const versions = new Set<string>();
    (m.changes ?? []).forEach((c, i) => {
      if (versions.has(c.version)) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i, 'version'],
          message: `repeats version ${c.version}; say what changed in each version once`,
        });
      }
      versions.add(c.version);
      if (compareVersions(c.version, m.version) > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i, 'version'],
          message: `is ${c.version}, after the module's own version ${m.version}`,
        });
      }
    });
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
  | { ok: true; module: Omit<TrainingModule, 'order' | 'locale' | 'contentHashes'> }
  | { ok: false; id: string | null; problems: ContentProblem[] };

/** Validates one module file's bytes. `file` is how problems name it (modules/NN-slug.md). */
export function parseModuleFile(file: string, bytes: Buffer, policy: Policy): ParsedModule {
  return parseModuleSource(file, bytes, policy).parsed;
}

/** parseModuleFile, plus where the frontmatter fields are written, for later checks' line numbers. */
export function parseModuleSource(
  file: string,
  bytes: Buffer,
  policy: Policy,
): { parsed: ParsedModule; source: YamlSource | null; bodyLine: number } {
  const done = (parsed: ParsedModule, source: YamlSource | null = null, bodyLine = 1) => ({
    parsed,
    source,
    bodyLine,
  });
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const fm = FRONTMATTER.exec(source);
  if (!fm) {
    const reason = 'the file must start with frontmatter: a line "---", the YAML fields, then "---"';
    return done({ ok: false, id: null, problems: [{ file, field: null, reason }] });
  }
  const yamlText = fm[1] ?? '';
  const body = source.slice(fm[0].length);
  const bodyLine = source.slice(0, fm[0].length).split('\n').length;
  const parsed = parseYaml(file, yamlText, 1);
  if (!parsed.ok) return done({ ok: false, id: null, problems: parsed.problems });
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
    problems.push({
      file,
      field: 'body',
      reason: `needs at least ${MIN_SECTIONS} sections, each starting with a "## Heading" line; found ${sections.length} (the body starts on line ${bodyLine})`,
    });
  }
  if (!result.success || problems.length > 0)
    return done({ ok: false, id, problems }, parsed.source, bodyLine);
  const m = result.data;
  const module: Omit<TrainingModule, 'order' | 'locale' | 'contentHashes'> = {
    id: m.id,
    title: m.title,
    version: m.version,
    changes: [...(m.changes ?? [])].sort((a, b) => compareVersions(b.version, a.version)),
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
      options: q.options.map((o) => ({
        id: o.id,
        text: o.text,
        correct: o.correct === true,
        feedback: o.feedback ?? null,
      })),
      explanation: q.explanation,
      reference: q.reference ?? null,
      topic: q.topic ?? q.id,
      hint: q.hint ?? null,
    })),
    sections,
    file,
    contentHash,
  };
  return done({ ok: true, module }, parsed.source, bodyLine);
}
