// Format 1 is frozen: the assessments the engine computed on main (before format 2) for the
// questionnaire now kept in content/review/versions/1.0.0 must come out byte for byte the same,
// or reviews submitted with them would be ignored as doctored when the projection re-checks them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../electron/core/ledger/canonical';
import { assessReview } from '../../../../electron/core/review/assess';
import { assessmentSchema } from '../../../../electron/core/review/model';
import type { Answers, MitigationResponse } from '../../../../electron/core/review/model';
import { loadQuestionnaireVersions } from '../../../../electron/core/review/questionnaire';
import { REAL_CONTENT } from '../fixtures';

interface GoldenCase {
  answers: Answers;
  responses: MitigationResponse[];
  assessment: unknown;
}

const golden = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../fixtures/v1-golden.json'), 'utf8'),
) as { contentHash: string; cases: GoldenCase[] };

describe('format 1 (frozen)', () => {
  const versions = loadQuestionnaireVersions(REAL_CONTENT);
  const q = versions.questionnaires.find((x) => x.version === '1.0.0');

  it('the archived 1.0.0 questionnaire loads as format 1 with the hash reviews recorded', () => {
    expect(versions.problems).toEqual([]);
    expect(q?.format).toBe(1);
    expect(q?.contentHash).toBe(golden.contentHash);
  });

  it(`re-assesses ${golden.cases.length} recorded assessments exactly as they were written`, () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.cases) {
      const again = assessReview(q!, c.answers, c.responses);
      expect(canonicalJson(again)).toBe(canonicalJson(c.assessment));
      expect(assessmentSchema.safeParse(c.assessment).success).toBe(true);
    }
  });
});
