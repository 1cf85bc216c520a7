// The managers' records, projected from every ledger in the workspace: the completion matrix
// (people x modules), who is overdue or due soon and what they still need, completion rates by
// team and module, the reviews register and review outcomes over time. Pure: the same ledgers,
// content, clock and viewer always give the same view. Nothing here is stored.
import { witnessBounds } from '../witness/compare';
import type {
  AttentionItem,
  LedgerHeadRef,
  MatrixRow,
  RateRow,
  RecordSource,
  RecordsPerson,
  RecordsScope,
  RecordsView,
  ReviewOutcomeMonth,
  ReviewRegisterRow,
  IgnoredEntry,
} from '../contract/views/records';
import type { ReviewPerson } from '../contract/views/reviews';
import type { TrainingStatus } from '../contract/views/training';
import type { LedgerRead } from '../ledger';
import type { Authority } from '../org/authority';
import { requiredModulesFor, scopeCovers } from '../policy/roles';
import type { Questionnaire } from '../review/questionnaire';
import { dpiaNeededOf, overallRiskOf } from '../review/model';
import {
  projectWorkspaceReviews,
  type ReviewContent,
  type WorkspacePerson,
} from '../review/reviewProjection';
import { reviewDisplayStatus, type ReviewState } from '../review/workflow';
import { projectTraining } from '../training/status';
import { formatReason } from '../contract/reasons';

const DAY_MS = 86_400_000;
const CURRENT: ReadonlySet<TrainingStatus> = new Set(['passed', 'dueSoon']);

/** Who is looking: their profile id (the authority says what they may see). */
export interface RecordsViewer {
  id: string;
}

export interface ImportSource {
  file: string;
  at: string;
}

export interface RecordsInput {
  ledgers: readonly LedgerRead[];
  content: ReviewContent;
  questionnaire: Questionnaire | undefined;
  /** Earlier questionnaire versions kept in content, to re-check reviews submitted on them. */
  earlierQuestionnaires?: readonly Questionnaire[];
  now: Date;
  viewer: RecordsViewer;
  /** People whose ledgers came from an imported bundle or export, by profile id. */
  imports?: ReadonlyMap<string, ImportSource>;
  /** Who holds which role and who is who (the roster, or the policy file). */
  authority: Authority;
}

export interface RecordsProjection {
  view: RecordsView;
  /** The ledgers of the people in the view (exports that carry signed entries use these). */
  ledgers: LedgerRead[];
}

/** Whose records the viewer may see: a manager's teams (or all), else their own. */
export function recordsScope(viewer: RecordsViewer, authority: Authority, at: Date): RecordsScope {
  const scope = authority.managerScopeAt(viewer.id, at);
  if (!scope) return { kind: 'self', teams: [] };
  if (scope.all) return { kind: 'all', teams: [] };
  return { kind: 'teams', teams: [...scope.teams].sort((a, b) => a.localeCompare(b)) };
}

/**
 * One row of the records per person: on a roster, every key of an enrolled person is that person
 * (their training on any device counts once); a profile nobody enrolled stands alone, marked so.
 * Without an organisation, one per profile, as before.
 */
interface RecordPerson extends WorkspacePerson {
  profileIds: string[];
  enrolled: boolean;
}

function recordPeople(people: ReadonlyMap<string, WorkspacePerson>, authority: Authority): RecordPerson[] {
  const byKey = new Map<string, RecordPerson>();
  for (const p of [...people.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  )) {
    const who = authority.identityOf(p.id);
    const key = authority.mode === 'roster' && who.enrolled ? authority.personKey(p.id) : `profile:${p.id}`;
    const known = byKey.get(key);
    if (known) {
      known.profileIds.push(p.id);
      continue;
    }
    byKey.set(key, {
      ...p,
      name: who.name,
      email: who.email,
      team: who.team,
      profileIds: [p.id],
      enrolled: who.enrolled,
    });
  }
  return [...byKey.values()];
}

function inScope(scope: RecordsScope, viewer: RecordsViewer, person: RecordPerson): boolean {
  if (person.profileIds.includes(viewer.id)) return true;
  if (scope.kind === 'self') return false;
  return scopeCovers({ all: scope.kind === 'all', teams: scope.teams }, person.team);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

function rate(key: string, label: string): RateRow {
  return { key, label, required: 0, current: 0, overdue: 0 };
}

function byName<T extends { name: string; personId: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId);
}

