// One review's record for a supervisory authority: exported (JSON and PDF) through the real
// services after a full review — a needed DPIA exempted by a reviewer, an approval with a
// condition later marked met — then checked by `steward review check` as anyone would, and
// refused in every way it can be tampered with.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { STEWARD_EVENTS } from '../../electron/core/events';
import { decodeLine, entryBody, sha256Hex } from '../../electron/core/ledger/entry';
import { generateProfileKeys, signDigest } from '../../electron/core/ledger/keys';
import {
  checkReviewRecord,
  recordDigest,
  type ReviewRecordFile,
} from '../../electron/core/review/reviewRecord';
import { fileOnlyProtector, loadKey } from '../../electron/core/profiles/keystore';
import { runSteward } from '../support/cli';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../support/moduleKey';
import { tempServices, type TempServices } from '../support/services';
import { CASES } from '../core/review/calibration/cases';

let env: TempServices;
let jsonFile: string;
let pdfFile: string;
let reviewer: ProfileSummary;
let reviewId: string;
let original: ReviewRecordFile;
let reviewerKeyPem: string;
let submitterId: string;

const steward = (...args: string[]) => runSteward(env.dir, args, { timeout: 120_000 });
const ws = () => path.join(env.userDataDir, 'workspace');
const check = (file: string, ...more: string[]) =>
  steward('review', 'check', file, '--workspace', ws(), '--content', env.contentDir, ...more);
/** Writes a changed copy of the record and returns its path. */
function tampered(name: string, change: (r: ReviewRecordFile) => void): string {
  const copy = structuredClone(original);
  change(copy);
  const file = path.join(env.dir, `${name}.review.json`);
  fs.writeFileSync(file, JSON.stringify(copy, null, 2));
  return file;
}
const resign = (r: ReviewRecordFile, pem: string) => {
  r.signature = signDigest(recordDigest(r), pem);
};

