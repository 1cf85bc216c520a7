// What the review screens show, made from a review's projected state: the questionnaire for the
// page, a summary for the lists, and a review's detail (answers, changes, timeline, conditions)
// with what the viewer may do, asked of the workflow itself (allowedActions). Pure: no files.
import type {
  ReviewConflictSide,
  QuestionnaireView,
  ReviewChangeView,
  ReviewDetail,
  ReviewPerson,
  ReviewSummary,
  ReviewTimelineItem,
} from '../contract/views/reviews';
import { formatAnswer, visibleQuestions } from './answers';
import { diffAnswers } from './diff';
import { dpiaNeededOf, overallRiskOf } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Questionnaire } from './questionnaire';
import type { QuestionnaireSet } from './questionnaireSet';
import { allowedActions, conditionOverdue, dpiaStanding, reviewDisplayStatus } from './workflow';
import type { ReviewState, TransitionContext } from './workflow';

/** A person as a review names them; someone with no profile here is named as unknown. */
export function personOf(people: ReadonlyMap<string, ReviewPerson>, id: string): ReviewPerson {
  const p = people.get(id);
  return p ? { id, name: p.name, team: p.team } : { id, name: 'Unknown person', team: '' };
}

/** A review as the lists show it. */
export function reviewSummary(
  people: ReadonlyMap<string, ReviewPerson>,
  state: ReviewState,
  now: Date,
): ReviewSummary {
  const latest = state.versions[state.versions.length - 1]!;
  return {
    reviewId: state.reviewId,
    title: state.title,
    status: reviewDisplayStatus(state, now),
    version: state.version,
    submitter: personOf(people, state.submitter),
    submittedAt: state.submittedAt,
    updatedAt: state.updatedAt,
    overallRisk: overallRiskOf(latest.assessment),
    dpiaRequired: dpiaNeededOf(latest.assessment),
    openBlockingFlags: latest.assessment.openBlockingFlags.length,
    decision: state.decision
      ? {
          decision: state.decision.decision,
          by: personOf(people, state.decision.actor),
          at: state.decision.ts,
          reReviewDate: state.decision.reReviewDate,
        }
      : null,
    inConflict: state.conflict !== null,
  };
}

