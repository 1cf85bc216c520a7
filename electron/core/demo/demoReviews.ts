// Demo reviews in every state (awaiting a decision, changes requested, revised and approved,
// approved with conditions, rejected, withdrawn, due for re-review), written through the same
// review and training services the app uses, with an injected clock, by submitters and by
// reviewers who are not the submitters. Reviewers must hold the role in the content folder's
// policy (email + key fingerprint) and have current reviewer training, exactly as in real use.
import type { ProfileSummary } from '../contract/views/app';
import type { MitigationResponseInput, ReviewDraftView } from '../contract/views/reviews';
import { openLedger, type Ledger, type Workspace } from '../ledger';
import { modulesRequiredToSubmit } from '../policy/roles';
import { loadKey, type SecretProtector } from '../profiles/keystore';
import { createReviewServices, type ReviewServices } from '../review/reviewServices';
import {
  memoryReadingProgress,
  type ReviewDraftStore,
  type StoredReviewDraft,
} from '../settings/settingsStore';
import { loadContent, type TrainingModule } from '../training/content';
import { createTrainingServices } from '../training/trainingServices';
import { seededRandom } from './demoPeople';
import { workspaceOrgOf } from '../org/workspaceOrg';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DemoReviewOptions {
  ws: Workspace;
  keysDir: string;
  protector: SecretProtector;
  contentDir: string;
  seed: number;
  now: Date;
  submitters: ProfileSummary[];
  reviewers: ProfileSummary[];
  count: number;
}

export interface DemoReviewSummary {
  reviews: number;
  byState: Record<string, number>;
}

const TITLES = [
  'Personalised offers from purchase history',
  'Churn prediction for subscription members',
  'Sleep-quality insights from wearable data',
  'Event check-in analytics with badge scans',
  'Credit-limit suggestions from spending patterns',
  'Sharing trial recruitment data with a research partner',
  'Store-visit attribution from app location data',
  'Support-call transcription and sentiment scoring',
  'Loyalty tiers based on engagement',
  'Fraud signals from device fingerprints',
  'Recommendations for new parents',
  'Marketing lookalike audiences',
];

type Plan =
  | 'submitted'
  | 'changesRequested'
  | 'revisedApproved'
  | 'approvedWithConditions'
  | 'rejected'
  | 'withdrawn'
  | 'reReviewDue';
const PLANS: Plan[] = [
  'submitted',
  'changesRequested',
  'revisedApproved',
  'approvedWithConditions',
  'rejected',
  'withdrawn',
  'reReviewDue',
];

