// Fills a review draft the way a careful submitter would, through the real services: answers
// every visible required question (re-reading the draft, since answers reveal new questions)
// and accepts each proposed mitigation with an owner and a due date. Used by specs that need a
// submittable review without caring which answers it has.
import type { Services } from '../../electron/core/contract/methods';
import type { ReviewDraftView } from '../../electron/core/contract/views/reviews';

type AnswerValue = ReviewDraftView['answers'][string];

export async function autofillDraft(
  services: Services,
  draftId: string,
  overrides: Record<string, AnswerValue> = {},
): Promise<ReviewDraftView> {
  const q = await services.getReviewQuestionnaire({});
  const questions = new Map(q.sections.flatMap((s) => s.questions).map((x) => [x.id, x]));
  let draft = await services.getReviewDraft({ draftId });
  const answers: Record<string, AnswerValue> = { ...draft.answers, ...overrides };
  for (let round = 0; round < 20; round++) {
    let added = false;
    for (const id of draft.visibleQuestionIds) {
      const x = questions.get(id);
      if (!x || answers[id] !== undefined || !x.required) continue;
      added = true;
      switch (x.type) {
        case 'text':
          answers[id] = `Answer to ${x.label}`.slice(0, 200);
          break;
        case 'single':
          answers[id] = x.options[0]!.id;
          break;
        case 'multi':
          answers[id] = [x.options[0]!.id];
          break;
        case 'yesNoUnsure':
          answers[id] = 'no';
          break;
        case 'scale':
          answers[id] = x.scale!.min;
          break;
        case 'number':
          answers[id] = x.number?.min ?? 1;
          break;
        case 'date':
          answers[id] = '2027-03-01';
          break;
      }
    }
    draft = await services.saveReviewDraft({
      draftId,
      answers,
      mitigationResponses: draft.mitigationResponses,
    });
    if (!added) break;
  }
  // Accepting mitigations lowers the residual risk, which can withdraw a proposal (consulting the
  // authority) or raise none new; answer what is proposed until it settles, as the form does.
  for (let round = 0; round < 5; round++) {
    const responses = draft.assessment.mitigations.map((m) => ({
      mitigationId: m.id,
      status: 'accepted' as const,
      owner: 'Data protection lead',
      dueDate: '2027-02-01',
    }));
    draft = await services.saveReviewDraft({ draftId, answers, mitigationResponses: responses });
    if (draft.assessment.unansweredMitigations.length === 0 && draft.assessment.responseProblems.length === 0)
      break;
  }
  return draft;
}
