// The data-use review questionnaire (content/review/data-use-review.yaml): its schema, the
// cross-checks a schema alone cannot make (ids, references, order, screening coverage), and the
// loader. The organisation edits the file, so every problem names the file, the field path and
// the line, and a broken file yields no questionnaire rather than a half-checked one.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ContentProblem } from '../contract/views/training';
import { fieldPath, issuesToProblems, lineOfPath, parseYaml } from '../yamlProblems';
import { isCalendarDay } from '../contract/dates';
import { DIMENSIONS, SCREENING_CRITERIA, YES_NO_UNSURE } from './model';
import type { ScreeningCriterion } from './model';
import { ruleLeaves, ruleSchema } from './rules';
import type { Rule } from './rules';

/** Where the questionnaire lives, relative to the content folder (forward slashes, as problems name it). */
export const QUESTIONNAIRE_FILE = 'review/data-use-review.yaml';

// ---- schema ----------------------------------------------------------------------------------

const idSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, { error: 'must be camelCase: a lower-case letter, then letters and digits' });
const textSchema = z.string().refine((s) => s.trim().length > 0, { error: 'must not be empty' });

const weightSchema = z
  .object({
    dimension: z.enum(DIMENSIONS),
    likelihood: z.int().min(0).max(3),
    severity: z.int().min(0).max(3),
  })
  .strict();

const weightsSchema = z
  .array(weightSchema)
  .min(1)
  .superRefine((weights, ctx) => {
    const seen = new Set<string>();
    weights.forEach((w, i) => {
      if (seen.has(w.dimension)) {
        ctx.addIssue({ code: 'custom', path: [i, 'dimension'], message: `${w.dimension} is weighted twice` });
      }
      seen.add(w.dimension);
    });
  });
export type Weight = z.output<typeof weightSchema>;

const optionSchema = z
  .object({
    id: idSchema,
    label: textSchema,
    help: z.string().optional(),
    weights: weightsSchema.optional(),
    /** multi only: choosing this option excludes every other (e.g. "none of these"). */
    exclusive: z.boolean().optional(),
  })
  .strict();
export type QuestionOption = z.output<typeof optionSchema>;

const bandSchema = z
  .object({ gte: z.number().optional(), lte: z.number().optional(), weights: weightsSchema })
  .strict()
  .refine((b) => b.gte !== undefined || b.lte !== undefined, { error: 'a band needs gte, lte or both' });
export type WeightBand = z.output<typeof bandSchema>;

/** What a question's answer means to the engine beyond scoring (the review's title, the DPO's advice...). */
export const BINDINGS = {
  title: 'text',
  summary: 'text',
  owner: 'text',
  team: 'text',
  launchDate: 'date',
  dpoConsulted: 'yesNoUnsure',
  dpoAdvice: 'text',
} as const;
export type Binding = keyof typeof BINDINGS;
const bindingNames = Object.keys(BINDINGS) as [Binding, ...Binding[]];

const common = {
  id: idSchema,
  label: textSchema,
  help: z.string().optional(),
  references: z.array(textSchema).min(1).optional(),
  required: z.boolean().optional(),
  showIf: ruleSchema.optional(),
  bind: z.enum(bindingNames).optional(),
  screening: z.enum(SCREENING_CRITERIA).optional(),
};

export const QUESTION_TYPES = ['text', 'single', 'multi', 'yesNoUnsure', 'scale', 'number', 'date'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const questionSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...common,
      type: z.literal('text'),
      multiline: z.boolean().optional(),
      maxLength: z.int().min(1).max(20000).optional(),
    })
    .strict(),
  z.object({ ...common, type: z.literal('single'), options: z.array(optionSchema).min(2) }).strict(),
  z.object({ ...common, type: z.literal('multi'), options: z.array(optionSchema).min(2) }).strict(),
  z
    .object({
      ...common,
      type: z.literal('yesNoUnsure'),
      weights: z
        .object({
          yes: weightsSchema.optional(),
          no: weightsSchema.optional(),
          unsure: weightsSchema.optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('scale'),
      scale: z.object({ min: z.int(), max: z.int(), labels: z.array(textSchema).optional() }).strict(),
      weightBands: z.array(bandSchema).min(1).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().optional(),
      unit: textSchema.optional(),
      weightBands: z.array(bandSchema).min(1).optional(),
    })
    .strict(),
  z.object({ ...common, type: z.literal('date') }).strict(),
]);
export type Question = z.output<typeof questionSchema>;
export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

