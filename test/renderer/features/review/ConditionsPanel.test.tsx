// The conditions of an approval over the real core: each one's owner, due date and state (met,
// open, overdue — core's judgement on its clock), and marking one met where core allows it (the
// submitter or a reviewer), signed into the ledger and shown in the timeline.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../../electron/core/contract/views/app';
import { formatDate, formatDay } from '../../../../renderer/format';
import { inFrenchEachTest, NBSP } from '../../support/french';
import { actAs } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { churnAnswers, CHURN_RESPONSES, seedReviewTeam, submitReview } from '../../support/reviews';
import { NOW } from '../../support/training';

const PSEUDONYMISE = { text: 'Pseudonymise the training set', owner: 'Grace Hopper', dueDate: '2027-02-01' };
const DELETE_RAW = {
  text: 'Delete raw transcripts after 30 days',
  owner: 'Support lead',
  dueDate: '2026-11-20',
};

/** Ben approved Amara's "Churn-risk score" on 10 November with two conditions; one is now overdue. */
const workspace = seededWorkspace(async (core) => {
  const team = await seedReviewTeam(core);
  core.clock.set('2026-11-05T09:00:00.000Z');
  const reviewId = await submitReview(core, team.amara, churnAnswers(), CHURN_RESPONSES);
  core.clock.set('2026-11-10T09:00:00.000Z');
  await actAs(core, team.ben);
  await core.services.decideReview({
    reviewId,
    version: 1,
    decision: 'approvedWithConditions',
    rationale: 'Fine once the raw data goes and the training set is pseudonymised.',
    conditions: [PSEUDONYMISE, DELETE_RAW],
    reReviewDate: '2027-11-10',
    dpoAdvice: null,
  });
  core.clock.set(NOW);
  return { ...team, reviewId };
});

type Seeded = Awaited<ReturnType<typeof workspace.open>>['seeded'];

async function openReview(
  viewer: (s: Seeded) => ProfileSummary,
  before?: (core: TestCore, s: Seeded) => Promise<void>,
) {
  const { core, seeded } = await workspace.open();
  await before?.(core, seeded);
  await actAs(core, viewer(seeded));
  const bridge = await renderApp(core, `#/reviews/${seeded.reviewId}`);
  await screen.findByRole('heading', { level: 1, name: 'Churn-risk score' });
  const conditionId = async (text: string) =>
    (await core.services.getReview({ reviewId: seeded.reviewId })).conditions.find((c) => c.text === text)!;
  return { core, bridge, conditionId, ...seeded };
}

const conditionsPanel = () => screen.getByRole('region', { name: 'Conditions' });
const item = (text: string) =>
  within(conditionsPanel()).getByText(text, { selector: '.flag__label' }).closest('li') as HTMLElement;
const meetForm = (text: string) => screen.getByRole('form', { name: `Mark met: ${text}` });

