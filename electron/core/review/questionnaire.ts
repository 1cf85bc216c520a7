// The data-use review questionnaire (content/review/data-use-review.yaml): its schema, the
// cross-checks a schema alone cannot make (ids, references, order, screening coverage, what each
// format allows), and the loaders: the current file, the national Art. 35(4) lists it selects,
// and the earlier versions kept in review/versions/<version>/ so that reviews submitted on them
// can still be shown and re-checked. The organisation edits these files, so every problem names
// the file, the field path and the line, and a broken file yields no questionnaire rather than a
// half-checked one.
//
// Two formats (see model.ts): a file without `format` is format 1 and is read exactly as before;
// `format: 2` adds the screening block, not-applicable answers, section conditions, DPIA sections,
// severity/likelihood weights from 1 to 4, answer caps, mitigations that lower risk, the risk
// matrix. Each format's fields are refused in the other.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ContentProblem } from '../contract/views/training';
import { fieldPath, issuesToProblems, lineOfPath, parseYaml } from '../yamlProblems';
import type { YamlSource } from '../yamlProblems';
import { isCalendarDay } from '../contract/dates';
import { DIMENSIONS, NOT_APPLICABLE, RISK_LEVELS, SCREENING_CRITERIA, YES_NO_UNSURE } from './common';
import type { ScreeningCriterion } from './common';
import { DPIA_LISTS_DIR, parseDpiaList } from './dpiaLists';
import type { DpiaList } from './dpiaLists';
import { DPIA_ROUTES, EXEMPTION_BASES } from './model';
import { ruleLeaves, ruleSchema } from './rules';
import type { Rule } from './rules';

/** Where the questionnaire lives, relative to the content folder (forward slashes, as problems name it). */
export const QUESTIONNAIRE_FILE = 'review/data-use-review.yaml';
/** Earlier versions: review/versions/<version>/data-use-review.yaml (and dpia-lists/ for format 2). */
export const QUESTIONNAIRE_VERSIONS_DIR = 'review/versions';

// ---- schema ----------------------------------------------------------------------------------

const idSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]*$/, { error: 'must be camelCase: a lower-case letter, then letters and digits' });
const textSchema = z.string().refine((s) => s.trim().length > 0, { error: 'must not be empty' });