const sectionSchema = z
  .object({
    id: idSchema,
    title: textSchema,
    intro: z.string().optional(),
    questions: z.array(questionSchema).min(1),
  })
  .strict();
export type Section = z.output<typeof sectionSchema>;

const flagSchema = z
  .object({
    id: idSchema,
    label: textSchema,
    severity: z.enum(['blocking', 'warning']),
    when: ruleSchema,
    reason: textSchema,
    reference: textSchema,
    clearedBy: z
      .object({ mitigation: idSchema.optional(), when: ruleSchema.optional() })
      .strict()
      .refine((c) => (c.mitigation === undefined) !== (c.when === undefined), {
        error: 'clearedBy needs exactly one of mitigation or when',
      })
      .optional(),
  })
  .strict();
export type Flag = z.output<typeof flagSchema>;

const mitigationSchema = z
  .object({ id: idSchema, title: textSchema, reason: textSchema, reference: textSchema, when: ruleSchema })
  .strict();
export type Mitigation = z.output<typeof mitigationSchema>;

const thresholdsSchema = z
  .object({ medium: z.int().min(1).max(9), high: z.int().min(1).max(9) })
  .strict()
  .refine((t) => t.medium < t.high, { error: 'medium must be below high' });
export type LevelThresholds = z.output<typeof thresholdsSchema>;

const outcomeSchema = z
  .object({
    levels: thresholdsSchema,
    dimensions: z
      .object(Object.fromEntries(DIMENSIONS.map((d) => [d, thresholdsSchema.optional()])))
      .strict()
      .optional(),
    accumulation: z
      .object({ drivers: z.int().min(2) })
      .strict()
      .optional(),
  })
  .strict();
export type Outcome = z.output<typeof outcomeSchema>;

const questionnaireSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'must be MAJOR.MINOR.PATCH' }),
    title: textSchema,
    intro: z.string().optional(),
    sections: z.array(sectionSchema).min(1),
    flags: z.array(flagSchema),
    mitigations: z.array(mitigationSchema),
    outcome: outcomeSchema,
  })
  .strict();

export type Questionnaire = z.output<typeof questionnaireSchema> & {
  /** SHA-256 of the file: recorded with every assessment, like a module's content hash. */
  contentHash: string;
};

/** file is QUESTIONNAIRE_FILE; field a path such as sections[3].questions[2].showIf, or null for the whole file. */
export type QuestionnaireProblem = ContentProblem;

export interface QuestionnaireLoad {
  questionnaire: Questionnaire | null;
  problems: QuestionnaireProblem[];
}

// ---- index (memoised per questionnaire object: the data stays plain and serialisable) ------

export interface IndexedQuestion {
  question: Question;
  section: Section;
  /** Position in file order across all sections. */
  position: number;
  /** Path in the file: ['sections', 3, 'questions', 2]. */
  path: PropertyKey[];
}

export interface QuestionnaireIndex {
  questions: IndexedQuestion[];
  byId: ReadonlyMap<string, IndexedQuestion>;
  screening: ReadonlyMap<ScreeningCriterion, Question>;
  bindings: ReadonlyMap<Binding, Question>;
}

const indexes = new WeakMap<object, QuestionnaireIndex>();

