// A complete, realistic set of answers to content/review/data-use-review.yaml (a churn-risk score
// on pseudonymised billing data), and a review taken through the workflow by the real services —
// for specs that need reviews in a given state without driving the questionnaire.
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import type { AnswerValue, MitigationResponseInput } from '../../../electron/core/contract/views/reviews';
import type { Locator } from '@playwright/test';
import type { StewardHarness } from './fixtures';

import { ALL_MODULES, SUBMITTER_MODULES } from '../../support/moduleKey';

export { ALL_MODULES, SUBMITTER_MODULES };

/** YYYY-MM-DD, `days` from now. */
export function isoIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function churnAnswers(overrides: Record<string, AnswerValue> = {}): Record<string, AnswerValue> {
  return {
    proposalTitle: 'Churn-risk score for subscribers',
    proposalSummary: 'Score subscription customers for churn risk so support can offer help.',
    proposalOwner: 'Amara Okafor, head of retention analytics',
    proposalTeam: 'Data Science',
    launchDate: isoIn(120),
    useKinds: ['analytics'],
    dataSubjects: ['customers'],
    scrEvaluation: 'yes',
    scrAutomatedDecision: 'no',
    scrMonitoring: 'no',
    scrSensitive: 'no',
    scrLargeScale: 'no',
    scrCombining: 'no',
    scrVulnerable: 'no',
    scrInnovative: 'no',
    scrPreventsRight: 'no',
    newPurpose: 'no',
    lessData: 'alreadyMinimal',
    necessityJustification: 'Only billing history and support contacts predict churn.',
    dataCategories: ['transactions'],
    specialCategories: ['noSpecialCategories'],
    inferSpecial: 'no',
    childrenData: 'no',
    physicalHarm: 'no',
    monitoring: ['noMonitoring'],
    californiaConsumers: 'no',
    volume: 'upTo100k',
    sources: ['fromPeople'],
    identifiability: 'pseudonymised',
    lawfulBasisChoice: 'legitimateInterests',
    liaDone: 'no',
    noticeCovers: 'yes',
    peopleSurprise: 2,
    rightsAccess: 'yes',
    rightsCorrection: 'yes',
    rightsDeletion: 'yes',
    rightsObjection: 'yes',
    targetsVulnerable: 'no',
    protectedProxies: 'no',
    outcomesTested: 'no',
    automatedDecisions: 'no',
    recipients: ['noRecipients'],
    transfersOutsideEea: 'no',
    retention: 'setPeriodAutomatic',
    retentionDetail: 'Scores are kept for 90 days, then deleted.',
    accessControl: 'needToKnow',
    protections: ['encryptionAtRest', 'accessLogging'],
    breachReady: 'yes',
    processingRecord: 'yes',
    dpoConsulted: 'yes',
    dpoAdvice: 'Proceed if the scores are pseudonymised and fairness is tested.',
    auditDate: isoIn(400),
    ...overrides,
  };
}

/** Responses to the mitigations churnAnswers() proposes. */
export function churnResponses(): MitigationResponseInput[] {
  return [
    { mitigationId: 'fairnessTesting', status: 'accepted', owner: 'Grace Hopper', dueDate: isoIn(60) },
    {
      mitigationId: 'legitimateInterestsAssessment',
      status: 'declined',
      reason: 'A written balancing test is already on file for churn analytics.',
    },
  ];
}

export interface SeededReview {
  amara: ProfileSummary;
  ben: ProfileSummary;
  reviewId: string;
}

/** Amara (submitter training done) submits the churn review. Amara stays the current profile. */
export async function submitChurnReview(
  steward: StewardHarness,
): Promise<{ amara: ProfileSummary; reviewId: string }> {
  const services = steward.handle.services;
  const amara = await services.createProfile({
    name: 'Amara Okafor',
    email: 'amara.okafor@example.com',
    team: 'Data Science',
  });
  await steward.completeModules(SUBMITTER_MODULES);
  const draft = await services.createReviewDraft({});
  await services.saveReviewDraft({
    draftId: draft.draftId,
    answers: churnAnswers(),
    mitigationResponses: churnResponses(),
  });
  const reviewId = (await services.submitReview({ draftId: draft.draftId })).summary.reviewId;
  return { amara, reviewId };
}

/** Fills the decision form as "approve with conditions" with the churn review's usual condition. */
export async function fillApproveWithConditions(decision: Locator): Promise<void> {
  await decision.getByRole('radio', { name: 'Approve with conditions' }).check();
  await decision
    .getByRole('textbox', { name: 'Rationale' })
    .fill('Low residual risk once fairness is monitored.');
  const condition = decision.getByRole('group', { name: 'Condition 1' });
  await condition
    .getByRole('textbox', { name: 'Condition' })
    .fill('Report churn-score fairness metrics monthly.');
  await condition.getByRole('textbox', { name: 'Owner' }).fill('Amara Okafor');
  await condition.getByLabel('Due date').fill(isoIn(90));
  await decision.getByLabel(/Re-review date/).fill(isoIn(365));
}

/**
 * Amara (submitter) submits the churn review; Ben (reviewer, all training) requests changes;
 * Amara submits version 2 with one answer changed. Ends with Amara as the current profile.
 */
export async function seedReviewAwaitingVersion2Decision(steward: StewardHarness): Promise<SeededReview> {
  const services = steward.handle.services;
  const { amara, reviewId } = await submitChurnReview(steward);

  const ben = await services.createProfile({
    name: 'Ben Schmidt',
    email: 'ben.schmidt@example.com',
    team: 'Privacy Office',
  });
  steward.grantRole(ben, 'reviewers');
  await steward.completeModules(ALL_MODULES);
  await services.requestReviewChanges({
    reviewId,
    version: 1,
    rationale: 'The surprise score looks too high for a help offer.',
    requestedChanges: ['Re-check how surprised customers would be.'],
  });

  await services.switchProfile({ profileId: amara.id });
  const revision = await services.startReviewRevision({ reviewId });
  await services.saveReviewDraft({
    draftId: revision.draftId,
    answers: churnAnswers({ peopleSurprise: 1 }),
    mitigationResponses: churnResponses(),
  });
  await services.submitReview({ draftId: revision.draftId });
  return { amara, ben, reviewId };
}
