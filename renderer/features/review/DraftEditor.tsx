// The questionnaire being filled in, one section at a time: answers autosaved as typed, branching
// and problems as core evaluates them, the summary step with the assessment and the responses to
// proposed mitigations, and submitting (confirmed, then signed).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type {
  AnswerValue,
  MitigationResponseInput,
  QuestionnaireView,
  ReviewDraftView,
} from '../../../electron/core/contract/views/reviews';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ButtonLink } from '../../components/ButtonLink';
import { Markdown } from '../../components/Markdown';
import { ProgressBar } from '../../components/ProgressBar';
import { Stepper, type Step } from '../../components/Stepper';
import { hrefFor } from '../../routes';
import type { DraftAnswers } from '../../state/reviewSlice';
import { useStewardStore } from '../../state/store';
import type { QuestionLinks } from './AssessmentV2';
import { FlagsPanel, RiskPanel, ScreeningPanel } from './AssessmentView';
import { SignDialog } from './SignDialog';
import { dpiaKey, riskKey, titleOrPlaceholder, verdictKey, type ReviewT } from './reviewWords';
import type { SignedFact } from './SignDialog';
import {
  MitigationForm,
  responseDraftsFrom,
  toSavedResponses,
  type ResponseDraft,
  type ResponseDrafts,
} from './MitigationForm';
import { focusQuestion, problemText, QuestionField } from './QuestionField';
import { useAutosave } from './useAutosave';
import { requestOf } from '../../state/requests';
import { ErrorMessage } from '../../i18n/reasons';

const STEP_HEADING_ID = 'questionnaire-step-title';

import { NotReady, SaveIndicator } from './DraftStatus';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function proposedIds(draft: ReviewDraftView): string[] {
  return draft.assessment.mitigations.map((m) => m.id);
}

/** What a submission signs, as the dialog lists it: the use, the questionnaire, the answers, core's verdict and risk. */
function submitFacts(
  draft: ReviewDraftView,
  questionnaire: QuestionnaireView,
  version: number,
  t: ReviewT,
): SignedFact[] {
  const a = draft.assessment;
  const visible = new Set(draft.visibleQuestionIds);
  const answered = Object.keys(draft.answers).filter((id) => visible.has(id)).length;
  const accepted = a.mitigations.filter((m) => m.response?.status === 'accepted').length;
  return [
    { label: t('sign.facts.title'), value: titleOrPlaceholder(a.summary.title, t) },
    ...(a.summary.summary ? [{ label: t('sign.facts.summary'), value: a.summary.summary }] : []),
    { label: t('sign.facts.version'), value: String(version) },
    {
      label: t('sign.facts.questionnaire'),
      value: t('sign.facts.questionnaireValue', {
        title: questionnaire.title,
        version: questionnaire.version,
      }),
    },
    { label: t('sign.facts.answers'), value: t('sign.facts.answersValue', { count: answered }) },
    {
      label: t('sign.facts.dpia'),
      value: a.format === 2 ? t(verdictKey(a.dpia.verdict)) : t(dpiaKey(a.screening.recommendation)),
    },
    {
      label: t('sign.facts.risk'),
      value:
        a.format === 2
          ? t('sign.facts.riskValue', {
              inherent: t(riskKey(a.risk.inherent.level)),
              residual: t(riskKey(a.risk.residual.level)),
            })
          : t(riskKey(a.risk.overall.level)),
    },
    {
      label: t('sign.facts.mitigations'),
      value: t('sign.facts.mitigationsValue', { accepted, count: a.mitigations.length }),
    },
  ];
}