describe('review detail: conditions', () => {
  it('marks a condition met: a blank note is refused here, then the condition, timeline and form update', async () => {
    const { core, bridge, reviewId, conditionId } = await openReview((s) => s.amara);
    expect(within(conditionsPanel()).getByText('0 of 2 conditions met')).toBeTruthy();

    // Blank: said what is missing, the field is focused, core is not called.
    const form = meetForm(PSEUDONYMISE.text);
    const note = within(form).getByRole('textbox', { name: /What was done/ });
    fireEvent.change(note, { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    expect(within(form).getByText('Say what was done to meet this condition.')).toBeTruthy();
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(note);
    expect(bridge.callsTo('markConditionMet')).toEqual([]);

    fireEvent.change(note, { target: { value: '  Salted hashes since 1 Dec; see DPIA-42.  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    const status = await within(item(PSEUDONYMISE.text)).findByText(/^Met on .* by Amara Okafor$/);
    const pseudonymise = await conditionId(PSEUDONYMISE.text);
    expect(status.textContent).toBe(`Met on ${formatDate(pseudonymise.met!.at)} by Amara Okafor`);
    expect(bridge.callsTo('markConditionMet')).toEqual([
      { reviewId, conditionId: pseudonymise.id, note: 'Salted hashes since 1 Dec; see DPIA-42.' },
    ]);
    // Focus moves to the condition's new state; its form is gone, the note is shown.
    await waitFor(() => expect(document.activeElement).toBe(status.closest('p')));
    expect(screen.queryByRole('form', { name: `Mark met: ${PSEUDONYMISE.text}` })).toBeNull();
    expect(within(item(PSEUDONYMISE.text)).getByText('Salted hashes since 1 Dec; see DPIA-42.')).toBeTruthy();
    expect(within(conditionsPanel()).getByText('1 of 2 conditions met')).toBeTruthy();

    // The timeline records it, with the note.
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    const entry = within(timeline)
      .getByText(`Condition met: ${PSEUDONYMISE.text}`)
      .closest('li') as HTMLElement;
    expect(entry.textContent).toContain('Salted hashes since 1 Dec; see DPIA-42.');
    expect(entry.textContent).toContain('Amara Okafor');

    // The last one: no form and no button is left.
    const last = meetForm(DELETE_RAW.text);
    fireEvent.change(within(last).getByRole('textbox', { name: /What was done/ }), {
      target: { value: 'Retention job deletes after 30 days.' },
    });
    fireEvent.click(within(last).getByRole('button', { name: 'Mark as met' }));
    await within(item(DELETE_RAW.text)).findByText(/^Met on .* by Amara Okafor$/);
    expect(within(conditionsPanel()).getByText('2 of 2 conditions met')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as met' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /What was done/ })).toBeNull();
    expect((await core.services.getReview({ reviewId })).conditions.every((c) => c.met !== null)).toBe(true);
  });

  it("shows core's refusal in the condition's form", async () => {
    const { core, ben } = await openReview((s) => s.ben);
    // After the page opened, Ben moves from reviewer to manager: he still sees the review.
    core.endRole(ben, 'reviewers');
    core.grantRole(ben, 'managers');
    const form = meetForm(DELETE_RAW.text);
    fireEvent.change(within(form).getByRole('textbox', { name: /What was done/ }), {
      target: { value: 'Done.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Mark as met' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('The condition was not marked met');
    expect(alert.textContent).toContain(
      'Only the submitter of "Churn-risk score" or a reviewer can mark its conditions met.',
    );
    // Only the form that was used shows it, and nothing was marked.
    expect(within(meetForm(PSEUDONYMISE.text)).queryByRole('alert')).toBeNull();
    expect(within(item(DELETE_RAW.text)).getByText(/^Overdue/)).toBeTruthy();
  });

  it('says which open condition is overdue, and which is merely open', async () => {
    await openReview((s) => s.amara);
    const overdue = item(DELETE_RAW.text);
    expect(within(overdue).getByText(`Overdue · was due ${formatDay(DELETE_RAW.dueDate)}`)).toBeTruthy();
    expect(within(overdue).getByText('Support lead')).toBeTruthy();
    const open = item(PSEUDONYMISE.text);
    expect(within(open).getByText(`Open · due ${formatDay(PSEUDONYMISE.dueDate)}`)).toBeTruthy();
    expect(within(open).queryByText(/Overdue/)).toBeNull();
    expect(within(open).getByText('Grace Hopper')).toBeTruthy();
  });

  it('a condition met after its due date is met, not overdue', async () => {
    const { conditionId } = await openReview(
      (s) => s.amara,
      async (core, s) => {
        await actAs(core, s.ben);
        const { conditions } = await core.services.getReview({ reviewId: s.reviewId });
        await core.services.markConditionMet({
          reviewId: s.reviewId,
          conditionId: conditions.find((c) => c.text === DELETE_RAW.text)!.id,
          note: 'Deleted.',
        });
      },
    );
    const metAt = (await conditionId(DELETE_RAW.text)).met!.at;
    expect(metAt > DELETE_RAW.dueDate).toBe(true);
    const met = item(DELETE_RAW.text);
    expect(within(met).getByText(`Met on ${formatDate(metAt)} by Ben Schmidt`)).toBeTruthy();
    expect(within(met).getByText('Deleted.')).toBeTruthy();
    expect(within(met).queryByText(/Overdue/)).toBeNull();
    expect(screen.queryByRole('form', { name: `Mark met: ${DELETE_RAW.text}` })).toBeNull();
    expect(within(conditionsPanel()).getByText('1 of 2 conditions met')).toBeTruthy();
  });

  it('offers no form to whoever may not mark conditions met (neither the submitter nor a reviewer)', async () => {
    const { bridge } = await openReview(
      (s) => s.cara,
      async (core, s) => core.grantRole(s.cara, 'managers'),
    );
    expect(within(conditionsPanel()).getByText(PSEUDONYMISE.text)).toBeTruthy();
    expect(screen.queryByRole('form', { name: /^Mark met/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Mark as met' })).toBeNull();
    expect(
      within(conditionsPanel()).getByText(
        'The submitter or a reviewer marks each condition met once it is done.',
      ),
    ).toBeTruthy();
    expect(bridge.callsTo('markConditionMet')).toEqual([]);
  });
});

describe('review conditions in French', () => {
  inFrenchEachTest();

  it('shows the state of each condition, marks one met and records it in the timeline, in French', async () => {
    const { conditionId } = await openReview(
      (s) => s.amara,
      async (core) => {
        await core.services.setLocale({ locale: 'fr' });
      },
    );
    const panel = screen.getByRole('region', { name: 'Conditions' });
    expect(within(panel).getByText('0 sur 2 conditions remplies')).toBeTruthy();
    expect(
      within(panel).getByText(`En retard · l'échéance était le ${formatDay(DELETE_RAW.dueDate)}`),
    ).toBeTruthy();
    expect(within(panel).getByText(`En cours · échéance le ${formatDay(PSEUDONYMISE.dueDate)}`)).toBeTruthy();
    expect(formatDay(PSEUDONYMISE.dueDate)).toBe('1 février 2027');

    const form = screen.getByRole('form', { name: `Marquer comme remplie${NBSP}: ${DELETE_RAW.text}` });
    fireEvent.click(within(form).getByRole('button', { name: 'Marquer comme remplie' }));
    expect(within(form).getByText('Indiquez ce qui a été fait pour remplir cette condition.')).toBeTruthy();
    fireEvent.change(within(form).getByRole('textbox', { name: /Ce qui a été fait/ }), {
      target: { value: 'Tâche de purge en place.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Marquer comme remplie' }));
    const metText = await within(panel).findByText(/^Remplie le .* par Amara Okafor$/);
    expect(metText.textContent).toBe(
      `Remplie le ${formatDate((await conditionId(DELETE_RAW.text)).met!.at)} par Amara Okafor`,
    );
    expect(within(panel).getByText('1 sur 2 conditions remplies')).toBeTruthy();
    const timeline = screen.getByRole('region', { name: 'Historique' });
    expect(within(timeline).getByText(/^Condition remplie/).textContent).toBe(
      `Condition remplie${NBSP}: ${DELETE_RAW.text}`,
    );
    expect(within(timeline).getByText('Tâche de purge en place.')).toBeTruthy();
  });
});
