// A year of training for the catalogue and records tests, written through the real services on
// a clock set to each day it happened, so every status core knows shows up for real: Ada (who
// joined in October 2025) has modules overdue, due soon, expired, passed, updated, in progress
// and waiting for her signature; Grace joined nine days before "now" and has not started.
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { actAs, addPerson } from './people';
import type { TestCore } from './realBridge';

/** The tests' present: every date the screens show follows from it. */
export const NOW = '2026-11-29T09:00:00.000Z';

/** Completes one module (start, right answers, attest) on the core's clock. */
export async function completeModule(core: TestCore, moduleId: string, at: string): Promise<void> {
  core.clock.set(at);
  await core.completeModules([moduleId]);
}

/** Opens a module and passes its knowledge check, without signing the attestation. */
export async function passKnowledgeCheck(core: TestCore, moduleId: string): Promise<void> {
  await core.services.startTrainingModule({ moduleId });
  const quiz = await core.services.getQuiz({ moduleId });
  const answers = core.content.answers(moduleId, 'right');
  await core.services.submitQuizAttempt({ moduleId, contentHash: quiz.contentHash, answers });
}

export interface TrainingYear {
  ada: ProfileSummary;
  grace: ProfileSummary;
}

/**
 * Ada (Analytics: law-in-practice, peoples-rights and beyond-compliance are required) and Grace
 * (Platform, same requirements). Ends with Ada as the current profile and the clock at NOW.
 */
export async function seedTrainingYear(core: TestCore): Promise<TrainingYear> {
  core.clock.set('2025-10-25T10:00:00.000Z');
  const ada = await addPerson(core, 'ada');
  // Required, completed over a year ago: overdue again. Never done: overdue since 24 Nov 2025.
  await completeModule(core, 'law-in-practice', '2025-10-26T10:00:00.000Z');
  // Optional, completed over a year ago: expired.
  await completeModule(core, 'transparency-and-control', '2025-10-26T11:00:00.000Z');
  // Required, expires on 15 December 2026: due soon.
  await completeModule(core, 'beyond-compliance', '2025-12-15T10:00:00.000Z');
  // Optional, valid until 10 January 2027.
  await completeModule(core, 'consent-done-right', '2026-01-10T12:00:00.000Z');
  // Optional, completed, then republished as a new major version: updated.
  await completeModule(core, 'privacy-by-design', '2026-11-20T10:00:00.000Z');
  core.content.publishMajorVersion('privacy-by-design');
  // Optional, reading the third section.
  core.clock.set('2026-11-25T10:00:00.000Z');
  await core.services.startTrainingModule({ moduleId: 'minimisation-and-purpose' });
  await core.services.saveReadingProgress({ moduleId: 'minimisation-and-purpose', section: 2 });
  // Optional, knowledge check passed, attestation not signed yet.
  core.clock.set('2026-11-27T10:00:00.000Z');
  await passKnowledgeCheck(core, 'governance-and-accountability');

  // A new starter: her required modules are due by 20 December 2026.
  core.clock.set('2026-11-20T12:00:00.000Z');
  const grace = await addPerson(core, 'grace');
  await actAs(core, ada);
  core.clock.set(NOW);
  return { ada, grace };
}
