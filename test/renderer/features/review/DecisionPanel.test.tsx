// A reviewer's decision over the real core: the form says what is missing before anything is
// sent, core records the decision (or the request for changes) and signs it, and what core
// refuses is shown in its words.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../../../electron/core/contract/methods';
import { i18n } from '../../../../renderer/i18n';
import { inFrenchEachTest, NNBSP } from '../../support/french';
import { actAs } from '../../support/people';
import { seededWorkspace } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import {
  churnAnswers,
  CHURN_RESPONSES,
  DECLINE_ART9,
  lowRiskAnswers,
  seedReviewTeam,
  SPECIAL_CATEGORY,
  submitReview,
} from '../../support/reviews';
import { NOW } from '../../support/training';

/**
 * Three of Amara's reviews await Ben's decision: "Churn-risk score"; "Loyalty offers", on which
 * the DPO advised; and "Health offers", with a blocking flag open (the mitigation was declined).
 */
const workspace = seededWorkspace(async (core) => {
  const team = await seedReviewTeam(core);
  core.clock.set('2026-11-10T09:00:00.000Z');
  const churn = await submitReview(core, team.amara, churnAnswers(), CHURN_RESPONSES);
  const dpo = await submitReview(
    core,
    team.amara,
    lowRiskAnswers({ proposalTitle: 'Loyalty offers', dpoAdvice: 'Do not use health data.' }),
  );
  const blocked = await submitReview(
    core,
    team.amara,
    churnAnswers({ proposalTitle: 'Health offers', ...SPECIAL_CATEGORY }),
    [...CHURN_RESPONSES, DECLINE_ART9],
  );
  core.clock.set(NOW);
  await actAs(core, team.ben);
  return { ...team, churn, dpo, blocked };
});

const decisionForm = () => screen.getByRole('form', { name: 'Decision' });
const choose = (name: string) =>
  fireEvent.click(within(screen.getByRole('group', { name: 'Your decision' })).getByRole('radio', { name }));

/** Every decision is signed: the dialog shows what will be signed, and signing is asked once. */
async function confirmSigning(label: string) {
  const dialog = await screen.findByRole('dialog');
  fireEvent.click(within(dialog).getByRole('button', { name: label }));
}

async function openReview(which: 'churn' | 'dpo' | 'blocked') {
  const { core, seeded } = await workspace.open();
  const reviewId = seeded[which];
  const { summary } = await core.services.getReview({ reviewId });
  const bridge = await renderApp(core, `#/reviews/${reviewId}`);
  await screen.findByRole('heading', { level: 1, name: summary.title });
  return { core, bridge, reviewId, ...seeded };
}

