import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArgsOf } from '../../electron/core/contract/methods';
import { makeProfile } from './fakeBridge';
import { completeAnswers, makeDraft, makeQuestionnaire, type FakeDraft } from './fakeReviews';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });
const h2 = () => screen.getByRole('heading', { level: 2, name: /./, hidden: false });
const steps = () => screen.getByRole('navigation', { name: 'Questionnaire steps' });
const question = (name: string | RegExp) => screen.getByRole('group', { name });
const saves = (bridge: { callsTo: (m: 'saveReviewDraft') => unknown[] }) =>
  bridge.callsTo('saveReviewDraft') as ArgsOf<'saveReviewDraft'>[];

async function openDraft(draft: FakeDraft, options: { submitterBlockers?: string[] } = {}) {
  window.history.replaceState(null, '', `#/reviews/drafts/${draft.draftId}`);
  const rendered = await renderApp({
    profiles: [ada],
    reviews: {
      questionnaire: makeQuestionnaire(),
      drafts: [draft],
      submitterBlockers: options.submitterBlockers ?? [],
    },
  });
  await screen.findByRole('navigation', { name: 'Questionnaire steps' });
  return rendered;
}

function goToStep(name: RegExp) {
  fireEvent.click(within(steps()).getByRole('button', { name }));
}

