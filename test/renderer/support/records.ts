// A realistic organisation for the records tests, made by the real core: core/demo's people with a
// year of training and reviews in every state, Amara's review approved with two conditions (one
// met since), Grace's records
// imported from a bundle she made on another computer, and Ada, who manages every team and is
// the current profile. The clock stands at NOW.
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { actAs, addPerson, type Person } from './people';
import { freshCore, seedDemoOrganisation, type DemoOrganisation, type TestCore } from './realBridge';
import { lowRiskAnswers, makeSubmitter, submitReview } from './reviews';
import { NOW } from './training';

/** The conditions of the approved "Support ticket search": one still open, one met. */
export const CONDITIONS = {
  open: { text: 'Delete raw transcripts after 30 days', owner: 'Support lead', dueDate: '2027-01-31' },
  met: { text: 'Name a retention owner', owner: 'Support lead', dueDate: '2026-12-15' },
};

export interface Organisation {
  ada: ProfileSummary;
  demo: DemoOrganisation;
  /** Grace works elsewhere: her records came in a bundle. */
  grace: ProfileSummary;
  /** The bundle's file name, as the matrix says where imported records came from. */
  bundleName: string;
}

/** Someone (Grace unless said), on another computer, completes modules and exports their records to `file`. */
export async function bundleFromAnotherComputer(
  file: string,
  modules: readonly string[],
  who: Person = 'grace',
): Promise<ProfileSummary> {
  const other = await freshCore();
  try {
    other.clock.set(NOW);
    const person = await addPerson(other, who);
    await other.completeModules(modules);
    other.host.savePath = file;
    await other.services.exportMyRecords({});
    return person;
  } finally {
    await other.close();
  }
}

export async function seedOrganisation(core: TestCore): Promise<Organisation> {
  core.clock.set(NOW);
  const demo = await seedDemoOrganisation(core, { people: 14, reviews: 7, reviewers: 1, seed: 7 });
  // Amara's review, approved by the demo's reviewer with two conditions; one is met since.
  const amara = await addPerson(core, 'amara');
  await makeSubmitter(core, amara);
  const reviewId = await submitReview(
    core,
    amara,
    lowRiskAnswers({ proposalTitle: 'Support ticket search' }),
  );
  await actAs(core, demo.reviewers[0]!);
  const decided = await core.services.decideReview({
    reviewId,
    version: 1,
    decision: 'approvedWithConditions',
    rationale: 'Proportionate once raw transcripts go and a retention owner is named.',
    conditions: [CONDITIONS.open, CONDITIONS.met],
    reReviewDate: '2027-06-30',
    dpoAdvice: { followed: true },
  });
  await core.services.markConditionMet({
    reviewId,
    conditionId: decided.conditions.find((c) => c.text === CONDITIONS.met.text)!.id,
    note: 'Grace Hopper owns retention for support data.',
  });

  const bundleName = 'grace-hopper.stewardbundle';
  const bundle = core.disk.path(bundleName);
  const grace = await bundleFromAnotherComputer(bundle, ['law-in-practice', 'peoples-rights']);
  const ada = await addPerson(core, 'ada');
  core.grantRole(ada, 'managers');
  core.host.openFile = bundle;
  await core.services.importRecords({});
  return { ada, demo, grace, bundleName };
}
