// diffAnswers: what a reviewer sees between version n and n+1.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diffAnswers } from '../../../electron/core/review/diff';
import type { Answers } from '../../../electron/core/review/model';
import type { Questionnaire } from '../../../electron/core/review/questionnaire';
import { cleanupTempDirs, screeningAnswers, small } from './fixtures';

afterEach(cleanupTempDirs);

let q: Questionnaire;
beforeAll(() => {
  q = small();
});

const v1: Answers = {
  title: 'Plan',
  kind: 'b',
  channels: ['email', 'sms'],
  sensitive: 'no',
  ifEquals: 'no',
  count: 12,
  ...screeningAnswers(0),
};

describe('diffAnswers', () => {
  it('identical answers (multi in another order, hidden answers aside) have no changes', () => {
    expect(diffAnswers(q, v1, { ...v1, channels: ['sms', 'email'], ifIn: 'hidden anyway' })).toEqual([]);
  });

  it('changed, added and removed, in questionnaire order, with labels', () => {
    const v2: Answers = { ...v1, kind: 'c', channels: ['sms', 'post'], ifIn: 'Because of C', surprise: 4 };
    delete v2.count;
    const changes = diffAnswers(q, v1, v2);
    expect(changes.map((c) => [c.questionId, c.change])).toEqual([
      ['kind', 'changed'],
      ['channels', 'changed'],
      ['count', 'removed'],
      ['surprise', 'added'],
      ['ifEquals', 'removed'], // hidden once kind is no longer b
      ['ifIn', 'added'], // shown once kind is c
    ]);
    expect(changes[0]).toEqual({
      questionId: 'kind',
      label: 'Kind',
      sectionId: 'basics',
      sectionTitle: 'Basics',
      change: 'changed',
      before: 'b',
      after: 'c',
      beforeText: 'Kind B',
      afterText: 'Kind C',
    });
    expect(changes[1]).toMatchObject({
      before: ['email', 'sms'],
      after: ['sms', 'post'],
      beforeText: 'Email; SMS',
      afterText: 'SMS; Post',
      addedOptions: ['Post'],
      removedOptions: ['Email'],
    });
    expect(changes[2]).toMatchObject({ before: 12, after: null, beforeText: '12 people', afterText: null });
    expect(changes[3]).toMatchObject({ before: null, after: 4, beforeText: null, afterText: '4 (much)' });
    expect(changes[4]).toMatchObject({ sectionId: 'branches', before: 'no', beforeText: 'No' });
  });
});