/** A review as its own screen shows it to a viewer, with what the viewer may do. */
export function reviewDetail(input: {
  people: ReadonlyMap<string, ReviewPerson>;
  state: ReviewState;
  /** The current questionnaire: the wording used when a version's own is not kept. */
  questionnaire: Questionnaire;
  /** Every questionnaire kept (current and earlier), to show each version with its own wording. */
  questionnaires?: Pick<QuestionnaireSet, 'byHash'>;
  now: Date;
  /** The viewer, for the workflow's permission checks. */
  ctx: TransitionContext;
}): ReviewDetail {
  const { people, state, now, ctx } = input;
  const latest = state.versions[state.versions.length - 1]!;
  const recorded = latest.assessment.questionnaire;
  const own = input.questionnaires?.byHash(recorded.contentHash);
  const q = own ?? input.questionnaire;
  const index = indexQuestionnaire(q);
  const answers = visibleQuestions(q, latest.answers).flatMap((question) => {
    const value = latest.answers[question.id];
    if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') return [];
    return [
      {
        questionId: question.id,
        section: index.byId.get(question.id)?.section.title ?? '',
        label: question.label,
        answer: formatAnswer(question, value),
      },
    ];
  });
  const previous = state.versions.length > 1 ? state.versions[state.versions.length - 2]! : null;
  const changes: ReviewChangeView[] = previous
    ? diffAnswers(q, previous.answers, latest.answers).map((c) => ({
        questionId: c.questionId,
        label: c.label,
        kind: c.change,
        before: c.beforeText,
        after: c.afterText,
      }))
    : [];
  const timeline: ReviewTimelineItem[] = [
    ...state.versions.map((v) => ({
      kind: 'submitted' as const,
      by: personOf(people, v.actor),
      at: v.ts,
      version: v.version,
      text: v.title,
      items: [],
      conditions: [],
      entryHash: v.hash,
    })),
    ...state.comments.map((c) => ({
      kind: 'commented' as const,
      by: personOf(people, c.actor),
      at: c.ts,
      version: c.version,
      text: c.text,
      items: [],
      conditions: [],
      entryHash: c.hash,
    })),
    ...state.changeRequests.map((c) => ({
      kind: 'changesRequested' as const,
      by: personOf(people, c.actor),
      at: c.ts,
      version: c.version,
      text: c.rationale,
      items: c.requestedChanges,
      conditions: [],
      entryHash: c.hash,
    })),
    ...(state.decision
      ? [
          {
            kind: 'decided' as const,
            by: personOf(people, state.decision.actor),
            at: state.decision.ts,
            version: state.decision.version,
            text: state.decision.rationale,
            items: [],
            conditions: state.decision.conditions.map(({ text, owner, dueDate }) => ({
              text,
              owner,
              dueDate,
            })),
            entryHash: state.decision.hash,
          },
        ]
      : []),
    ...state.conditionsMet.map((m) => ({
      kind: 'conditionMet' as const,
      by: personOf(people, m.actor),
      at: m.ts,
      version: state.decision?.version ?? state.version,
      text: m.note,
      items: [],
      conditions: (state.decision?.conditions ?? [])
        .filter((c) => c.id === m.conditionId)
        .map(({ text, owner, dueDate }) => ({ text, owner, dueDate })),
      entryHash: m.hash,
    })),
    ...state.exemptions.map((e) => ({
      kind: 'dpiaExempted' as const,
      by: personOf(people, e.actor),
      at: e.ts,
      version: e.version,
      text: e.reason,
      items: [e.reference],
      conditions: [],
      entryHash: e.hash,
    })),
    ...(state.withdrawal
      ? [
          {
            kind: 'withdrawn' as const,
            by: personOf(people, state.withdrawal.actor),
            at: state.withdrawal.ts,
            version: state.withdrawal.version,
            text: state.withdrawal.reason,
            items: [],
            conditions: [],
            entryHash: state.withdrawal.hash,
          },
        ]
      : []),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  // What this person may do: the workflow's own permission checks, dry-run.
  const may = allowedActions(state, ctx);
  const decide = may.decide;
  return {
    summary: reviewSummary(people, state, now),
    answers,
    assessment: latest.assessment,
    answeredOn: {
      version: recorded.version,
      kept: own !== undefined,
      current: recorded.contentHash === input.questionnaire.contentHash,
    },
    dpia: {
      standing: dpiaStanding(state, latest),
      exemptions: state.exemptions.map((e) => ({
        version: e.version,
        basis: e.basis,
        reason: e.reason,
        reference: e.reference,
        dpoView: e.dpoView,
        by: personOf(people, e.actor),
        at: e.ts,
        entryHash: e.hash,
      })),
    },
    changes,
    changesFromVersion: previous ? previous.version : null,
    timeline,
    conflict: state.conflict
      ? {
          sides: state.conflict.events.map((e) => ({
            kind: e.type.slice('review.'.length) as ReviewConflictSide['kind'],
            decision: e.decision,
            by: personOf(people, e.actor),
            at: e.ts,
            entryHash: e.hash,
          })),
        }
      : null,
    conditions: (state.decision?.conditions ?? []).map((c) => {
      const met = state.conditionsMet.find((m) => m.conditionId === c.id);
      return {
        ...c,
        met: met
          ? { by: personOf(people, met.actor), at: met.ts, note: met.note, entryHash: met.hash }
          : null,
        overdue: conditionOverdue(c.dueDate, met !== undefined, now),
      };
    }),
    allowed: {
      comment: may.comment.ok,
      revise: may.submitVersion.ok,
      withdraw: may.withdraw.ok,
      decide: decide.ok,
      decideBlockers: decide.ok ? [] : decide.reasons,
      meetConditions: may.meetCondition.ok,
      recordExemption: may.recordExemption.ok && dpiaStanding(state, latest) === 'open',
    },
  };
}

/** The questionnaire as the page shows it: weights and branching rules stay in core. */
export function questionnaireView(q: Questionnaire): QuestionnaireView {
  return {
    format: q.format,
    version: q.version,
    contentHash: q.contentHash,
    title: q.title,
    intro: q.intro ?? null,
    sections: q.sections.map((s) => ({
      id: s.id,
      title: s.title,
      intro: s.intro ?? null,
      dpia: s.part === 'dpia',
      questions: s.questions.map((x) => ({
        id: x.id,
        type: x.type,
        label: x.label,
        help: x.help ?? null,
        references: x.references ?? [],
        required: x.required ?? false,
        options:
          x.type === 'single' || x.type === 'multi'
            ? x.options.map((o) => ({
                id: o.id,
                label: o.label,
                help: o.help ?? null,
                exclusive: o.exclusive ?? false,
              }))
            : [],
        multiline: x.type === 'text' ? (x.multiline ?? false) : false,
        maxLength: x.type === 'text' ? (x.maxLength ?? null) : null,
        scale:
          x.type === 'scale' ? { min: x.scale.min, max: x.scale.max, labels: x.scale.labels ?? [] } : null,
        number:
          x.type === 'number'
            ? {
                min: x.min ?? null,
                max: x.max ?? null,
                integer: x.integer ?? false,
                unit: x.unit ?? null,
              }
            : null,
        notApplicable: x.type === 'yesNoUnsure' ? (x.notApplicable ?? false) : false,
      })),
    })),
  };
}
