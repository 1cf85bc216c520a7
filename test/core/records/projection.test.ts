// The records projection over real ledgers made through the real services: the completion matrix,
// who is overdue and what they need, rates by team and module, the reviews register and the
// scope each viewer gets (a manager's teams, all, or only your own records).
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { readWorkspace } from '../../../electron/core/ledger';
import { projectRecords, type RecordsViewer } from '../../../electron/core/records/projection';
import { loadQuestionnaire } from '../../../electron/core/review/questionnaire';
import { loadContent } from '../../../electron/core/training/content';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { autofillDraft } from '../../support/reviewAutofill';
import { tempServices, type TempServices } from '../../support/services';
import { stewardWorkspace } from '../../../electron/core/events';
import { workspaceOrgOf } from '../../../electron/core/org/workspaceOrg';

let dir: string;
let contentDir: string;
let env: TempServices;
let s: Services;
let clock: Date;

function editPolicy(edit: (policy: { roles: { reviewers: unknown[]; managers: unknown[] } }) => void): void {
  const file = path.join(contentDir, 'policy.yaml');
  const policy = YAML.parse(fs.readFileSync(file, 'utf8')) as {
    roles: { reviewers: unknown[]; managers: unknown[] };
  };
  edit(policy);
  fs.writeFileSync(file, YAML.stringify(policy));
}

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  env = await tempServices({ prefix: 'steward-records-', now: () => clock });
  ({ dir, contentDir, services: s } = env);
});
afterEach(() => env.close());

async function project(viewer: ProfileSummary, at = clock) {
  const { ledgers } = await readWorkspace(stewardWorkspace(path.join(dir, 'user', 'workspace')), {
    depth: 'quick',
  });
  const content = loadContent(contentDir);
  return projectRecords({
    ledgers,
    authority: workspaceOrgOf(ledgers, content.policy, null).authority,
    content: { policy: content.policy, modules: content.modules },
    questionnaire: loadQuestionnaire(contentDir).questionnaire ?? undefined,
    now: at,
    viewer: viewer as RecordsViewer,
  });
}

/** Three people in two teams; Zoë (Product) completes the submitter modules, Ben (Legal) all. */
async function people() {
  const zoe = await s.createProfile({ name: 'Zoë Ångström', email: 'zoe@example.com', team: 'Product' });
  await completeModules(s, SUBMITTER_MODULES, contentDir);
  const ben = await s.createProfile({ name: 'Ben Schmidt', email: 'ben@example.com', team: 'Legal' });
  await completeModules(s, ALL_MODULES, contentDir);
  const cat = await s.createProfile({ name: 'Cat Nguyen', email: 'cat@example.com', team: 'Product' });
  return { zoe, ben, cat };
}

