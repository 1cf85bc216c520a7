// The training catalogue as the organisation wrote it: content/modules/NN-slug.md files (YAML
// frontmatter + Markdown body), their translations in content/locales/<lang>/modules/, and
// content/policy.yaml. Every file is validated; a broken module is listed as unavailable with the
// file, the field and the reason, and the rest keeps working. A translation is used only when it
// matches its English module exactly in everything but the words (same id, version, questions,
// answers, sections), so a completion in one language is a completion in all of them.
// The format is documented in content/README.md; keep the two in step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ContentProblem, ModuleSection } from '../contract/views/training';
import { loadPolicy, MODULE_ID_PATTERN, moduleIdField } from '../policy/policy';
import type { LoadedPolicy, Policy } from '../policy/policy';
import { fieldPath, issuesToProblems, lineOfPath, parseYaml } from '../yamlProblems';
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

export interface LoadedContent {
  /** Each available module, in the requested locale where a valid translation exists, else English. */
  modules: TrainingModule[];
  policy: Policy;
  /** Every problem found, in file order (policy first, then modules, then translations). */
  problems: ContentProblem[];
  /** The problems of each module that could not be loaded, by its id (when the id could be read). */
  unavailable: Map<string, ContentProblem[]>;
  /** The locale folder the modules were looked up in (BASE_LOCALE when none matched the request). */
  locale: string;
  /** Every valid translation in every locale folder, in folder then file-name order. */
  translations: TrainingModule[];
  /**
   * Every valid edition of every module (English and translations), by content hash: what a
   * learner read may be in another language than the one they view now.
   */
  editions: Map<string, TrainingModule>;
}

