// The review workflow as service methods: drafts (autosaved, not records), submission, the
// reviewer's queue, comments, change requests and decisions. Every rule is checked here through
// the workflow state machine before anything is appended, and every review's state is projected
// from the ledgers of everyone in the workspace (nothing is stored as a mutable flag).
import { witnessBounds } from '../witness/compare';
import crypto from 'node:crypto';
import type { Services } from '../contract/methods';
import type { ProfileSummary } from '../contract/views/app';
import type {
  MitigationResponseInput,
  QuestionnaireView,
  ReviewDetail,
  ReviewDraftView,
  ReviewLists,
  ReviewSummary,
} from '../contract/views/reviews';
import { StewardError } from '../errors';
import { readWorkspace } from '../ledger';
import type { Ledger, LedgerEntry, LedgerRead, Workspace } from '../ledger';
import type { Authority } from '../org/authority';
import type { WorkspaceOrg } from '../org/workspaceOrg';
import type { Policy } from '../policy/policy';
import type { ReviewDraftStore, StoredReviewDraft } from '../settings/settingsStore';
import { loadContent } from '../training/content';
import { assessReview } from './assess';
import { effectiveAnswers, visibleQuestions } from './answers';
import type { Answers, MitigationResponse } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Questionnaire } from './questionnaire';
import { questionnaireSetLoader } from './questionnaireSet';
import { projectWorkspaceReviews, transitionContext } from './reviewProjection';
import type { WorkspacePerson } from './reviewProjection';
import { reason, formatReason, type Reason } from '../contract/reasons';
import {
  checkTransition,
  permit,
  reviewQueue,
  reviewerRefusalsOf,
  submitterTrainingRefusal,
} from './workflow';
import type { ReviewAction, ReviewState, TransitionContext } from './workflow';
import { questionnaireView, reviewDetail, reviewSummary } from './reviewViews';

export const REVIEW_METHODS = [
  'getReviewQuestionnaire',
  'listReviews',
  'createReviewDraft',
  'getReviewDraft',
  'saveReviewDraft',
  'deleteReviewDraft',
  'submitReview',
  'startReviewRevision',
  'getReview',
  'commentOnReview',
  'requestReviewChanges',
  'decideReview',
  'withdrawReview',
  'markConditionMet',
  'recordDpiaExemption',
] as const;
export type ReviewServices = Pick<Services, (typeof REVIEW_METHODS)[number]>;

export interface ReviewDeps {
  contentDir: string;
  now: () => Date;
  workspace: () => Workspace;
  currentProfile: () => ProfileSummary | null;
  ledger: () => Ledger;
  drafts: ReviewDraftStore;
  /**
   * The workspace's ledgers at quick depth, from a reader shared with the other services that
   * re-reads only what changed (services.ts); without it, every call reads the whole workspace.
   */
  readWorkspace?: () => Promise<{ ledgers: LedgerRead[] }>;
  /** Which organisation (and so who holds which role) the app works in here (services.ts). */
  orgOf: (ledgers: readonly LedgerRead[], policy: Policy) => WorkspaceOrg;
}

type Person = WorkspacePerson;

/** Everything a review view needs, read once per call from the whole workspace. */
interface WorkspaceView {
  people: Map<string, Person>;
  entriesByActor: Map<string, LedgerEntry[]>;
  reviews: ReviewState[];
  /** Who holds which role, and who is the same person (the roster, or the policy file). */
  authority: Authority;
}

/**
 * What an event acts on, as this app sees the review now (see `causal` in events.ts): the latest
 * event applied, the submission of the version acted on, and — for a reviewer's decision or change
 * request on a review in conflict — the conflicting events it settles.
 */
export function causalOf(
  state: ReviewState | null,
  action: ReviewAction,
): { after: string | null; submission?: string; overrides?: string[] } {
  if (!state) return { after: null };
  const acted = action.type === 'review.submitted' ? action.data.version - 1 : action.data.version;
  const submission = state.versions.find((v) => v.version === acted)?.hash;
  const settles =
    state.conflict !== null &&
    (action.type === 'review.decided' || action.type === 'review.changesRequested');
  return {
    after: state.head,
    ...(submission ? { submission } : {}),
    ...(settles ? { overrides: state.conflict!.events.map((e) => e.hash) } : {}),
  };
}

