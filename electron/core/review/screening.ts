// Format-2 DPIA screening: the nine WP248 criteria checked against the data, and the verdict the
// law and WP248 give.
//
//   A criterion is met when its screening question is answered yes, or when the facts imply it
//   (screening.inferred in the questionnaire: "health data ticked" implies sensitive data,
//   "employees" implies vulnerable people). Answered no while the facts imply it is a conflict,
//   shown with links to both questions; the facts win, since a screening that the inventory
//   contradicts cannot stand.
//
//   Verdict: required when an Art. 35(3) case or an item of a selected national Art. 35(4) list
//   applies; likely when two or more criteria are met (WP248: "in most cases" a DPIA); consider
//   when one is (WP248: "in some cases" one is enough); not indicated otherwise. A DPIA is needed
//   when required, or when likely and the organisation's own rule (screening.organisationRule)
//   says so — labelled as its rule, not the law's.
//
// Pure over effective answers, and independent of visibility (answers.ts calls it to decide
// which questions a verdict shows), so it never computes them itself.
import type { Answers, ScreeningCriterion, YesNoUnsure } from './common';
import { SCREENING_CRITERIA, YES_NO_UNSURE } from './common';
import type { CriterionResult, DpiaGround, DpiaVerdict, ScreeningV2 } from './model';
import { ART35_3_ITEMS } from './model';
import { indexQuestionnaire } from './questionnaire';
import type { Questionnaire } from './questionnaire';
import { evaluateRule, supportingQuestions } from './rules';
import type { RuleContext } from './rules';

export interface ScreeningJudgement {
  screening: ScreeningV2;
  verdict: DpiaVerdict;
  grounds: DpiaGround[];
  needed: boolean;
  neededBy: 'law' | 'organisationRule' | null;
  organisationRule: string | null;
}

type Content = Pick<Questionnaire, 'sections' | 'screening' | 'dpiaLists'>;

/** The screening over these effective answers. */
export function judgeScreening(q: Content, effective: Answers): ScreeningJudgement {
  const index = indexQuestionnaire(q);
  const block = q.screening;
  const plain: RuleContext = { answers: effective, dpiaRequired: () => false };

  const criteria: CriterionResult[] = SCREENING_CRITERIA.map((criterion) => {
    const question = index.screening.get(criterion);
    const value = question ? effective[question.id] : undefined;
    const answer = (YES_NO_UNSURE as readonly unknown[]).includes(value) ? (value as YesNoUnsure) : null;
    const inferred = (block?.inferred?.[criterion] ?? [])
      .filter((r) => evaluateRule(r.when, plain))
      .map((r) => ({ because: r.because, questionIds: supportingQuestions(r.when, plain) }));
    return {
      criterion,
      questionId: question?.id ?? null,
      answer,
      inferred,
      met: answer === 'yes' || inferred.length > 0,
      conflict: answer === 'no' && inferred.length > 0,
    };
  });
  const metSet = new Set<ScreeningCriterion>(criteria.filter((c) => c.met).map((c) => c.criterion));
  const byCriterion = new Map(criteria.map((c) => [c.criterion, c]));
  // A criterion leaf's evidence: its question when answered yes, and the facts that imply it.
  const criterionQuestions = (c: ScreeningCriterion): string[] => {
    const r = byCriterion.get(c);
    if (!r?.met) return [];
    return [
      ...(r.answer === 'yes' && r.questionId ? [r.questionId] : []),
      ...r.inferred.flatMap((i) => i.questionIds),
    ];
  };
  const withCriteria: RuleContext = { ...plain, criteriaMet: () => metSet };
  const evidence = (rule: Parameters<typeof evaluateRule>[0]): string[] => [
    ...new Set(supportingQuestions(rule, withCriteria, criterionQuestions)),
  ];

  const grounds: DpiaGround[] = [];
  if (block) {
    for (const item of ART35_3_ITEMS) {
      const rule = block.article35_3[item];
      if (evaluateRule(rule, withCriteria)) {
        grounds.push({ kind: 'article35_3', item, questionIds: evidence(rule) });
      }
    }
  }
  for (const list of q.dpiaLists) {
    for (const item of list.items) {
      if (!evaluateRule(item.when, withCriteria)) continue;
      grounds.push({
        kind: 'list',
        list: list.id,
        authority: list.authority,
        itemId: item.id,
        title: item.title,
        source: list.source,
        questionIds: evidence(item.when),
      });
    }
  }

  const met = metSet.size;
  const verdict: DpiaVerdict =
    grounds.length > 0 ? 'required' : met >= 2 ? 'likely' : met === 1 ? 'consider' : 'notIndicated';
  const rule = block?.organisationRule ?? null;
  const neededBy =
    verdict === 'required' ? 'law' : verdict === 'likely' && rule !== null ? 'organisationRule' : null;

  const screening: ScreeningV2 = {
    criteria,
    met: criteria.filter((c) => c.met).map((c) => c.criterion),
    unsure: criteria.filter((c) => !c.met && c.answer === 'unsure').map((c) => c.criterion),
    unanswered: criteria.filter((c) => !c.met && c.answer === null).map((c) => c.criterion),
    conflicts: criteria.filter((c) => c.conflict).map((c) => c.criterion),
  };
  return {
    screening,
    verdict,
    grounds,
    needed: neededBy !== null,
    neededBy,
    organisationRule: neededBy === 'organisationRule' ? rule : null,
  };
}