export function DraftEditor({
  questionnaire,
  initial,
}: {
  questionnaire: QuestionnaireView;
  initial: ReviewDraftView;
}) {
  const { t } = useTranslation('review');
  const { latest, saveReviewDraft, submitReview, navigate, saveError, submitRequest, clearRequest } =
    useStewardStore(
      useShallow((s) => ({
        latest: s.reviewDraft,
        saveReviewDraft: s.saveReviewDraft,
        submitReview: s.submitReview,
        navigate: s.navigate,
        saveError: requestOf(s.requests, 'saveReviewDraft').error,
        submitRequest: requestOf(s.requests, 'submitReview'),
        clearRequest: s.clearRequest,
      })),
    );
  const draftId = initial.draftId;
  // Core's latest evaluation of this draft (the reply to the newest save).
  const evaluation = latest !== null && latest.draftId === draftId ? latest : initial;

  const [answers, setAnswers] = useState<DraftAnswers>(initial.answers);
  const [responses, setResponses] = useState<ResponseDrafts>(() =>
    responseDraftsFrom(initial.mitigationResponses),
  );
  const answersRef = useRef(answers);
  const responsesRef = useRef(responses);
  const proposedRef = useRef(proposedIds(initial));
  const lastSent = useRef<{ answers: DraftAnswers; responses: MitigationResponseInput[] }>({
    answers: initial.answers,
    responses: initial.mitigationResponses,
  });

  const save = useCallback(async () => {
    const payload = {
      answers: answersRef.current,
      responses: toSavedResponses(responsesRef.current, proposedRef.current),
    };
    // Nothing changed since the last save (a toggle back and forth, or spaces typed at the end).
    if (same(payload, lastSent.current)) return true;
    lastSent.current = payload;
    const saved = await saveReviewDraft(draftId, payload.answers, payload.responses);
    if (saved === null) {
      lastSent.current = { answers: {}, responses: [] };
      return false;
    }
    return true;
  }, [draftId, saveReviewDraft]);

  const { status, schedule, flush, retry } = useAutosave(save);

  // When core proposes a different set of mitigations, the responses to save change with it.
  useEffect(() => {
    proposedRef.current = proposedIds(evaluation);
    const wanted = toSavedResponses(responsesRef.current, proposedRef.current);
    if (!same(wanted, lastSent.current.responses) && status !== 'failed') schedule();
  }, [evaluation, schedule, status]);

  const setAnswer = (questionId: string, value: AnswerValue | undefined) => {
    const next = { ...answersRef.current };
    if (value === undefined) delete next[questionId];
    else next[questionId] = value;
    answersRef.current = next;
    setAnswers(next);
    schedule();
  };

  const setResponse = (mitigationId: string, draft: ResponseDraft) => {
    const next = { ...responsesRef.current, [mitigationId]: draft };
    responsesRef.current = next;
    setResponses(next);
    schedule();
  };

  // ---- steps -----------------------------------------------------------------------------
  const sections = questionnaire.sections;
  const summaryStep = sections.length;
  const [step, setStep] = useState(0);
  // Sections the person has moved on from: their unanswered required questions now show as problems.
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // A link from the screening to a question: after the move, focus goes to it, not the heading.
  const focusAfterMove = useRef<string | null>(null);

  useEffect(() => {
    if (!moved.current) return;
    const target = focusAfterMove.current;
    focusAfterMove.current = null;
    if (target !== null) {
      focusQuestion(target);
      return;
    }
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, [step]);

  const goTo = (index: number) => {
    if (index < 0 || index > summaryStep || index === step) return;
    const leaving = sections[step];
    if (leaving) setRevealed((previous) => new Set(previous).add(leaving.id));
    moved.current = true;
    setStep(index);
  };

  const visible = useMemo(() => new Set(evaluation.visibleQuestionIds), [evaluation.visibleQuestionIds]);

  // Where each question is, so the screening can name it and move to it.
  const where = useMemo(() => {
    const map = new Map<string, { section: number; text: string }>();
    sections.forEach((sec, index) =>
      sec.questions.forEach((q) => map.set(q.id, { section: index, text: q.label })),
    );
    return map;
  }, [sections]);
  const links: QuestionLinks = {
    label: (id) => where.get(id)?.text ?? null,
    go: (id) => {
      const target = where.get(id);
      if (!target) return;
      if (target.section === step) {
        focusQuestion(id);
        return;
      }
      focusAfterMove.current = id;
      goTo(target.section);
    },
  };
  const problems = useMemo(
    () => new Map(evaluation.assessment.answerProblems.map((p) => [p.questionId, p.reason])),
    [evaluation.assessment.answerProblems],
  );

  const sectionProblemCount = (index: number) =>
    sections[index]!.questions.filter((q) => visible.has(q.id) && problems.has(q.id)).length;

  const steps: Step[] = [
    ...sections.map((section, index): Step => {
      const count = sectionProblemCount(index);
      if (count === 0)
        return { id: section.id, label: section.title, state: 'done', stateText: t('draft.steps.complete') };
      return revealed.has(section.id)
        ? {
            id: section.id,
            label: section.title,
            state: 'attention',
            stateText: t('draft.steps.attention', { count }),
          }
        : { id: section.id, label: section.title, state: 'todo' };
    }),
    {
      id: 'summary',
      label: t('draft.steps.summary'),
      state: evaluation.assessment.readyToSubmit ? 'done' : 'todo',
      stateText: evaluation.assessment.readyToSubmit ? t('draft.steps.ready') : undefined,
    },
  ];

  // Counted from the answers on screen, so the bar moves as people type, not only after a save.
  const visibleTotal = evaluation.visibleQuestionIds.length;
  const visibleDone = evaluation.visibleQuestionIds.filter((id) => {
    const value = answers[id];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) return false;
    return !(problems.has(id) && same(value, evaluation.answers[id]));
  }).length;

  // Submitting is signed: the answers are saved first, then the dialog shows what will be signed.
  const [signing, setSigning] = useState(false);
  const askToSubmit = async () => {
    setAttempted(true);
    clearRequest('submitReview');
    if (!(await flush())) return;
    const current = useStewardStore.getState().reviewDraft;
    if (current === null || current.draftId !== draftId) return;
    if (!current.assessment.readyToSubmit || current.submitBlockers.length > 0) return;
    setSigning(true);
  };
  const submit = async () => {
    const detail = await submitReview(draftId);
    if (detail !== null) navigate({ route: 'review', reviewId: detail.summary.reviewId }, { replace: true });
  };
  const version = (initial.basedOnVersion ?? 0) + 1;

  const ready = evaluation.assessment.readyToSubmit && evaluation.submitBlockers.length === 0;
  const section = sections[step];

  return (
    <div className="questionnaire">
      <div className="questionnaire__toolbar">
        <ProgressBar
          className="questionnaire__progress"
          label={t('draft.progress.label')}
          value={visibleDone}
          max={Math.max(visibleTotal, 1)}
          valueText={t('draft.progress.value', { done: visibleDone, count: visibleTotal })}
        />
        <SaveIndicator status={status} savedAt={evaluation.updatedAt} error={saveError} onRetry={retry} />
      </div>
      <div className="step-layout">
        <Stepper
          className="step-layout__steps"
          label={t('draft.steps.label')}
          steps={steps}
          current={step}
          onSelect={goTo}
        />
        <section className="step-panel" aria-labelledby={STEP_HEADING_ID}>
          <p className="step-panel__kicker">
            {section
              ? t('draft.steps.kicker', { number: step + 1, total: sections.length })
              : t('draft.steps.last')}
          </p>
          <h2 className="step-panel__title" id={STEP_HEADING_ID} ref={headingRef} tabIndex={-1}>
            {section ? section.title : t('draft.steps.summary')}
          </h2>
          {section ? (
            <>
              {section.intro ? <Markdown source={section.intro} className="questionnaire__intro" /> : null}
              {section.questions.some((q) => visible.has(q.id)) ? (
                <ol className="question-list">
                  {section.questions
                    .filter((q) => visible.has(q.id))
                    .map((question) => {
                      const value = answers[question.id];
                      const reason = problems.get(question.id);
                      // A problem shows once the section was left or the question answered, and
                      // only while it is about the answer on screen (not one still being saved).
                      const current = same(value, evaluation.answers[question.id]);
                      const show =
                        reason !== undefined && current && (revealed.has(section.id) || value !== undefined);
                      return (
                        <li key={question.id} className="question-card">
                          <QuestionField
                            question={question}
                            value={value}
                            onChange={(next) => setAnswer(question.id, next)}
                            problem={show ? problemText(reason, t) : null}
                          />
                        </li>
                      );
                    })}
                </ol>
              ) : (
                <p className="text-muted">{t('draft.steps.noneApply')}</p>
              )}
            </>
          ) : (
            <div className="stack">
              <p className="text-muted">{t('draft.steps.summaryIntro')}</p>
              <ScreeningPanel assessment={evaluation.assessment} level={3} links={links} />
              <RiskPanel assessment={evaluation.assessment} level={3} />
              <FlagsPanel assessment={evaluation.assessment} level={3} />
              <MitigationForm
                mitigations={evaluation.assessment.mitigations}
                flags={evaluation.assessment.flags}
                drafts={responses}
                responseProblems={evaluation.assessment.responseProblems}
                showAllErrors={attempted}
                onChange={setResponse}
              />
              {!ready ? (
                <NotReady draft={evaluation} questionnaire={questionnaire} onGoToSection={goTo} />
              ) : null}
              {submitRequest.error && !signing ? (
                <Banner level="error" title={t('draft.nav.submitError')}>
                  <ErrorMessage error={submitRequest.error} />
                </Banner>
              ) : null}
            </div>
          )}
          <div className="step-panel__nav">
            {step > 0 ? (
              <Button icon="arrowLeft" onClick={() => goTo(step - 1)}>
                {t('draft.nav.previous')}
              </Button>
            ) : (
              <ButtonLink href={hrefFor('reviews')} icon="arrowLeft" variant="ghost">
                {t('draft.nav.allReviews')}
              </ButtonLink>
            )}
            {section ? (
              <Button variant="primary" iconEnd="arrowRight" onClick={() => goTo(step + 1)}>
                {step + 1 < sections.length
                  ? t('draft.nav.next', { title: sections[step + 1]!.title })
                  : t('draft.nav.nextSummary')}
              </Button>
            ) : (
              <Button
                variant="primary"
                icon="check"
                disabled={!ready}
                busy={submitRequest.status === 'pending'}
                busyLabel={t('draft.nav.submitting')}
                onClick={() => void askToSubmit()}
              >
                {initial.reviewId ? t('draft.nav.submitVersion', { version }) : t('draft.nav.submit')}
              </Button>
            )}
          </div>
          <SignDialog
            open={signing}
            title={t('sign.submitTitle', { version })}
            facts={submitFacts(evaluation, questionnaire, version, t)}
            confirmLabel={t('sign.submitConfirm')}
            busy={submitRequest.status === 'pending'}
            error={
              submitRequest.error ? (
                <Banner level="error" title={t('draft.nav.submitError')}>
                  <ErrorMessage error={submitRequest.error} />
                </Banner>
              ) : undefined
            }
            onConfirm={() => void submit()}
            onClose={() => setSigning(false)}
          />
        </section>
      </div>
    </div>
  );
}

/** On a revision: what the reviewer asked to change, so it is in view while answering. */
