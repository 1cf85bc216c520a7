// Risk scoring: which answers drive each dimension, the levels exactly at the thresholds, the
// accumulation step, per-dimension overrides, overall level, and determinism.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Answers, Dimension } from '../../../../electron/core/review/model';
import type { DimensionRisk, RiskResult } from '../../../../electron/core/review/v1/model';
import type { Questionnaire } from '../../../../electron/core/review/questionnaire';
import { scoreRisk } from '../../../../electron/core/review/v1/scoring';
import {
  cleanupTempDirs,
  lowRiskAnswers,
  questionAt,
  realQuestionnaire,
  screeningAnswers,
  small,
} from '../fixtures';

afterEach(cleanupTempDirs);

let q: Questionnaire;
beforeAll(() => {
  q = small();
});

const base: Answers = { title: 'T', kind: 'a', channels: ['none'], sensitive: 'no', ...screeningAnswers(0) };

function dim(result: RiskResult, d: Dimension): DimensionRisk {
  const found = result.dimensions.find((x) => x.dimension === d);
  if (!found) throw new Error(d);
  return found;
}

/** Makes `post` weigh reputation 3 x 1 = 3, for ties and accumulation. */
function withHeavyPost(raw: Record<string, unknown>): void {
  const channels = questionAt(raw, 0, 3) as { options: { id: string; weights?: unknown }[] };
  const post = channels.options.find((o) => o.id === 'post');
  if (post) post.weights = [{ dimension: 'reputation', likelihood: 3, severity: 1 }];
}