export interface LoadContentOptions {
  /**
   * The language the reader wants, as a BCP 47 tag (fr, fr-CA). Matched against the locale
   * folders exactly, then by its language alone; English when nothing matches.
   */
  locale?: string;
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
  | { ok: true; module: Omit<TrainingModule, 'order' | 'locale' | 'contentHashes'> }
  | { ok: false; id: string | null; problems: ContentProblem[] };

/** Validates one module file's bytes. `file` is how problems name it (modules/NN-slug.md). */
export function parseModuleFile(file: string, bytes: Buffer, policy: Policy): ParsedModule {
  return parseModuleSource(file, bytes, policy).parsed;
}

/** parseModuleFile, plus where the frontmatter fields are written, for later checks' line numbers. */
function parseModuleSource(
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

// ---- the folder ---------------------------------------------------------------------------

interface DirListing {
  names: string[];
  error: string | null;
}

interface Listing {
  modules: DirListing;
  /** Entries of locales/ (hidden ones skipped), sorted; empty when there is no locales folder. */
  locales: { name: string; isDir: boolean }[];
  localesError: string | null;
  /** The module files of each well-named locale folder. */
  localeModules: Map<string, DirListing>;
}

/** Everything read from the folder, before a locale is chosen. */
interface ContentRead {
  base: Omit<LoadedContent, 'modules' | 'locale'> & { modules: TrainingModule[] };
  /** Valid translations by locale, then module id. */
  byLocale: Map<string, Map<string, TrainingModule>>;
  /** The well-named locale folders, valid translations in them or not. */
  locales: string[];
}

interface CacheEntry {
  key: string;
  read: ContentRead;
  views: Map<string, LoadedContent>;
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

function listModuleDir(dir: string): DirListing {
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

function listFolder(dir: string): Listing {
  const modules = listModuleDir(path.join(dir, MODULES_DIR));
  const localeModules = new Map<string, DirListing>();
  let locales: Listing['locales'] = [];
  let localesError: string | null = null;
  try {
    locales = fs
      .readdirSync(path.join(dir, LOCALES_DIR), { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') localesError = `the locales folder cannot be read (${code})`;
  }
  for (const l of locales) {
    if (l.isDir && isLocaleFolderName(l.name)) {
      localeModules.set(l.name, listModuleDir(path.join(dir, LOCALES_DIR, l.name, MODULES_DIR)));
    }
  }
  return { modules, locales, localesError, localeModules };
}

function isLocaleFolderName(name: string): boolean {
  return LOCALE_FOLDER_PATTERN.test(name) && name !== BASE_LOCALE;
}

/**
 * The locale folder to show content from for a requested BCP 47 tag: the tag itself (fr-ca),
 * else its language (fr), else BASE_LOCALE.
 */
export function resolveContentLocale(requested: string | undefined, available: readonly string[]): string {
  const tag = (requested ?? '').trim().toLowerCase().replace(/_/g, '-');
  for (const candidate of [tag, tag.split('-')[0] ?? '']) {
    if (candidate === BASE_LOCALE) return BASE_LOCALE;
    if (candidate !== '' && available.includes(candidate)) return candidate;
  }
  return BASE_LOCALE;
}

/**
 * Loads and validates the content folder, with each module in `options.locale` where a valid
 * translation exists. Cached by the file lists, sizes and modification times, so calling it on
 * every request is cheap and an edited file is picked up.
 */
export function loadContent(contentDir: string, options: LoadContentOptions = {}): LoadedContent {
  const dir = path.resolve(contentDir);
  const listing = listFolder(dir);
  const key = [
    statKey(path.join(dir, 'policy.yaml')),
    listing.modules.error ?? '',
    ...listing.modules.names.map((n) => `${n}=${statKey(path.join(dir, MODULES_DIR, n))}`),
    `#${listing.localesError ?? ''}`,
    ...listing.locales.map((l) => `${l.name}${l.isDir ? '/' : ''}`),
    ...[...listing.localeModules].flatMap(([l, m]) => [
      `${l}:${m.error ?? ''}`,
      ...m.names.map((n) => `${l}/${n}=${statKey(path.join(dir, LOCALES_DIR, l, MODULES_DIR, n))}`),
    ]),
  ].join('|');
  let hit = cache.get(dir);
  if (!hit || hit.key !== key) {
    hit = { key, read: readContent(dir, listing), views: new Map() };
    cache.set(dir, hit);
  }
  const locale = resolveContentLocale(options.locale, hit.read.locales);
  let view = hit.views.get(locale);
  if (!view) {
    const translated = hit.read.byLocale.get(locale);
    view = {
      ...hit.read.base,
      modules: hit.read.base.modules.map((m) => translated?.get(m.id) ?? m),
      locale,
    };
    hit.views.set(locale, view);
  }
  return view;
}

function readFileProblem(file: string, error: unknown): ContentProblem {
  return {
    file,
    field: null,
    reason: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
  };
}

function readContent(dir: string, listing: Listing): ContentRead {
  const loaded = loadPolicy(dir);
  const { policy } = loaded;
  const moduleProblems: ContentProblem[] = [];
  const unavailable = new Map<string, ContentProblem[]>();
  const modules: TrainingModule[] = [];
  /** Every id some file claims (valid or not), and the first file that claimed it. */
  const claimed = new Map<string, string>();
  /** Each file name in modules/ and its module, or null when it is unavailable. */
  const byName = new Map<string, TrainingModule | null>();
  if (listing.modules.error) {
    moduleProblems.push({ file: MODULES_DIR, field: null, reason: listing.modules.error });
  }

  for (const name of listing.modules.names) {
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
    byName.set(name, null);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, MODULES_DIR, name));
    } catch (error) {
      moduleProblems.push(readFileProblem(file, error));
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
    if (parsed.ok) {
      const m: TrainingModule = {
        ...parsed.module,
        order: modules.length,
        locale: BASE_LOCALE,
        contentHashes: [parsed.module.contentHash],
      };
      modules.push(m);
      byName.set(name, m);
    }
  }

  const translated = readTranslations(dir, listing, policy, byName);
  const translations = [...translated.byLocale.values()].flatMap((byId) => [...byId.values()]);
  // A completion on any edition at the English version is a completion of the module.
  for (const m of modules) {
    const hashes = [m.contentHash, ...translations.filter((t) => t.id === m.id).map((t) => t.contentHash)];
    m.contentHashes = hashes;
    for (const t of translations) if (t.id === m.id) t.contentHashes = hashes;
  }
  const editions = new Map<string, TrainingModule>();
  for (const m of [...modules, ...translations])
    if (!editions.has(m.contentHash)) editions.set(m.contentHash, m);

  return {
    base: {
      modules,
      policy,
      problems: [
        ...loaded.problems,
        ...requiredProblems(loaded, claimed),
        ...moduleProblems,
        ...translated.problems,
      ],
      unavailable,
      translations,
      editions,
    },
    byLocale: translated.byLocale,
    locales: [...listing.localeModules.keys()],
  };
}

// ---- translations -------------------------------------------------------------------------

function readTranslations(
  dir: string,
  listing: Listing,
  policy: Policy,
  english: ReadonlyMap<string, TrainingModule | null>,
): { byLocale: Map<string, Map<string, TrainingModule>>; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const byLocale = new Map<string, Map<string, TrainingModule>>();
  if (listing.localesError) problems.push({ file: LOCALES_DIR, field: null, reason: listing.localesError });
  for (const entry of listing.locales) {
    const folder = `${LOCALES_DIR}/${entry.name}`;
    if (!entry.isDir || !isLocaleFolderName(entry.name)) {
      problems.push({
        file: folder,
        field: null,
        reason:
          entry.name === BASE_LOCALE
            ? 'English is the language of modules/ itself; edit the modules there, not in locales/en'
            : `is not a locale folder: locales/ holds one folder per language, named by its lower-case language tag (fr, de, pt-br), each with a modules/ folder`,
      });
      continue;
    }
    const listed = listing.localeModules.get(entry.name) ?? { names: [], error: null };
    if (listed.error) problems.push({ file: `${folder}/${MODULES_DIR}`, field: null, reason: listed.error });
    const valid = new Map<string, TrainingModule>();
    for (const name of listed.names) {
      const file = `${folder}/${MODULES_DIR}/${name}`;
      const original = english.get(name);
      if (original === undefined) {
        problems.push({
          file,
          field: null,
          reason: `has no English original: a translation has the same file name as the module it translates, and there is no ${MODULES_DIR}/${name}`,
        });
        continue;
      }
      if (original === null) {
        problems.push({
          file,
          field: null,
          reason: `is not used while its English original ${MODULES_DIR}/${name} has problems; fix that file first`,
        });
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(path.join(dir, LOCALES_DIR, entry.name, MODULES_DIR, name));
      } catch (error) {
        problems.push(readFileProblem(file, error));
        continue;
      }
      const { parsed, source, bodyLine } = parseModuleSource(file, bytes, policy);
      if (!parsed.ok) {
        problems.push(...parsed.problems);
        continue;
      }
      const mismatches = translationMismatches(parsed.module, original, source, bodyLine);
      if (mismatches.length > 0) {
        problems.push(...mismatches);
        continue;
      }
      valid.set(parsed.module.id, {
        ...parsed.module,
        order: original.order,
        locale: entry.name,
        contentHashes: [],
      });
    }
    if (valid.size > 0) byLocale.set(entry.name, valid);
  }
  return { byLocale, problems };
}

type ModuleShape = Pick<
  TrainingModule,
  'id' | 'version' | 'passMark' | 'recertifyMonths' | 'quiz' | 'sections' | 'file'
>;

/**
 * Where a translation differs from its English module in anything but the words. Any difference
 * would make a completion in one language mean something else than in the other, so the
 * translation is not used until it is fixed.
 */
export function translationMismatches(
  t: ModuleShape,
  en: ModuleShape,
  source: YamlSource | null,
  bodyLine: number,
): ContentProblem[] {
  const out: ContentProblem[] = [];
  const at = (where: PropertyKey[]) => (source ? lineOfPath(source, where) : '');
  const add = (where: PropertyKey[], reason: string) =>
    out.push({ file: t.file, field: fieldPath(where), reason: `${reason}${at(where)}` });

  if (t.id !== en.id) {
    add(
      ['id'],
      `is "${t.id}", but the English module ${en.file} has the id "${en.id}"; a translation keeps the id`,
    );
  }
  if (t.version !== en.version) {
    add(
      ['version'],
      `is ${t.version}, but the English module ${en.file} is at ${en.version}; bring the translation up to date and set its version to ${en.version} (until then the English module is shown)`,
    );
  }
  if (t.passMark !== en.passMark) {
    add(
      ['passMark'],
      `gives a pass mark of ${t.passMark}%, but the English module's is ${en.passMark}%; a translation keeps the pass mark`,
    );
  }
  if (t.recertifyMonths !== en.recertifyMonths) {
    add(
      ['recertifyMonths'],
      `gives ${t.recertifyMonths} months until recertification, but the English module gives ${en.recertifyMonths}; a translation keeps them`,
    );
  }

  const enQuestions = new Map(en.quiz.map((q) => [q.id, q]));
  const tIds = new Set(t.quiz.map((q) => q.id));
  const lacking = en.quiz.filter((q) => !tIds.has(q.id)).map((q) => q.id);
  if (lacking.length > 0) {
    add(
      ['quiz'],
      `lacks the question(s) ${lacking.join(', ')} of the English module ${en.file}; a translation has the same questions`,
    );
  }
  t.quiz.forEach((q, i) => {
    const eq = enQuestions.get(q.id);
    if (!eq) {
      add(['quiz', i, 'id'], `is "${q.id}", but the English module ${en.file} has no question with that id`);
      return;
    }
    if (q.type !== eq.type) {
      add(['quiz', i, 'type'], `is ${q.type}, but question ${q.id} is ${eq.type} in the English module`);
    }
    if (q.topic !== eq.topic) {
      add(
        ['quiz', i, 'topic'],
        `is "${q.topic}", but question ${q.id} has the topic "${eq.topic}" in the English module; a translation keeps the topics`,
      );
    }
    const enOptions = new Map(eq.options.map((o) => [o.id, o]));
    const tOptionIds = new Set(q.options.map((o) => o.id));
    const missing = eq.options.filter((o) => !tOptionIds.has(o.id)).map((o) => o.id);
    if (missing.length > 0) {
      add(
        ['quiz', i, 'options'],
        `lacks the option(s) ${missing.join(', ')} of question ${q.id} in the English module`,
      );
    }
    q.options.forEach((o, j) => {
      const eo = enOptions.get(o.id);
      if (!eo) {
        add(
          ['quiz', i, 'options', j, 'id'],
          `is "${o.id}", but question ${q.id} in the English module has no option with that id`,
        );
      } else if (o.correct !== eo.correct) {
        add(
          ['quiz', i, 'options', j, 'correct'],
          `marks option ${o.id} of question ${q.id} as ${o.correct ? 'correct' : 'not correct'}, but it is ${eo.correct ? 'correct' : 'not correct'} in the English module; a translation keeps the answers`,
        );
      }
    });
  });

  if (t.sections.length !== en.sections.length) {
    out.push({
      file: t.file,
      field: 'body',
      reason: `has ${t.sections.length} sections, but the English module ${en.file} has ${en.sections.length}; a translation keeps every "## " heading, translated, and no others (the body starts on line ${bodyLine})`,
    });
  }
  return out;
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
