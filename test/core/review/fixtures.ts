// Shared fixtures for the review engine specs: a small questionnaire that exercises every
// question type and rule kind (written to real temp files and loaded through the real loader),
// the real content/review/data-use-review.yaml, and answer sets for it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import {
  loadQuestionnaire,
  loadQuestionnaireVersions,
  QUESTIONNAIRE_FILE,
} from '../../../electron/core/review/questionnaire';
import type { Questionnaire, QuestionnaireLoad } from '../../../electron/core/review/questionnaire';
import type { Answers } from '../../../electron/core/review/model';
import { SCREENING_CRITERIA } from '../../../electron/core/review/model';

export const REAL_CONTENT = path.resolve(import.meta.dirname, '../../../content');

const dirs: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-review-'));
  dirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Writes `text` as <tmp>/review/data-use-review.yaml and loads it with the real loader. */
export function loadText(text: string): QuestionnaireLoad {
  const dir = tempDir();
  const file = path.join(dir, ...QUESTIONNAIRE_FILE.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return loadQuestionnaire(dir);
}

export function loaded(text: string): Questionnaire {
  const result = loadText(text);
  expect(result.problems).toEqual([]);
  if (!result.questionnaire) throw new Error('questionnaire did not load');
  return result.questionnaire;
}

type Json = Record<string, unknown>;

/** The nine screening questions: yes adds privacy likelihood 1 x severity 1 so they never dominate scoring specs. */
function screeningQuestions(): Json[] {
  return SCREENING_CRITERIA.map((key, i) => ({
    id: `s${i + 1}`,
    type: 'yesNoUnsure',
    screening: key,
    label: `Criterion ${key}?`,
  }));
}

/**
 * A small questionnaire as plain data: every question type, every rule kind, weights on options,
 * yes/no/unsure values and number/scale bands, two flags and three mitigations.
 */
export function smallQuestionnaire(): Json {
  return {
    version: '1.0.0',
    title: 'Test review',
    sections: [
      {
        id: 'basics',
        title: 'Basics',
        questions: [
          { id: 'title', type: 'text', bind: 'title', label: 'Title', required: true, maxLength: 20 },
          { id: 'launch', type: 'date', bind: 'launchDate', label: 'Launch date' },
          {
            id: 'kind',
            type: 'single',
            label: 'Kind',
            required: true,
            options: [
              { id: 'a', label: 'Kind A' },
              {
                id: 'b',
                label: 'Kind B',
                weights: [{ dimension: 'privacy', likelihood: 2, severity: 2 }],
              },
              {
                id: 'c',
                label: 'Kind C',
                weights: [
                  { dimension: 'privacy', likelihood: 3, severity: 2 },
                  { dimension: 'legal', likelihood: 1, severity: 3 },
                ],
              },
            ],
          },
          {
            id: 'channels',
            type: 'multi',
            label: 'Channels',
            required: true,
            options: [
              { id: 'none', label: 'None', exclusive: true },
              {
                id: 'email',
                label: 'Email',
                weights: [{ dimension: 'reputation', likelihood: 1, severity: 3 }],
              },
              { id: 'sms', label: 'SMS', weights: [{ dimension: 'reputation', likelihood: 2, severity: 2 }] },
              {
                id: 'post',
                label: 'Post',
                weights: [{ dimension: 'reputation', likelihood: 1, severity: 1 }],
              },
            ],
          },
          {
            id: 'count',
            type: 'number',
            label: 'How many',
            min: 0,
            max: 1000,
            integer: true,
            unit: 'people',
            weightBands: [
              { gte: 100, weights: [{ dimension: 'security', likelihood: 1, severity: 3 }] },
              { gte: 500, weights: [{ dimension: 'security', likelihood: 2, severity: 3 }] },
            ],
          },
          {
            id: 'surprise',
            type: 'scale',
            label: 'Surprise',
            scale: { min: 1, max: 5, labels: ['none', 'little', 'some', 'much', 'total'] },
            weightBands: [{ gte: 4, weights: [{ dimension: 'fairness', likelihood: 3, severity: 3 }] }],
          },
          {
            id: 'sensitive',
            type: 'yesNoUnsure',
            label: 'Sensitive?',
            required: true,
            weights: {
              yes: [{ dimension: 'fairness', likelihood: 1, severity: 2 }],
              unsure: [{ dimension: 'fairness', likelihood: 1, severity: 1 }],
            },
          },
        ],
      },
      { id: 'screening', title: 'Screening', questions: screeningQuestions() },
      {
        id: 'branches',
        title: 'Branches',
        questions: [
          {
            id: 'ifEquals',
            type: 'yesNoUnsure',
            label: 'Shown when kind is b',
            required: true,
            showIf: { question: 'kind', equals: 'b' },
          },
          {
            id: 'ifIn',
            type: 'text',
            label: 'Shown when kind is a or c',
            required: true,
            showIf: { question: 'kind', in: ['a', 'c'] },
          },
          {
            id: 'ifIncludes',
            type: 'text',
            label: 'Shown when email chosen',
            showIf: { question: 'channels', includes: 'email' },
          },
          {
            id: 'ifGte',
            type: 'text',
            label: 'Shown when count >= 10',
            showIf: { question: 'count', gte: 10 },
          },
          {
            id: 'ifLte',
            type: 'text',
            label: 'Shown when surprise <= 2',
            showIf: { question: 'surprise', lte: 2 },
          },
          {
            id: 'ifRange',
            type: 'text',
            label: 'Shown when 10 <= count <= 20',
            showIf: { question: 'count', gte: 10, lte: 20 },
          },
          {
            id: 'ifAll',
            type: 'text',
            label: 'Shown when kind b and sensitive yes',
            showIf: {
              all: [
                { question: 'kind', equals: 'b' },
                { question: 'sensitive', equals: 'yes' },
              ],
            },
          },
          {
            id: 'ifAny',
            type: 'text',
            label: 'Shown when kind c or sms chosen',
            showIf: {
              any: [
                { question: 'kind', equals: 'c' },
                { question: 'channels', includes: 'sms' },
              ],
            },
          },
          {
            id: 'ifNot',
            type: 'text',
            label: 'Shown unless sensitive yes',
            showIf: { not: { question: 'sensitive', equals: 'yes' } },
          },
          {
            id: 'chained',
            type: 'yesNoUnsure',
            label: 'Shown when ifEquals is yes',
            showIf: { question: 'ifEquals', equals: 'yes' },
            weights: { yes: [{ dimension: 'legal', likelihood: 3, severity: 3 }] },
          },
          {
            id: 'ifDpia',
            type: 'text',
            label: 'Shown when a DPIA is required',
            showIf: { dpiaRequired: true },
          },
        ],
      },
    ],
    flags: [
      {
        id: 'blockC',
        label: 'Kind C is blocked',
        severity: 'blocking',
        when: { question: 'kind', equals: 'c' },
        reason: 'Kind C needs a fix.',
        reference: 'Test Art. 1',
        clearedBy: { mitigation: 'fixC' },
      },
      {
        id: 'blockSensitive',
        label: 'Sensitive without care',
        severity: 'blocking',
        when: { question: 'sensitive', equals: 'yes' },
        reason: 'Sensitive data needs care.',
        reference: 'Test Art. 2',
        clearedBy: { when: { question: 'ifAll', equals: 'safe' } },
      },
      {
        id: 'warnSms',
        label: 'SMS chosen',
        severity: 'warning',
        when: { question: 'channels', includes: 'sms' },
        reason: 'SMS is intrusive.',
        reference: 'Test Art. 3',
      },
      {
        id: 'blockForever',
        label: 'Surprise is total',
        severity: 'blocking',
        when: { question: 'surprise', equals: 5 },
        reason: 'Nobody can approve this.',
        reference: 'Test Art. 4',
      },
    ],
    mitigations: [
      {
        id: 'fixC',
        title: 'Fix kind C',
        reason: 'Because C.',
        reference: 'Test Art. 1',
        when: { question: 'channels', includes: 'post' },
      },
      {
        id: 'limitSms',
        title: 'Limit SMS',
        reason: 'Because SMS.',
        reference: 'Test Art. 3',
        when: { question: 'channels', includes: 'sms' },
      },
      {
        id: 'doDpia',
        title: 'Do a DPIA',
        reason: 'Two criteria.',
        reference: 'GDPR Art. 35',
        when: { dpiaRequired: true },
      },
    ],
    outcome: { levels: { medium: 3, high: 6 }, accumulation: { drivers: 3 } },
  };
}

export function smallText(mutate?: (q: Json) => void): string {
  const q = smallQuestionnaire();
  mutate?.(q);
  return stringify(q);
}

export function small(mutate?: (q: Json) => void): Questionnaire {
  return loaded(smallText(mutate));
}

/** Access into the plain-data questionnaire for mutations: section `s`, question `i`. */
export function questionAt(q: Json, s: number, i: number): Json {
  const sections = q.sections as { questions: Json[] }[];
  const question = sections[s]?.questions[i];
  if (!question) throw new Error(`no question at ${s}/${i}`);
  return question;
}

/** Answers to the nine screening questions of the small questionnaire: the first `yes` yes, the next `unsure` unsure, the rest no. */
export function screeningAnswers(yes: number, unsure = 0): Answers {
  const answers: Answers = {};
  SCREENING_CRITERIA.forEach((_, i) => {
    answers[`s${i + 1}`] = i < yes ? 'yes' : i < yes + unsure ? 'unsure' : 'no';
  });
  return answers;
}

let real: Questionnaire | null = null;

/**
 * The 1.0.0 questionnaire (format 1), kept in content/review/versions/1.0.0: the specs written for
 * it pin format 1, which reviews submitted with it are re-checked by.
 */
export function realQuestionnaire(): Questionnaire {
  if (!real) {
    const versions = loadQuestionnaireVersions(REAL_CONTENT);
    expect(versions.problems).toEqual([]);
    const found = versions.questionnaires.find((q) => q.version === '1.0.0');
    if (!found) throw new Error('content/review/versions/1.0.0/data-use-review.yaml did not load');
    real = found;
  }
  return real;
}

/**
 * A complete, low-risk set of answers to the real questionnaire: analytics on pseudonymised,
 * non-sensitive data, existing purpose, contract basis, no sharing, everything in order. Specs
 * change a few answers from here to raise one flag at a time.
 */
export function lowRiskAnswers(): Answers {
  return {
    proposalTitle: 'Delivery-time dashboard',
    proposalSummary: 'Weekly counts of late deliveries per region, for the logistics team.',
    proposalOwner: 'Ada Lovelace, Head of Logistics',
    proposalTeam: 'Logistics',
    launchDate: '2027-03-01',
    useKinds: ['analytics'],
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
    californiaConsumers: 'no',
    volume: 'upTo100k',
    sources: ['observed'],
    identifiability: 'pseudonymised',
    lawfulBasisChoice: 'contract',
    noticeCovers: 'yes',
    customerSurprise: 1,
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
    retention: 'fixedPeriod',
    retentionDetail: '13 months, to compare with the same month last year.',
    deletionAutomatic: 'yes',
    accessControl: 'needToKnow',
    protections: ['encryptionInTransit', 'encryptionAtRest', 'pseudonymisedForUse', 'accessLogging'],
    breachReady: 'yes',
    processingRecord: 'yes',
    dpoConsulted: 'yes',
    dpoAdvice: 'Fine as long as the data stays pseudonymised.',
    auditDate: '2028-03-01',
  };
}
