// Ethical reviews of new data uses: the questionnaire, drafts, submissions, the reviewer's queue
// and decisions. Every workflow rule is enforced in core; this only carries the calls.
import type { Services } from '../../core/contract';
import type { Handle } from '../ipc';

export function registerReviewsFeature(handle: Handle, services: Services): void {
  handle('getReviewQuestionnaire', (args) => services.getReviewQuestionnaire(args));
  handle('listReviews', (args) => services.listReviews(args));
  handle('createReviewDraft', (args) => services.createReviewDraft(args));
  handle('getReviewDraft', (args) => services.getReviewDraft(args));
  handle('saveReviewDraft', (args) => services.saveReviewDraft(args));
  handle('deleteReviewDraft', (args) => services.deleteReviewDraft(args));
  handle('submitReview', (args) => services.submitReview(args));
  handle('startReviewRevision', (args) => services.startReviewRevision(args));
  handle('getReview', (args) => services.getReview(args));
  handle('commentOnReview', (args) => services.commentOnReview(args));
  handle('requestReviewChanges', (args) => services.requestReviewChanges(args));
  handle('decideReview', (args) => services.decideReview(args));
  handle('withdrawReview', (args) => services.withdrawReview(args));
  handle('markConditionMet', (args) => services.markConditionMet(args));
}
