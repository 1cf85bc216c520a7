// Every review's state, projected from the ledgers of everyone in the workspace. Pure: the same
// ledgers, content and questionnaire give the same states. Used by the review services (queue,
// detail, decisions) and by the records dashboard (the reviews register).
import { ledgerTimeBounds } from '../ledger/timeBounds';
import type { ReviewPerson } from '../contract/views/reviews';
import { fingerprintOf, profileCreatedSchema } from '../ledger';
import type { LedgerEntry, LedgerRead } from '../ledger';
import type { Policy } from '../policy/policy';
import { reason } from '../contract/reasons';
import type { Authority } from '../org/authority';
import { modulesRequiredToSubmit } from '../policy/roles';
import type { TrainingModule } from '../training/content';
import { projectTraining } from '../training/status';
import type { Questionnaire } from './questionnaire';
import { projectReviews } from './workflow';
import type {
  IgnoredReviewEvent,
  ReviewEventInput,
  ReviewRole,
  ReviewState,
  TransitionContext,
} from './workflow';

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
  authority: Authority,
  actorId: string,
  at: Date,
): TransitionContext {
  const { policy } = content;
  const person = view.people.get(actorId);
  const entries = view.entriesByActor.get(actorId) ?? [];
  const roles = authority.rolesAt(actorId, at);
  const reviewerRoles = new Set(
    [...roles].filter((r): r is ReviewRole => r === 'reviewer' || r === 'manager'),
  );
  const refusal = authority.roleRefusal(actorId, 'reviewer', at);
  const enrolled = person !== undefined && authority.enrolledAt(actorId, at);
  // Nobody we know of (no genesis in this workspace) has no training on record.
  const missing = (required: readonly string[]) =>
    person ? missingTraining(content, person, entries, required, at) : [...required];
  return {
    actorId,
    samePerson: (a, b) => a === b || authority.personKey(a) === authority.personKey(b),
    enrolmentRefusal: enrolled ? null : (refusal ?? reason('org.noOrganisation')),
    actorRoles: reviewerRoles,
    reviewerRefusal: reviewerRoles.has('reviewer') ? null : refusal,
    missingReviewerTraining: missing(policy.required.roles.reviewer),
    missingSubmitterTraining: missing(modulesRequiredToSubmit(policy)),
  };
}

export { ledgerTimeBounds } from '../ledger/timeBounds';

/**
 * Projects every review in the workspace. Roles come from the policy as it reads now, for the day
 * of each event (an entry's from/until); training is judged as it stood when each event was written.
 */
export function projectWorkspaceReviews(
  ledgers: readonly LedgerRead[],
  content: ReviewContent,
  questionnaire: Questionnaire | undefined,
  authority: Authority,
  witnessed?: (profileId: string, seq: number) => string | null,
  /** Earlier versions kept in content: submissions recorded with them are re-checked with them. */
  earlier: readonly Questionnaire[] = [],
): ReviewWorkspaceView {
  const base = workspacePeople(ledgers);
  const events: ReviewEventInput[] = [];
  for (const [, entries] of base.entriesByActor) {
    for (const e of entries) if (e.type.startsWith('review.')) events.push(e);
  }
  const notBefore = ledgerTimeBounds(base.entriesByActor, witnessed);
  const { reviews, ignored } = projectReviews(events, {
    contextFor: (e, _state, at) => transitionContext(content, base, authority, e.actor, at),
    notBefore: (e) => notBefore.get(e.hash) ?? null,
    questionnaire,
    questionnaires: earlier,
  });
  return { ...base, reviews, ignored };
}