function memoryDrafts(): ReviewDraftStore {
  const map = new Map<string, StoredReviewDraft>();
  return {
    get: (id) => map.get(id) ?? null,
    list: () => [...map.entries()].map(([draftId, d]) => ({ draftId, ...d })),
    put: (id, d) => void map.set(id, d),
    remove: (id) => map.delete(id),
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Options that leave a use without a footing no mitigation can give it (approvals avoid them). */
const UNDECIDED = new Set([
  'notDetermined',
  'noCondition',
  'noAuthority',
  'noException',
  'notLikelyHighRisk',
]);

/** Answers every visible question (required or not, so risk varies) and responds to every mitigation. */
async function fillDraft(
  svc: ReviewServices,
  draft: ReviewDraftView,
  title: string,
  rand: () => number,
  clock: () => number,
  /** Accept every proposed mitigation (for reviews that are to be approved). */
  acceptAll = false,
): Promise<ReviewDraftView> {
  const q = await svc.getReviewQuestionnaire({});
  const questions = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));
  const titleId = q.sections[0]?.questions[0]?.id;
  const answers: ReviewDraftView['answers'] = { ...draft.answers };
  if (titleId) answers[titleId] = title;
  let current = draft;
  for (let round = 0; round < 25; round++) {
    let added = false;
    for (const id of current.visibleQuestionIds) {
      const x = questions.get(id);
      if (!x || answers[id] !== undefined) continue;
      if (!x.required && rand() < 0.3) continue;
      added = true;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      switch (x.type) {
        case 'text':
          answers[id] = `${x.label.replace(/\?$/, '')}: described in the project brief.`.slice(
            0,
            x.maxLength ?? 400,
          );
          break;
        case 'single': {
          // A use that is to be approved does not leave its lawful footing or safeguards undecided.
          const options = acceptAll ? x.options.filter((o) => !UNDECIDED.has(o.id)) : x.options;
          answers[id] = pick(options.length > 0 ? options : x.options).id;
          break;
        }
        case 'multi': {
          const plain = x.options.filter((o) => !o.exclusive);
          answers[id] = plain.length > 0 ? [pick(plain).id] : [x.options[0]!.id];
          break;
        }
        case 'yesNoUnsure':
          answers[id] =
            acceptAll && (id === 'dpoConsulted' || id === 'processingRecord')
              ? 'yes'
              : rand() < 0.6
                ? 'no'
                : rand() < 0.8
                  ? 'yes'
                  : 'unsure';
          break;
        case 'scale':
          answers[id] = x.scale!.min + Math.floor(rand() * (x.scale!.max - x.scale!.min + 1));
          break;
        case 'number':
          answers[id] = Math.max(x.number?.min ?? 1, Math.round(1 + rand() * 50000));
          break;
        case 'date':
          answers[id] = isoDay(clock() + (30 + Math.floor(rand() * 120)) * DAY);
          break;
      }
    }
    current = await svc.saveReviewDraft({
      draftId: draft.draftId,
      answers,
      mitigationResponses: current.mitigationResponses,
    });
    if (!added) break;
  }
  // Responding changes the residual risk, which can change what is proposed: respond to what is
  // proposed until it settles, keeping earlier choices.
  const chosen = new Map<string, MitigationResponseInput>();
  for (let round = 0; round < 5; round++) {
    const responses = current.assessment.mitigations.map((m) => {
      const earlier = chosen.get(m.id);
      if (earlier) return earlier;
      const response: MitigationResponseInput =
        acceptAll || rand() < 0.85
          ? {
              mitigationId: m.id,
              status: 'accepted',
              owner: 'Product owner',
              dueDate: isoDay(clock() + 60 * DAY),
            }
          : { mitigationId: m.id, status: 'declined', reason: 'Already covered by the existing controls.' };
      chosen.set(m.id, response);
      return response;
    });
    current = await svc.saveReviewDraft({ draftId: draft.draftId, answers, mitigationResponses: responses });
    const a = current.assessment;
    if (a.unansweredMitigations.length === 0 && a.responseProblems.length === 0) break;
  }
  return current;
}

/**
 * Whether a reviewer could approve this draft once submitted: no open blocking flag, and a needed
 * DPIA either carried out or claimed exempt (the demo reviewer then records the exemption).
 */
function approvable(draft: ReviewDraftView): boolean {
  const a = draft.assessment;
  if (a.openBlockingFlags.length > 0) return false;
  return !(a.format === 2 && a.dpia.needed && !a.dpia.done && a.dpia.claim === null);
}

/** A reviewer records the exemption a submitter claimed, so that the review can be approved. */
async function recordClaimedExemption(b: ReviewServices, reviewId: string): Promise<void> {
  const detail = await b.getReview({ reviewId });
  const a = detail.assessment;
  if (detail.dpia.standing !== 'open' || a.format !== 2 || !a.dpia.claim) return;
  await b.recordDpiaExemption({
    reviewId,
    version: detail.summary.version,
    basis: a.dpia.claim.basis,
    reason: a.dpia.claim.reason || 'As the submitter explains.',
    reference: a.dpia.claim.reference || 'See the review.',
    dpoView: 'The DPO agrees that the exemption applies.',
  });
}

