// Reviews through the real services for the review and records tests: answers to the real
// questionnaire (content/review/data-use-review.yaml), and people in the roles the workflow
// needs — submitters with their training, reviewers named in this core's policy.yaml with theirs.
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import type { AnswerValue, MitigationResponseInput } from '../../../electron/core/contract/views/reviews';
import { actAs, addPerson } from './people';
import { ALL_MODULES, SUBMITTER_MODULES, type TestCore } from './realBridge';

export type Answers = Record<string, AnswerValue>;

/**
 * A complete, low-risk set of answers: weekly delivery-time counts on pseudonymised data, the
 * existing purpose, a contract basis, no sharing, the DPO consulted. No flag, no mitigation.
 */
export function lowRiskAnswers(overrides: Answers = {}): Answers {
  return {
    proposalTitle: 'Delivery-time dashboard',
    proposalSummary: 'Weekly counts of late deliveries per region, for the logistics team.',
    proposalOwner: 'Ada Lovelace, Head of Logistics',
    proposalTeam: 'Logistics',
    launchDate: '2027-03-01',
    useKinds: ['analytics'],
    dataSubjects: ['customers'],
    behaviouralAds: 'no',
    scrEvaluation: 'no',
    scrAutomatedDecision: 'no',
    scrMonitoring: 'no',
    scrSensitive: 'no',
    scrLargeScale: 'no',
    scrCombining: 'no',
    scrVulnerable: 'no',
    scrInnovative: 'no',
    scrPreventsRight: 'no',
    customerBenefit: 'directBenefit',
    newPurpose: 'no',
    lessData: 'alreadyMinimal',
    necessityJustification: 'Region and delivery times are the least that shows lateness.',
    dataCategories: ['transactions'],
    specialCategories: ['noSpecialCategories'],
    inferSpecial: 'no',
    childrenData: 'no',
    physicalHarm: 'no',
    monitoring: ['noMonitoring'],
    deviceAccess: 'no',
    californiaConsumers: 'no',
    volume: 'upTo100k',
    sources: ['observed'],
    identifiability: 'pseudonymised',
    lawfulBasisChoice: 'contract',
    noticeCovers: 'yes',
    peopleSurprise: 1,
    rightsAccess: 'yes',
    rightsCorrection: 'yes',
    rightsDeletion: 'yes',
    rightsObjection: 'yes',
    sellsOrShares: 'no',
    selfService: 'yes',
    darkPatterns: 'no',
    declineAsEasy: 'yes',
    excessiveTracking: 'no',
    targetsVulnerable: 'no',
    protectedProxies: 'no',
    automatedDecisions: 'no',
    recipients: ['noRecipients'],
    transfersOutsideEea: 'no',
    retention: 'setPeriodAutomatic',
    retentionDetail: '13 months, to compare with the same month last year.',
    deletionAutomatic: 'yes',
    accessControl: 'needToKnow',
    protections: ['encryptionInTransit', 'encryptionAtRest', 'pseudonymisedForUse', 'accessLogging'],
    breachReady: 'yes',
    processingRecord: 'yes',
    dpoConsulted: 'yes',
    dpoAdvice: 'Fine as long as the data stays pseudonymised.',
    auditDate: '2028-03-01',
    ...overrides,
  };
}

/** Financial details as well: medium risk overall, still no flag and no mitigation. */
export const MEDIUM_RISK: Answers = { dataCategories: ['transactions', 'financialDetails'] };

/**
 * Health data with no Art. 9(2) condition: high risk, the blocking flag specialWithoutCondition,
 * and the mitigation establishArt9Condition that clears it once accepted.
 */
export const SPECIAL_CATEGORY: Answers = {
  scrSensitive: 'yes',
  specialCategories: ['health'],
  art9Condition: 'noCondition',
};

/** The submitter's answer to the special-category mitigation: declined, so the flag stays open. */
export const DECLINE_ART9: MitigationResponseInput = {
  mitigationId: 'establishArt9Condition',
  status: 'declined',
  reason: 'We believe the health data is needed as it is.',
};

/** `profile` completes the training a submitter needs (and becomes the current profile). */
export async function makeSubmitter(core: TestCore, profile: ProfileSummary): Promise<void> {
  await actAs(core, profile);
  await core.completeModules(SUBMITTER_MODULES);
}

/** `profile` is named a reviewer in the policy and completes every module (and becomes current). */
export async function makeReviewer(core: TestCore, profile: ProfileSummary): Promise<void> {
  core.grantRole(profile, 'reviewers');
  await actAs(core, profile);
  await core.completeModules(ALL_MODULES);
}

/** `submitter` fills a draft with these answers and responses and submits it; the review's id. */
export async function submitReview(
  core: TestCore,
  submitter: ProfileSummary,
  answers: Answers,
  responses: MitigationResponseInput[] = [],
): Promise<string> {
  await actAs(core, submitter);
  const draft = await core.services.createReviewDraft({});
  await core.services.saveReviewDraft({ draftId: draft.draftId, answers, mitigationResponses: responses });
  return (await core.services.submitReview({ draftId: draft.draftId })).summary.reviewId;
}

/**
 * lowRiskAnswers for a churn-risk score with the DPO not consulted yet, so a decision asks
 * nothing about the DPO's advice. Core then proposes consulting the DPO: CHURN_RESPONSES accepts it.
 */
export function churnAnswers(overrides: Answers = {}): Answers {
  const answers = lowRiskAnswers({ proposalTitle: 'Churn-risk score', dpoConsulted: 'no', ...overrides });
  if (answers.dpoConsulted !== 'yes') delete answers.dpoAdvice;
  return answers;
}

export const CHURN_RESPONSES: MitigationResponseInput[] = [
  { mitigationId: 'consultDpo', status: 'accepted', owner: 'Amara Okafor', dueDate: '2026-12-15' },
];

export interface ReviewTeam {
  /** Data Science; has the submitter training. */
  amara: ProfileSummary;
  /** Privacy; a reviewer with every module. */
  ben: ProfileSummary;
  /** Marketing; no training and no role. */
  cara: ProfileSummary;
}

/** The people of the review tests, trained and named on 2 November 2026 (the clock is left there). */
export async function seedReviewTeam(core: TestCore): Promise<ReviewTeam> {
  core.clock.set('2026-11-02T09:00:00.000Z');
  const cara = await addPerson(core, 'cara');
  const ben = await addPerson(core, 'ben');
  await makeReviewer(core, ben);
  const amara = await addPerson(core, 'amara');
  await makeSubmitter(core, amara);
  return { amara, ben, cara };
}
