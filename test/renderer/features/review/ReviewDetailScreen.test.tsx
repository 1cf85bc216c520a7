// A review's page over the real core: the summary, assessment, answers, what changed between
// versions and the timeline are core's projection of reviews taken through the real workflow;
// what the viewer may do (and why not) is core's too.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../../electron/core/contract/views/app';
import { formatDate, formatDay } from '../../../../renderer/format';
import { inFrenchEachTest } from '../../support/french';
import { actAs } from '../../support/people';
import { seededWorkspace } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { churnAnswers, CHURN_RESPONSES, seedReviewTeam, submitReview } from '../../support/reviews';
import { NOW } from '../../support/training';

const DECIDED_AT = '2026-11-20T10:00:00.000Z';

/**
 * Amara's reviews, Ben the reviewer: "Churn-risk score" awaits a decision; Ben asked for changes
 * to "Store-visit prediction"; "Loyalty tiers" came back as version 2 (the privacy notice does
 * not cover it after all); Ben approved "Support ticket search" with a condition.
 */
const workspace = seededWorkspace(async (core) => {
  const team = await seedReviewTeam(core);
  const { amara, ben } = team;
  core.clock.set('2026-11-10T09:00:00.000Z');
  const churn = await submitReview(core, amara, churnAnswers(), CHURN_RESPONSES);
  const changes = await submitReview(
    core,
    amara,
    churnAnswers({ proposalTitle: 'Store-visit prediction' }),
    CHURN_RESPONSES,
  );
  const revised = await submitReview(
    core,
    amara,
    churnAnswers({ proposalTitle: 'Loyalty tiers' }),
    CHURN_RESPONSES,
  );
  const decided = await submitReview(
    core,
    amara,
    churnAnswers({ proposalTitle: 'Support ticket search' }),
    CHURN_RESPONSES,
  );

  core.clock.set('2026-11-12T09:00:00.000Z');
  await actAs(core, ben);
  for (const reviewId of [changes, revised]) {
    await core.services.requestReviewChanges({
      reviewId,
      version: 1,
      rationale: 'Too vague.',
      requestedChanges: ['Say how customers are told.'],
    });
  }
  core.clock.set('2026-11-14T09:00:00.000Z');
  await actAs(core, amara);
  const revision = await core.services.startReviewRevision({ reviewId: revised });
  await core.services.saveReviewDraft({
    draftId: revision.draftId,
    answers: {
      ...revision.answers,
      noticeCovers: 'no',
      noticePlan: 'Email every affected customer a week before launch.',
      peopleSurprise: 2,
    },
    mitigationResponses: [
      ...CHURN_RESPONSES,
      { mitigationId: 'updateNotice', status: 'accepted', owner: 'Amara Okafor', dueDate: '2027-01-15' },
    ],
  });
  await core.services.submitReview({ draftId: revision.draftId });

  core.clock.set(DECIDED_AT);
  await actAs(core, ben);
  await core.services.decideReview({
    reviewId: decided,
    version: 1,
    decision: 'approvedWithConditions',
    rationale: 'Proportionate, once free text is kept out of the index.',
    conditions: [{ text: 'Keep free text out of the index', owner: 'Support lead', dueDate: '2027-01-31' }],
    reReviewDate: '2027-11-20',
    dpoAdvice: null,
  });
  core.clock.set(NOW);
  return { ...team, churn, changes, revised, decided };
});

type Seeded = Awaited<ReturnType<typeof workspace.open>>['seeded'];

async function openReview(reviewOf: (s: Seeded) => string, viewer: (s: Seeded) => ProfileSummary) {
  const { core, seeded } = await workspace.open();
  await actAs(core, viewer(seeded));
  const reviewId = reviewOf(seeded);
  const { summary } = await core.services.getReview({ reviewId });
  const bridge = await renderApp(core, `#/reviews/${reviewId}`);
  await screen.findByRole('heading', { level: 1, name: summary.title });
  return { core, bridge, reviewId, ...seeded };
}

