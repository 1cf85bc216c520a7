// In-memory reviews for the fake bridge: a small questionnaire with every question type and
// real branching (showIf), an evaluation shaped like core's (answer problems, DPIA screening,
// risk per dimension with drivers, flags cleared by accepted mitigations, proposed mitigations),
// drafts, and reviews through the workflow (submit, request changes, revise, decide, comment,
// withdraw). Just enough behaviour for the screens to be driven in jsdom; the rules themselves
// are core's and tested there.
import type { StewardClient } from '../../electron/core/contract/methods';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import type {
  AnswerValue,
  MitigationResponseInput,
  QuestionnaireView,
  ReviewAssessment,
  ReviewChangeView,
  ReviewDetail,
  ReviewDraftSummary,
  ReviewDraftView,
  ReviewLists,
  ReviewPerson,
  ReviewQuestionView,
  ReviewSummary,
  ReviewTimelineItem,
} from '../../electron/core/contract/views/reviews';
import type { ErrorPayload } from '../../electron/core/errors';

type Answers = Record<string, AnswerValue>;
type Args<M extends keyof StewardClient> = Parameters<StewardClient[M]>[0];

function question(
  partial: Partial<ReviewQuestionView> & Pick<ReviewQuestionView, 'id' | 'type' | 'label'>,
): ReviewQuestionView {
  return {
    help: null,
    references: [],
    required: true,
    options: [],
    multiline: false,
    maxLength: null,
    scale: null,
    number: null,
    ...partial,
  };
}

const option = (id: string, label: string, extra: { help?: string; exclusive?: boolean } = {}) => ({
  id,
  label,
  help: extra.help ?? null,
  exclusive: extra.exclusive ?? false,
});

export function makeQuestionnaire(): QuestionnaireView {
  return {
    version: '1.0.0',
    contentHash: 'c'.repeat(64),
    title: 'Review of a new use of customer data',
    intro: 'Answer for the use as it will really run.',
    sections: [
      {
        id: 'proposal',
        title: 'The proposal',
        intro: 'What you want to do, and who is accountable for it.',
        questions: [
          question({
            id: 'proposalTitle',
            type: 'text',
            label: 'Name of the proposed use',
            help: 'A short name the review will be listed under.',
            maxLength: 120,
          }),
          question({
            id: 'proposalSummary',
            type: 'text',
            label: 'What will the data be used for?',
            multiline: true,
          }),
          question({
            id: 'launchDate',
            type: 'date',
            label: 'Planned launch date',
            help: 'The review must be decided **before** this date.',
            references: ['GDPR Art. 35(1)'],
          }),
          question({
            id: 'useKinds',
            type: 'multi',
            label: 'What kind of use is it?',
            options: [
              option('personalisation', 'Personalisation'),
              option('analytics', 'Analytics and reporting'),
              option('modelTraining', 'Training a machine-learning model', {
                help: 'Including testing a model on real data.',
              }),
            ],
          }),
          question({
            id: 'customerCount',
            type: 'number',
            label: 'About how many customers are concerned?',
            required: false,
            number: { min: 0, max: null, integer: true, unit: 'customers' },
          }),
        ],
      },
      {
        id: 'screening',
        title: 'DPIA screening',
        intro: null,
        questions: [
          question({
            id: 'scrEvaluation',
            type: 'yesNoUnsure',
            label: 'Will we evaluate or score people?',
            help: 'Profiling in the sense of GDPR Art. 4(4).',
            references: ['GDPR Art. 4(4)', 'WP248 rev.01 criterion 1'],
          }),
          question({
            id: 'scrSensitive',
            type: 'yesNoUnsure',
            label: 'Does the use involve sensitive data?',
            references: ['GDPR Art. 9'],
          }),
        ],
      },
      {
        id: 'purpose',
        title: 'Purpose and necessity',
        intro: null,
        questions: [
          question({
            id: 'newPurpose',
            type: 'yesNoUnsure',
            label: 'Is this a purpose other than the one the data was collected for?',
          }),
          question({
            id: 'compatLink',
            type: 'single',
            label: 'How closely is the new purpose linked to the original one?',
            options: [
              option('closelyLinked', 'Closely'),
              option('looselyLinked', 'Loosely'),
              option('unrelated', 'Not at all'),
            ],
          }),
          question({
            id: 'compatSafeguards',
            type: 'multi',
            label: 'Which safeguards protect the data in the new use?',
            options: [
              option('encryption', 'Encryption'),
              option('pseudonymisation', 'Pseudonymisation'),
              option('noSafeguards', 'None of these', { exclusive: true }),
            ],
          }),
          question({
            id: 'customerSurprise',
            type: 'scale',
            label: 'How surprised would customers be?',
            scale: { min: 1, max: 5, labels: ['Not at all', 'Slightly', 'Somewhat', 'Very', 'Extremely'] },
          }),
        ],
      },
      {
        id: 'governance',
        title: 'Governance',
        intro: null,
        questions: [
          question({ id: 'dpoConsulted', type: 'yesNoUnsure', label: 'Has the DPO been consulted?' }),
          question({ id: 'dpoAdvice', type: 'text', label: "What was the DPO's advice?", multiline: true }),
        ],
      },
    ],
  };
}