export async function seedDemoReviews(opts: DemoReviewOptions): Promise<DemoReviewSummary> {
  const summary: DemoReviewSummary = { reviews: 0, byState: {} };
  if (opts.count <= 0 || opts.submitters.length === 0) return summary;
  const content = loadContent(opts.contentDir);
  if (content.modules.length === 0) return summary;
  const nowMs = opts.now.getTime();
  // Reviews happen in the last three weeks, after the people's training histories.
  const base = nowMs - 21 * DAY;
  let clock = base - 2 * DAY;
  const now = () => new Date(clock);
  const rand = seededRandom((opts.seed * 31_337 + 17) >>> 0);

  const ledgers = new Map<string, Ledger>();
  const review = new Map<string, ReviewServices>();
  async function servicesFor(p: ProfileSummary) {
    let ledger = ledgers.get(p.id);
    if (!ledger) {
      ledger = await openLedger(opts.ws, p.id, loadKey(opts.keysDir, opts.protector, p.id).privateKeyPem, {
        now,
      });
      ledgers.set(p.id, ledger);
    }
    const l = ledger;
    const common = {
      contentDir: opts.contentDir,
      now,
      workspace: () => opts.ws,
      currentProfile: () => p,
      ledger: () => l,
    };
    let r = review.get(p.id);
    if (!r) {
      r = createReviewServices({
        ...common,
        drafts: memoryDrafts(),
        orgOf: (ledgers, policy) => workspaceOrgOf(ledgers, policy, null),
      });
      review.set(p.id, r);
    }
    return {
      review: r,
      training: createTrainingServices({ ...common, readingProgress: memoryReadingProgress() }),
    };
  }

  /** Completes modules as a learner who knows the answers (so submitters and reviewers are current). */
  async function train(p: ProfileSummary, ids: readonly string[]) {
    const { training } = await servicesFor(p);
    const byId = new Map<string, TrainingModule>(content.modules.map((m) => [m.id, m]));
    for (const id of ids) {
      const m = byId.get(id);
      if (!m) continue;
      clock += HOUR;
      await training.startTrainingModule({ moduleId: id });
      const asked = (await training.getQuiz({ moduleId: id })).questions.map((q) => q.id);
      const answers = Object.fromEntries(
        m.quiz
          .filter((x) => asked.includes(x.id))
          .map((x) => [x.id, x.options.filter((o) => o.correct).map((o) => o.id)]),
      );
      await training.submitQuizAttempt({ moduleId: id, contentHash: m.contentHash, answers });
      await training.attestTrainingModule({ moduleId: id, contentHash: m.contentHash, confirmed: true });
    }
  }

  try {
    for (const r of opts.reviewers) await train(r, content.policy.required.roles.reviewer);
    const submitters = opts.submitters.filter((s) => !opts.reviewers.some((r) => r.id === s.id));
    for (const s of submitters) await train(s, modulesRequiredToSubmit(content.policy));

    for (let i = 0; i < opts.count; i++) {
      const plan = PLANS[i % PLANS.length]!;
      const submitter = submitters[i % submitters.length]!;
      const reviewer = opts.reviewers.length > 0 ? opts.reviewers[i % opts.reviewers.length]! : null;
      if (!reviewer && plan !== 'submitted' && plan !== 'withdrawn') continue;
      clock = Math.max(clock + HOUR, base + Math.floor((i * 12 * DAY) / opts.count + rand() * DAY));
      const a = (await servicesFor(submitter)).review;
      // A review that is to be approved needs answers that raise nothing approval cannot pass:
      // random answers are drawn again (a few times) until they do.
      const approving =
        plan !== 'submitted' && plan !== 'withdrawn' && plan !== 'rejected' && plan !== 'changesRequested';
      let draft = await a.createReviewDraft({});
      let filled = await fillDraft(a, draft, TITLES[i % TITLES.length]!, rand, () => clock, approving);
      for (let attempt = 0; approving && attempt < 12 && !approvable(filled); attempt++) {
        await a.deleteReviewDraft({ draftId: draft.draftId });
        draft = await a.createReviewDraft({});
        filled = await fillDraft(a, draft, TITLES[i % TITLES.length]!, rand, () => clock, true);
      }
      if (filled.submitBlockers.length > 0) continue;
      clock += 2 * HOUR;
      const submitted = await a.submitReview({ draftId: draft.draftId });
      const reviewId = submitted.summary.reviewId;
      let state = 'submitted';
      if (plan === 'withdrawn') {
        clock += DAY;
        await a.withdrawReview({ reviewId, reason: 'The project was paused by the product board.' });
        state = 'withdrawn';
      } else if (reviewer && plan !== 'submitted') {
        const b = (await servicesFor(reviewer)).review;
        clock += DAY;
        const detail = await b.getReview({ reviewId });
        const blocked =
          detail.assessment.openBlockingFlags.length > 0 ||
          (detail.dpia.standing === 'open' &&
            !(detail.assessment.format === 2 && detail.assessment.dpia.claim));
        const dpo = detail.assessment.summary.dpoConsulted === 'yes' ? { followed: true } : null;
        if (plan === 'changesRequested' || plan === 'revisedApproved' || (blocked && plan !== 'rejected')) {
          await b.requestReviewChanges({
            reviewId,
            version: 1,
            rationale: 'Please tighten the description of who is affected and how long the data is kept.',
            requestedChanges: ['Name the customer groups affected', 'State the retention period'],
          });
          state = 'changesRequested';
          if (plan === 'revisedApproved' && !blocked) {
            clock += DAY;
            const revision = await a.startReviewRevision({ reviewId });
            // The revision expands the free-text description (the first multi-line question).
            const q = await a.getReviewQuestionnaire({});
            const summaryId = q.sections
              .flatMap((x) => x.questions)
              .find((x) => x.type === 'text' && x.multiline)?.id;
            await a.saveReviewDraft({
              draftId: revision.draftId,
              answers: {
                ...revision.answers,
                ...(summaryId
                  ? {
                      [summaryId]: `${String(revision.answers[summaryId] ?? '')} Revised: loyalty members only, data kept 12 months.`,
                    }
                  : {}),
              },
              mitigationResponses: revision.mitigationResponses,
            });
            await a.submitReview({ draftId: revision.draftId });
            clock += DAY;
            await recordClaimedExemption(b, reviewId);
            await b.decideReview({
              reviewId,
              version: 2,
              decision: 'approved',
              rationale: 'The revision answers both points; the remaining risk is acceptable.',
              conditions: [],
              reReviewDate: isoDay(nowMs + 180 * DAY),
              dpoAdvice: dpo,
            });
            state = 'approved';
          }
        } else if (plan === 'rejected') {
          await b.decideReview({
            reviewId,
            version: 1,
            decision: 'rejected',
            rationale: 'The benefit does not justify the intrusion for the customers concerned.',
            conditions: [],
            reReviewDate: null,
            dpoAdvice: dpo,
          });
          state = 'rejected';
        } else {
          const withConditions = plan === 'approvedWithConditions';
          await recordClaimedExemption(b, reviewId);
          await b.decideReview({
            reviewId,
            version: 1,
            decision: withConditions ? 'approvedWithConditions' : 'approved',
            rationale: 'Proportionate for the purpose, with the mitigations accepted.',
            conditions: withConditions
              ? [
                  {
                    text: 'Delete the raw event data after 90 days',
                    owner: 'Data platform team',
                    dueDate: isoDay(clock + 45 * DAY),
                  },
                ]
              : [],
            // A re-review date that has already come shows the review as "re-review due".
            reReviewDate: isoDay(plan === 'reReviewDue' ? nowMs - DAY : nowMs + 200 * DAY),
            dpoAdvice: dpo,
          });
          state =
            plan === 'reReviewDue' ? 'reReviewDue' : withConditions ? 'approvedWithConditions' : 'approved';
        }
      }
      summary.reviews++;
      summary.byState[state] = (summary.byState[state] ?? 0) + 1;
    }
  } finally {
    for (const l of ledgers.values()) await l.close();
  }
  return summary;
}
