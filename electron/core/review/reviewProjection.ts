// Every review's state, projected from the ledgers of everyone in the workspace. Pure: the same
// ledgers, content and questionnaire give the same states. Used by the review services (queue,
// detail, decisions) and by the records dashboard (the reviews register).
import type { ReviewPerson } from '../contract/views/reviews';
import { fingerprintOf, profileCreatedSchema } from '../ledger';
import type { LedgerEntry, LedgerRead } from '../ledger';
import type { Policy } from '../policy/policy';
import { reason, type Reason } from '../contract/reasons';
import { modulesRequiredToSubmit, roleOutOfForce, rolesOf, type RoleSubject } from '../policy/roles';
import type { TrainingModule } from '../training/content';
import { projectTraining } from '../training/status';
import type { Questionnaire } from './questionnaire';
import { projectReviews } from './workflow';
import type { IgnoredReviewEvent, ReviewEventInput, ReviewState, TransitionContext } from './workflow';

export interface WorkspacePerson extends ReviewPerson {
  email: string;
  fingerprint: string;
  createdAt: string;
}

export interface ReviewContent {
  policy: Policy;
  modules: readonly TrainingModule[];
}

export interface ReviewWorkspaceView {
  people: Map<string, WorkspacePerson>;
  entriesByActor: Map<string, LedgerEntry[]>;
  reviews: ReviewState[];
  ignored: IgnoredReviewEvent[];
}

const CURRENT: ReadonlySet<string> = new Set(['passed', 'dueSoon']);

/** The people of the workspace, from each ledger's genesis entry; ledgers without one are skipped. */
export function workspacePeople(
  ledgers: readonly LedgerRead[],
): Pick<ReviewWorkspaceView, 'people' | 'entriesByActor'> {
  const people = new Map<string, WorkspacePerson>();
  const entriesByActor = new Map<string, LedgerEntry[]>();
  for (const l of ledgers) {
    const genesis = l.entries[0];
    if (!genesis || genesis.type !== 'profile.created') continue;
    const data = profileCreatedSchema.safeParse(genesis.data);
    if (!data.success) continue;
    people.set(l.profileId, {
      id: l.profileId,
      name: data.data.name,
      team: data.data.team,
      email: data.data.email,
      fingerprint: fingerprintOf(data.data.publicKey),
      createdAt: genesis.ts,
    });
    entriesByActor.set(l.profileId, l.entries);
  }
  return { people, entriesByActor };
}

/** Titles of the modules in `required` that were not current for this person at `at`. */
export function missingTraining(
  content: ReviewContent,
  person: Pick<WorkspacePerson, 'createdAt'>,
  entries: readonly LedgerEntry[],
  required: readonly string[],
  at: Date,
): string[] {
  if (required.length === 0) return [];
  const until = at.getTime();
  const projection = projectTraining({
    entries: entries.filter((e) => Date.parse(e.ts) <= until),
    modules: content.modules,
    policy: content.policy,
    required: new Set(required),
    profileCreatedAt: person.createdAt,
    now: at,
  });
  const titles = new Map(content.modules.map((m) => [m.id, m.title]));
  return required
    .filter((id) => !CURRENT.has(projection.get(id)?.status ?? ''))
    .map((id) => titles.get(id) ?? id);
}

/** What the workflow needs to know about whoever wrote an event, as things stood at `at`. */
export function transitionContext(
  content: ReviewContent,
  view: Pick<ReviewWorkspaceView, 'people' | 'entriesByActor'>,
  actorId: string,
  at: Date,
): TransitionContext {
  const { policy } = content;
  const person = view.people.get(actorId);
  const entries = view.entriesByActor.get(actorId) ?? [];
  if (!person) {
    // Nobody we know of: no role, and no training on record.
    const unknown = ['(no profile in this workspace)'];
    return {
      actorId,
      actorRoles: new Set(),
      reviewerRefusal: null,
      missingReviewerTraining: unknown,
      missingSubmitterTraining: unknown,
    };
  }
  const roles = rolesOf(person, policy, at);
  return {
    actorId,
    actorRoles: roles,
    reviewerRefusal: roles.has('reviewer') ? null : reviewerRoleRefusal(person, policy, at),
    missingReviewerTraining: missingTraining(content, person, entries, policy.required.roles.reviewer, at),
    missingSubmitterTraining: missingTraining(content, person, entries, modulesRequiredToSubmit(policy), at),
  };
}

/** Why someone named as a reviewer does not hold the role at `at` (ended, not yet started); null otherwise. */
export function reviewerRoleRefusal(who: RoleSubject, policy: Policy, at: Date): Reason | null {
  const window = roleOutOfForce(who, policy, 'reviewer', at);
  if (window === null) return null;
  return 'ended' in window
    ? reason('review.reviewerRoleEnded', { day: window.ended })
    : reason('review.reviewerRoleStarts', { day: window.starts });
}

/**
 * Projects every review in the workspace. Roles come from the policy as it reads now, for the day
 * of each event (an entry's from/until); training is judged as it stood when each event was written.
 */
export function projectWorkspaceReviews(
  ledgers: readonly LedgerRead[],
  content: ReviewContent,
  questionnaire: Questionnaire | undefined,
  /** Earlier versions kept in content: submissions recorded with them are re-checked with them. */
  earlier: readonly Questionnaire[] = [],
): ReviewWorkspaceView {
  const base = workspacePeople(ledgers);
  const events: ReviewEventInput[] = [];
  for (const [, entries] of base.entriesByActor) {
    for (const e of entries) if (e.type.startsWith('review.')) events.push(e);
  }
  const { reviews, ignored } = projectReviews(events, {
    contextFor: (e) => transitionContext(content, base, e.actor, new Date(e.ts)),
    questionnaire,
    questionnaires: earlier,
  });
  return { ...base, reviews, ignored };
}