// ---- the evaluation --------------------------------------------------------------------------

const SHOW_IF: Record<string, (a: Answers) => boolean> = {
  compatLink: (a) => a.newPurpose === 'yes' || a.newPurpose === 'unsure',
  compatSafeguards: (a) => a.newPurpose === 'yes' || a.newPurpose === 'unsure',
  dpoAdvice: (a) => a.dpoConsulted === 'yes',
};

function allQuestions(q: QuestionnaireView): ReviewQuestionView[] {
  return q.sections.flatMap((s) => s.questions);
}

function blank(value: AnswerValue | undefined): boolean {
  return (
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function level(score: number): 'low' | 'medium' | 'high' {
  return score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low';
}

const DIMENSIONS = [
  ['privacy', 'Privacy'],
  ['fairness', 'Fairness and ethics'],
  ['security', 'Security'],
  ['legal', 'Legal'],
  ['reputation', 'Reputation'],
] as const;

const MITIGATIONS = {
  establishArt9Condition: {
    title: 'Establish an Art. 9(2) condition for the special-category data, or stop using it.',
    reason: 'Special-category data may only be processed under one of the conditions of Art. 9(2).',
    reference: 'GDPR Art. 9(2)',
    clears: ['specialWithoutCondition'],
  },
  updateNotice: {
    title: 'Update the privacy notice before launch.',
    reason: 'People must be told about a new purpose before the processing starts.',
    reference: 'GDPR Art. 13(3)',
    clears: [],
  },
};

export function evaluate(
  q: QuestionnaireView,
  answers: Answers,
  responses: MitigationResponseInput[],
): { visibleQuestionIds: string[]; assessment: ReviewAssessment } {
  const visible = allQuestions(q).filter((question) => SHOW_IF[question.id]?.(answers) ?? true);
  const effective: Answers = {};
  const answerProblems: ReviewAssessment['answerProblems'] = [];
  for (const question of visible) {
    const value = answers[question.id];
    if (blank(value)) {
      if (question.required)
        answerProblems.push({ questionId: question.id, reason: `"${question.label}" needs an answer` });
      continue;
    }
    if (question.type === 'number' && typeof value === 'number' && value < 0) {
      answerProblems.push({
        questionId: question.id,
        reason: `"${question.label}" ${value} is below the minimum 0`,
      });
      continue;
    }
    effective[question.id] = value!;
  }

  const criteriaMet: ReviewAssessment['screening']['criteriaMet'] = [];
  const unsure: ReviewAssessment['screening']['unsure'] = [];
  const unanswered: ReviewAssessment['screening']['unanswered'] = [];
  for (const [id, criterion] of [
    ['scrEvaluation', 'evaluationOrScoring'],
    ['scrSensitive', 'sensitiveOrHighlyPersonal'],
  ] as const) {
    if (effective[id] === 'yes') criteriaMet.push(criterion);
    else if (effective[id] === 'unsure') unsure.push(criterion);
    else if (effective[id] === undefined) unanswered.push(criterion);
  }
  const recommendation =
    criteriaMet.length >= 2
      ? 'required'
      : criteriaMet.length === 1 || criteriaMet.length + unsure.length >= 2
        ? 'advised'
        : 'notIndicated';
  const explanation = [
    criteriaMet.length > 0
      ? `${criteriaMet.length} of the nine criteria met: ${criteriaMet.join(', ')}.`
      : 'None of the nine criteria is met.',
  ];

  type Driver = ReviewAssessment['risk']['dimensions'][number]['drivers'][number];
  const drivers: Record<string, Driver[]> = {};
  const add = (
    dimension: string,
    questionId: string,
    answerLabel: string,
    likelihood: number,
    severity: number,
  ) => {
    const label = allQuestions(q).find((x) => x.id === questionId)!.label;
    (drivers[dimension] ??= []).push({
      questionId,
      questionLabel: label,
      answer: answerLabel,
      answerLabel,
      likelihood,
      severity,
      score: likelihood * severity,
    });
  };
  if (effective.scrSensitive === 'yes') add('privacy', 'scrSensitive', 'Yes', 2, 3);
  if (effective.scrEvaluation === 'yes') add('fairness', 'scrEvaluation', 'Yes', 2, 2);
  if (effective.newPurpose === 'yes') add('legal', 'newPurpose', 'Yes', 1, 2);
  if (typeof effective.customerSurprise === 'number' && effective.customerSurprise >= 4)
    add('reputation', 'customerSurprise', String(effective.customerSurprise), 3, 2);
  const dimensions = DIMENSIONS.map(([dimension, label]) => {
    const list = drivers[dimension] ?? [];
    const top = list.reduce<Driver | null>(
      (best, d) => (best === null || d.score > best.score ? d : best),
      null,
    );
    const score = top?.score ?? 0;
    return {
      dimension,
      label,
      likelihood: top?.likelihood ?? 0,
      severity: top?.severity ?? 0,
      score,
      level: level(score),
      escalated: false,
      drivers: list,
    };
  });
  const order = ['low', 'medium', 'high'] as const;
  const overallLevel = dimensions.reduce<'low' | 'medium' | 'high'>(
    (best, d) => (order.indexOf(d.level) > order.indexOf(best) ? d.level : best),
    'low',
  );

  const proposed: (keyof typeof MITIGATIONS)[] = [];
  if (effective.scrSensitive === 'yes') proposed.push('establishArt9Condition');
  if (effective.newPurpose === 'yes' || effective.newPurpose === 'unsure') proposed.push('updateNotice');

  const responseProblems: ReviewAssessment['responseProblems'] = [];
  const valid = new Map<string, ReviewAssessment['mitigations'][number]['response']>();
  for (const r of responses) {
    if (!proposed.includes(r.mitigationId as keyof typeof MITIGATIONS)) {
      responseProblems.push({
        mitigationId: r.mitigationId,
        reason: 'this mitigation is not proposed for these answers',
      });
    } else if (
      r.status === 'accepted' &&
      (!r.owner?.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(r.dueDate ?? ''))
    ) {
      responseProblems.push({
        mitigationId: r.mitigationId,
        reason: 'an accepted mitigation needs an owner and a due date',
      });
    } else if (r.status === 'declined' && !r.reason?.trim()) {
      responseProblems.push({ mitigationId: r.mitigationId, reason: 'a declined mitigation needs a reason' });
    } else {
      valid.set(
        r.mitigationId,
        r.status === 'accepted'
          ? { mitigationId: r.mitigationId, status: 'accepted', owner: r.owner!, dueDate: r.dueDate! }
          : { mitigationId: r.mitigationId, status: 'declined', reason: r.reason! },
      );
    }
  }
  const mitigations = proposed.map((id) => ({ id, ...MITIGATIONS[id], response: valid.get(id) ?? null }));
  const accepted = (id: string) => valid.get(id)?.status === 'accepted';

  const flags: ReviewAssessment['flags'] = [];
  if (effective.scrSensitive === 'yes') {
    flags.push({
      id: 'specialWithoutCondition',
      label: 'Special-category data without an Art. 9(2) condition',
      severity: 'blocking',
      blocking: true,
      reason: 'Processing special-category data is prohibited unless an Art. 9(2) condition applies.',
      reference: 'GDPR Art. 9',
      cleared: accepted('establishArt9Condition'),
      clearedBy: { mitigation: 'establishArt9Condition' },
    });
  }
  if (typeof effective.customerSurprise === 'number' && effective.customerSurprise >= 4) {
    flags.push({
      id: 'customersSurprised',
      label: 'Customers would be surprised',
      severity: 'warning',
      blocking: false,
      reason: 'A use people do not expect erodes trust, even when it is lawful.',
      reference: 'Our rule',
      cleared: false,
      clearedBy: null,
    });
  }
  const unansweredMitigations = mitigations.filter((m) => m.response === null).map((m) => m.id);
  const str = (id: string) => (typeof effective[id] === 'string' ? (effective[id] as string) : null);
  return {
    visibleQuestionIds: visible.map((x) => x.id),
    assessment: {
      questionnaire: { version: q.version, contentHash: q.contentHash },
      summary: {
        title: str('proposalTitle'),
        summary: str('proposalSummary'),
        owner: null,
        team: null,
        launchDate: str('launchDate'),
        dpoConsulted: (str('dpoConsulted') as 'yes' | 'no' | 'unsure' | null) ?? null,
        dpoAdvice: str('dpoAdvice'),
      },
      answerProblems,
      screening: {
        criteriaMet,
        unsure,
        unanswered,
        dpiaRequired: recommendation === 'required',
        recommendation,
        explanation,
      },
      risk: { dimensions, overall: { level: overallLevel, score: 0, dimensions: [] } },
      flags,
      mitigations,
      responseProblems,
      openBlockingFlags: flags.filter((f) => f.blocking && !f.cleared).map((f) => f.id),
      unansweredMitigations,
      readyToSubmit:
        answerProblems.length === 0 && responseProblems.length === 0 && unansweredMitigations.length === 0,
    },
  };
}

/** Answers that complete the fake questionnaire; with scrSensitive yes, one mitigation is proposed. */
export function completeAnswers(overrides: Answers = {}): Answers {
  return {
    proposalTitle: 'Churn-risk score',
    proposalSummary: 'Score subscription customers for churn risk to offer them help.',
    launchDate: '2027-03-01',
    useKinds: ['analytics', 'modelTraining'],
    scrEvaluation: 'yes',
    scrSensitive: 'no',
    newPurpose: 'no',
    customerSurprise: 2,
    dpoConsulted: 'no',
    ...overrides,
  };
}

// ---- drafts and reviews ----------------------------------------------------------------------

export interface FakeDraft {
  draftId: string;
  reviewId: string | null;
  basedOnVersion: number | null;
  answers: Answers;
  mitigationResponses: MitigationResponseInput[];
  updatedAt: string;
}

export interface FakeReview {
  detail: ReviewDetail;
  answers: Answers;
  mitigationResponses: MitigationResponseInput[];
}

export interface FakeReviewsState {
  questionnaire: QuestionnaireView;
  drafts: FakeDraft[];
  reviews: FakeReview[];
  /** Profile ids that hold the reviewer role with current training. */
  reviewerIds: string[];
  submitterBlockers: string[];
  now: string;
}

export function defaultReviewsState(): FakeReviewsState {
  return {
    questionnaire: makeQuestionnaire(),
    drafts: [],
    reviews: [],
    reviewerIds: [],
    submitterBlockers: [],
    now: '2026-11-29T09:00:00.000Z',
  };
}

let draftCounter = 0;
export function newDraftId(): string {
  draftCounter += 1;
  return `d${draftCounter.toString(16).padStart(16, '0')}`;
}

export function makeDraft(partial: Partial<FakeDraft> = {}): FakeDraft {
  return {
    draftId: newDraftId(),
    reviewId: null,
    basedOnVersion: null,
    answers: {},
    mitigationResponses: [],
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...partial,
  };
}

export const person = (profile: Pick<ProfileSummary, 'id' | 'name' | 'team'>): ReviewPerson => ({
  id: profile.id,
  name: profile.name,
  team: profile.team,
});

/**
 * A review by `submitter` that `reviewer` approved with conditions on 25 Nov 2026, to be reviewed
 * again a year on; otherwise as makeReview makes it.
 */
export function makeApprovedWithConditions(
  q: QuestionnaireView,
  submitter: ReviewPerson,
  reviewer: ReviewPerson,
  options: Parameters<typeof makeReview>[2] = {},
): FakeReview {
  const review = makeReview(q, submitter, options);
  review.detail.summary = {
    ...review.detail.summary,
    status: 'approvedWithConditions',
    decision: {
      decision: 'approvedWithConditions',
      by: reviewer,
      at: '2026-11-25T10:00:00.000Z',
      reReviewDate: '2027-11-25',
    },
  };
  return review;
}

/** A submitted review (version 1, awaiting a decision) by `submitter`, with these answers. */
export function makeReview(
  q: QuestionnaireView,
  submitter: ReviewPerson,
  options: { reviewId?: string; answers?: Answers; responses?: MitigationResponseInput[]; at?: string } = {},
): FakeReview {
  const answers = options.answers ?? completeAnswers();
  const responses = options.responses ?? [];
  const { assessment } = evaluate(q, answers, responses);
  const at = options.at ?? '2026-11-20T10:00:00.000Z';
  const reviewId =
    options.reviewId ?? `r-${Math.abs(hashCode(String(answers.proposalTitle) + at)).toString(36)}`;
  const summary: ReviewSummary = {
    reviewId,
    title: String(answers.proposalTitle ?? 'Untitled'),
    status: 'submitted',
    version: 1,
    submitter,
    submittedAt: at,
    updatedAt: at,
    overallRisk: assessment.risk.overall.level,
    dpiaRequired: assessment.screening.dpiaRequired,
    openBlockingFlags: assessment.openBlockingFlags.length,
    decision: null,
  };
  return {
    answers,
    mitigationResponses: responses,
    detail: {
      summary,
      answers: formatAnswers(q, answers),
      assessment,
      changes: [],
      changesFromVersion: null,
      timeline: [timelineItem('submitted', submitter, at, 1, '', [])],
      conditions: [],
      allowed: {
        comment: true,
        revise: false,
        withdraw: false,
        decide: false,
        decideBlockers: [],
        meetConditions: false,
      },
    },
  };
}

function hashCode(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

let entryCounter = 0;
function timelineItem(
  kind: ReviewTimelineItem['kind'],
  by: ReviewPerson,
  at: string,
  version: number,
  text: string,
  items: string[],
): ReviewTimelineItem {
  entryCounter += 1;
  return { kind, by, at, version, text, items, entryHash: entryCounter.toString(16).padStart(64, '0') };
}

function formatValue(question: ReviewQuestionView, value: AnswerValue): string {
  if (question.type === 'yesNoUnsure')
    return (
      ({ yes: 'Yes', no: 'No', unsure: 'Unsure' } as Record<string, string>)[String(value)] ?? String(value)
    );
  if (question.type === 'single') return question.options.find((o) => o.id === value)?.label ?? String(value);
  if (question.type === 'multi' && Array.isArray(value))
    return value.map((v) => question.options.find((o) => o.id === v)?.label ?? v).join('; ');
  return String(value);
}

function formatAnswers(q: QuestionnaireView, answers: Answers): ReviewDetail['answers'] {
  const { visibleQuestionIds } = evaluate(q, answers, []);
  return q.sections.flatMap((section) =>
    section.questions
      .filter((question) => visibleQuestionIds.includes(question.id) && !blank(answers[question.id]))
      .map((question) => ({
        questionId: question.id,
        section: section.title,
        label: question.label,
        answer: formatValue(question, answers[question.id]!),
      })),
  );
}

function diff(q: QuestionnaireView, before: Answers, after: Answers): ReviewChangeView[] {
  const changes: ReviewChangeView[] = [];
  for (const question of allQuestions(q)) {
    const a = before[question.id];
    const b = after[question.id];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    changes.push({
      questionId: question.id,
      label: question.label,
      kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
      before: a === undefined ? null : formatValue(question, a),
      after: b === undefined ? null : formatValue(question, b),
    });
  }
  return changes;
}

const refuse = (message: string): ErrorPayload => ({ code: 'NOT_ALLOWED', message });

export function createFakeReviews(state: FakeReviewsState, currentProfile: () => ProfileSummary | null) {
  const me = () => {
    const profile = currentProfile();
    if (!profile) throw { code: 'NO_PROFILE', message: 'No profile.' } as ErrorPayload;
    return profile;
  };

  const draftView = (draft: FakeDraft): ReviewDraftView => {
    const { visibleQuestionIds, assessment } = evaluate(
      state.questionnaire,
      draft.answers,
      draft.mitigationResponses,
    );
    const submitBlockers = [...state.submitterBlockers];
    return { ...draft, visibleQuestionIds, assessment, submitBlockers };
  };

  const findDraft = (draftId: string) => {
    const draft = state.drafts.find((d) => d.draftId === draftId);
    if (!draft) throw { code: 'NOT_FOUND', message: 'There is no such draft.' } as ErrorPayload;
    return draft;
  };

  const findReview = (reviewId: string) => {
    const review = state.reviews.find((r) => r.detail.summary.reviewId === reviewId);
    if (!review) throw { code: 'NOT_FOUND', message: 'There is no such review.' } as ErrorPayload;
    return review;
  };

  /** The detail as the current profile sees it: what it may do now. */
  const view = (review: FakeReview): ReviewDetail => {
    const profile = me();
    const { summary } = review.detail;
    const mine = summary.submitter.id === profile.id;
    const reviewer = state.reviewerIds.includes(profile.id);
    const open = summary.status === 'submitted';
    const decideBlockers: string[] = [];
    if (mine) decideBlockers.push('Nobody decides on their own submission: another reviewer must decide.');
    if (!reviewer) decideBlockers.push('Deciding needs the reviewer role in the policy.');
    if (!open) decideBlockers.push('This review is not waiting for a decision.');
    const withConditions = summary.decision?.decision === 'approvedWithConditions';
    return {
      ...review.detail,
      allowed: {
        comment: true,
        revise: mine && summary.status === 'changesRequested',
        withdraw: mine && (summary.status === 'submitted' || summary.status === 'changesRequested'),
        decide: decideBlockers.length === 0,
        decideBlockers,
        meetConditions:
          withConditions && review.detail.conditions.some((c) => c.met === null) && (mine || reviewer),
      },
    };
  };

  const touch = (review: FakeReview, item: ReviewTimelineItem, summary: Partial<ReviewSummary> = {}) => {
    review.detail = {
      ...review.detail,
      summary: { ...review.detail.summary, updatedAt: item.at, ...summary },
      timeline: [...review.detail.timeline, item],
    };
  };

  return {
    getReviewQuestionnaire: () => state.questionnaire,

    listReviews: (): ReviewLists => {
      const profile = me();
      const all = state.reviews.map((r) => r.detail.summary);
      const canReview = state.reviewerIds.includes(profile.id);
      const drafts: ReviewDraftSummary[] = state.drafts.map((d) => ({
        draftId: d.draftId,
        reviewId: d.reviewId,
        title: typeof d.answers.proposalTitle === 'string' ? d.answers.proposalTitle : null,
        updatedAt: d.updatedAt,
      }));
      return {
        mine: all.filter((s) => s.submitter.id === profile.id),
        queue: canReview ? all.filter((s) => s.submitter.id !== profile.id && s.status === 'submitted') : [],
        all,
        drafts,
        canReview,
        reviewerBlockers: canReview ? [] : ['You do not hold the reviewer role in the policy.'],
        submitterBlockers: [...state.submitterBlockers],
      };
    },

    createReviewDraft: (args: Args<'createReviewDraft'>): ReviewDraftView => {
      const source = args.copyFromReviewId ? findReview(args.copyFromReviewId) : null;
      const draft = makeDraft({
        answers: source ? { ...source.answers } : {},
        updatedAt: state.now,
      });
      state.drafts = [...state.drafts, draft];
      return draftView(draft);
    },

    getReviewDraft: (args: Args<'getReviewDraft'>) => draftView(findDraft(args.draftId)),

    saveReviewDraft: (args: Args<'saveReviewDraft'>) => {
      const draft = findDraft(args.draftId);
      draft.answers = { ...args.answers };
      draft.mitigationResponses = args.mitigationResponses.map((r) => ({ ...r }));
      draft.updatedAt = state.now;
      return draftView(draft);
    },

    deleteReviewDraft: (args: Args<'deleteReviewDraft'>) => {
      const before = state.drafts.length;
      state.drafts = state.drafts.filter((d) => d.draftId !== args.draftId);
      return { deleted: state.drafts.length < before };
    },

    submitReview: (args: Args<'submitReview'>): ReviewDetail => {
      const draft = findDraft(args.draftId);
      const view = draftView(draft);
      if (view.submitBlockers.length > 0) throw refuse(view.submitBlockers[0]!);
      if (!view.assessment.readyToSubmit) throw refuse('The questionnaire is not complete.');
      const profile = me();
      let review: FakeReview;
      if (draft.reviewId) {
        review = findReview(draft.reviewId);
        const version = review.detail.summary.version + 1;
        const changes = diff(state.questionnaire, review.answers, draft.answers);
        review.answers = draft.answers;
        review.mitigationResponses = draft.mitigationResponses;
        review.detail = {
          ...review.detail,
          answers: formatAnswers(state.questionnaire, draft.answers),
          assessment: view.assessment,
          changes,
          changesFromVersion: version - 1,
        };
        touch(review, timelineItem('submitted', person(profile), state.now, version, '', []), {
          status: 'submitted',
          version,
          overallRisk: view.assessment.risk.overall.level,
          openBlockingFlags: view.assessment.openBlockingFlags.length,
        });
      } else {
        review = makeReview(state.questionnaire, person(profile), {
          answers: draft.answers,
          responses: draft.mitigationResponses,
          at: state.now,
        });
        state.reviews = [...state.reviews, review];
      }
      state.drafts = state.drafts.filter((d) => d.draftId !== draft.draftId);
      return view_(review);
    },

    startReviewRevision: (args: Args<'startReviewRevision'>): ReviewDraftView => {
      const review = findReview(args.reviewId);
      if (!view_(review).allowed.revise)
        throw refuse('Only the submitter can revise, after changes were requested.');
      const draft = makeDraft({
        reviewId: args.reviewId,
        basedOnVersion: review.detail.summary.version,
        answers: { ...review.answers },
        mitigationResponses: review.mitigationResponses.map((r) => ({ ...r })),
        updatedAt: state.now,
      });
      state.drafts = [...state.drafts, draft];
      return draftView(draft);
    },

    getReview: (args: Args<'getReview'>) => view_(findReview(args.reviewId)),

    commentOnReview: (args: Args<'commentOnReview'>) => {
      const review = findReview(args.reviewId);
      touch(
        review,
        timelineItem('commented', person(me()), state.now, review.detail.summary.version, args.text, []),
      );
      return view_(review);
    },

    requestReviewChanges: (args: Args<'requestReviewChanges'>) => {
      const review = findReview(args.reviewId);
      const allowed = view_(review).allowed;
      if (!allowed.decide) throw refuse(allowed.decideBlockers[0] ?? 'Not allowed.');
      touch(
        review,
        timelineItem(
          'changesRequested',
          person(me()),
          state.now,
          args.version,
          args.rationale,
          args.requestedChanges,
        ),
        { status: 'changesRequested' },
      );
      return view_(review);
    },

    decideReview: (args: Args<'decideReview'>) => {
      const review = findReview(args.reviewId);
      const allowed = view_(review).allowed;
      if (!allowed.decide) throw refuse(allowed.decideBlockers[0] ?? 'Not allowed.');
      if (args.decision !== 'rejected' && review.detail.assessment.openBlockingFlags.length > 0) {
        throw refuse('This review cannot be approved while a blocking flag is open.');
      }
      const by = person(me());
      const conditions = args.conditions.map((c, index) => ({
        id: `c${index + 1}`,
        ...c,
        met: null,
        overdue: Date.parse(state.now) >= Date.parse(`${c.dueDate}T00:00:00.000Z`) + 86_400_000,
      }));
      review.detail = { ...review.detail, conditions };
      touch(
        review,
        timelineItem(
          'decided',
          by,
          state.now,
          args.version,
          args.rationale,
          conditions.map((c) => `${c.text} (owner ${c.owner}, due ${c.dueDate})`),
        ),
        {
          status: args.decision,
          decision: { decision: args.decision, by, at: state.now, reReviewDate: args.reReviewDate },
        },
      );
      return view_(review);
    },

    /**
     * Core's rules: an approval with conditions, a condition it has, not yet met, marked by the
     * submitter or a reviewer, with a note saying what was done.
     */
    markConditionMet: (args: Args<'markConditionMet'>) => {
      // The contract's schema refuses a blank or over-long note before any rule is checked.
      const note = args.note.trim();
      if (note === '')
        throw { code: 'INVALID_ARGUMENT', message: 'What was done is required' } as ErrorPayload;
      if (note.length > 4000)
        throw {
          code: 'INVALID_ARGUMENT',
          message: 'What was done must be at most 4000 characters',
        } as ErrorPayload;
      const review = findReview(args.reviewId);
      const { summary } = review.detail;
      const profile = me();
      if (summary.decision?.decision !== 'approvedWithConditions')
        throw refuse(
          `"${summary.title}" was not approved with conditions: there is no condition to mark met.`,
        );
      const condition = review.detail.conditions.find((c) => c.id === args.conditionId);
      if (!condition) throw refuse(`"${summary.title}" has no condition "${args.conditionId}".`);
      if (condition.met)
        throw refuse(
          `The condition "${condition.text}" was already marked met on ${condition.met.at.slice(0, 10)}.`,
        );
      if (summary.submitter.id !== profile.id && !state.reviewerIds.includes(profile.id))
        throw refuse(`Only the submitter of "${summary.title}" or a reviewer can mark its conditions met.`);
      const item = timelineItem('conditionMet', person(profile), state.now, summary.version, note, [
        condition.text,
      ]);
      review.detail = {
        ...review.detail,
        conditions: review.detail.conditions.map((c) =>
          c.id === condition.id
            ? {
                ...c,
                overdue: false,
                met: { by: person(profile), at: state.now, note, entryHash: item.entryHash },
              }
            : c,
        ),
      };
      touch(review, item);
      return view_(review);
    },

    withdrawReview: (args: Args<'withdrawReview'>) => {
      const review = findReview(args.reviewId);
      if (!view_(review).allowed.withdraw) throw refuse('Only the submitter can withdraw an open review.');
      touch(
        review,
        timelineItem('withdrawn', person(me()), state.now, review.detail.summary.version, args.reason, []),
        {
          status: 'withdrawn',
        },
      );
      return view_(review);
    },
  };

  function view_(review: FakeReview): ReviewDetail {
    return view(review);
  }
}