describe('decision', () => {
  it('requires a rationale, and a re-review date for an approval', async () => {
    const { core, bridge, reviewId } = await openReview('churn');
    choose('Approve');
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve' }));
    const summary = await screen.findByRole('link', { name: 'Write the rationale for this decision.' });
    expect(
      screen.getByRole('link', { name: 'Set the date by which this use is reviewed again.' }),
    ).toBeTruthy();
    const rationale = screen.getByRole('textbox', { name: 'Rationale' });
    expect(rationale.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(summary);
    expect(document.activeElement).toBe(rationale);
    expect(bridge.callsTo('decideReview')).toEqual([]);

    fireEvent.change(rationale, { target: { value: 'Low residual risk; analytics only.' } });
    fireEvent.change(screen.getByLabelText(/Re-review date/), { target: { value: '2027-11-30' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve' }));
    await confirmSigning('Sign the decision');
    await screen.findByText('Your decision was recorded and signed.');
    expect(bridge.callsTo('decideReview')).toEqual([
      {
        reviewId,
        version: 1,
        decision: 'approved',
        rationale: 'Low residual risk; analytics only.',
        conditions: [],
        reReviewDate: '2027-11-30',
        dpoAdvice: null,
      },
    ]);
    // Decided: the form is gone, the status and timeline say so.
    expect(screen.queryByRole('form', { name: 'Decision' })).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('Approved')).toBeTruthy();
    expect((await core.services.getReview({ reviewId })).summary.status).toBe('approved');
  });

  it('approve with conditions: every condition needs text, an owner and a due date; rows can be added and removed', async () => {
    const { bridge } = await openReview('churn');
    choose('Approve with conditions');
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), {
      target: { value: 'Fine with care.' },
    });
    fireEvent.change(screen.getByLabelText(/Re-review date/), { target: { value: '2027-06-01' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve with conditions' }));
    expect(await screen.findByRole('link', { name: 'Write condition 1.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Name who owns condition 1.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Give condition 1 a due date.' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add a condition' }));
    const second = screen.getByRole('group', { name: 'Condition 2' });
    expect(document.activeElement).toBe(within(second).getByRole('textbox', { name: 'Condition' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove condition 2' }));
    expect(screen.queryByRole('group', { name: 'Condition 2' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add a condition' }));

    const first = screen.getByRole('group', { name: 'Condition 1' });
    fireEvent.change(within(first).getByRole('textbox', { name: 'Condition' }), {
      target: { value: 'Pseudonymise the training set' },
    });
    fireEvent.change(within(first).getByRole('textbox', { name: 'Owner' }), {
      target: { value: 'Grace Hopper' },
    });
    fireEvent.change(within(first).getByLabelText('Due date'), { target: { value: '2027-02-01' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Approve with conditions' }));
    await confirmSigning('Sign the decision');
    await screen.findByText('Your decision was recorded and signed.');
    const call = bridge.callsTo('decideReview')[0] as ArgsOf<'decideReview'>;
    expect(call.decision).toBe('approvedWithConditions');
    expect(call.conditions).toEqual([
      { text: 'Pseudonymise the training set', owner: 'Grace Hopper', dueDate: '2027-02-01' },
    ]);
    const conditions = screen.getByRole('region', { name: 'Conditions' });
    expect(within(conditions).getByText('Pseudonymise the training set')).toBeTruthy();
  });

  it('requests changes with a list of what to change', async () => {
    const { core, bridge, reviewId } = await openReview('churn');
    choose('Request changes');
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Request changes' }));
    expect(await screen.findByRole('link', { name: 'Say what change 1 is, or remove it.' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'Too vague.' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Change 1' }), {
      target: { value: 'Narrow the purpose.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add another change' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Change 2' }), {
      target: { value: 'Name the owner.' },
    });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Request changes' }));
    await confirmSigning('Sign the decision');
    await screen.findByText('Your request for changes was recorded and signed.');
    expect(bridge.callsTo('requestReviewChanges')).toEqual([
      {
        reviewId,
        version: 1,
        rationale: 'Too vague.',
        requestedChanges: ['Narrow the purpose.', 'Name the owner.'],
      },
    ]);
    const titles = [
      ...screen.getByRole('region', { name: 'Timeline' }).querySelectorAll('.timeline__title'),
    ].map((title) => title.textContent);
    expect(titles).toContain('Requested changes to version 1');
    expect(screen.getByText('Name the owner.')).toBeTruthy();
    expect((await core.services.getReview({ reviewId })).summary.status).toBe('changesRequested');
  });

  it("asks whether the DPO's advice is followed, and requires a reason when it is not", async () => {
    const { bridge } = await openReview('dpo');
    choose('Reject');
    expect(screen.getByText('Do not use health data.', { selector: '.quote p' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'Too risky.' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByRole('link', { name: "Say whether this decision follows the DPO's advice." }),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'No, it departs from the advice' }));
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByRole('link', { name: "Say why the decision departs from the DPO's advice." }),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Why the decision departs/ }), {
      target: { value: 'Stricter than the advice.' },
    });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    await confirmSigning('Sign the decision');
    await screen.findByText('Your decision was recorded and signed.');
    expect((bridge.callsTo('decideReview')[0] as ArgsOf<'decideReview'>).dpoAdvice).toEqual({
      followed: false,
      reason: 'Stricter than the advice.',
    });
  });

  it("shows core's refusal in an alert: the reviewer's training lapsed after the page opened", async () => {
    const { core, reviewId } = await openReview('churn');
    // The organisation publishes a new version of a module: Ben must retake it before deciding.
    core.content.publishMajorVersion('law-in-practice');
    choose('Reject');
    fireEvent.change(screen.getByRole('textbox', { name: 'Rationale' }), { target: { value: 'No.' } });
    fireEvent.click(within(decisionForm()).getByRole('button', { name: 'Reject' }));
    await confirmSigning('Sign the decision');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Steward did not record this decision');
    expect(alert.textContent).toContain(
      'Your reviewer training is not current: Data protection law in practice.',
    );
    expect((await core.services.getReview({ reviewId })).summary.status).toBe('submitted');
  });

  it('offers no approval while a blocking flag is open', async () => {
    await openReview('blocked');
    expect((screen.getByRole('radio', { name: 'Approve' }) as HTMLInputElement).disabled).toBe(true);
    expect(
      (screen.getByRole('radio', { name: 'Approve with conditions' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.getAllByText('Not possible while 1 blocking flag is open.')).toHaveLength(2);
    expect((screen.getByRole('radio', { name: 'Reject' }) as HTMLInputElement).disabled).toBe(false);
  });
});

describe('decision in French', () => {
  inFrenchEachTest();

  it('checks a decision in French, counting what to fix with French plurals', async () => {
    const { core, seeded } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, `#/reviews/${seeded.blocked}`);
    const form = await screen.findByRole('form', { name: 'Décision' });
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

  it("words core's refusal of a decision in French", async () => {
    const { core, seeded } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, `#/reviews/${seeded.churn}`);
    const form = await screen.findByRole('form', { name: 'Décision' });
    core.content.publishMajorVersion('law-in-practice');
    fireEvent.click(
      within(within(form).getByRole('group', { name: 'Votre décision' })).getByRole('radio', {
        name: 'Rejeter',
      }),
    );
    fireEvent.change(within(form).getByRole('textbox', { name: 'Motivation' }), {
      target: { value: 'Non.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Rejeter' }));
    await confirmSigning('Signer la décision');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      "Votre formation d'examinateur n'est pas à jour : Data protection law in practice.",
    );
    expect(alert.textContent).not.toContain('Your reviewer training');
  });
});
