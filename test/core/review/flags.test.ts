// Flags and mitigations: the mechanics on the small questionnaire (clearing by mitigation, by
// rule, not at all), then every blocking flag of the real questionnaire, raised by the answers
// that should raise it and cleared the way the file says.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFlags, proposeMitigations } from '../../../electron/core/review/flags';
import type { Answers, FlagResult } from '../../../electron/core/review/model';
import type { Questionnaire } from '../../../electron/core/review/questionnaire';
import { cleanupTempDirs, lowRiskAnswers, realQuestionnaire, screeningAnswers, small } from './fixtures';

afterEach(cleanupTempDirs);

let q: Questionnaire;
beforeAll(() => {
  q = small();
});

const base: Answers = { title: 'T', kind: 'a', channels: ['none'], sensitive: 'no', ...screeningAnswers(0) };

function flag(flags: FlagResult[], id: string): FlagResult {
  const found = flags.find((f) => f.id === id);
  if (!found) throw new Error(`flag ${id} not raised; raised: ${flags.map((f) => f.id).join(', ')}`);
  return found;
}

describe('flag mechanics', () => {
  it('nothing raised when no rule holds', () => {
    expect(evaluateFlags(q, base)).toEqual([]);
    expect(proposeMitigations(q, base)).toEqual([]);
  });

  it('a blocking flag cleared by an accepted mitigation', () => {
    const answers = { ...base, kind: 'c' };
    expect(evaluateFlags(q, answers)).toEqual([
      {
        id: 'blockC',
        label: 'Kind C is blocked',
        severity: 'blocking',
        blocking: true,
        reason: 'Kind C needs a fix.',
        reference: 'Test Art. 1',
        cleared: false,
        clearedBy: { mitigation: 'fixC' },
      },
    ]);
    expect(flag(evaluateFlags(q, answers, ['fixC']), 'blockC').cleared).toBe(true);
    expect(flag(evaluateFlags(q, answers, ['limitSms']), 'blockC').cleared).toBe(false);
  });

  it('the clearing mitigation is proposed whenever its flag is raised, even if its own rule does not hold', () => {
    // fixC's own `when` is "post chosen"; channels is none here
    expect(proposeMitigations(q, { ...base, kind: 'c' })).toEqual([
      { id: 'fixC', title: 'Fix kind C', reason: 'Because C.', reference: 'Test Art. 1', clears: ['blockC'] },
    ]);
    expect(proposeMitigations(q, { ...base, channels: ['post'] })).toEqual([
      { id: 'fixC', title: 'Fix kind C', reason: 'Because C.', reference: 'Test Art. 1', clears: [] },
    ]);
  });

  it('a blocking flag cleared by its clearedBy rule', () => {
    const answers = { ...base, kind: 'b', sensitive: 'yes' };
    expect(flag(evaluateFlags(q, answers), 'blockSensitive')).toMatchObject({
      cleared: false,
      clearedBy: { rule: true },
    });
    expect(flag(evaluateFlags(q, { ...answers, ifAll: 'safe' }), 'blockSensitive').cleared).toBe(true);
    // the same answer to a hidden question does not clear it
    expect(flag(evaluateFlags(q, { ...answers, kind: 'a', ifAll: 'safe' }), 'blockSensitive').cleared).toBe(
      false,
    );
  });

  it('a blocking flag without clearedBy clears only by changing the answers', () => {
    const answers = { ...base, surprise: 5 };
    const raised = flag(evaluateFlags(q, answers, ['fixC', 'limitSms', 'doDpia']), 'blockForever');
    expect(raised).toMatchObject({ blocking: true, cleared: false, clearedBy: null });
    expect(evaluateFlags(q, { ...answers, surprise: 4 })).toEqual([]);
  });

  it('a warning flag is not blocking', () => {
    expect(flag(evaluateFlags(q, { ...base, channels: ['sms'] }), 'warnSms')).toMatchObject({
      severity: 'warning',
      blocking: false,
      cleared: false,
    });
  });

  it('mitigations from a dpiaRequired rule follow the screening', () => {
    expect(proposeMitigations(q, { ...base, ...screeningAnswers(1) }).map((m) => m.id)).toEqual([]);
    expect(proposeMitigations(q, { ...base, ...screeningAnswers(2) }).map((m) => m.id)).toEqual(['doDpia']);
  });

  it('flags and mitigations come in file order', () => {
    const answers = { ...base, kind: 'c', channels: ['sms', 'post'], ...screeningAnswers(2) };
    expect(evaluateFlags(q, answers).map((f) => f.id)).toEqual(['blockC', 'warnSms']);
    expect(proposeMitigations(q, answers).map((m) => m.id)).toEqual(['fixC', 'limitSms', 'doDpia']);
  });
});

