// Reviews: the lists on the home screen, the questionnaire, the draft being answered (with core's
// evaluation of it: branching, problems, screening, risk, flags, mitigations) and the review open
// in the detail screen. Nothing is decided here: every number, level, flag and permission is a
// copy of what core computed. Autosave replies that arrive after a newer save was sent are
// dropped, so a slow reply can never roll the screen back to older answers.
import type { StateCreator } from 'zustand';
import type { ArgsOf } from '../../electron/core/contract/methods';
import type {
  MitigationResponseInput,
  QuestionnaireView,
  ReviewDetail,
  ReviewDraftView,
  ReviewLists,
} from '../../electron/core/contract/views/reviews';
import { api } from '../api';
import { createTracker } from './requests';
import type { StewardState } from './store';

export type DraftAnswers = ReviewDraftView['answers'];
export type DecisionInput = ArgsOf<'decideReview'>;
export type ChangeRequestInput = ArgsOf<'requestReviewChanges'>;
export type ExemptionInput = ArgsOf<'recordDpiaExemption'>;

export interface ReviewSlice {
  reviewLists: ReviewLists | null;
  /** The questionnaire as the page shows it; loaded once per profile session. */
  questionnaire: QuestionnaireView | null;
  /** The draft open in the questionnaire, as core last returned it. */
  reviewDraft: ReviewDraftView | null;
  /** The review open in the detail screen. */
  reviewDetail: ReviewDetail | null;

  loadReviewLists: () => Promise<ReviewLists | null>;
  loadQuestionnaire: () => Promise<QuestionnaireView | null>;
  createReviewDraft: (copyFromReviewId?: string) => Promise<ReviewDraftView | null>;
  openReviewDraft: (draftId: string) => Promise<ReviewDraftView | null>;
  /** Autosave: resolves with core's evaluation, or null when the save failed. */
  saveReviewDraft: (
    draftId: string,
    answers: DraftAnswers,
    mitigationResponses: MitigationResponseInput[],
  ) => Promise<ReviewDraftView | null>;
  deleteReviewDraft: (draftId: string) => Promise<boolean>;
  submitReview: (draftId: string) => Promise<ReviewDetail | null>;
  startReviewRevision: (reviewId: string) => Promise<ReviewDraftView | null>;
  openReview: (reviewId: string) => Promise<ReviewDetail | null>;
  commentOnReview: (reviewId: string, text: string) => Promise<ReviewDetail | null>;
  requestReviewChanges: (input: ChangeRequestInput) => Promise<ReviewDetail | null>;
  decideReview: (input: DecisionInput) => Promise<ReviewDetail | null>;
  withdrawReview: (reviewId: string, reason: string) => Promise<ReviewDetail | null>;
  /** Records what was done to meet one condition of an approval; core says who may. */
  markConditionMet: (reviewId: string, conditionId: string, note: string) => Promise<ReviewDetail | null>;
  /** Records why no DPIA is carried out for the latest version (a reviewer or the DPO; signed). */
  recordDpiaExemption: (input: ExemptionInput) => Promise<ReviewDetail | null>;
  /** Writes the review's record (JSON to check, PDF to read) where the person chooses; null file when cancelled. */
  exportReviewRecord: (
    reviewId: string,
    format: 'json' | 'pdf',
  ) => Promise<{ file: string | null; digest: string | null } | null>;
  resetReviews: () => void;
}

const EMPTY = {
  reviewLists: null,
  questionnaire: null,
  reviewDraft: null,
  reviewDetail: null,
} satisfies Partial<ReviewSlice>;

