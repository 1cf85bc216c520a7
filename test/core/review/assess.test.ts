// assessReview: the one object review.submitted records. Readiness, mitigation responses and
// their problems, clearing of blocking flags, the bound summary, determinism, and that the result
// passes the schema the ledger will check.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assessReview } from '../../../electron/core/review/assess';
import { assessmentSchema } from '../../../electron/core/review/model';
import type { Answers, MitigationResponse } from '../../../electron/core/review/model';
import type { Questionnaire } from '../../../electron/core/review/questionnaire';
import { cleanupTempDirs, lowRiskAnswers, realQuestionnaire } from './fixtures';
import { reason } from '../../../electron/core/contract/reasons';

afterEach(cleanupTempDirs);

let real: Questionnaire;
beforeAll(() => {
  real = realQuestionnaire();
});

const specialNoCondition: Answers = { specialCategories: ['health'], art9Condition: 'noCondition' };
const accept = (mitigationId: string): Extract<MitigationResponse, { status: 'accepted' }> => ({
  mitigationId,
  status: 'accepted',
  owner: 'Grace Hopper',
  dueDate: '2027-02-01',
});
const decline = (
  mitigationId: string,
  reason = 'Not needed because the data is deleted.',
): MitigationResponse => ({
  mitigationId,
  status: 'declined',
  reason,
});

describe('assessReview', () => {
  it('a complete low-risk review is ready, with the questionnaire version and hash and the bound summary', () => {
    const a = assessReview(real, lowRiskAnswers(), []);
    expect(a.readyToSubmit).toBe(true);
    expect(a.questionnaire).toEqual({ version: real.version, contentHash: real.contentHash });
    expect(a.summary).toEqual({
      title: 'Delivery-time dashboard',
      summary: 'Weekly counts of late deliveries per region, for the logistics team.',
      owner: 'Ada Lovelace, Head of Logistics',
      team: 'Logistics',
      launchDate: '2027-03-01',
      dpoConsulted: 'yes',
      dpoAdvice: 'Fine as long as the data stays pseudonymised.',
    });
    expect(a).toMatchObject({
      answerProblems: [],
      flags: [],
      mitigations: [],
      openBlockingFlags: [],
      risk: { overall: { level: 'low' } },
    });
    expect(assessmentSchema.parse(a)).toEqual(a);
  });

  it('missing answers are listed and the review is not ready', () => {
    const { proposalTitle: _, ...answers } = lowRiskAnswers();
    const a = assessReview(real, answers, []);
    expect(a.answerProblems).toEqual([{ questionId: 'proposalTitle', reason: reason('answer.required') }]);
    expect(a.summary.title).toBeNull();
    expect(a.readyToSubmit).toBe(false);
  });

  it('a hidden answer does not reach the summary', () => {
    const a = assessReview(real, { ...lowRiskAnswers(), dpoConsulted: 'no' }, [accept('consultDpo')]);
    expect(a.summary).toMatchObject({ dpoConsulted: 'no', dpoAdvice: null });
  });

  it('every proposed mitigation needs a response; accepting the clearing one closes the blocking flag', () => {
    const answers = { ...lowRiskAnswers(), ...specialNoCondition };
    const none = assessReview(real, answers, []);
    expect(none.unansweredMitigations).toEqual(['establishArt9Condition']);
    expect(none.openBlockingFlags).toEqual(['specialWithoutCondition']);
    expect(none.readyToSubmit).toBe(false);

    const accepted = assessReview(real, answers, [accept('establishArt9Condition')]);
    expect(accepted.unansweredMitigations).toEqual([]);
    expect(accepted.openBlockingFlags).toEqual([]);
    expect(accepted.flags.find((f) => f.id === 'specialWithoutCondition')?.cleared).toBe(true);
    expect(accepted.mitigations[0]?.response).toEqual(accept('establishArt9Condition'));
    expect(accepted.readyToSubmit).toBe(true);
  });

  it('declining the clearing mitigation is a valid response but leaves the flag open', () => {
    const a = assessReview(real, { ...lowRiskAnswers(), ...specialNoCondition }, [
      decline('establishArt9Condition'),
    ]);
    expect(a.readyToSubmit).toBe(true);
    expect(a.openBlockingFlags).toEqual(['specialWithoutCondition']);
  });

  it('responses that cannot stand are problems and do not count', () => {
    const answers = { ...lowRiskAnswers(), ...specialNoCondition };
    const a = assessReview(real, answers, [
      accept('consultDpo'),
      { ...accept('establishArt9Condition'), owner: '  ' },
      { ...accept('establishArt9Condition'), dueDate: '2027-13-01' },
      decline('establishArt9Condition', ' '),
    ]);
    expect(a.responseProblems).toEqual([
      { mitigationId: 'consultDpo', reason: reason('response.notProposed') },
      { mitigationId: 'establishArt9Condition', reason: reason('response.ownerNeeded') },
      {
        mitigationId: 'establishArt9Condition',
        reason: reason('response.dueDateNeeded'),
      },
      {
        mitigationId: 'establishArt9Condition',
        reason: reason('response.reasonNeeded'),
      },
    ]);
    expect(a.unansweredMitigations).toEqual(['establishArt9Condition']);
    expect(a.openBlockingFlags).toEqual(['specialWithoutCondition']);
    expect(a.readyToSubmit).toBe(false);
  });

  it('a second response to the same mitigation is a problem; the first stands', () => {
    const a = assessReview(real, { ...lowRiskAnswers(), ...specialNoCondition }, [
      accept('establishArt9Condition'),
      decline('establishArt9Condition'),
    ]);
    expect(a.responseProblems).toEqual([
      { mitigationId: 'establishArt9Condition', reason: reason('response.answeredTwice') },
    ]);
    expect(a.mitigations[0]?.response?.status).toBe('accepted');
  });

  it('is deterministic and passes the recorded schema for a busy review', () => {
    const answers: Answers = {
      ...lowRiskAnswers(),
      ...specialNoCondition,
      scrSensitive: 'yes',
      scrLargeScale: 'unsure',
      sellsOrShares: 'yes',
      optOutLink: 'no',
      gpcHonoured: 'unsure',
      customerSurprise: 5,
      noticeCovers: 'unsure',
      noticePlan: 'Banner and email.',
    };
    const responses = [accept('honourOptOuts'), decline('updateNotice')];
    const first = assessReview(real, answers, responses);
    expect(assessReview(real, answers, responses)).toEqual(first);
    expect(assessmentSchema.safeParse(first).success).toBe(true);
    expect(first.screening.unsure).toEqual(['largeScale']);
    expect(first.openBlockingFlags).toEqual(['specialWithoutCondition']);
  });
});