describe('the real questionnaire: each blocking flag and how it clears', () => {
  let real: Questionnaire;
  beforeAll(() => {
    real = realQuestionnaire();
  });

  const blockingIds = (answers: Answers, accepted: string[] = []): string[] =>
    evaluateFlags(real, answers, accepted)
      .filter((f) => f.blocking && !f.cleared)
      .map((f) => f.id);

  it('the low-risk answers raise no flag and propose no mitigation', () => {
    expect(evaluateFlags(real, lowRiskAnswers())).toEqual([]);
    expect(proposeMitigations(real, lowRiskAnswers())).toEqual([]);
  });

  const cases: { flag: string; answers: Answers; mitigation: string | null; fixed: Answers }[] = [
    {
      flag: 'specialWithoutCondition',
      answers: { specialCategories: ['health'], art9Condition: 'noCondition' },
      mitigation: 'establishArt9Condition',
      fixed: { specialCategories: ['health'], art9Condition: 'explicitConsent' },
    },
    {
      flag: 'childrenBehaviouralAds',
      answers: { childrenData: 'unsure', childrenAges: ['agesUnknown'], behaviouralAds: 'yes' },
      mitigation: 'excludeChildrenFromAds',
      fixed: { childrenData: 'unsure', childrenAges: ['agesUnknown'], behaviouralAds: 'no' },
    },
    {
      flag: 'solelyAutomatedSignificant',
      answers: {
        automatedDecisions: 'yes',
        decisionEffect: 'legalOrSimilar',
        humanInvolvement: 'noReview',
        art22Exception: 'contractNecessity',
        contestRoute: 'no',
      },
      mitigation: 'meaningfulHumanReview',
      fixed: {
        automatedDecisions: 'yes',
        decisionEffect: 'legalOrSimilar',
        humanInvolvement: 'meaningfulReview',
        contestRoute: 'yes',
      },
    },
    {
      flag: 'saleWithoutOptOut',
      answers: { sellsOrShares: 'yes', optOutLink: 'yes', gpcHonoured: 'no' },
      mitigation: 'honourOptOuts',
      fixed: { sellsOrShares: 'yes', optOutLink: 'yes', gpcHonoured: 'yes' },
    },
    {
      flag: 'minorsSaleWithoutOptIn',
      answers: {
        sellsOrShares: 'yes',
        optOutLink: 'yes',
        gpcHonoured: 'yes',
        childrenData: 'yes',
        childrenAges: ['age13to15'],
        minorOptIn: 'no',
      },
      mitigation: 'minorsOptIn',
      fixed: { sellsOrShares: 'no', childrenData: 'yes', childrenAges: ['age13to15'] },
    },
    {
      flag: 'incompatiblePurpose',
      answers: {
        newPurpose: 'yes',
        compatLink: 'unrelated',
        compatContext: 'unexpected',
        compatConsequences: 'minor',
        compatSafeguards: ['pseudonymisation'],
        compatibilityConclusion: 'incompatible',
        lawfulBasisChoice: 'legitimateInterests',
        liaDone: 'yes',
      },
      mitigation: 'freshConsentOrDrop',
      fixed: {
        newPurpose: 'yes',
        compatLink: 'unrelated',
        compatContext: 'unexpected',
        compatConsequences: 'minor',
        compatSafeguards: ['pseudonymisation'],
        compatibilityConclusion: 'incompatible',
        lawfulBasisChoice: 'consent',
        consentSpecific: 'yes',
        consentActive: 'yes',
        consentFree: 'yes',
        consentWithdrawEasy: 'yes',
        consentRecorded: 'yes',
      },
    },
    {
      flag: 'noLawfulBasis',
      answers: { lawfulBasisChoice: 'notDetermined' },
      mitigation: null,
      fixed: { lawfulBasisChoice: 'contract' },
    },
    {
      flag: 'consentInvalid',
      answers: {
        lawfulBasisChoice: 'consent',
        consentSpecific: 'yes',
        consentActive: 'no',
        consentFree: 'yes',
        consentWithdrawEasy: 'yes',
        consentRecorded: 'yes',
      },
      mitigation: 'fixConsent',
      fixed: {
        lawfulBasisChoice: 'consent',
        consentSpecific: 'yes',
        consentActive: 'yes',
        consentFree: 'yes',
        consentWithdrawEasy: 'yes',
        consentRecorded: 'yes',
      },
    },
    {
      flag: 'transferWithoutMechanism',
      answers: { transfersOutsideEea: 'yes', transferMechanism: 'noMechanism' },
      mitigation: 'transferSafeguards',
      fixed: { transfersOutsideEea: 'yes', transferMechanism: 'standardClauses' },
    },
  ];

  it('covers every blocking flag in the file', () => {
    expect(cases.map((c) => c.flag).sort()).toEqual(
      real.flags
        .filter((f) => f.severity === 'blocking')
        .map((f) => f.id)
        .sort(),
    );
  });

  for (const c of cases) {
    it(`${c.flag}: raised, ${c.mitigation ? `cleared by accepting ${c.mitigation}` : 'not clearable by a mitigation'}, gone when the answers are fixed`, () => {
      const answers = { ...lowRiskAnswers(), ...c.answers };
      expect(blockingIds(answers)).toEqual([c.flag]);
      const raised = flag(evaluateFlags(real, answers), c.flag);
      expect(raised.reference.trim()).not.toBe('');
      if (c.mitigation) {
        const proposal = proposeMitigations(real, answers).find((m) => m.id === c.mitigation);
        expect(proposal?.clears).toContain(c.flag);
        expect(blockingIds(answers, [c.mitigation])).toEqual([]);
        expect(flag(evaluateFlags(real, answers, [c.mitigation]), c.flag).cleared).toBe(true);
      } else {
        expect(raised.clearedBy).toBeNull();
        const everything = real.mitigations.map((m) => m.id);
        expect(blockingIds(answers, everything)).toEqual([c.flag]);
      }
      expect(blockingIds({ ...lowRiskAnswers(), ...c.fixed })).toEqual([]);
    });
  }

  it('an Art. 22 exception with a route to contest keeps a nominal review from blocking', () => {
    const answers = {
      ...lowRiskAnswers(),
      automatedDecisions: 'yes',
      decisionEffect: 'legalOrSimilar',
      humanInvolvement: 'nominalReview',
      art22Exception: 'explicitConsentAdm',
      contestRoute: 'yes',
    };
    expect(blockingIds(answers)).toEqual([]);
  });

  it('warnings: DPIA needed and DPO not consulted, notice gap, no retention, surprised customers', () => {
    const answers: Answers = {
      ...lowRiskAnswers(),
      scrSensitive: 'yes',
      scrLargeScale: 'yes',
      dpoConsulted: 'no',
      peopleViews: 'no',
      noticeCovers: 'no',
      noticePlan: 'Email before launch.',
      retention: 'notDefined',
      customerSurprise: 4,
    };
    const flags = evaluateFlags(real, answers);
    expect(flags.filter((f) => !f.blocking).map((f) => f.id)).toEqual([
      'dpiaNeeded',
      'dpoNotConsultedDpia',
      'noRetentionPeriod',
      'noticeGap',
      'customersSurprised',
    ]);
    expect(flags.every((f) => !f.blocking)).toBe(true);
    expect(proposeMitigations(real, answers).map((m) => m.id)).toEqual([
      'conductDpia',
      'consultDpo',
      'setRetention',
      'updateNotice',
    ]);
  });

  it('large-scale special-category data raises its warning', () => {
    const answers = {
      ...lowRiskAnswers(),
      specialCategories: ['health'],
      art9Condition: 'explicitConsent',
      volume: 'over1m',
    };
    expect(evaluateFlags(real, answers).map((f) => f.id)).toContain('largeScaleSpecial');
    expect(evaluateFlags(real, { ...answers, volume: 'upTo100k' }).map((f) => f.id)).not.toContain(
      'largeScaleSpecial',
    );
  });

  it('mitigations proposed from answers carry a reason and a reference', () => {
    const answers = {
      ...lowRiskAnswers(),
      lessData: 'possibleNotPlanned',
      identifiability: 'directlyIdentified',
      useKinds: ['analytics', 'modelTraining'],
      outcomesTested: 'no',
      accessControl: 'wholeTeam',
    };
    const proposed = proposeMitigations(real, answers);
    expect(proposed.map((m) => m.id)).toEqual([
      'minimiseData',
      'pseudonymiseForAnalysis',
      'fairnessTesting',
      'restrictAccess',
    ]);
    for (const m of proposed) {
      expect(m.reason.length).toBeGreaterThan(10);
      expect(m.reference.length).toBeGreaterThan(3);
    }
  });
});