// Format 1: likelihood and severity both given, 0-3. Format 2: either or both, 1-4. The ranges
// are checked per format in crossCheck; the shape is one.
const weightSchema = z
  .object({
    dimension: z.enum(DIMENSIONS),
    likelihood: z.int().min(0).max(4).optional(),
    severity: z.int().min(0).max(4).optional(),
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
    /** Format 2: this answer limits a dimension's severity or likelihood (e.g. aggregated data). */
    caps: weightsSchema.optional(),
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
  dpiaRoute: 'single',
  exemptionBasis: 'single',
  exemptionReason: 'text',
  exemptionReference: 'text',
} as const;
export type Binding = keyof typeof BINDINGS;
const bindingNames = Object.keys(BINDINGS) as [Binding, ...Binding[]];
/** Bindings only format 2 knows, and the option ids their single questions must offer. */
const FORMAT2_BINDINGS: Partial<Record<Binding, readonly string[] | null>> = {
  dpiaRoute: DPIA_ROUTES,
  exemptionBasis: EXEMPTION_BASES,
  exemptionReason: null,
  exemptionReference: null,
};

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
      /** Format 2: "Not applicable" is a fourth answer (the situation does not arise); it carries no weight. */
      notApplicable: z.boolean().optional(),
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
    /** Format 2: the whole section is asked only when this holds (and each question's own showIf). */
    showIf: ruleSchema.optional(),
    /** Format 2: `dpia` marks the sections that make up the DPIA itself. */
    part: z.enum(['dpia']).optional(),
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

const reductionSchema = z
  .object({
    question: idSchema,
    dimension: z.enum(DIMENSIONS).optional(),
    likelihood: z.int().min(1).max(4).optional(),
    severity: z.int().min(1).max(4).optional(),
  })
  .strict()
  .refine((r) => r.likelihood !== undefined || r.severity !== undefined, {
    error: 'a reduction needs likelihood, severity or both',
  });
export type Reduction = z.output<typeof reductionSchema>;

const mitigationSchema = z
  .object({
    id: idSchema,
    title: textSchema,
    reason: textSchema,
    reference: textSchema,
    when: ruleSchema,
    /** Format 2: once accepted, the drivers of these questions go no higher than this (residual risk). */
    reduces: z.array(reductionSchema).min(1).optional(),
  })
  .strict();
export type Mitigation = z.output<typeof mitigationSchema>;

const thresholdsSchema = z
  .object({ medium: z.int().min(1).max(9), high: z.int().min(1).max(9) })
  .strict()
  .refine((t) => t.medium < t.high, { error: 'medium must be below high' });
export type LevelThresholds = z.output<typeof thresholdsSchema>;

const outcomeSchema = z
  .object({
    /** Format 1. */
    levels: thresholdsSchema.optional(),
    dimensions: z
      .object(Object.fromEntries(DIMENSIONS.map((d) => [d, thresholdsSchema.optional()])))
      .strict()
      .optional(),
    accumulation: z
      .object({ drivers: z.int().min(2) })
      .strict()
      .optional(),
    /** Format 2: the level for each severity (rows, 1-4) and likelihood (columns, 1-4). */
    matrix: z
      .array(z.array(z.enum(RISK_LEVELS)).length(4))
      .length(4)
      .optional(),
  })
  .strict();
export type Outcome = z.output<typeof outcomeSchema>;

const inferenceSchema = z.object({ when: ruleSchema, because: textSchema }).strict();

const screeningBlockSchema = z
  .object({
    /** Facts that imply a criterion whatever its screening question was answered. */
    inferred: z
      .object(
        Object.fromEntries(SCREENING_CRITERIA.map((c) => [c, z.array(inferenceSchema).min(1).optional()])),
      )
      .strict()
      .optional(),
    /** The three cases of Art. 35(3), in terms of the answers. */
    article35_3: z.object({ a: ruleSchema, b: ruleSchema, c: ruleSchema }).strict(),
    /** Ids of the national Art. 35(4) lists in force (files in review/dpia-lists/). */
    lists: z.array(idSchema),
    /** When present, our own rule: a DPIA whenever it is likely (two or more criteria); the text says so. */
    organisationRule: textSchema.optional(),
  })
  .strict();
export type ScreeningBlock = Omit<z.output<typeof screeningBlockSchema>, 'inferred'> & {
  inferred?: Partial<Record<ScreeningCriterion, { when: Rule; because: string }[]>>;
};

const questionnaireSchema = z
  .object({
    format: z.union([z.literal(1), z.literal(2)]).optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'must be MAJOR.MINOR.PATCH' }),
    title: textSchema,
    intro: z.string().optional(),
    sections: z.array(sectionSchema).min(1),
    screening: screeningBlockSchema.optional(),
    flags: z.array(flagSchema),
    mitigations: z.array(mitigationSchema),
    outcome: outcomeSchema,
  })
  .strict();

