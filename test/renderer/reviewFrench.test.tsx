// The reviews home and a review in French: the renderer's words come from fr/review.json (with
// French typography: a no-break space before ":" and a narrow one before "?"), counts take French
// plurals (0 and 1 singular), and dates are written the French way. The questionnaire's own text
// is content and stays as core serves it.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDate, formatShortDate } from '../../renderer/format';
import { i18n } from '../../renderer/i18n';
import { makeProfile } from './fakeBridge';
import {
  completeAnswers,
  makeApprovedWithConditions,
  makeDraft,
  makeQuestionnaire,
  makeReview,
  person,
} from './fakeReviews';
import { inFrenchEachTest, NBSP, NNBSP } from './french';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace', team: 'Analytics' });
const ben = makeProfile({ name: 'Ben Schmidt', team: 'Privacy' });
const q = makeQuestionnaire();

/** The saved choice is French too, so the app's own start-up keeps the page in French. */
const inFrench = { locale: 'fr' as const };

const decidedReview = () =>
  makeApprovedWithConditions(q, person(ben), person(ada), {
    reviewId: 'rv-decided',
    answers: completeAnswers({ proposalTitle: 'Support ticket search' }),
  });

inFrenchEachTest();

describe('reviews in French', () => {
  it('shows the reviews home in French, with French dates and plurals', async () => {
    const mine = makeReview(q, person(ada), {
      reviewId: 'rv-mine',
      answers: completeAnswers({ proposalTitle: 'Churn-risk score' }),
    });
    const theirs = makeReview(q, person(ben), {
      reviewId: 'rv-theirs',
      answers: completeAnswers({ proposalTitle: 'Loyalty offers' }),
    });
    window.history.replaceState(null, '', '#/reviews');
    await renderApp({
      profiles: [ada, ben],
      currentProfileId: ada.id,
      records: inFrench,
      reviews: {
        questionnaire: q,
        reviews: [mine, theirs, decidedReview()],
        drafts: [makeDraft({ answers: { proposalTitle: 'Store-visit prediction' } })],
        reviewerIds: [],
        submitterBlockers: [],
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Examens' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Commencer un examen' })).toBeTruthy();

    const drafts = screen.getByRole('region', { name: 'Vos brouillons' });
    expect(
      within(drafts).getByRole('link', { name: `Reprendre${NBSP}: Store-visit prediction` }),
    ).toBeTruthy();

    const mineRow = within(screen.getByRole('region', { name: 'Vos examens' }))
      .getByRole('link', { name: 'Churn-risk score' })
      .closest('tr')!;
    expect(within(mineRow).getByText('En attente de décision')).toBeTruthy();
    expect(within(mineRow).getByText('Risque moyen')).toBeTruthy();

    const register = screen.getByRole('region', { name: 'Registre des examens' });
    expect(within(register).getByRole('columnheader', { name: 'Demandeur' })).toBeTruthy();
    const decidedRow = within(register).getByRole('link', { name: 'Support ticket search' }).closest('tr')!;
    expect(within(decidedRow).getByText('Approuvé sous conditions')).toBeTruthy();
    const decidedOn = formatShortDate('2026-11-25T10:00:00.000Z');
    expect(decidedOn).toMatch(/^\d{1,2} nov\. 2026$/);
    expect(decidedRow.textContent).toContain(`Décidépar Ada Lovelace, le ${decidedOn}`);
    expect(decidedRow.textContent).toContain(formatShortDate('2027-11-25'));

    // Others' reviews are waiting and Ada is not a reviewer: one, so singular.
    expect(screen.getByText("1 examen soumis par d'autres attend un examinateur")).toBeTruthy();
    // Testing Library collapses the no-break space; the page keeps it.
    expect(screen.getByText(/^Vous ne pouvez pas statuer sur les examens/).textContent).toBe(
      `Vous ne pouvez pas statuer sur les examens${NBSP}:`,
    );
    // French counts 0 as singular too.
    expect(i18n.t('review:home.reviewerNote.title', { count: 0 })).toBe(
      "0 examen soumis par d'autres attend un examinateur",
    );
    expect(i18n.t('review:home.reviewerNote.title', { count: 2 })).toBe(
      "2 examens soumis par d'autres attendent un examinateur",
    );
  });

  it('shows a decided review in French, with its decision date written the French way', async () => {
    const review = decidedReview();
    window.history.replaceState(null, '', '#/reviews/rv-decided');
    await renderApp({
      profiles: [ada, ben],
      currentProfileId: ben.id,
      records: inFrench,
      reviews: { questionnaire: q, reviews: [review], reviewerIds: [] },
    });
    await screen.findByRole('heading', { level: 1, name: 'Support ticket search' });

    const summary = screen.getByRole('region', { name: 'Synthèse' });
    expect(within(summary).getByText('Soumis par')).toBeTruthy();
    expect(within(summary).getByText('Approuvé sous conditions')).toBeTruthy();
    const decidedOn = formatDate('2026-11-25T10:00:00.000Z');
    expect(decidedOn).toMatch(/novembre 2026/);
    expect(
      within(summary).getByText(`Approuvé sous conditions par Ada Lovelace le ${decidedOn}`),
    ).toBeTruthy();
    expect(within(summary).getByText('Réexamen')).toBeTruthy();
    expect(within(summary).getByText(/novembre 2027/)).toBeTruthy();

    expect(screen.getByRole('region', { name: 'Pré-analyse AIPD' })).toBeTruthy();
    const risk = screen.getByRole('region', { name: 'Risque' });
    expect(risk.textContent).toContain(`Niveau global${NBSP}:`);
    expect(within(risk).getByRole('columnheader', { name: 'Niveau' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Alertes' })).toBeTruthy();
    expect(screen.getByRole('region', { name: "Mesures d'atténuation" })).toBeTruthy();
    const timeline = screen.getByRole('region', { name: 'Historique' });
    expect(within(timeline).getByText('Version 1 soumise')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Ajouter un commentaire' })).toBeTruthy();
  });

  it('checks a decision in French, counting what to fix with French plurals', async () => {
    const review = makeReview(q, person(ada), {
      reviewId: 'rv-churn',
      answers: completeAnswers({ scrSensitive: 'yes' }),
    });
    window.history.replaceState(null, '', '#/reviews/rv-churn');
    await renderApp({
      profiles: [ada, ben],
      currentProfileId: ben.id,
      records: inFrench,
      reviews: { questionnaire: q, reviews: [review], reviewerIds: [ben.id] },
    });
    await screen.findByRole('heading', { level: 1, name: review.detail.summary.title });

    const form = screen.getByRole('form', { name: 'Décision' });
    const choices = within(form).getByRole('group', { name: 'Votre décision' });
    fireEvent.click(within(choices).getByRole('radio', { name: 'Rejeter' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Rejeter' }));
    expect(
      await screen.findByRole('link', { name: 'Rédigez la motivation de cette décision.' }),
    ).toBeTruthy();
    expect(screen.getByText("1 point à corriger avant d'enregistrer la décision")).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Motivation' }).getAttribute('aria-invalid')).toBe('true');

    // The French question mark takes a narrow no-break space.
    expect(i18n.t('review:decision.dpoLegend')).toMatch(new RegExp(`${NNBSP}\\?$`));
  });
});