beforeAll(async () => {
  let saveTo = '';
  env = await tempServices({
    prefix: 'steward-review-record-',
    capabilities: { host: 'test', chooseSavePath: async () => saveTo },
  });
  const s = env.services;
  reviewer = await s.createProfile({
    name: 'Ben Schmidt',
    email: 'ben@example.com',
    team: 'Legal & Privacy',
  });
  const policyFile = path.join(env.contentDir, 'policy.yaml');
  const policy = YAML.parse(fs.readFileSync(policyFile, 'utf8')) as { roles: { reviewers: unknown[] } };
  policy.roles.reviewers.push({ email: reviewer.email, fingerprint: reviewer.fingerprint });
  fs.writeFileSync(policyFile, YAML.stringify(policy));
  await completeModules(s, ALL_MODULES, env.contentDir);
  const submitter = await s.createProfile({ name: 'Amara Okafor', email: 'amara@example.com', team: 'HR' });
  await completeModules(s, SUBMITTER_MODULES, env.contentDir);

  // A staff alert scheme (on the CNIL's list): the submitter claims the similar-processing exemption.
  const answers = {
    ...CASES.find((c) => c.id === 'cnil-whistleblowing')!.answers,
    dpiaRoute: 'exemption',
    exemptionBasis: 'similarProcessing',
    launchDate: '2030-01-01',
    auditDate: '2031-01-01',
  };
  const draft = await s.createReviewDraft({});
  let saved = await s.saveReviewDraft({ draftId: draft.draftId, answers, mitigationResponses: [] });
  for (let i = 0; i < 4 && saved.assessment.unansweredMitigations.length > 0; i++) {
    saved = await s.saveReviewDraft({
      draftId: draft.draftId,
      answers,
      mitigationResponses: saved.assessment.mitigations.map((m) => ({
        mitigationId: m.id,
        status: 'accepted' as const,
        owner: 'HR lead',
        dueDate: '2030-01-01',
      })),
    });
  }
  expect(saved.submitBlockers).toEqual([]);
  reviewId = (await s.submitReview({ draftId: draft.draftId })).summary.reviewId;

  await s.switchProfile({ profileId: reviewer.id });
  const approve = {
    reviewId,
    version: 1,
    decision: 'approvedWithConditions' as const,
    rationale: 'The group scheme was assessed; this is the same scheme.',
    conditions: [{ text: 'Train the two case handlers', owner: 'HR lead', dueDate: '2030-02-01' }],
    reReviewDate: '2031-01-01',
    dpoAdvice: { followed: true },
  };
  await expect(s.decideReview(approve)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  const exempted = await s.recordDpiaExemption({
    reviewId,
    version: 1,
    basis: 'similarProcessing',
    reason: 'The group alert scheme, assessed in 2026, is the same scheme with the same risks.',
    reference: 'Group DPIA 2026-04 (alert scheme)',
    dpoView: 'Agreed: the group DPIA covers it.',
  });
  expect(exempted.dpia.standing).toBe('exempted');
  await s.decideReview(approve);
  await s.switchProfile({ profileId: submitter.id });
  await s.markConditionMet({ reviewId, conditionId: 'c1', note: 'Both trained on 3 Jan.' });
  await s.switchProfile({ profileId: reviewer.id });

  jsonFile = path.join(env.dir, 'alerts.review.json');
  pdfFile = path.join(env.dir, 'alerts.review.pdf');
  saveTo = jsonFile;
  const json = await s.exportReviewRecord({ reviewId, format: 'json' });
  saveTo = pdfFile;
  const pdf = await s.exportReviewRecord({ reviewId, format: 'pdf' });
  expect(json.digest).toBe(pdf.digest === null ? null : json.digest);
  original = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as ReviewRecordFile;
  reviewerKeyPem = loadKey(path.join(env.userDataDir, 'keys'), fileOnlyProtector, reviewer.id).privateKeyPem;
  submitterId = submitter.id;
}, 180_000);
afterAll(() => env.close());

describe('the review record', () => {
  it('holds what an authority asks for, and checks: in core, and with steward review check against the workspace', () => {
    const view = original.view as Record<string, unknown> & { assessment: { format: number } };
    expect(view).toMatchObject({
      reviewId,
      status: 'approvedWithConditions',
      dpia: { standing: 'exempted' },
      exemptions: [expect.objectContaining({ basis: 'similarProcessing', by: reviewer.id })],
      conditions: [
        expect.objectContaining({
          text: 'Train the two case handlers',
          met: expect.objectContaining({ note: 'Both trained on 3 Jan.' }),
        }),
      ],
    });
    expect(view.assessment.format).toBe(2);
    expect((view.signed as { type: string }[]).map((x) => x.type)).toEqual([
      'review.submitted',
      'review.dpiaExempted',
      'review.decided',
      'review.conditionMet',
    ]);
    expect(original.questionnaires[0]?.files.map((f) => f.path)).toEqual([
      'review/data-use-review.yaml',
      'review/dpia-lists/ico.yaml',
      'review/dpia-lists/cnil.yaml',
    ]);
    const core = checkReviewRecord(fs.readFileSync(jsonFile, 'utf8'), STEWARD_EVENTS);
    expect(core.problems).toEqual([]);
    expect(core.ok).toBe(true);
    const r = check(jsonFile);
    expect(r.err).toBe('');
    expect(r.out).toContain(`review   ${reviewId}`);
    expect(r.out).toContain('signer   Ben Schmidt <ben@example.com>  key ');
    expect(r.out).toMatch(/record check: ok \(and matches the workspace\)/);
    expect(r.code).toBe(0);
  });

  it('the PDF is a PDF with the record digest, and is not mistaken for the record', () => {
    const pdf = fs.readFileSync(pdfFile);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const r = check(pdfFile);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is the PDF: check the JSON record exported with it/);
  });

  it('refuses a copy whose words were changed (the decision rationale)', () => {
    const file = tampered('words', (r) => {
      (r.view as { decision: { rationale: string } }).decision.rationale = 'Approved without any concern.';
    });
    const r = check(file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "problem: the exporter's signature does not match the record: it was changed after it was exported",
    );
    expect(r.out).toContain('problem: what the record says does not match its signed entries');
    expect(r.out).toMatch(/record check FAILED/);
  });

  it('refuses the changed words even when someone re-signs the copy with a key of their own', () => {
    const forger = generateProfileKeys();
    const file = tampered('resigned', (r) => {
      (r.view as { status: string }).status = 'approved';
      resign(r, forger.privateKeyPem);
    });
    expect(check(file).out).toContain("problem: the exporter's signature does not match the record");
    // Re-signed by the real exporter (a dishonest DPO): the words still have to match the entries.
    const byExporter = tampered('resigned-exporter', (r) => {
      (r.view as { status: string }).status = 'approved';
      resign(r, reviewerKeyPem);
    });
    const r = check(byExporter);
    expect(r.out).not.toContain("exporter's signature");
    expect(r.out).toContain('problem: what the record says does not match its signed entries');
    expect(r.code).toBe(1);
  });

  it('refuses an edited entry, and one whose hash was recomputed after the edit', () => {
    const decidedAt = original.entries.findIndex((l) => l.includes('"type":"review.decided"'));
    const edited = tampered('entry', (r) => {
      r.entries[decidedAt] = r.entries[decidedAt]!.replace(
        'The group scheme was assessed',
        'No DPIA was needed',
      );
      resign(r, reviewerKeyPem);
    });
    expect(check(edited).out).toContain(`problem: entry ${decidedAt + 1} is not an intact ledger entry`);
    const rehashed = tampered('rehashed', (r) => {
      const decoded = decodeLine(r.entries[decidedAt]!, STEWARD_EVENTS);
      if (!decoded.ok) throw new Error('fixture');
      const e = decoded.entry as { data: { rationale: string } } & typeof decoded.entry;
      e.data.rationale = 'No DPIA was needed.';
      const body = entryBody(e);
      r.entries[decidedAt] = `${body.slice(0, -1)},"hash":"${sha256Hex(body)}","sig":"${e.sig}"}`;
      resign(r, reviewerKeyPem);
    });
    const r = check(rehashed);
    expect(r.out).toContain(
      `problem: entry ${decidedAt + 1} (review.decided) is not signed by ${reviewer.id}`,
    );
    expect(r.code).toBe(1);
  });

  it('refuses a record with an entry left out, when checked against the workspace', () => {
    const file = tampered('omitted', (r) => {
      r.entries = r.entries.filter((l) => !l.includes('"type":"review.conditionMet"'));
      // The view rebuilt to match (as the exporter could), and re-signed by the exporter.
      const view = r.view as { conditions: { met: unknown }[]; signed: { type: string }[] };
      view.conditions[0]!.met = null;
      view.signed = view.signed.filter((x) => x.type !== 'review.conditionMet');
      resign(r, reviewerKeyPem);
    });
    // On its own the copy is consistent; the workspace shows what is missing.
    expect(checkReviewRecord(fs.readFileSync(file, 'utf8'), STEWARD_EVENTS).problems).toEqual([]);
    const r = check(file);
    expect(r.out).toMatch(
      /problem: the workspace has an entry of this review from .* \(review\.conditionMet\) that the record leaves out/,
    );
    expect(r.code).toBe(1);
  });

  it('refuses a changed questionnaire, and a changed signer', () => {
    const questionnaire = tampered('questionnaire', (r) => {
      const file = r.questionnaires[0]!.files[0]!;
      file.text = file.text.replace('Is the processing large scale?', 'Is the processing very large?');
      resign(r, reviewerKeyPem);
    });
    expect(check(questionnaire).out).toContain(
      'problem: the questionnaire review/data-use-review.yaml is not the one the review was answered on',
    );
    const key = tampered('key', (r) => {
      const signer = r.signers.find((x) => x.profileId === reviewer.id)!;
      signer.line = signer.line.replace('Ben Schmidt', 'Benedict Schmidt');
      resign(r, reviewerKeyPem);
    });
    expect(check(key).out).toContain(`problem: the key of ${reviewer.id} is not an intact profile entry`);
  });

  it('steward review export writes the same kind of record from the command line', async () => {
    // The reviewer's ledger is the app's while it is the current profile: the CLI writes to it here.
    await env.services.switchProfile({ profileId: submitterId });
    const out = path.join(env.dir, 'cli.review.json');
    const r = steward(
      'review',
      'export',
      '--workspace',
      ws(),
      '--review',
      reviewId,
      '--format',
      'json',
      '--out',
      out,
      '--profile',
      reviewer.id,
      '--keys',
      path.join(env.userDataDir, 'keys'),
      '--content',
      env.contentDir,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/record digest [0-9a-f]{64}/);
    expect(check(out).code).toBe(0);
  });
});