export function indexQuestionnaire(q: Pick<Questionnaire, 'sections'>): QuestionnaireIndex {
  const cached = indexes.get(q);
  if (cached) return cached;
  const questions: IndexedQuestion[] = [];
  const byId = new Map<string, IndexedQuestion>();
  const screening = new Map<ScreeningCriterion, Question>();
  const bindings = new Map<Binding, Question>();
  q.sections.forEach((section, s) =>
    section.questions.forEach((question, i) => {
      const entry = { question, section, position: questions.length, path: ['sections', s, 'questions', i] };
      questions.push(entry);
      if (!byId.has(question.id)) byId.set(question.id, entry);
      if (question.screening && !screening.has(question.screening))
        screening.set(question.screening, question);
      if (question.bind && !bindings.has(question.bind)) bindings.set(question.bind, question);
    }),
  );
  const index = { questions, byId, screening, bindings };
  indexes.set(q, index);
  return index;
}

// ---- cross-checks ----------------------------------------------------------------------------

type Path = PropertyKey[];
interface RawProblem {
  path: Path;
  reason: string;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

interface RuleScope {
  index: QuestionnaireIndex;
  /** For showIf: only questions before this position may be referred to. */
  before?: number;
  /** For showIf: dpiaRequired is usable only once every screening question has been asked. */
  screeningDone?: boolean;
}

function checkRule(rule: Rule, base: Path, scope: RuleScope, problems: RawProblem[]): void {
  for (const leaf of ruleLeaves(rule, base)) {
    const where = leaf.path;
    const r = leaf.rule;
    if (r.dpiaRequired !== undefined) {
      if (scope.screeningDone === false) {
        problems.push({
          path: where,
          reason: 'dpiaRequired may only be used after every screening question has been asked',
        });
      }
      continue;
    }
    if (r.question === undefined) continue;
    const target = scope.index.byId.get(r.question);
    if (!target) {
      problems.push({ path: where, reason: `refers to unknown question "${r.question}"` });
      continue;
    }
    if (scope.before !== undefined && target.position >= scope.before) {
      problems.push({
        path: where,
        reason: `refers to "${r.question}", which does not come before this question (showIf may only refer to earlier questions)`,
      });
      continue;
    }
    checkLeafAgainst(r, target.question, where, problems);
  }
}

function checkLeafAgainst(r: Rule, q: Question, where: Path, problems: RawProblem[]): void {
  const add = (reason: string): void => {
    problems.push({ path: where, reason });
  };
  const comparing = r.gte !== undefined || r.lte !== undefined;
  if (r.includes !== undefined) {
    if (q.type !== 'multi') return add(`includes only works on multi questions; "${q.id}" is ${q.type}`);
    if (!q.options.some((o) => o.id === r.includes)) {
      return add(
        `"${q.id}" has no option "${r.includes}" (options: ${q.options.map((o) => o.id).join(', ')})`,
      );
    }
    return;
  }
  if (comparing) {
    if (q.type !== 'scale' && q.type !== 'number') {
      return add(`gte/lte only work on scale and number questions; "${q.id}" is ${q.type}`);
    }
    if (r.gte !== undefined && r.lte !== undefined && r.gte > r.lte) add('gte is greater than lte');
    return;
  }
  const values = r.in ?? (r.equals !== undefined ? [r.equals] : []);
  for (const value of values) {
    switch (q.type) {
      case 'multi':
        return add(`use includes for multi questions such as "${q.id}"`);
      case 'single':
        if (!q.options.some((o) => o.id === value)) {
          add(
            `"${q.id}" has no option ${describeValue(value)} (options: ${q.options.map((o) => o.id).join(', ')})`,
          );
        }
        break;
      case 'yesNoUnsure':
        if (!(YES_NO_UNSURE as readonly unknown[]).includes(value)) {
          add(`"${q.id}" is answered yes, no or unsure, not ${describeValue(value)}`);
        }
        break;
      case 'scale':
      case 'number':
        if (typeof value !== 'number')
          add(`"${q.id}" is answered with a number, not ${describeValue(value)}`);
        break;
      case 'date':
        if (typeof value !== 'string' || !isCalendarDay(value))
          add(`${describeValue(value)} is not a YYYY-MM-DD date`);
        break;
      case 'text':
        if (typeof value !== 'string') add(`"${q.id}" is answered with text, not ${describeValue(value)}`);
        break;
    }
  }
}

function checkBands(
  bands: { gte?: number; lte?: number }[] | undefined,
  base: Path,
  lo: number | undefined,
  hi: number | undefined,
  problems: RawProblem[],
): void {
  bands?.forEach((band, b) => {
    const path = [...base, 'weightBands', b];
    if (band.gte !== undefined && band.lte !== undefined && band.gte > band.lte) {
      problems.push({ path, reason: 'gte is greater than lte' });
    }
    for (const bound of [band.gte, band.lte]) {
      if (bound !== undefined && ((lo !== undefined && bound < lo) || (hi !== undefined && bound > hi))) {
        problems.push({ path, reason: `bound ${bound} lies outside the question's range` });
      }
    }
  });
}

function crossCheck(q: z.output<typeof questionnaireSchema>): RawProblem[] {
  const problems: RawProblem[] = [];
  const index = indexQuestionnaire(q);

  const sectionIds = new Map<string, number>();
  q.sections.forEach((section, s) => {
    const first = sectionIds.get(section.id);
    if (first !== undefined) {
      problems.push({
        path: ['sections', s, 'id'],
        reason: `duplicate section id "${section.id}" (first at sections[${first}])`,
      });
    } else sectionIds.set(section.id, s);
  });

  const firstQuestion = new Map<string, string>();
  const criterionAt = new Map<ScreeningCriterion, string>();
  const bindingAt = new Map<Binding, string>();
  const lastScreening = Math.max(
    -1,
    ...index.questions.filter((e) => e.question.screening).map((e) => e.position),
  );

  for (const entry of index.questions) {
    const { question, path: base, position } = entry;
    const field = fieldPath(base);
    const first = firstQuestion.get(question.id);
    if (first !== undefined) {
      problems.push({
        path: [...base, 'id'],
        reason: `duplicate question id "${question.id}" (first at ${first})`,
      });
    } else firstQuestion.set(question.id, field);

    if (question.type === 'single' || question.type === 'multi') {
      const optionIds = new Set<string>();
      question.options.forEach((option, o) => {
        if (optionIds.has(option.id)) {
          problems.push({
            path: [...base, 'options', o, 'id'],
            reason: `duplicate option id "${option.id}"`,
          });
        }
        optionIds.add(option.id);
        if (option.exclusive && question.type === 'single') {
          problems.push({
            path: [...base, 'options', o, 'exclusive'],
            reason: 'exclusive only applies to multi questions',
          });
        }
      });
    }
    if (question.type === 'scale') {
      const { min, max, labels } = question.scale;
      if (min >= max) problems.push({ path: [...base, 'scale'], reason: 'min must be below max' });
      else if (labels && labels.length !== max - min + 1) {
        problems.push({
          path: [...base, 'scale', 'labels'],
          reason: `needs one label per point: ${max - min + 1} for ${min}..${max}, found ${labels.length}`,
        });
      }
      checkBands(question.weightBands, base, min, max, problems);
    }
    if (question.type === 'number') {
      if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
        problems.push({ path: [...base, 'min'], reason: 'min is greater than max' });
      }
      checkBands(question.weightBands, base, question.min, question.max, problems);
    }

    if (question.screening) {
      if (question.type !== 'yesNoUnsure') {
        problems.push({
          path: [...base, 'screening'],
          reason: 'a screening question must be of type yesNoUnsure',
        });
      }
      const at = criterionAt.get(question.screening);
      if (at !== undefined) {
        problems.push({
          path: [...base, 'screening'],
          reason: `criterion ${question.screening} is already covered by ${at}; each criterion is asked exactly once`,
        });
      } else criterionAt.set(question.screening, field);
    }
    if (question.bind) {
      const expected = BINDINGS[question.bind];
      if (question.type !== expected) {
        problems.push({
          path: [...base, 'bind'],
          reason: `bind: ${question.bind} needs a ${expected} question, not ${question.type}`,
        });
      }
      const at = bindingAt.get(question.bind);
      if (at !== undefined) {
        problems.push({ path: [...base, 'bind'], reason: `bind: ${question.bind} is already used by ${at}` });
      } else bindingAt.set(question.bind, field);
    }
    if (question.showIf) {
      checkRule(
        question.showIf,
        [...base, 'showIf'],
        { index, before: position, screeningDone: position > lastScreening },
        problems,
      );
    }
  }

