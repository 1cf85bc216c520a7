// The questionnaire for a draft over the real core and questionnaire: every change is autosaved
// (debounced) and the screen follows core's reply — which questions show, what is wrong with the
// answers, the screening, risk, flags and mitigations, and what still keeps it from submission.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArgsOf } from '../../../../electron/core/contract/methods';
import type { MitigationResponseInput } from '../../../../electron/core/contract/views/reviews';
import { AUTOSAVE_DELAY_MS } from '../../../../renderer/features/review/useAutosave';
import { resetStewardStore } from '../../../../renderer/state/store';
import { inFrenchEachTest } from '../../support/french';
import { actAs, addPerson } from '../../support/people';
import { seededWorkspace, type TestBridge, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { lowRiskAnswers, makeSubmitter, SPECIAL_CATEGORY, type Answers } from '../../support/reviews';

interface QuestionnaireFile {
  sections: { id: string; questions: Record<string, unknown>[] }[];
}

/**
 * The organisation's questionnaire as this file's tests use it: the real one, plus a number
 * question (with Markdown in its help) and a hint under one option, which the real one does not
 * have but an organisation may write.
 */
function customiseQuestionnaire(core: TestCore): void {
  core.content.editYaml<QuestionnaireFile>('review/data-use-review.yaml', (q) => {
    const proposal = q.sections.find((s) => s.id === 'proposal')!;
    const useKinds = proposal.questions.find((x) => x.id === 'useKinds')!;
    const options = useKinds.options as Record<string, unknown>[];
    options.find((o) => o.id === 'modelTraining')!.help = 'Including testing a model on real data.';
    proposal.questions.splice(proposal.questions.indexOf(useKinds) + 1, 0, {
      id: 'customerCount',
      type: 'number',
      label: 'About how many customers are concerned?',
      help: 'Count **everyone** whose data is used, not only active customers.',
      min: 0,
      integer: true,
      unit: 'customers',
    });
  });
}

/** Ada has the submitter training; Cara has none. Ada is the current profile. */
const workspace = seededWorkspace(async (core) => {
  customiseQuestionnaire(core);
  const cara = await addPerson(core, 'cara');
  const ada = await addPerson(core, 'ada');
  await makeSubmitter(core, ada);
  return { ada, cara };
});

const h2 = () => screen.getByRole('heading', { level: 2, name: /./, hidden: false });
const steps = () => screen.getByRole('navigation', { name: 'Questionnaire steps' });
const question = (name: string | RegExp) => screen.getByRole('group', { name });
const saves = (bridge: TestBridge) => bridge.callsTo('saveReviewDraft') as ArgsOf<'saveReviewDraft'>[];
const submitButton = () => screen.getByRole('button', { name: 'Submit for review' }) as HTMLButtonElement;

/** A draft with these answers, by Ada (or Cara), opened on its first section. */
async function openDraft(
  answers: Answers = {},
  options: { as?: 'ada' | 'cara'; responses?: MitigationResponseInput[] } = {},
) {
  const { core, seeded } = await workspace.open();
  await actAs(core, seeded[options.as ?? 'ada']);
  const draft = await core.services.createReviewDraft({});
  await core.services.saveReviewDraft({
    draftId: draft.draftId,
    answers,
    mitigationResponses: options.responses ?? [],
  });
  const bridge = await renderApp(core, `#/reviews/drafts/${draft.draftId}`);
  await screen.findByRole('navigation', { name: 'Questionnaire steps' });
  return { core, bridge, draftId: draft.draftId };
}

function goToStep(name: RegExp) {
  fireEvent.click(within(steps()).getByRole('button', { name }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('questionnaire', () => {
  it('renders each question type as a labelled native control, with help, references and required marks', async () => {
    await openDraft();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('New review');
    expect(screen.getByRole('heading', { level: 2, name: 'The proposal' })).toBeTruthy();

    // text, multi-line text, date, multi, number
    const title = screen.getByRole('textbox', { name: /Name of the proposed use/ }) as HTMLInputElement;
    expect(title.tagName).toBe('INPUT');
    expect(title.getAttribute('aria-required')).toBe('true');
    expect(title.maxLength).toBe(120);
    expect(document.getElementById(title.getAttribute('aria-describedby')!)!.textContent).toContain(
      'A short name the review will be listed under',
    );
    expect(screen.getByRole('textbox', { name: /What will the data be used for/ }).tagName).toBe('TEXTAREA');
    const launch = screen.getByLabelText(/Planned launch date/) as HTMLInputElement;
    expect(launch.type).toBe('date');
    const help = document.getElementById(launch.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toContain('The review must be decided before this date');
    expect(help.textContent).toContain('References: GDPR Art. 35(1)');
    const kinds = question(/What kind of use is it\?/);
    expect(kinds.tagName).toBe('FIELDSET');
    expect(within(kinds).getAllByRole('checkbox')).toHaveLength(10);
    expect(within(kinds).getByText('Required')).toBeTruthy();
    const model = within(kinds).getByRole('checkbox', {
      name: 'Training or testing a machine-learning model',
    });
    expect(document.getElementById(model.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Including testing a model on real data.',
    );
    const count = screen.getByRole('spinbutton', { name: /About how many customers/ }) as HTMLInputElement;
    expect(count.step).toBe('1');
    expect(screen.getByText(/About how many customers/).textContent).toContain('(optional)');
    expect(screen.getByText('Answer in customers.')).toBeTruthy();
    const countHelp = document.getElementById(count.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(countHelp.querySelector('strong')?.textContent).toBe('everyone');

    // yes/no/unsure as radios
    goToStep(/DPIA screening/);
    expect(h2().textContent).toBe('DPIA screening');
    expect(document.activeElement).toBe(h2());
    const evaluation = question(/Will we evaluate or score people/);
    expect(
      within(evaluation)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['yes', 'no', 'unsure']);
    expect(evaluation.textContent).toContain('References: GDPR Art. 4(4) · WP248 rev.01 criterion 1');

    // scale as radios with their words
    goToStep(/Transparency/);
    const surprise = question(/how surprised would they be\?/);
    expect(within(surprise).getAllByRole('radio')).toHaveLength(5);
    expect(within(surprise).getByRole('radio', { name: '4 — Very' })).toBeTruthy();
  });

  it('autosaves once, debounced, with the whole draft, and shows Saved', async () => {
    const { core, bridge, draftId } = await openDraft();
    // The debounce runs on the test's timers: no waiting, and no save that was not asked for.
    // (Testing Library's async helpers wait on setTimeout, so core's replies are awaited here
    // with vi.waitFor, inside act.)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    const settled = (check: () => void) => act(() => vi.waitFor(check, { timeout: 25_000 }));
    const title = screen.getByRole('textbox', { name: /Name of the proposed use/ });
    fireEvent.change(title, { target: { value: 'Chu' } });
    fireEvent.change(title, { target: { value: 'Churn' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Analytics and reporting' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: /About how many customers/ }), {
      target: { value: '1200' },
    });
    await elapse(AUTOSAVE_DELAY_MS - 1);
    expect(saves(bridge)).toEqual([]);
    await elapse(1);
    expect(saves(bridge)).toEqual([
      {
        draftId,
        answers: { proposalTitle: 'Churn', useKinds: ['analytics'], customerCount: 1200 },
        mitigationResponses: [],
      },
    ]);
    await settled(() => expect(document.querySelector('.save-status__text')!.textContent).toMatch(/^Saved /));
    expect((await core.services.getReviewDraft({ draftId })).answers).toEqual(saves(bridge)[0]!.answers);
    // Nothing more is sent without a change.
    await elapse(10 * AUTOSAVE_DELAY_MS);
    expect(saves(bridge)).toHaveLength(1);

    // Clearing a text removes the answer.
    fireEvent.change(title, { target: { value: '' } });
    await elapse(AUTOSAVE_DELAY_MS);
    expect(saves(bridge)).toHaveLength(2);
    expect(saves(bridge)[1]!.answers).not.toHaveProperty('proposalTitle');
    await settled(() => expect(document.querySelector('.save-status__text')!.textContent).toMatch(/^Saved /));
  });

  it('shows a question when core makes it visible, and drops it when core hides it', async () => {
    const { bridge } = await openDraft();
    goToStep(/Purpose and necessity/);
    expect(screen.queryByRole('group', { name: /How closely is the new purpose linked/ })).toBeNull();
    fireEvent.click(within(question(/Is this a purpose other than/)).getByRole('radio', { name: 'Yes' }));
    const link = await screen.findByRole('group', { name: /How closely is the new purpose linked/ });
    expect(within(link).getAllByRole('radio')).toHaveLength(3);
    expect(saves(bridge).at(-1)!.answers).toEqual({ newPurpose: 'yes' });

    // An exclusive option clears the others, and a real option clears the exclusive one.
    const safeguards = question(/Which safeguards protect the data/);
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: 'Encryption' }));
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: 'None of these' }));
    expect(
      (within(safeguards).getByRole('checkbox', { name: 'Encryption' }) as HTMLInputElement).checked,
    ).toBe(false);
    fireEvent.click(within(safeguards).getByRole('checkbox', { name: /^Pseudonymisation/ }));
    expect(
      (within(safeguards).getByRole('checkbox', { name: 'None of these' }) as HTMLInputElement).checked,
    ).toBe(false);

    fireEvent.click(within(question(/Is this a purpose other than/)).getByRole('radio', { name: 'No' }));
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: /How closely is the new purpose linked/ })).toBeNull(),
    );
  });

  it('shows answer problems next to their question once the section is left', async () => {
    await openDraft({ customerCount: -3 });
    const count = screen.getByRole('spinbutton', { name: /About how many customers/ });
    // Answered but wrong: shown at once, tied to the field, in core's words.
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(count.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent,
    ).toBe('Check this answer: The number must be at least 0.');
    // Unanswered required questions wait until the person moves on.
    expect(screen.queryByText('Answer this question.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next: The data' }));
    goToStep(/The proposal/);
    expect(screen.getAllByText('Answer this question.')).toHaveLength(7);
    expect(
      within(steps()).getByRole('button', { name: /The proposal, 8 questions need attention/ }),
    ).toBeTruthy();
  });

  it('risk summary: the DPIA the law requires, risk inherent and residual, flags blocking first, submit blocked until the mitigation is answered, then confirmed before signing', async () => {
    const { core, bridge, draftId } = await openDraft(
      lowRiskAnswers({
        proposalTitle: 'Churn-risk score',
        ...SPECIAL_CATEGORY,
        scrLargeScale: 'yes',
        dpiaRoute: 'exemption',
        exemptionBasis: 'nationalNoDpiaList',
        exemptionReason: 'On the authority list of processing that needs no DPIA.',
        exemptionReference: 'The authority list, item 3',
      }),
    );
    goToStep(/Risk summary/);
    expect(screen.getByRole('heading', { level: 2, name: 'Risk summary' })).toBeTruthy();

    // DPIA screening: the law requires one (large-scale special-category data), the exemption claimed.
    const screening = screen.getByRole('region', { name: 'DPIA screening' });
    expect(within(screening).getByText('The law requires a DPIA')).toBeTruthy();
    expect(within(screening).getByText('2 criteria of the nine met.')).toBeTruthy();
    expect(screening.textContent).toContain('Art. 35(3)(b)');
    expect(screening.textContent).toContain('The submitter claims an exemption');

    // Risk per dimension, inherent and residual, with the answers behind each.
    const privacy = screen.getByRole('rowheader', { name: 'Privacy' }).closest('tr')!;
    const cells = within(privacy)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toHaveLength(2);
    expect(cells[0]).toMatch(/risk/);
    const drivers = screen.getByText('The answers behind each dimension').parentElement!;
    const privacyDrivers = within(drivers).getByText('Privacy').closest('li')!;
    expect(privacyDrivers.textContent).toContain('Does it include any of these special categories');

    // Flags: the blocking one first, marked.
    const flags = within(screen.getByRole('region', { name: 'Flags' })).getAllByRole('listitem');
    expect(flags[0]!.textContent).toContain('Blocking');
    expect(flags[0]!.textContent).toContain('Special-category data without an Art. 9(2) condition');
    expect(flags.slice(1).every((flag) => flag.textContent?.includes('Warning'))).toBe(true);

    // Submit is disabled, with what is missing listed: core's blocker and the mitigation.
    expect(submitButton().disabled).toBe(true);
    const notReady = screen.getByText('Not ready to submit').closest('.banner') as HTMLElement;
    expect(notReady.textContent).toMatch(/no response yet/);
    expect(within(notReady).getByRole('link', { name: /^Remove the special-category data/ })).toBeTruthy();

    // Accepting it with an owner and a due date clears the flag and enables submit.
    const group = question(/Your response to “Remove the special-category data/);
    fireEvent.click(within(group).getByRole('radio', { name: 'Accept: we will do this' }));
    const item = group.closest('li') as HTMLElement;
    fireEvent.change(within(item).getByRole('textbox', { name: 'Owner' }), {
      target: { value: 'Grace Hopper' },
    });
    fireEvent.change(within(item).getByLabelText('Due date'), { target: { value: '2027-01-31' } });
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    expect(saves(bridge).at(-1)!.mitigationResponses).toEqual([
      {
        mitigationId: 'establishArt9Condition',
        status: 'accepted',
        owner: 'Grace Hopper',
        dueDate: '2027-01-31',
      },
    ]);
    const cleared = within(screen.getByRole('region', { name: 'Flags' })).getAllByText('Cleared');
    expect(cleared[0]!.closest('li')?.textContent).toContain(
      'Special-category data without an Art. 9(2) condition',
    );

    fireEvent.click(submitButton());
    // Signed, so asked once: nothing is submitted until the dialog's Sign.
    const dialog = await screen.findByRole('dialog', { name: 'Sign and submit version 1?' });
    expect(dialog.textContent).toContain('Churn-risk score');
    expect(bridge.callsTo('submitReview')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign and submit' }));
    await screen.findByRole('heading', { level: 1, name: 'Churn-risk score' });
    expect(bridge.callsTo('submitReview')).toEqual([{ draftId }]);
    const { mine } = await core.services.listReviews({});
    expect(mine.map((r) => r.title)).toEqual(['Churn-risk score']);
    expect(window.location.hash).toBe(`#/reviews/${mine[0]!.reviewId}`);
  });

  it('checks each mitigation response: owner and due date to accept, a reason to decline', async () => {
    const { bridge } = await openDraft(lowRiskAnswers({ ...SPECIAL_CATEGORY, peopleSurprise: 4 }));
    goToStep(/Risk summary/);
    const art9 = question(/Your response to “Remove the special-category data/);
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
    await waitFor(() => expect(saves(bridge).at(-1)?.mitigationResponses).toHaveLength(2));
    expect(saves(bridge).at(-1)!.mitigationResponses).toEqual([
      { mitigationId: 'establishArt9Condition', status: 'accepted' },
      {
        mitigationId: 'updateNotice',
        status: 'declined',
        reason: 'The notice already covers churn analysis.',
      },
    ]);
    expect(screen.queryByText('An accepted mitigation needs an owner.')).toBeNull();
    expect(submitButton().disabled).toBe(true);
  });

  it('keeps a half-filled response: an owner typed before the due date is saved and comes back', async () => {
    const { core, bridge, draftId } = await openDraft(lowRiskAnswers(SPECIAL_CATEGORY));
    goToStep(/Risk summary/);
    const art9 = question(/Your response to “Remove the special-category data/);
    fireEvent.click(within(art9).getByRole('radio', { name: 'Accept: we will do this' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Owner' }), {
      target: { value: '  Grace Hopper ' },
    });
    await waitFor(() =>
      expect(saves(bridge).at(-1)?.mitigationResponses).toEqual([
        { mitigationId: 'establishArt9Condition', status: 'accepted', owner: 'Grace Hopper' },
      ]),
    );
    expect(screen.queryByText('An accepted mitigation needs a due date written YYYY-MM-DD.')).toBeNull();

    // Opened again (the app was closed): the choice and the owner come back from core.
    cleanup();
    resetStewardStore();
    await renderApp(core, `#/reviews/drafts/${draftId}`);
    await screen.findByRole('navigation', { name: 'Questionnaire steps' });
    goToStep(/Risk summary/);
    const again = question(/Your response to “Remove the special-category data/);
    expect(
      (within(again).getByRole('radio', { name: 'Accept: we will do this' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect((screen.getByRole('textbox', { name: 'Owner' }) as HTMLInputElement).value).toBe('Grace Hopper');
    expect((screen.getByLabelText('Due date') as HTMLInputElement).value).toBe('');
    expect(submitButton().disabled).toBe(true);
  });

  it('lists the submit blockers core gives', async () => {
    await openDraft(lowRiskAnswers(), { as: 'cara' });
    goToStep(/Risk summary/);
    expect(
      screen.getByText(
        'Before you submit a review, complete this training: Minimisation and purpose: collect less, use it as promised, Privacy by design and by default.',
      ),
    ).toBeTruthy();
    expect(submitButton().disabled).toBe(true);
  });
});

describe('questionnaire in French', () => {
  inFrenchEachTest();

  it("words core's submit blocker and answer problems in French", async () => {
    const { core, seeded } = await workspace.open();
    await actAs(core, seeded.cara);
    await core.services.setLocale({ locale: 'fr' });
    const draft = await core.services.createReviewDraft({});
    await core.services.saveReviewDraft({
      draftId: draft.draftId,
      answers: lowRiskAnswers({ customerCount: -3 }),
      mitigationResponses: [],
    });
    await renderApp(core, `#/reviews/drafts/${draft.draftId}`);
    const count = await screen.findByRole('spinbutton', { name: /About how many customers/ });
    expect(
      document.getElementById(count.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent,
    ).toMatch(/^Vérifiez cette réponse/);
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Étapes du questionnaire' })).getByRole('button', {
        name: /Synthèse des risques/,
      }),
    );
    const notReady = screen.getByText('Pas encore prêt à être soumis').closest('.banner') as HTMLElement;
    expect(within(notReady).getByText(/^Avant de soumettre un examen, suivez cette formation/)).toBeTruthy();
    expect(within(notReady).getByText(/^Le questionnaire n'est pas complet/)).toBeTruthy();
    expect(notReady.textContent).not.toMatch(/Before you submit|The questionnaire is not complete/);
  });
});