/** Drafts saved before drafts noted their questionnaire version were all started on 1.0.0, the only one then. */
const LEGACY_DRAFT_VERSION = '1.0.0';

/** A refusal as the error a call returns: its reasons as data, and in English for logs and the CLI. */
function notAllowed(...reasons: Reason[]): StewardError {
  return new StewardError('NOT_ALLOWED', reasons.map(formatReason).join(' '), { reasons });
}

/** Turns the page's loosely-typed responses into the engine's shapes; blanks are reported by the assessment. */
function toResponses(input: readonly MitigationResponseInput[]): MitigationResponse[] {
  return input.map((r) =>
    r.status === 'accepted'
      ? { mitigationId: r.mitigationId, status: 'accepted', owner: r.owner ?? '', dueDate: r.dueDate ?? '' }
      : { mitigationId: r.mitigationId, status: 'declined', reason: r.reason ?? '' },
  );
}

export function createReviewServices(deps: ReviewDeps): ReviewServices {
  const questionnaires = questionnaireSetLoader(deps.contentDir);

  function questionnaire(): Questionnaire {
    const set = questionnaires();
    if (!set.current) {
      const first = set.problems[0];
      throw new StewardError(
        'CONTENT_UNAVAILABLE',
        `The review questionnaire cannot be used: ${first ? `${first.file}${first.field ? ` (${first.field})` : ''}: ${first.reason}` : 'it is missing'}. Run "steward content check" for every problem.`,
      );
    }
    return set.current;
  }

  /** The draft's answer to the question bound to the review title, if any. */
  function draftTitle(answers: StoredReviewDraft['answers']): string | null {
    let id: string | undefined;
    try {
      id = indexQuestionnaire(questionnaire()).bindings.get('title')?.id;
    } catch {
      return null;
    }
    const value = id ? answers[id] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  }

  function me(): ProfileSummary {
    const profile = deps.currentProfile();
    if (!profile) {
      throw new StewardError(
        'NO_PROFILE',
        'Create or choose a profile first: reviews are signed with your key.',
      );
    }
    return profile;
  }

  function policyAndModules(): { policy: Policy; modules: ReturnType<typeof loadContent>['modules'] } {
    const content = loadContent(deps.contentDir);
    return { policy: content.policy, modules: content.modules };
  }

  function contextFor(view: Omit<WorkspaceView, 'reviews'>, actorId: string, at: Date): TransitionContext {
    return transitionContext(policyAndModules(), view, view.authority, actorId, at);
  }

  async function readView(): Promise<WorkspaceView> {
    const { ledgers } = deps.readWorkspace
      ? await deps.readWorkspace()
      : await readWorkspace(deps.workspace(), { depth: 'quick' });
    const q = (() => {
      try {
        return questionnaire();
      } catch {
        return undefined;
      }
    })();
    const content = policyAndModules();
    const { authority } = deps.orgOf(ledgers, content.policy);
    const { people, entriesByActor, reviews } = projectWorkspaceReviews(
      ledgers,
      content,
      q,
      authority,
      witnessBounds(ledgers),
      questionnaires().earlier,
    );
    return { people, entriesByActor, reviews, authority };
  }

  const summaryOf = (view: WorkspaceView, state: ReviewState): ReviewSummary =>
    reviewSummary(view.people, state, deps.now());

  /** Whether this person may act as a reviewer now (role and training), and if not, why. */
  function reviewerBlockers(view: WorkspaceView, profile: ProfileSummary): Reason[] {
    const ctx = contextFor(view, profile.id, deps.now());
    return permit('decide', null, ctx).ok ? [] : reviewerRefusalsOf(ctx);
  }

  function submitterBlockers(view: WorkspaceView, profile: ProfileSummary): Reason[] {
    const ctx = contextFor(view, profile.id, deps.now());
    const refusals = [ctx.enrolmentRefusal, submitterTrainingRefusal(ctx)];
    return refusals.filter((r): r is Reason => r !== null);
  }

  /** Reviewers and managers see every review; anyone else only their own person's. */
  function seesEveryone(view: WorkspaceView, profile: ProfileSummary): boolean {
    const roles = view.authority.rolesAt(profile.id, deps.now());
    return roles.has('reviewer') || roles.has('manager');
  }

  /** The submitter (any key of theirs), reviewers and managers see a review. */
  function canSee(view: WorkspaceView, profile: ProfileSummary, state: ReviewState): boolean {
    if (view.authority.personKey(state.submitter) === view.authority.personKey(profile.id)) return true;
    return seesEveryone(view, profile);
  }

  function findReview(view: WorkspaceView, profile: ProfileSummary, reviewId: string): ReviewState {
    const state = view.reviews.find((r) => r.reviewId === reviewId);
    if (!state || !canSee(view, profile, state)) {
      throw new StewardError('NOT_FOUND', `There is no review ${reviewId} that you can see.`);
    }
    return state;
  }

  function draftView(
    draftId: string,
    draft: StoredReviewDraft,
    view: WorkspaceView,
    profile: ProfileSummary,
  ): ReviewDraftView {
    const q = questionnaire();
    const answers = draft.answers as Answers;
    const responses = draft.mitigationResponses as unknown as MitigationResponseInput[];
    const assessment = assessReview(q, answers, toResponses(responses));
    // Who may submit now (the workflow's own permission check), then what the draft still lacks.
    const state = draft.reviewId ? (view.reviews.find((r) => r.reviewId === draft.reviewId) ?? null) : null;
    const ctx = contextFor(view, profile.id, deps.now());
    const permission = permit('submitVersion', state, ctx);
    const training = submitterTrainingRefusal(ctx);
    const blockers: Reason[] = [
      ...(permission.ok ? [] : permission.reasons),
      ...(training ? [training] : []),
    ];
    if (assessment.answerProblems.length > 0) {
      blockers.push(reason('review.answersNeedAttention', { count: assessment.answerProblems.length }));
    }
    const responseProblem = assessment.responseProblems[0];
    if (responseProblem) {
      blockers.push(
        reason('review.mitigationResponseInvalid', { mitigationId: responseProblem.mitigationId }),
      );
    }
    if (assessment.unansweredMitigations.length > 0) {
      blockers.push(
        reason('review.mitigationsUnanswered', { count: assessment.unansweredMitigations.length }),
      );
    }
    const startedOn = draft.questionnaireVersion ?? LEGACY_DRAFT_VERSION;
    return {
      draftId,
      reviewId: draft.reviewId,
      basedOnVersion: draft.basedOnVersion,
      answers,
      mitigationResponses: responses,
      updatedAt: draft.updatedAt,
      visibleQuestionIds: visibleQuestions(q, answers).map((x) => x.id),
      startedOnVersion: startedOn === q.version ? null : startedOn,
      assessment,
      submitBlockers: blockers,
    };
  }

  function ownDraft(draftId: string, profile: ProfileSummary): StoredReviewDraft {
    const draft = deps.drafts.get(draftId);
    if (!draft || draft.profileId !== profile.id) {
      throw new StewardError('NOT_FOUND', `There is no draft ${draftId} of yours on this computer.`);
    }
    return draft;
  }

  function newDraftId(): string {
    return `d${crypto.randomBytes(8).toString('hex')}`;
  }

  function detailOf(view: WorkspaceView, profile: ProfileSummary, state: ReviewState): ReviewDetail {
    const now = deps.now();
    return reviewDetail({
      people: view.people,
      state,
      questionnaire: questionnaire(),
      questionnaires: questionnaires(),
      now,
      ctx: contextFor(view, profile.id, now),
    });
  }

  /** Checks an action against the workflow as it stands now, then appends it. */
  async function act(
    view: WorkspaceView,
    profile: ProfileSummary,
    state: ReviewState | null,
    action: ReviewAction,
  ): Promise<void> {
    const check = checkTransition(state, action, contextFor(view, profile.id, deps.now()));
    if (!check.ok) throw notAllowed(...check.reasons);
    const ledger = deps.ledger();
    await ledger.append(action.type, { ...action.data, ...causalOf(state, action) } as never);
  }

  async function detailAfter(profile: ProfileSummary, reviewId: string): Promise<ReviewDetail> {
    const view = await readView();
    return detailOf(view, profile, findReview(view, profile, reviewId));
  }

  return {
    async getReviewQuestionnaire(): Promise<QuestionnaireView> {
      return questionnaireView(questionnaire());
    },

    async listReviews(): Promise<ReviewLists> {
      const profile = me();
      const view = await readView();
      const rBlockers = reviewerBlockers(view, profile);
      const visible = view.reviews.filter((r) => canSee(view, profile, r));
      return {
        mine: view.reviews.filter((r) => r.submitter === profile.id).map((r) => summaryOf(view, r)),
        queue:
          rBlockers.length === 0
            ? reviewQueue(
                view.reviews,
                profile.id,
                (a, b) => view.authority.personKey(a) === view.authority.personKey(b),
              ).map((r) => summaryOf(view, r))
            : [],
        all: visible.map((r) => summaryOf(view, r)),
        drafts: deps.drafts
          .list()
          .filter((d) => d.profileId === profile.id)
          .map((d) => ({
            draftId: d.draftId,
            reviewId: d.reviewId,
            title: draftTitle(d.answers),
            updatedAt: d.updatedAt,
          }))
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
        canReview: rBlockers.length === 0,
        reviewerBlockers: rBlockers,
        submitterBlockers: submitterBlockers(view, profile),
        scope: seesEveryone(view, profile) ? 'all' : 'own',
      };
    },

    async createReviewDraft({ copyFromReviewId }) {
      const profile = me();
      const view = await readView();
      let answers: Answers = {};
      if (copyFromReviewId) {
        const source = findReview(view, profile, copyFromReviewId);
        answers = { ...source.versions[source.versions.length - 1]!.answers };
      }
      const draftId = newDraftId();
      const draft: StoredReviewDraft = {
        profileId: profile.id,
        reviewId: null,
        basedOnVersion: null,
        answers,
        mitigationResponses: [],
        updatedAt: deps.now().toISOString(),
        questionnaireVersion: questionnaire().version,
      };
      deps.drafts.put(draftId, draft);
      return draftView(draftId, draft, view, profile);
    },

    async getReviewDraft({ draftId }) {
      const profile = me();
      return draftView(draftId, ownDraft(draftId, profile), await readView(), profile);
    },

    async saveReviewDraft({ draftId, answers, mitigationResponses }) {
      const profile = me();
      const existing = ownDraft(draftId, profile);
      const q = questionnaire();
      const known = indexQuestionnaire(q).byId;
      // Answers to questions the questionnaire does not have are dropped, not kept around.
      const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => known.has(id)));
      const draft: StoredReviewDraft = {
        ...existing,
        answers: kept,
        mitigationResponses: mitigationResponses.map((r) => ({ ...r })),
        updatedAt: deps.now().toISOString(),
      };
      deps.drafts.put(draftId, draft);
      return draftView(draftId, draft, await readView(), profile);
    },

    async deleteReviewDraft({ draftId }) {
      const profile = me();
      ownDraft(draftId, profile);
      return { deleted: deps.drafts.remove(draftId) };
    },

    async submitReview({ draftId }) {
      const profile = me();
      const draft = ownDraft(draftId, profile);
      const q = questionnaire();
      const view = await readView();
      const answers = effectiveAnswers(q, draft.answers as Answers);
      const responses = toResponses(draft.mitigationResponses as unknown as MitigationResponseInput[]);
      const assessment = assessReview(q, answers, responses);
      if (!assessment.readyToSubmit) {
        throw notAllowed(...draftView(draftId, draft, view, profile).submitBlockers);
      }
      const state = draft.reviewId ? findReview(view, profile, draft.reviewId) : null;
      const day = deps.now().toISOString().slice(0, 10).replace(/-/g, '');
      const reviewId = state ? state.reviewId : `r-${day}-${crypto.randomBytes(3).toString('hex')}`;
      // Only mitigation responses to what is proposed for these answers are recorded.
      const proposed = new Set(assessment.mitigations.map((m) => m.id));
      await act(view, profile, state, {
        type: 'review.submitted',
        ts: deps.now().toISOString(),
        data: {
          reviewId,
          version: state ? state.version + 1 : 1,
          title: (assessment.summary.title ?? 'Untitled review').slice(0, 200),
          answers,
          assessment,
          mitigationResponses: responses.filter((r) => proposed.has(r.mitigationId)),
        },
      });
      deps.drafts.remove(draftId);
      return detailAfter(profile, reviewId);
    },

    async startReviewRevision({ reviewId }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      const may = permit('submitVersion', state, contextFor(view, profile.id, deps.now()));
      if (!may.ok) throw notAllowed(...may.reasons);
      const existing = deps.drafts.list().find((d) => d.profileId === profile.id && d.reviewId === reviewId);
      if (existing) return draftView(existing.draftId, existing, view, profile);
      const latest = state.versions[state.versions.length - 1]!;
      const draftId = newDraftId();
      const draft: StoredReviewDraft = {
        profileId: profile.id,
        reviewId,
        basedOnVersion: latest.version,
        answers: { ...latest.answers },
        mitigationResponses: latest.mitigationResponses.map((r) => ({ ...r })),
        updatedAt: deps.now().toISOString(),
        // A revision starts from answers given on the version's questionnaire.
        questionnaireVersion: latest.assessment.questionnaire.version,
      };
      deps.drafts.put(draftId, draft);
      return draftView(draftId, draft, view, profile);
    },

    async getReview({ reviewId }) {
      const profile = me();
      const view = await readView();
      return detailOf(view, profile, findReview(view, profile, reviewId));
    },

    async commentOnReview({ reviewId, text }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.commented',
        ts: deps.now().toISOString(),
        data: { reviewId, version: state.version, text },
      });
      return detailAfter(profile, reviewId);
    },

    async requestReviewChanges({ reviewId, version, rationale, requestedChanges }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.changesRequested',
        ts: deps.now().toISOString(),
        data: { reviewId, version, rationale, requestedChanges },
      });
      return detailAfter(profile, reviewId);
    },

    async decideReview({ reviewId, version, decision, rationale, conditions, reReviewDate, dpoAdvice }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.decided',
        ts: deps.now().toISOString(),
        data: {
          reviewId,
          version,
          decision,
          rationale,
          conditions: conditions.map((c, i) => ({ id: `c${i + 1}`, ...c })),
          reReviewDate,
          ...(dpoAdvice ? { dpoAdvice } : {}),
        },
      });
      return detailAfter(profile, reviewId);
    },

    async markConditionMet({ reviewId, conditionId, note }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.conditionMet',
        ts: deps.now().toISOString(),
        data: { reviewId, version: state.decision?.version ?? state.version, conditionId, note },
      });
      return detailAfter(profile, reviewId);
    },

    async recordDpiaExemption({ reviewId, version, basis, reason: why, reference, dpoView }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.dpiaExempted',
        ts: deps.now().toISOString(),
        data: { reviewId, version, basis, reason: why, reference, dpoView },
      });
      return detailAfter(profile, reviewId);
    },

    async withdrawReview({ reviewId, reason }) {
      const profile = me();
      const view = await readView();
      const state = findReview(view, profile, reviewId);
      await act(view, profile, state, {
        type: 'review.withdrawn',
        ts: deps.now().toISOString(),
        data: { reviewId, version: state.version, reason },
      });
      return detailAfter(profile, reviewId);
    },
  };
}