  const missing = SCREENING_CRITERIA.filter((c) => !criterionAt.has(c));
  if (missing.length > 0) {
    problems.push({
      path: ['sections'],
      reason: `the screening must ask each of the nine WP248 criteria once; no question is tagged screening: ${missing.join(', ')}`,
    });
  }
  if (!bindingAt.has('title')) {
    problems.push({
      path: ['sections'],
      reason: 'one text question must have bind: title (the review is listed by it)',
    });
  }

  const mitigationIds = new Map<string, number>();
  q.mitigations.forEach((m, i) => {
    const first = mitigationIds.get(m.id);
    if (first !== undefined) {
      problems.push({
        path: ['mitigations', i, 'id'],
        reason: `duplicate mitigation id "${m.id}" (first at mitigations[${first}])`,
      });
    } else mitigationIds.set(m.id, i);
    checkRule(m.when, ['mitigations', i, 'when'], { index }, problems);
  });

  const flagIds = new Map<string, number>();
  q.flags.forEach((f, i) => {
    const first = flagIds.get(f.id);
    if (first !== undefined) {
      problems.push({
        path: ['flags', i, 'id'],
        reason: `duplicate flag id "${f.id}" (first at flags[${first}])`,
      });
    } else flagIds.set(f.id, i);
    checkRule(f.when, ['flags', i, 'when'], { index }, problems);
    if (f.clearedBy?.when)
      checkRule(f.clearedBy.when, ['flags', i, 'clearedBy', 'when'], { index }, problems);
    if (f.clearedBy?.mitigation !== undefined && !mitigationIds.has(f.clearedBy.mitigation)) {
      problems.push({
        path: ['flags', i, 'clearedBy', 'mitigation'],
        reason: `refers to unknown mitigation "${f.clearedBy.mitigation}"`,
      });
    }
  });