export type Questionnaire = Omit<z.output<typeof questionnaireSchema>, 'format' | 'screening'> & {
  format: 1 | 2;
  screening?: ScreeningBlock;
  /** The national lists the file selects, in its order (format 2). */
  dpiaLists: DpiaList[];
  /**
   * SHA-256 recorded with every assessment: of the file (format 1); of the file and each list it
   * selects (format 2), since both decide the assessment.
   */
  contentHash: string;
  /** The files it was read from (the questionnaire first, then its lists), as text: a review record carries them. */
  files: { path: string; text: string }[];
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

/** The values a question accepts as an answer in rules: yes/no/unsure, and notApplicable where allowed. */
export function yesNoValues(question: Question): readonly string[] {
  return question.type === 'yesNoUnsure' && question.notApplicable
    ? [...YES_NO_UNSURE, NOT_APPLICABLE]
    : YES_NO_UNSURE;
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

/** Which standalone forms a rule may use where it is written. */
interface RuleScope {
  index: QuestionnaireIndex;
  format: 1 | 2;
  /** For showIf: only questions before this position may be referred to. */
  before?: number;
  /** Format 1 showIf: dpiaRequired is usable only once every screening question has been asked. */
  screeningDone?: boolean;
  /** Format 2: criterion / criteriaMet allowed here. */
  criteria: boolean;
  /** Format 2: dpiaVerdict / dpiaNeeded allowed here. */
  dpia: boolean;
  /** Format 2: inherentRisk / residualRisk allowed here (flags only). */
  risk: boolean;
  /** Format 2: no question leaves at all is not a thing; this names where a refusal should point. */
  where: string;
  /** Format 2 showIf before the screening is settled: the last question it depends on. */
  screeningAt?: string;
}

const FORMAT2_FORMS = [
  'criterion',
  'criteriaMet',
  'dpiaVerdict',
  'dpiaNeeded',
  'inherentRisk',
  'residualRisk',
] as const;

function checkRule(rule: Rule, base: Path, scope: RuleScope, problems: RawProblem[]): void {
  for (const leaf of ruleLeaves(rule, base)) {
    const where = leaf.path;
    const r = leaf.rule;
    if (r.dpiaRequired !== undefined) {
      if (scope.format === 2) {
        problems.push({
          path: where,
          reason:
            'dpiaRequired is format 1; in format 2 write { dpiaNeeded: true } or { dpiaVerdict: [...] }',
        });
      } else if (scope.screeningDone === false) {
        problems.push({
          path: where,
          reason: 'dpiaRequired may only be used after every screening question has been asked',
        });
      }
      continue;
    }
    const form = FORMAT2_FORMS.find((f) => r[f] !== undefined);
    if (form !== undefined) {
      if (scope.format === 1) {
        problems.push({ path: where, reason: `${form} rules need format: 2` });
        continue;
      }
      const allowed =
        form === 'criterion' || form === 'criteriaMet'
          ? scope.criteria
          : form === 'dpiaVerdict' || form === 'dpiaNeeded'
            ? scope.dpia
            : scope.risk;
      if (!allowed) {
        problems.push({
          path: where,
          reason: scope.screeningAt
            ? `${form} may only be used after every question the screening depends on (the last is ${scope.screeningAt})`
            : `${form} cannot be used in ${scope.where}`,
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
        if (!(yesNoValues(q) as readonly unknown[]).includes(value)) {
          add(
            q.notApplicable
              ? `"${q.id}" is answered yes, no, unsure or notApplicable, not ${describeValue(value)}`
              : `"${q.id}" is answered yes, no or unsure, not ${describeValue(value)}`,
          );
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

/** Every weight list of a question with its path: options, answers, bands. */
function weightListsOf(question: Question, base: Path): { weights: Weight[]; path: Path }[] {
  const out: { weights: Weight[]; path: Path }[] = [];
  if (question.type === 'single' || question.type === 'multi') {
    question.options.forEach((o, i) => {
      if (o.weights) out.push({ weights: o.weights, path: [...base, 'options', i, 'weights'] });
    });
  }
  if (question.type === 'yesNoUnsure' && question.weights) {
    for (const key of YES_NO_UNSURE) {
      const w = question.weights[key];
      if (w) out.push({ weights: w, path: [...base, 'weights', key] });
    }
  }
  if (question.type === 'scale' || question.type === 'number') {
    question.weightBands?.forEach((b, i) =>
      out.push({ weights: b.weights, path: [...base, 'weightBands', i, 'weights'] }),
    );
  }
  return out;
}

function checkWeights(
  list: Weight[],
  base: Path,
  format: 1 | 2,
  problems: RawProblem[],
  what = 'weight',
): void {
  list.forEach((w, i) => {
    for (const key of ['likelihood', 'severity'] as const) {
      const v = w[key];
      const path = [...base, i, key];
      if (format === 1) {
        if (what === 'cap') continue;
        if (v === undefined) problems.push({ path, reason: 'is required but missing' });
        else if (v > 3)
          problems.push({ path, reason: `must be <=3 (format-1 weights run from 0 to 3; found ${v})` });
      } else if (v !== undefined && v < 1) {
        problems.push({
          path,
          reason: `must be from 1 to 4 (format 2: negligible, limited, significant, maximum; found ${v})`,
        });
      }
    }
    if (format === 2 && w.likelihood === undefined && w.severity === undefined) {
      problems.push({ path: [...base, i], reason: `a ${what} needs severity, likelihood or both` });
    }
  });
}

function crossCheck(q: z.output<typeof questionnaireSchema>, lists: readonly DpiaList[]): RawProblem[] {
  const problems: RawProblem[] = [];
  const format: 1 | 2 = q.format ?? 1;
  const index = indexQuestionnaire(q);
  const only2 = (path: Path, what: string): void => {
    problems.push({ path, reason: `${what} needs format: 2 at the top of the file` });
  };

  const sectionIds = new Map<string, number>();
  q.sections.forEach((section, s) => {
    const first = sectionIds.get(section.id);
    if (first !== undefined) {
      problems.push({
        path: ['sections', s, 'id'],
        reason: `duplicate section id "${section.id}" (first at sections[${first}])`,
      });
    } else sectionIds.set(section.id, s);
    if (format === 1 && section.showIf) only2(['sections', s, 'showIf'], 'a section showIf');
    if (format === 1 && section.part) only2(['sections', s, 'part'], 'part');
  });

  // Format 2: the last question the screening depends on; screening and DPIA rules in showIf must come after it.
  let lastDependency = -1;
  if (format === 2 && q.screening) {
    const positions: number[] = index.questions.filter((e) => e.question.screening).map((e) => e.position);
    const note = (rule: Rule): void => {
      for (const leaf of ruleLeaves(rule, [])) {
        const at = leaf.rule.question !== undefined ? index.byId.get(leaf.rule.question) : undefined;
        if (at) positions.push(at.position);
      }
    };
    for (const rules of Object.values(q.screening.inferred ?? {})) for (const r of rules ?? []) note(r.when);
    for (const r of Object.values(q.screening.article35_3)) note(r);
    for (const list of lists) for (const item of list.items) note(item.when);
    lastDependency = Math.max(-1, ...positions);
  }
  const dependencyName = (): string | undefined => {
    const entry = index.questions[lastDependency];
    return entry ? fieldPath(entry.path) : undefined;
  };

  const firstQuestion = new Map<string, string>();
  const criterionAt = new Map<ScreeningCriterion, string>();
  const bindingAt = new Map<Binding, string>();
  const lastScreening = Math.max(
    -1,
    ...index.questions.filter((e) => e.question.screening).map((e) => e.position),
  );
  const checkedSections = new Set<Section>();

  for (const entry of index.questions) {
    const { question, path: base, position, section } = entry;
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
        if (option.caps) {
          if (format === 1) only2([...base, 'options', o, 'caps'], 'caps');
          else checkWeights(option.caps, [...base, 'options', o, 'caps'], format, problems, 'cap');
        }
      });
    }
    for (const { weights, path } of weightListsOf(question, base))
      checkWeights(weights, path, format, problems);
    if (question.type === 'yesNoUnsure' && question.notApplicable !== undefined && format === 1) {
      only2([...base, 'notApplicable'], 'notApplicable');
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
      const fixedOptions = FORMAT2_BINDINGS[question.bind];
      if (fixedOptions !== undefined && format === 1) {
        only2([...base, 'bind'], `bind: ${question.bind}`);
      } else if (question.type !== expected) {
        problems.push({
          path: [...base, 'bind'],
          reason: `bind: ${question.bind} needs a ${expected} question, not ${question.type}`,
        });
      } else if (fixedOptions && question.type === 'single') {
        const unknown = question.options.filter((o) => !fixedOptions.includes(o.id));
        if (unknown.length > 0) {
          problems.push({
            path: [...base, 'options'],
            reason: `bind: ${question.bind} options must be among ${fixedOptions.join(', ')} (found ${unknown.map((o) => o.id).join(', ')})`,
          });
        }
      }
      const at = bindingAt.get(question.bind);
      if (at !== undefined) {
        problems.push({ path: [...base, 'bind'], reason: `bind: ${question.bind} is already used by ${at}` });
      } else bindingAt.set(question.bind, field);
    }
    const showScope = (before: number): RuleScope => {
      const settled = format === 2 && lastDependency >= 0 && before > lastDependency;
      return {
        index,
        format,
        before,
        screeningDone: before > lastScreening,
        criteria: settled,
        dpia: settled,
        risk: false,
        where: 'showIf',
        ...(settled ? {} : { screeningAt: dependencyName() ?? 'the screening' }),
      };
    };
    if (!checkedSections.has(section)) {
      checkedSections.add(section);
      if (section.showIf && format === 2) {
        checkRule(
          section.showIf,
          [base[0] as string, base[1] as number, 'showIf'],
          showScope(position),
          problems,
        );
      }
    }
    if (question.showIf) checkRule(question.showIf, [...base, 'showIf'], showScope(position), problems);
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

  // The screening block, the lists it selects and the outcome, per format.
  if (format === 1) {
    if (q.screening) only2(['screening'], 'the screening block');
    if (q.outcome.matrix) only2(['outcome', 'matrix'], 'outcome.matrix');
    if (!q.outcome.levels) problems.push({ path: ['outcome', 'levels'], reason: 'is required but missing' });
  } else {
    if (!q.screening) {
      problems.push({
        path: ['screening'],
        reason: 'format 2 needs the screening block (article35_3, lists)',
      });
    } else {
      const base = { index, format, criteria: false, dpia: false, risk: false } as const;
      for (const [criterion, rules] of Object.entries(q.screening.inferred ?? {})) {
        (rules ?? []).forEach((r, i) =>
          checkRule(
            r.when,
            ['screening', 'inferred', criterion, i, 'when'],
            { ...base, where: 'an inference' },
            problems,
          ),
        );
      }
      for (const item of ['a', 'b', 'c'] as const) {
        checkRule(
          q.screening.article35_3[item],
          ['screening', 'article35_3', item],
          { ...base, criteria: true, where: 'an Art. 35(3) rule' },
          problems,
        );
      }
      const seenLists = new Set<string>();
      q.screening.lists.forEach((id, i) => {
        if (seenLists.has(id))
          problems.push({ path: ['screening', 'lists', i], reason: `list "${id}" is named twice` });
        seenLists.add(id);
      });
    }
    for (const key of ['levels', 'dimensions', 'accumulation'] as const) {
      if (q.outcome[key] !== undefined) {
        problems.push({
          path: ['outcome', key],
          reason: `is format 1; format 2 sets levels with outcome.matrix`,
        });
      }
    }
    const matrix = q.outcome.matrix;
    if (!matrix) {
      problems.push({ path: ['outcome', 'matrix'], reason: 'is required but missing (format 2)' });
    } else {
      const rank = (l: string): number => (RISK_LEVELS as readonly string[]).indexOf(l);
      matrix.forEach((row, s) =>
        row.forEach((level, l) => {
          const left = l > 0 ? row[l - 1] : undefined;
          const above = s > 0 ? matrix[s - 1]?.[l] : undefined;
          if ((left && rank(level) < rank(left)) || (above && rank(level) < rank(above))) {
            problems.push({
              path: ['outcome', 'matrix', s, l],
              reason: 'a level may not fall as severity or likelihood rises',
            });
          }
        }),
      );
    }
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
    // A mitigation that lowers risk cannot depend on the risk (accepting it would change what proposed it).
    checkRule(
      m.when,
      ['mitigations', i, 'when'],
      {
        index,
        format,
        criteria: true,
        dpia: true,
        risk: m.reduces === undefined,
        where: 'the when of a mitigation that reduces risk',
      },
      problems,
    );
    if (m.reduces) {
      if (format === 1) only2(['mitigations', i, 'reduces'], 'reduces');
      m.reduces.forEach((r, j) => {
        const target = index.byId.get(r.question);
        if (!target) {
          problems.push({
            path: ['mitigations', i, 'reduces', j, 'question'],
            reason: `refers to unknown question "${r.question}"`,
          });
        } else if (weightListsOf(target.question, []).length === 0) {
          problems.push({
            path: ['mitigations', i, 'reduces', j, 'question'],
            reason: `"${r.question}" carries no weights, so there is nothing to reduce`,
          });
        }
      });
    }
  });

  const flagIds = new Map<string, number>();
  const usesRisk = (rule: Rule): boolean =>
    ruleLeaves(rule, []).some((l) => l.rule.inherentRisk !== undefined || l.rule.residualRisk !== undefined);
  q.flags.forEach((f, i) => {
    const first = flagIds.get(f.id);
    if (first !== undefined) {
      problems.push({
        path: ['flags', i, 'id'],
        reason: `duplicate flag id "${f.id}" (first at flags[${first}])`,
      });
    } else flagIds.set(f.id, i);
    const scope: RuleScope = { index, format, criteria: true, dpia: true, risk: true, where: 'a flag' };
    checkRule(f.when, ['flags', i, 'when'], scope, problems);
    if (f.clearedBy?.when) checkRule(f.clearedBy.when, ['flags', i, 'clearedBy', 'when'], scope, problems);
    if (f.clearedBy?.mitigation !== undefined && !mitigationIds.has(f.clearedBy.mitigation)) {
      problems.push({
        path: ['flags', i, 'clearedBy', 'mitigation'],
        reason: `refers to unknown mitigation "${f.clearedBy.mitigation}"`,
      });
    } else if (f.clearedBy?.mitigation !== undefined && usesRisk(f.when)) {
      const m = q.mitigations[mitigationIds.get(f.clearedBy.mitigation) as number];
      if (m?.reduces) {
        problems.push({
          path: ['flags', i, 'clearedBy', 'mitigation'],
          reason: `"${m.id}" lowers risk, so it cannot clear a flag raised by the risk level (accepting it would change what raised the flag)`,
        });
      }
    }
  });

  return problems;
}

/** The problems with one list's rules, checked against the questionnaire that selects it. */
function crossCheckList(list: DpiaList, index: QuestionnaireIndex): RawProblem[] {
  const problems: RawProblem[] = [];
  list.items.forEach((item, i) =>
    checkRule(
      item.when,
      ['items', i, 'when'],
      { index, format: 2, criteria: true, dpia: false, risk: false, where: 'a list item' },
      problems,
    ),
  );
  return problems;
}

// ---- parsing and loading ---------------------------------------------------------------------

/** Reads one of the files next to the questionnaire (a list), or null when it does not exist. */
export type SiblingReader = (relFile: string) => Uint8Array | null;

function toProblems(file: string, raw: RawProblem[], source: YamlSource): QuestionnaireProblem[] {
  return raw.map((p) => ({
    file,
    field: p.path.length > 0 ? fieldPath(p.path) : null,
    reason: `${p.reason}${lineOfPath(source, p.path)}`,
  }));
}

/**
 * Parses and validates the questionnaire from its bytes or text. Pure apart from hashing and the
 * reader, which supplies the lists a format-2 file selects (`dir` is where they are looked for,
 * e.g. review for review/dpia-lists/ico.yaml). A file with any problem, or a selected list with
 * any, yields `questionnaire: null` and the full list of problems.
 */
export function parseQuestionnaire(
  source: string | Uint8Array,
  file = QUESTIONNAIRE_FILE,
  read: SiblingReader = () => null,
  dir = 'review',
): QuestionnaireLoad {
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const parsed = parseYaml(file, Buffer.from(bytes).toString('utf8'));
  if (!parsed.ok) return { questionnaire: null, problems: parsed.problems };
  const result = questionnaireSchema.safeParse(parsed.value);
  if (!result.success) {
    return { questionnaire: null, problems: issuesToProblems(file, result.error.issues, parsed.source) };
  }
  const data = result.data;
  const format: 1 | 2 = data.format ?? 1;

  // The lists the file selects, each read and checked on its own first.
  const lists: DpiaList[] = [];
  const listFiles: { path: string; text: string }[] = [];
  const listProblems: QuestionnaireProblem[] = [];
  const hash = createHash('sha256').update(bytes);
  if (format === 2 && data.screening) {
    for (const [i, id] of data.screening.lists.entries()) {
      const rel = `${dir}/dpia-lists/${id}.yaml`;
      const listBytes = read(rel);
      if (listBytes === null) {
        listProblems.push({
          file,
          field: `screening.lists[${i}]`,
          reason: `selects the list "${id}", but ${rel} does not exist${lineOfPath(parsed.source, ['screening', 'lists', i])}`,
        });
        continue;
      }
      const list = parseDpiaList(Buffer.from(listBytes).toString('utf8'), rel, id);
      if (!list.ok) {
        listProblems.push(...list.problems);
        continue;
      }
      listProblems.push(...toProblems(rel, crossCheckList(list.list, indexQuestionnaire(data)), list.source));
      lists.push(list.list);
      listFiles.push({ path: rel, text: Buffer.from(listBytes).toString('utf8') });
      hash.update(`\n--- ${DPIA_LISTS_DIR}/${id}.yaml\n`).update(listBytes);
    }
  }
  const problems = [...toProblems(file, crossCheck(data, lists), parsed.source), ...listProblems];
  if (problems.length > 0) return { questionnaire: null, problems };
  const { format: _format, screening, ...rest } = data;
  void _format;
  const questionnaire: Questionnaire = {
    ...rest,
    format,
    ...(screening ? { screening: screening as ScreeningBlock } : {}),
    dpiaLists: lists,
    contentHash: hash.digest('hex'),
    files: [{ path: file, text: Buffer.from(bytes).toString('utf8') }, ...listFiles],
  };
  return { questionnaire, problems: [] };
}

function fileReader(contentDir: string): SiblingReader {
  return (rel) => {
    try {
      return readFileSync(join(contentDir, ...rel.split('/')));
    } catch {
      return null;
    }
  };
}

function loadAt(contentDir: string, dir: string): QuestionnaireLoad {
  const file = `${dir}/data-use-review.yaml`;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(contentDir, ...file.split('/')));
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file is missing'
        : `the file cannot be read: ${String(err)}`;
    return { questionnaire: null, problems: [{ file, field: null, reason }] };
  }
  return parseQuestionnaire(bytes, file, fileReader(contentDir), dir);
}

/** Reads <contentDir>/review/data-use-review.yaml (and the lists it selects) and validates it. */
export function loadQuestionnaire(contentDir: string): QuestionnaireLoad {
  return loadAt(contentDir, 'review');
}

export interface QuestionnaireVersionsLoad {
  /** Earlier versions that load, each from review/versions/<version>/. */
  questionnaires: Questionnaire[];
  problems: QuestionnaireProblem[];
}

/**
 * The earlier versions kept in review/versions/<version>/: reviews submitted on them are shown
 * with their own wording and re-checked with their own rules. A folder whose file says another
 * version is a problem (the folder name is how people find it).
 */
export function loadQuestionnaireVersions(contentDir: string): QuestionnaireVersionsLoad {
  let names: string[];
  try {
    names = readdirSync(join(contentDir, ...QUESTIONNAIRE_VERSIONS_DIR.split('/')), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return { questionnaires: [], problems: [] };
  }
  const questionnaires: Questionnaire[] = [];
  const problems: QuestionnaireProblem[] = [];
  for (const name of names) {
    const dir = `${QUESTIONNAIRE_VERSIONS_DIR}/${name}`;
    const loaded = loadAt(contentDir, dir);
    problems.push(...loaded.problems);
    const q = loaded.questionnaire;
    if (!q) continue;
    if (q.version !== name) {
      problems.push({
        file: `${dir}/data-use-review.yaml`,
        field: 'version',
        reason: `is ${q.version}, but the folder is ${name}: keep each version in the folder named after it`,
      });
      continue;
    }
    questionnaires.push(q);
  }
  return { questionnaires, problems };
}