export function projectRecords(input: RecordsInput): RecordsProjection {
  const { content, now, viewer } = input;
  const { policy, modules } = content;
  const imports = input.imports ?? new Map<string, ImportSource>();
  const { authority } = input;
  const scope = recordsScope(viewer, authority, now);
  const reviewsView = projectWorkspaceReviews(
    input.ledgers,
    content,
    input.questionnaire,
    authority,
    witnessBounds(input.ledgers),
    input.earlierQuestionnaires ?? [],
  );

  const visible = recordPeople(reviewsView.people, authority)
    .filter((p) => inScope(scope, viewer, p))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const visibleIds = new Set(visible.map((p) => p.id));
  const sourceOf = (id: string): RecordSource => (imports.has(id) ? 'imported' : 'workspace');

  const people: RecordsPerson[] = visible.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    team: p.team,
    enrolled: p.enrolled,
    source: sourceOf(p.id),
    importedFrom: imports.get(p.id) ?? null,
  }));

  const matrix: MatrixRow[] = [];
  const overdue: AttentionItem[] = [];
  const dueSoon: AttentionItem[] = [];
  const teamRates = new Map<string, RateRow>();
  const moduleRates = new Map(modules.map((m) => [m.id, rate(m.id, m.title)]));

  for (const person of visible) {
    const entries =
      person.profileIds.length === 1
        ? (reviewsView.entriesByActor.get(person.id) ?? [])
        : person.profileIds
            .flatMap((id) => reviewsView.entriesByActor.get(id) ?? [])
            .sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    const roles = new Set(
      [...authority.rolesAt(person.id, now)].filter((r): r is 'reviewer' | 'manager' => r !== 'admin'),
    );
    const required = requiredModulesFor(person, policy, now, roles);
    const projection = projectTraining({
      entries,
      modules,
      policy,
      required,
      profileCreatedAt: person.createdAt,
      now,
    });
    const attempts = new Map<string, number>();
    for (const e of entries) {
      if (e.type === 'training.quizAttempted') {
        attempts.set(e.data.moduleId, (attempts.get(e.data.moduleId) ?? 0) + 1);
      }
    }
    const source = sourceOf(person.id);
    const teamKey = person.team.trim().toLowerCase();
    let team = teamRates.get(teamKey);
    if (!team) {
      team = rate(teamKey, person.team.trim());
      teamRates.set(teamKey, team);
    }
    const late: AttentionItem['modules'] = [];
    const soon: AttentionItem['modules'] = [];
    for (const m of modules) {
      const p = projection.get(m.id);
      if (!p) continue;
      const c = p.lastCompletion;
      matrix.push({
        personId: person.id,
        name: person.name,
        team: person.team,
        moduleId: m.id,
        moduleTitle: m.title,
        required: p.required,
        status: p.status,
        completedAt: c?.completedAt ?? null,
        completedVersion: c?.version ?? null,
        score: c?.score ?? null,
        expiresAt: c?.expiresAt ?? null,
        dueAt: p.dueAt,
        attempts: attempts.get(m.id) ?? 0,
        source,
        entryHash: c?.entryHash ?? null,
      });
      if (!p.required) continue;
      const moduleRate = moduleRates.get(m.id)!;
      for (const r of [team, moduleRate]) {
        r.required++;
        if (CURRENT.has(p.status)) r.current++;
        if (p.status === 'overdue') r.overdue++;
      }
      const item = { moduleId: m.id, title: m.title, status: p.status, dueAt: p.dueAt };
      if (p.status === 'overdue') late.push(item);
      else if (p.status === 'dueSoon' || p.status === 'updated') soon.push(item);
    }
    const who = { personId: person.id, name: person.name, team: person.team };
    if (late.length > 0) overdue.push({ ...who, modules: late });
    if (soon.length > 0) dueSoon.push({ ...who, modules: soon });
  }

  const personOf = (id: string): ReviewPerson => {
    const p = reviewsView.people.get(id);
    return p ? { id, name: p.name, team: p.team } : { id, name: 'Unknown person', team: '' };
  };
  const registerOf = (state: ReviewState): ReviewRegisterRow => {
    const latest = state.versions[state.versions.length - 1]!;
    const d = state.decision;
    return {
      reviewId: state.reviewId,
      title: state.title,
      status: reviewDisplayStatus(state, now),
      inConflict: state.conflict !== null,
      version: state.version,
      submitter: personOf(state.submitter),
      submittedAt: state.submittedAt,
      overallRisk: overallRiskOf(latest.assessment),
      dpiaRequired: dpiaNeededOf(latest.assessment),
      decision: d?.decision ?? null,
      decidedAt: d?.ts ?? null,
      reviewer: d ? personOf(d.actor) : null,
      conditions: (d?.conditions ?? []).map((c) => ({
        text: c.text,
        owner: c.owner,
        dueDate: c.dueDate,
        metAt: state.conditionsMet.find((m) => m.conditionId === c.id)?.ts ?? null,
      })),
      reReviewDate: d?.reReviewDate ?? null,
      daysToDecision: d
        ? Math.max(0, Math.floor((Date.parse(d.ts) - Date.parse(state.submittedAt)) / DAY_MS))
        : null,
      source: sourceOf(state.submitter),
    };
  };
  // The register holds the reviews of the people in view and, whoever submitted them, those the
  // viewer decided: a reviewer's own records include their decisions.
  const inRegister = (state: ReviewState): boolean =>
    visibleIds.has(state.submitter) || state.decision?.actor === viewer.id;
  const reviews = reviewsView.reviews.filter(inRegister).map(registerOf);

  const months = new Map<string, ReviewOutcomeMonth & { days: number[] }>();
  const monthOf = (ts: string) => {
    const key = ts.slice(0, 7);
    let m = months.get(key);
    if (!m) {
      m = {
        month: key,
        approved: 0,
        approvedWithConditions: 0,
        rejected: 0,
        changesRequested: 0,
        medianDaysToDecision: null,
        days: [],
      };
      months.set(key, m);
    }
    return m;
  };
  for (const state of reviewsView.reviews) {
    if (!inRegister(state)) continue;
    for (const change of state.changeRequests) monthOf(change.ts).changesRequested++;
    if (state.decision) {
      const m = monthOf(state.decision.ts);
      m[state.decision.decision]++;
      m.days.push(
        Math.max(0, Math.floor((Date.parse(state.decision.ts) - Date.parse(state.submittedAt)) / DAY_MS)),
      );
    }
  }
  const reviewOutcomes = [...months.values()]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map(({ days, ...m }) => ({ ...m, medianDaysToDecision: median(days) }));

  const scopedLedgers = input.ledgers.filter((l) => visibleIds.has(l.profileId));
  const heads: LedgerHeadRef[] = scopedLedgers
    .map((l) => ({ profileId: l.profileId, entries: l.entries.length, headHash: l.headHash }))
    .sort((a, b) => a.profileId.localeCompare(b.profileId));

  const ignored: IgnoredEntry[] = reviewsView.ignored
    .filter((i) => visibleIds.has(i.actor))
    .map((i) => ({
      type: i.type,
      personId: i.actor,
      name: personOf(i.actor).name,
      entryHash: i.hash,
      reason: i.reason,
    }));

  const teams = [...new Set(visible.map((p) => p.team.trim()))].sort((a, b) => a.localeCompare(b));
  const view: RecordsView = {
    asOf: now.toISOString(),
    scope,
    people,
    modules: modules.map((m) => ({ id: m.id, title: m.title, version: m.version })),
    teams,
    matrix,
    overdue: overdue.sort(byName),
    dueSoon: dueSoon.sort(byName),
    byTeam: [...teamRates.values()].sort((a, b) => a.label.localeCompare(b.label)),
    byModule: [...moduleRates.values()],
    reviews,
    reviewOutcomes,
    heads,
    ignored,
  };
  return { view, ledgers: scopedLedgers };
}

/** An ignored entry in English, for the report and other English documents. */
export function describeIgnored(i: IgnoredEntry): string {
  return `A ${i.type} entry by ${i.name} (${i.entryHash.slice(0, 12)}…) was not used: ${formatReason(i.reason)}`;
}