  return problems;
}

// ---- parsing and loading ---------------------------------------------------------------------

/**
 * Parses and validates the questionnaire from its bytes or text. Pure apart from hashing. A file
 * with any problem yields `questionnaire: null` and the full list of problems.
 */
export function parseQuestionnaire(
  source: string | Uint8Array,
  file = QUESTIONNAIRE_FILE,
): QuestionnaireLoad {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const parsed = parseYaml(file, Buffer.from(bytes).toString('utf8'));
  if (!parsed.ok) return { questionnaire: null, problems: parsed.problems };
  const result = questionnaireSchema.safeParse(parsed.value);
  if (!result.success) {
    return { questionnaire: null, problems: issuesToProblems(file, result.error.issues, parsed.source) };
  }
  const problems = crossCheck(result.data).map((p) => ({
    file,
    field: p.path.length > 0 ? fieldPath(p.path) : null,
    reason: `${p.reason}${lineOfPath(parsed.source, p.path)}`,
  }));
  if (problems.length > 0) return { questionnaire: null, problems };
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return { questionnaire: { ...result.data, contentHash }, problems: [] };
}

/** Reads <contentDir>/review/data-use-review.yaml and validates it. */
export function loadQuestionnaire(contentDir: string): QuestionnaireLoad {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(contentDir, ...QUESTIONNAIRE_FILE.split('/')));
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file is missing'
        : `the file cannot be read: ${String(err)}`;
    return { questionnaire: null, problems: [{ file: QUESTIONNAIRE_FILE, field: null, reason }] };
  }
  return parseQuestionnaire(bytes);
}