describe('questionnaire', () => {
  it('renders each question type as a labelled native control, with help, references and required marks', async () => {
    await openDraft(makeDraft());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New review');
    expect(screen.getByRole('heading', { level: 2, name: 'The proposal' })).toBeTruthy();

    // text, multi-line text, date, multi, number
    const title = screen.getByRole('textbox', { name: /Name of the proposed use/ }) as HTMLInputElement;
    expect(title.tagName).toBe('INPUT');
    expect(title.getAttribute('aria-required')).toBe('true');
    expect(title.maxLength).toBe(120);
    expect(document.getElementById(title.getAttribute('aria-describedby')!)!.textContent).toContain(
      'A short name the review will be listed under.',
    );
    expect(screen.getByRole('textbox', { name: /What will the data be used for/ }).tagName).toBe('TEXTAREA');
    const launch = screen.getByLabelText(/Planned launch date/) as HTMLInputElement;
    expect(launch.type).toBe('date');
    const help = document.getElementById(launch.getAttribute('aria-describedby')!)!;
    expect(help.querySelector('strong')?.textContent).toBe('before');
    expect(help.textContent).toContain('References: GDPR Art. 35(1)');
    const kinds = question(/What kind of use is it\?/);
    expect(kinds.tagName).toBe('FIELDSET');
    expect(within(kinds).getAllByRole('checkbox')).toHaveLength(3);
    expect(within(kinds).getByText('Required')).toBeTruthy();
    expect(
      within(kinds)
        .getByRole('checkbox', { name: 'Training a machine-learning model' })
        .getAttribute('aria-describedby'),
    ).toBeTruthy();
    const count = screen.getByRole('spinbutton', { name: /About how many customers/ }) as HTMLInputElement;
    expect(count.step).toBe('1');
    expect(screen.getByText(/About how many customers/).textContent).toContain('(optional)');
    expect(screen.getByText('Answer in customers.')).toBeTruthy();

    // yes/no/unsure as radios
    goToStep(/DPIA screening/);
    expect(h2().textContent).toBe('DPIA screening');
    expect(document.activeElement).toBe(h2());
    const evaluation = question(/Will we evaluate or score people\?/);
    expect(
      within(evaluation)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['yes', 'no', 'unsure']);
    expect(evaluation.textContent).toContain('References: GDPR Art. 4(4) · WP248 rev.01 criterion 1');

    // scale as radios with their words
    goToStep(/Purpose and necessity/);
    const surprise = question(/How surprised would customers be\?/);
    expect(within(surprise).getAllByRole('radio')).toHaveLength(5);
    expect(within(surprise).getByRole('radio', { name: '4 — Very' })).toBeTruthy();
  });

  it('autosaves once, debounced, with the whole draft, and shows Saved', async () => {
    const draft = makeDraft();
    const { bridge } = await openDraft(draft);
    const title = screen.getByRole('textbox', { name: /Name of the proposed use/ });
    fireEvent.change(title, { target: { value: 'Chu' } });
    fireEvent.change(title, { target: { value: 'Churn' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Analytics and reporting' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: /About how many customers/ }), {
      target: { value: '1200' },
    });
    expect(saves(bridge)).toEqual([]);
    await waitFor(() => expect(saves(bridge)).toHaveLength(1), { timeout: 2000 });
    expect(saves(bridge)[0]).toEqual({
      draftId: draft.draftId,
      answers: { proposalTitle: 'Churn', useKinds: ['analytics'], customerCount: 1200 },
      mitigationResponses: [],
    });
    await waitFor(() => expect(document.querySelector('.save-status__text')!.textContent).toMatch(/^Saved /));
    // Nothing more is sent without a change.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(saves(bridge)).toHaveLength(1);

    // "None of these" cannot stand with another option, and clearing a text removes the answer.
    fireEvent.change(title, { target: { value: '' } });
    await waitFor(() => expect(saves(bridge)).toHaveLength(2), { timeout: 2000 });
    expect(saves(bridge)[1]!.answers).not.toHaveProperty('proposalTitle');
  });

  it('shows a question when core makes it visible, and drops it when core hides it', async () => {
    const { bridge } = await openDraft(makeDraft());
    goToStep(/Purpose and necessity/);
    expect(screen.queryByRole('group', { name: /How closely is the new purpose linked/ })).toBeNull();
    fireEvent.click(within(question(/Is this a purpose other than/)).getByRole('radio', { name: 'Yes' }));
    const link = await screen.findByRole(
      'group',
      { name: /How closely is the new purpose linked/ },
      { timeout: 2000 },
    );
    expect(within(link).getAllByRole('radio')).toHaveLength(3);
    expect(saves(bridge).at(-1)!.answers).toEqual({ newPurpose: 'yes' });

    // An exclusive option clears the others, and a real option clears the exclusive one.
    const safeguards = question(/Which safeguards protect the data/);
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: 'Encryption' }));
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: 'None of these' }));
    expect(
      (within(safeguards).getByRole('checkbox', { name: 'Encryption' }) as HTMLInputElement).checked,
    ).toBe(false);
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: 'Pseudonymisation' }));
    expect(
      (within(safeguards).getByRole('checkbox', { name: 'None of these' }) as HTMLInputElement).checked,
    ).toBe(false);

    fireEvent.click(within(question(/Is this a purpose other than/)).getByRole('radio', { name: 'No' }));
    await waitFor(
      () => expect(screen.queryByRole('group', { name: /How closely is the new purpose linked/ })).toBeNull(),
      { timeout: 2000 },
    );
  });

  it('shows answer problems next to their question once the section is left', async () => {
    await openDraft(makeDraft({ answers: { customerCount: -3 } }));
    const count = screen.getByRole('spinbutton', { name: /About how many customers/ });
    // Answered but wrong: shown at once, tied to the field.
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(count.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent,
    ).toBe('Check this answer: -3 is below the minimum 0.');
    // Unanswered required questions wait until the person moves on.
    expect(screen.queryByText('Answer this question.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next: DPIA screening' }));
    goToStep(/The proposal/);
    expect(screen.getAllByText('Answer this question.')).toHaveLength(4);
    expect(
      within(steps()).getByRole('button', { name: /The proposal, 5 questions need attention/ }),
    ).toBeTruthy();
  });

  it('risk summary: flags blocking first, chart and table with drivers, submit blocked until mitigations are answered', async () => {
    const draft = makeDraft({
      answers: completeAnswers({ scrSensitive: 'yes', customerSurprise: 4 }),
    });
    const { bridge } = await openDraft(draft);
    goToStep(/Risk summary/);
    expect(screen.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeTruthy();

    // DPIA screening: two criteria met.
    expect(screen.getByText('A full DPIA is required')).toBeTruthy();
    expect(screen.getByText(/2 of the nine criteria met/)).toBeTruthy();

    // The chart has a text alternative; the table lists what drove each dimension.
    expect(
      screen.getByRole('img', { name: /Privacy: High · 6 of 9; Fairness and ethics: Medium · 4 of 9/ }),
    ).toBeTruthy();
    const privacy = screen.getByRole('rowheader', { name: 'Privacy' }).closest('tr')!;
    expect(within(privacy).getByText('High risk')).toBeTruthy();
    expect(
      within(privacy)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['High risk', '6 of 9likelihood 2 × severity 3']);
    const drivers = screen.getByText('The answers that drove each score').parentElement!;
    const privacyDrivers = within(drivers).getByText('Privacy').closest('li')!;
    expect(privacyDrivers.textContent).toContain('Does the use involve sensitive data? Yes');
    expect(privacyDrivers.textContent).toContain('likelihood 2 × severity 3 = 6');

    // Flags: the blocking one first, marked.
    const flags = within(screen.getByRole('region', { name: 'Flags' })).getAllByRole('listitem');
    expect(flags[0]!.textContent).toContain('Blocking');
    expect(flags[0]!.textContent).toContain('Special-category data without an Art. 9(2) condition');
    expect(flags[1]!.textContent).toContain('Warning');

    // Submit is disabled, with what is missing listed.
    const submit = screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    const notReady = screen.getByText('Not ready to submit').closest('.banner') as HTMLElement;
    expect(within(notReady).getByRole('link', { name: /Establish an Art. 9\(2\) condition/ })).toBeTruthy();

    // Accepting the mitigation with an owner and a due date clears the flag and enables submit.
    const response = question(/Your response to “Establish an Art. 9\(2\) condition/);
    fireEvent.click(within(response).getByRole('radio', { name: 'Accept: we will do this' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Owner' }), { target: { value: 'Grace Hopper' } });
    fireEvent.change(screen.getByLabelText('Due date'), { target: { value: '2027-01-31' } });
    await waitFor(() => expect(submit.disabled).toBe(false), { timeout: 2000 });
    expect(saves(bridge).at(-1)!.mitigationResponses).toEqual([
      {
        mitigationId: 'establishArt9Condition',
        status: 'accepted',
        owner: 'Grace Hopper',
        dueDate: '2027-01-31',
      },
    ]);
    expect(within(screen.getByRole('region', { name: 'Flags' })).getByText('Cleared')).toBeTruthy();

    fireEvent.click(submit);
    await screen.findByRole('heading', { level: 1, name: 'Churn-risk score' });
    expect(bridge.callsTo('submitReview')).toEqual([{ draftId: draft.draftId }]);
    expect(window.location.hash).toMatch(/^#\/reviews\/r-/);
  });

  it('checks each mitigation response: owner and due date to accept, a reason to decline', async () => {
    const { bridge } = await openDraft(
      makeDraft({ answers: completeAnswers({ scrSensitive: 'yes', newPurpose: 'yes' }) }),
    );
    goToStep(/Risk summary/);
    const art9 = question(/Your response to “Establish an Art. 9\(2\) condition/);
    fireEvent.click(within(art9).getByRole('radio', { name: 'Accept: we will do this' }));
    const owner = screen.getByRole('textbox', { name: 'Owner' });
    fireEvent.blur(owner);
    expect(owner.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter who owns this mitigation.')).toBeTruthy();
    fireEvent.blur(screen.getByLabelText('Due date'));
    expect(screen.getByText('Enter the date it will be done by.')).toBeTruthy();

    const notice = question(/Your response to “Update the privacy notice/);
    fireEvent.click(within(notice).getByRole('radio', { name: 'Decline: it is not needed' }));
    const reason = screen.getByRole('textbox', { name: 'Why it is not needed' });
    fireEvent.blur(reason);
    expect(screen.getByText('Say why this mitigation is not needed.')).toBeTruthy();
    fireEvent.change(reason, { target: { value: 'The notice already covers churn analysis.' } });
    expect(screen.queryByText('Say why this mitigation is not needed.')).toBeNull();

    // Both are saved as far as they are filled in; the half-filled acceptance keeps the draft
    // from being submitted, and core's word on it waits for the fields' own messages.
    await waitFor(() => expect(saves(bridge).at(-1)?.mitigationResponses).toHaveLength(2), { timeout: 2000 });
    expect(saves(bridge).at(-1)!.mitigationResponses).toEqual([
      { mitigationId: 'establishArt9Condition', status: 'accepted' },
      {
        mitigationId: 'updateNotice',
        status: 'declined',
        reason: 'The notice already covers churn analysis.',
      },
    ]);
    expect(screen.queryByText('an accepted mitigation needs an owner and a due date')).toBeNull();
    expect((screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('keeps a half-filled response: an owner typed before the due date is saved and comes back', async () => {
    const answers = completeAnswers({ scrSensitive: 'yes', newPurpose: 'no' });
    const { bridge } = await openDraft(makeDraft({ answers }));
    goToStep(/Risk summary/);
    const art9 = question(/Your response to “Establish an Art. 9\(2\) condition/);
    fireEvent.click(within(art9).getByRole('radio', { name: 'Accept: we will do this' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Owner' }), {
      target: { value: '  Grace Hopper ' },
    });
    await waitFor(
      () =>
        expect(saves(bridge).at(-1)?.mitigationResponses).toEqual([
          { mitigationId: 'establishArt9Condition', status: 'accepted', owner: 'Grace Hopper' },
        ]),
      { timeout: 2000 },
    );
    expect(screen.queryByText('an accepted mitigation needs an owner and a due date')).toBeNull();
    const saved = saves(bridge).at(-1)!;
    cleanup();

    // Opened again (the app was closed): the choice and the owner are there, the date is still asked for.
    await openDraft(makeDraft({ answers: saved.answers, mitigationResponses: saved.mitigationResponses }));
    goToStep(/Risk summary/);
    const again = question(/Your response to “Establish an Art. 9\(2\) condition/);
    expect(
      (within(again).getByRole('radio', { name: 'Accept: we will do this' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe('Grace Hopper');
    expect((screen.getByLabelText('Due date') as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('lists the submit blockers core gives', async () => {
    await openDraft(makeDraft({ answers: completeAnswers() }), {
      submitterBlockers: ['Submitting a review needs current training in Privacy by design.'],
    });
    goToStep(/Risk summary/);
    expect(screen.getByText('Submitting a review needs current training in Privacy by design.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