describe('records projection', () => {
  it('shows an employee only their own records', async () => {
    const { zoe } = await people();
    const { view, ledgers } = await project(zoe);
    expect(view.scope).toEqual({ kind: 'self', teams: [] });
    expect(view.people.map((p) => p.name)).toEqual(['Zoë Ångström']);
    expect(new Set(view.matrix.map((r) => r.personId))).toEqual(new Set([zoe.id]));
    expect(view.matrix).toHaveLength(loadContent(contentDir).modules.length);
    expect(ledgers.map((l) => l.profileId)).toEqual([zoe.id]);
    expect(view.heads).toEqual([
      { profileId: zoe.id, entries: ledgers[0]!.entries.length, headHash: ledgers[0]!.headHash },
    ]);
  });

  it("shows a manager their teams' people, with statuses, scores and what is overdue", async () => {
    const { zoe, ben, cat } = await people();
    editPolicy((p) =>
      p.roles.managers.push({ email: ben.email, fingerprint: ben.fingerprint, teams: ['product'] }),
    );
    // Two months later, Cat (a new starter 30 days ago) is overdue on everything required of her.
    clock = new Date('2026-05-02T09:00:00Z');
    const { view } = await project(ben);
    expect(view.scope).toEqual({ kind: 'teams', teams: ['product'] });
    // Ben sees Product and his own records, not anyone else's.
    expect(view.people.map((p) => p.id).sort()).toEqual([zoe.id, ben.id, cat.id].sort());

    const zoeRows = view.matrix.filter((r) => r.personId === zoe.id);
    const done = zoeRows
      .filter((r) => r.completedAt !== null)
      .map((r) => r.moduleId)
      .sort();
    expect(done).toEqual([...SUBMITTER_MODULES].sort());
    for (const r of zoeRows.filter((x) => x.completedAt)) {
      expect(r.status).toBe('passed');
      expect(r.score).toBeGreaterThanOrEqual(80);
      expect(r.entryHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.attempts).toBeGreaterThanOrEqual(1);
      expect(Date.parse(r.expiresAt!)).toBeGreaterThan(Date.parse(r.completedAt!));
    }
    const catOverdue = view.overdue.find((o) => o.personId === cat.id);
    expect(catOverdue?.modules.length).toBeGreaterThan(0);
    expect(catOverdue?.modules.every((m) => m.status === 'overdue')).toBe(true);
    const catRequired = view.matrix.filter((r) => r.personId === cat.id && r.required);
    expect(catOverdue?.modules.map((m) => m.moduleId).sort()).toEqual(
      catRequired.map((r) => r.moduleId).sort(),
    );

    const product = view.byTeam.find((t) => t.label === 'Product')!;
    const productRequired = view.matrix.filter((r) => r.team === 'Product' && r.required);
    expect(product.required).toBe(productRequired.length);
    expect(product.current).toBe(
      productRequired.filter((r) => r.status === 'passed' || r.status === 'dueSoon').length,
    );
    expect(product.overdue).toBe(productRequired.filter((r) => r.status === 'overdue').length);
    const totalRequired = view.byModule.reduce((n, m) => n + m.required, 0);
    expect(totalRequired).toBe(view.matrix.filter((r) => r.required).length);
  });

  it('lists reviews in the register with decision, reviewer, conditions and days to decision', async () => {
    const { zoe, ben } = await people();
    editPolicy((p) => {
      p.roles.reviewers.push({ email: ben.email, fingerprint: ben.fingerprint });
      p.roles.managers.push({ email: ben.email, fingerprint: ben.fingerprint, all: true });
    });
    await s.switchProfile({ profileId: zoe.id });
    const draft = await s.createReviewDraft({});
    await autofillDraft(s, draft.draftId, { proposalTitle: 'Churn =HYPERLINK("x") model' });
    const submitted = await s.submitReview({ draftId: draft.draftId });
    clock = new Date('2026-03-09T10:00:00Z');
    await s.switchProfile({ profileId: ben.id });
    await s.decideReview({
      reviewId: submitted.summary.reviewId,
      version: 1,
      decision: 'approvedWithConditions',
      rationale: 'Fine with a retention limit.',
      conditions: [{ text: 'Delete raw logs after 90 days', owner: 'Zoë', dueDate: '2026-06-01' }],
      reReviewDate: '2027-03-01',
      dpoAdvice: null,
    });
    const { view } = await project(ben);
    expect(view.scope.kind).toBe('all');
    expect(view.reviews).toHaveLength(1);
    expect(view.reviews[0]).toMatchObject({
      title: 'Churn =HYPERLINK("x") model',
      status: 'approvedWithConditions',
      decision: 'approvedWithConditions',
      submitter: { id: zoe.id, name: 'Zoë Ångström' },
      reviewer: { id: ben.id, name: 'Ben Schmidt' },
      conditions: [
        { text: 'Delete raw logs after 90 days', owner: 'Zoë', dueDate: '2026-06-01', metAt: null },
      ],
      reReviewDate: '2027-03-01',
      daysToDecision: 7,
      source: 'workspace',
    });
    expect(view.reviewOutcomes).toEqual([
      {
        month: '2026-03',
        approved: 0,
        approvedWithConditions: 1,
        rejected: 0,
        changesRequested: 0,
        medianDaysToDecision: 7,
      },
    ]);
    // Zoë meets the condition: the register says when.
    clock = new Date('2026-04-02T08:00:00Z');
    await s.switchProfile({ profileId: zoe.id });
    await s.markConditionMet({
      reviewId: submitted.summary.reviewId,
      conditionId: 'c1',
      note: 'Retention job runs nightly.',
    });
    expect((await project(ben)).view.reviews[0]!.conditions).toEqual([
      {
        text: 'Delete raw logs after 90 days',
        owner: 'Zoë',
        dueDate: '2026-06-01',
        metAt: '2026-04-02T08:00:00.000Z',
      },
    ]);
    // Cat is not a submitter: a Product employee sees no review register rows but her own.
    const cat = (await s.listProfiles({})).find((p) => p.name === 'Cat Nguyen')!;
    expect((await project(cat)).view.reviews).toEqual([]);
    expect((await project(zoe)).view.reviews.map((r) => r.reviewId)).toEqual([submitted.summary.reviewId]);
  });

  it('marks people whose ledgers were imported', async () => {
    const { zoe, ben } = await people();
    editPolicy((p) => p.roles.managers.push({ email: ben.email, fingerprint: ben.fingerprint, all: true }));
    const { ledgers } = await readWorkspace(stewardWorkspace(path.join(dir, 'user', 'workspace')), {
      depth: 'quick',
    });
    const content = loadContent(contentDir);
    const { view } = projectRecords({
      ledgers,
      authority: workspaceOrgOf(ledgers, content.policy, null).authority,
      content: { policy: content.policy, modules: content.modules },
      questionnaire: undefined,
      now: clock,
      viewer: ben as RecordsViewer,
      imports: new Map([[zoe.id, { file: 'zoe.stewardbundle', at: '2026-03-01T00:00:00.000Z' }]]),
    });
    expect(view.people.find((p) => p.id === zoe.id)).toMatchObject({
      source: 'imported',
      importedFrom: { file: 'zoe.stewardbundle' },
    });
    expect(view.matrix.filter((r) => r.personId === zoe.id).every((r) => r.source === 'imported')).toBe(true);
    expect(view.matrix.filter((r) => r.personId === ben.id).every((r) => r.source === 'workspace')).toBe(
      true,
    );
  });
});