describe('review detail', () => {
  it('shows the summary, assessment, answers by section and the timeline', async () => {
    await openReview(
      (s) => s.churn,
      (s) => s.ben,
    );
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(summary).getByText('Awaiting decision')).toBeTruthy();
    expect(within(summary).getByText(/Amara Okafor \(Data Science\)/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Risk' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'DPIA screening' })).toBeTruthy();
    const answers = screen.getByRole('region', { name: 'Answers' });
    expect(within(answers).getByRole('heading', { level: 3, name: 'The proposal' })).toBeTruthy();
    const screening = within(answers).getByRole('heading', { level: 3, name: 'DPIA screening' });
    expect(screening.parentElement!.textContent).toContain('Will we evaluate or score people');
    expect(screening.parentElement!.textContent).toMatch(/health or location\?No/);
    const timeline = within(screen.getByRole('region', { name: 'Timeline' })).getAllByRole('listitem');
    expect(timeline[0]!.textContent).toContain('Submitted version 1');
    expect(timeline[0]!.textContent).toContain('Amara Okafor');
    expect(screen.queryByRole('region', { name: /What changed/ })).toBeNull();
  });

  it('renders what changed since the previous version, before and after', async () => {
    await openReview(
      (s) => s.revised,
      (s) => s.ben,
    );
    const changes = screen.getByRole('region', { name: 'What changed since version 1' });
    const items = within(changes).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText('Changed')).toBeTruthy();
    expect(within(items[0]!).getByText('Yes').tagName).toBe('DEL');
    expect(within(items[0]!).getByText('No').tagName).toBe('INS');
    expect(items[0]!.textContent).toContain('BeforeYesAfterNo');
    expect(within(items[1]!).getByText('Added')).toBeTruthy();
    expect(within(items[1]!).getByText('No answer')).toBeTruthy();
    expect(items[1]!.textContent).toContain('Email every affected customer a week before launch.');
    expect(items[2]!.textContent).toContain('Before1 (Not at all)After2 (Slightly)');
    // The timeline has both versions and the request between them.
    const titles = [
      ...screen.getByRole('region', { name: 'Timeline' }).querySelectorAll('.timeline__title'),
    ].map((title) => title.textContent);
    expect(titles).toEqual(['Submitted version 1', 'Requested changes to version 1', 'Submitted version 2']);
  });

  it('posts a comment', async () => {
    const { core, bridge, reviewId } = await openReview(
      (s) => s.churn,
      (s) => s.ben,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    expect(screen.getByText('Write a comment first.')).toBeTruthy();
    expect(bridge.callsTo('commentOnReview')).toEqual([]);
    fireEvent.change(screen.getByRole('textbox', { name: 'Add a comment' }), {
      target: { value: 'Who owns the model?' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(
      await within(timeline).findByText('Who owns the model?', { selector: '.timeline__text' }),
    ).toBeTruthy();
    expect(bridge.callsTo('commentOnReview')).toEqual([{ reviewId, text: 'Who owns the model?' }]);
    expect((screen.getByRole('textbox', { name: 'Add a comment' }) as HTMLTextAreaElement).value).toBe('');
    const recorded = (await core.services.getReview({ reviewId })).timeline.at(-1);
    expect(recorded).toMatchObject({
      kind: 'commented',
      text: 'Who owns the model?',
      by: { name: 'Ben Schmidt' },
    });
  });

  it("on your own submission: no decision panel, core's reason, and withdraw with a reason", async () => {
    const { bridge } = await openReview(
      (s) => s.churn,
      (s) => s.amara,
    );
    expect(screen.queryByRole('form', { name: 'Decision' })).toBeNull();
    expect(screen.getByText('You cannot decide on this review')).toBeTruthy();
    expect(
      screen.getByText(
        'You submitted "Churn-risk score", so someone else must review it (separation of duties).',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revise and resubmit' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw review' }));
    const reason = screen.getByRole('textbox', { name: 'Why are you withdrawing it?' });
    expect(document.activeElement).toBe(reason);
    const form = screen.getByRole('form', { name: 'Withdraw the review' });
    fireEvent.click(within(form).getByRole('button', { name: 'Withdraw review' }));
    expect(screen.getByText('Say why you are withdrawing the review.')).toBeTruthy();
    expect(bridge.callsTo('withdrawReview')).toEqual([]);
    fireEvent.change(reason, { target: { value: 'The project was paused.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Withdraw review' }));
    expect(
      await within(screen.getByRole('region', { name: 'Summary' })).findByText('Withdrawn'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Withdraw review' })).toBeNull();
  });

  it('revises after changes were requested: a draft prefilled from the latest version, with what was asked', async () => {
    const { bridge, reviewId } = await openReview(
      (s) => s.changes,
      (s) => s.amara,
    );
    expect(screen.queryByText('You cannot decide on this review')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Revise and resubmit' }));
    await screen.findByRole('heading', { level: 1, name: 'Revise: Store-visit prediction' });
    expect(bridge.callsTo('startReviewRevision')).toEqual([{ reviewId }]);
    expect(await screen.findByText('Ben Schmidt asked for changes to version 1')).toBeTruthy();
    expect(screen.getByText('Say how customers are told.')).toBeTruthy();
    expect(
      (screen.getByRole('textbox', { name: /Name of the proposed use/ }) as HTMLInputElement).value,
    ).toBe('Store-visit prediction');
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Questionnaire steps' })).getByRole('button', {
        name: /Risk summary/,
      }),
    );
    expect(screen.getByRole('button', { name: 'Submit version 2' })).toBeTruthy();
  });

  it('copies an own review into a new draft', async () => {
    const { core, bridge, reviewId } = await openReview(
      (s) => s.churn,
      (s) => s.amara,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy into a new draft' }));
    await screen.findByRole('heading', { level: 1, name: 'Draft: Churn-risk score' });
    expect(bridge.callsTo('createReviewDraft')).toEqual([{ copyFromReviewId: reviewId }]);
    const { drafts } = await core.services.listReviews({});
    expect(drafts.map((d) => d.title)).toEqual(['Churn-risk score']);
  });
});

describe('review detail in French', () => {
  inFrenchEachTest();

  it('shows a decided review in French, with its decision date written the French way', async () => {
    const { core, seeded } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await actAs(core, seeded.amara);
    await renderApp(core, `#/reviews/${seeded.decided}`);
    await screen.findByRole('heading', { level: 1, name: 'Support ticket search' });

    const summary = screen.getByRole('region', { name: 'Synthèse' });
    expect(within(summary).getByText('Soumis par')).toBeTruthy();
    expect(within(summary).getByText('Approuvé sous conditions')).toBeTruthy();
    const decidedOn = formatDate(DECIDED_AT);
    expect(decidedOn).toBe('20 novembre 2026');
    expect(
      within(summary).getByText(`Approuvé sous conditions par Ben Schmidt le ${decidedOn}`),
    ).toBeTruthy();
    expect(within(summary).getByText('Réexamen')).toBeTruthy();
    expect(within(summary).getByText(/20 novembre 2027/)).toBeTruthy();

    expect(screen.getByRole('region', { name: 'Pré-analyse AIPD' })).toBeTruthy();
    const risk = screen.getByRole('region', { name: 'Risque' });
    expect(risk.textContent).toContain('gravité × vraisemblance');
    expect(within(risk).getByRole('columnheader', { name: 'Résiduel' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Alertes' })).toBeTruthy();
    expect(screen.getByRole('region', { name: "Mesures d'atténuation" })).toBeTruthy();
    const timeline = screen.getByRole('region', { name: 'Historique' });
    expect(within(timeline).getByText('Version 1 soumise')).toBeTruthy();
    expect(timeline.textContent).toContain(formatDay('2027-01-31'));
    expect(screen.getByRole('textbox', { name: 'Ajouter un commentaire' })).toBeTruthy();
  });

  it("words core's reason for not deciding in French", async () => {
    const { core, seeded } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await actAs(core, seeded.amara);
    await renderApp(core, `#/reviews/${seeded.churn}`);
    await screen.findByRole('heading', { level: 1, name: 'Churn-risk score' });
    expect(screen.getByText('Vous ne pouvez pas statuer sur cet examen')).toBeTruthy();
    expect(
      screen.getByText(
        "Vous avez soumis « Churn-risk score » : quelqu'un d'autre doit l'examiner (séparation des tâches).",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/so someone else must review it/)).toBeNull();
  });
});