export const createReviewSlice: StateCreator<StewardState, [], [], ReviewSlice> = (set, get) => {
  const track = createTracker(set);

  // Which draft and review the person is on now; replies for others are stale and dropped.
  let wantedDraft: string | null = null;
  let wantedReview: string | null = null;
  // Every save gets a number; only the reply to the newest one is applied.
  let saveSeq = 0;

  /** A reply that changed a review: show it if it is the open one, and let the lists reload. */
  const applyDetail = (detail: ReviewDetail) => {
    if (wantedReview === null || wantedReview === detail.summary.reviewId) {
      wantedReview = detail.summary.reviewId;
      set({ reviewDetail: detail, reviewLists: null });
    } else {
      set({ reviewLists: null });
    }
    return detail;
  };

  return {
    ...EMPTY,

    loadReviewLists: () =>
      track('listReviews', async () => {
        const reviewLists = await api().listReviews();
        set({ reviewLists });
        return reviewLists;
      }),

    loadQuestionnaire: async () => {
      const loaded = get().questionnaire;
      if (loaded !== null) return loaded;
      return track('getReviewQuestionnaire', async () => {
        const questionnaire = await api().getReviewQuestionnaire();
        set({ questionnaire });
        return questionnaire;
      });
    },

    createReviewDraft: (copyFromReviewId) =>
      track('createReviewDraft', async () => {
        const draft = await api().createReviewDraft(copyFromReviewId ? { copyFromReviewId } : {});
        wantedDraft = draft.draftId;
        set({ reviewDraft: draft, reviewLists: null });
        return draft;
      }),

    openReviewDraft: (draftId) => {
      wantedDraft = draftId;
      return track('getReviewDraft', async () => {
        const draft = await api().getReviewDraft({ draftId });
        if (wantedDraft === draftId) set({ reviewDraft: draft });
        return draft;
      });
    },

    saveReviewDraft: (draftId, answers, mitigationResponses) => {
      saveSeq += 1;
      const seq = saveSeq;
      return track('saveReviewDraft', async () => {
        const draft = await api().saveReviewDraft({ draftId, answers, mitigationResponses });
        if (seq === saveSeq && wantedDraft === draftId) set({ reviewDraft: draft, reviewLists: null });
        return draft;
      });
    },

    deleteReviewDraft: async (draftId) => {
      const result = await track('deleteReviewDraft', async () => {
        const deleted = await api().deleteReviewDraft({ draftId });
        if (wantedDraft === draftId) set({ reviewDraft: null });
        return deleted;
      });
      if (result === null) return false;
      await get().loadReviewLists();
      return result.deleted;
    },

    submitReview: (draftId) =>
      track('submitReview', async () => {
        const detail = await api().submitReview({ draftId });
        wantedDraft = null;
        wantedReview = detail.summary.reviewId;
        set({ reviewDraft: null, reviewDetail: detail, reviewLists: null });
        return detail;
      }),

    startReviewRevision: (reviewId) =>
      track('startReviewRevision', async () => {
        const draft = await api().startReviewRevision({ reviewId });
        wantedDraft = draft.draftId;
        set({ reviewDraft: draft, reviewLists: null });
        return draft;
      }),

    openReview: (reviewId) => {
      wantedReview = reviewId;
      return track('getReview', async () => {
        const detail = await api().getReview({ reviewId });
        if (wantedReview === reviewId) set({ reviewDetail: detail });
        return detail;
      });
    },

    commentOnReview: (reviewId, text) =>
      track('commentOnReview', async () => applyDetail(await api().commentOnReview({ reviewId, text }))),

    requestReviewChanges: (input) =>
      track('requestReviewChanges', async () => applyDetail(await api().requestReviewChanges(input))),

    decideReview: (input) => track('decideReview', async () => applyDetail(await api().decideReview(input))),

    withdrawReview: (reviewId, reason) =>
      track('withdrawReview', async () => applyDetail(await api().withdrawReview({ reviewId, reason }))),

    markConditionMet: (reviewId, conditionId, note) =>
      track('markConditionMet', async () =>
        applyDetail(await api().markConditionMet({ reviewId, conditionId, note })),
      ),

    recordDpiaExemption: (input) =>
      track('recordDpiaExemption', async () => applyDetail(await api().recordDpiaExemption(input))),

    exportReviewRecord: (reviewId, format) =>
      track('exportReviewRecord', async () => api().exportReviewRecord({ reviewId, format })),

    resetReviews: () => {
      wantedDraft = null;
      wantedReview = null;
      saveSeq += 1;
      set({ ...EMPTY });
    },
  };
};