describe('scoreRisk', () => {
  it('no weighted answers: every dimension low with score 0 and no drivers', () => {
    const r = scoreRisk(q, base);
    for (const d of r.dimensions)
      expect(d).toMatchObject({ score: 0, likelihood: 0, severity: 0, level: 'low', drivers: [] });
    expect(r.overall).toEqual({ level: 'low', score: 0, dimensions: [] });
    expect(r.dimensions.map((d) => d.dimension)).toEqual([
      'privacy',
      'fairness',
      'security',
      'legal',
      'reputation',
    ]);
  });

  it('a single option drives its dimensions, with the answer and its label', () => {
    const r = scoreRisk(q, { ...base, kind: 'c' });
    expect(dim(r, 'privacy')).toMatchObject({ likelihood: 3, severity: 2, score: 6, level: 'high' });
    expect(dim(r, 'privacy').drivers).toEqual([
      {
        questionId: 'kind',
        questionLabel: 'Kind',
        answer: 'c',
        answerLabel: 'Kind C',
        likelihood: 3,
        severity: 2,
        score: 6,
      },
    ]);
    expect(dim(r, 'legal')).toMatchObject({ score: 3, level: 'medium' });
    expect(r.overall).toEqual({ level: 'high', score: 6, dimensions: ['privacy'] });
  });

  it('levels exactly at the thresholds: 2 low, 3 medium, 6 high (and a custom high of 4)', () => {
    expect(dim(scoreRisk(q, { ...base, sensitive: 'yes' }), 'fairness')).toMatchObject({
      score: 2,
      level: 'low',
    });
    expect(dim(scoreRisk(q, { ...base, count: 100 }), 'security')).toMatchObject({
      score: 3,
      level: 'medium',
    });
    const customHigh = small((raw) => {
      const kind = questionAt(raw, 0, 2) as { options: { weights?: unknown }[] };
      const b = kind.options[1];
      if (b) b.weights = [{ dimension: 'privacy', likelihood: 3, severity: 1 }];
      raw.outcome = { levels: { medium: 3, high: 4 } };
    });
    expect(dim(scoreRisk(customHigh, { ...base, kind: 'b' }), 'privacy')).toMatchObject({
      score: 3,
      level: 'medium',
    });
    expect(dim(scoreRisk(customHigh, { ...base, kind: 'c' }), 'privacy')).toMatchObject({
      score: 6,
      level: 'high',
    });
    expect(dim(scoreRisk(q, { ...base, kind: 'c' }), 'privacy')).toMatchObject({ score: 6, level: 'high' });
    expect(dim(scoreRisk(q, { ...base, count: 500 }), 'security')).toMatchObject({ score: 6, level: 'high' });
  });

  it('multi answers: one driver per chosen option; the dimension takes the highest', () => {
    const r = scoreRisk(q, { ...base, channels: ['email', 'sms'] });
    const rep = dim(r, 'reputation');
    expect(rep.drivers.map((d) => [d.answer, d.answerLabel, d.score])).toEqual([
      ['sms', 'SMS', 4],
      ['email', 'Email', 3],
    ]);
    expect(rep).toMatchObject({ likelihood: 2, severity: 2, score: 4, level: 'medium', escalated: false });
  });

  it('yes/no/unsure weights', () => {
    expect(dim(scoreRisk(q, { ...base, sensitive: 'unsure' }), 'fairness').drivers).toEqual([
      expect.objectContaining({ questionId: 'sensitive', answer: 'unsure', answerLabel: 'Unsure', score: 1 }),
    ]);
    expect(dim(scoreRisk(q, { ...base, sensitive: 'no' }), 'fairness').drivers).toEqual([]);
  });

  it('number and scale bands: every band containing the answer contributes', () => {
    expect(dim(scoreRisk(q, { ...base, count: 99 }), 'security').drivers).toEqual([]);
    const both = dim(scoreRisk(q, { ...base, count: 500 }), 'security');
    expect(both.drivers.map((d) => [d.answer, d.answerLabel, d.score])).toEqual([
      [500, '500 people', 6],
      [500, '500 people', 3],
    ]);
    expect(dim(scoreRisk(q, { ...base, surprise: 3 }), 'fairness').drivers).toEqual([]);
    expect(dim(scoreRisk(q, { ...base, surprise: 4 }), 'fairness')).toMatchObject({
      score: 9,
      level: 'high',
    });
  });

  it('ties go to the higher severity, then to file order', () => {
    const heavy = small(withHeavyPost);
    const rep = dim(scoreRisk(heavy, { ...base, channels: ['post', 'email'] }), 'reputation');
    // both score 3: email is severity 3, post severity 1
    expect(rep.drivers.map((d) => d.answer)).toEqual(['email', 'post']);
    expect(rep).toMatchObject({ likelihood: 1, severity: 3 });
    const sameSeverity = small((raw) => {
      withHeavyPost(raw);
      const channels = questionAt(raw, 0, 3) as { options: { id: string; weights?: unknown }[] };
      const email = channels.options.find((o) => o.id === 'email');
      if (email) email.weights = [{ dimension: 'reputation', likelihood: 3, severity: 1 }];
    });
    expect(
      dim(scoreRisk(sameSeverity, { ...base, channels: ['post', 'email'] }), 'reputation').drivers.map(
        (d) => d.answer,
      ),
    ).toEqual(['email', 'post']);
  });

  it('accumulation: three drivers at medium or above raise medium to high', () => {
    const heavy = small(withHeavyPost);
    const two = dim(scoreRisk(heavy, { ...base, channels: ['email', 'sms'] }), 'reputation');
    expect(two).toMatchObject({ score: 4, level: 'medium', escalated: false });
    const three = dim(scoreRisk(heavy, { ...base, channels: ['email', 'sms', 'post'] }), 'reputation');
    expect(three).toMatchObject({ score: 4, level: 'high', escalated: true });
    expect(scoreRisk(heavy, { ...base, channels: ['email', 'sms', 'post'] }).overall).toEqual({
      level: 'high',
      score: 4,
      dimensions: ['reputation'],
    });
  });

  it('accumulation can be switched off, and a dimension can have its own thresholds', () => {
    const noAccumulation = small((raw) => {
      withHeavyPost(raw);
      raw.outcome = { levels: { medium: 3, high: 6 }, dimensions: { privacy: { medium: 5, high: 8 } } };
    });
    expect(
      dim(scoreRisk(noAccumulation, { ...base, channels: ['email', 'sms', 'post'] }), 'reputation'),
    ).toMatchObject({
      level: 'medium',
      escalated: false,
    });
    expect(dim(scoreRisk(noAccumulation, { ...base, kind: 'b' }), 'privacy')).toMatchObject({
      score: 4,
      level: 'low',
    });
    expect(dim(scoreRisk(q, { ...base, kind: 'b' }), 'privacy')).toMatchObject({ score: 4, level: 'medium' });
  });

  it('is deterministic: same inputs, same output; key order and multi order do not matter', () => {
    const answers: Answers = {
      ...base,
      kind: 'c',
      channels: ['sms', 'email'],
      count: 600,
      surprise: 5,
      sensitive: 'yes',
    };
    const reordered: Answers = Object.fromEntries(
      Object.entries({ ...answers, channels: ['email', 'sms'] }).reverse(),
    );
    const first = scoreRisk(q, answers);
    expect(scoreRisk(q, answers)).toEqual(first);
    expect(JSON.stringify(scoreRisk(q, reordered))).toBe(JSON.stringify(first));
  });
});

describe('the real questionnaire', () => {
  it('low-risk answers score low overall', () => {
    const r = scoreRisk(realQuestionnaire(), lowRiskAnswers());
    expect(r.overall.level).toBe('low');
  });

  it('special-category health data at scale, profiled, sold: high, driven by those answers', () => {
    const r = scoreRisk(realQuestionnaire(), {
      ...lowRiskAnswers(),
      specialCategories: ['health'],
      art9Condition: 'explicitConsent',
      scrSensitive: 'yes',
      volume: 'over1m',
      sellsOrShares: 'yes',
      optOutLink: 'yes',
      gpcHonoured: 'yes',
    });
    expect(r.overall.level).toBe('high');
    const privacyDrivers = dim(r, 'privacy').drivers.map((d) => d.questionId);
    expect(privacyDrivers.slice(0, 2)).toEqual(['scrSensitive', 'specialCategories']);
    expect(dim(r, 'legal').drivers[0]).toMatchObject({
      questionId: 'specialCategories',
      answer: 'health',
      score: 6,
    });
  });
});
