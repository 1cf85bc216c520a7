// Signing a module's attestation over the real core: only after its knowledge check is passed,
// with the statement confirmed; core signs the completion into the ledger and the page shows the
// certificate.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addPerson } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';
import { passKnowledgeCheck } from '../../support/training';

const MODULE = 'minimisation-and-purpose';
const STATEMENT = /^I understand that personal data may only be collected for specified purposes/;

const workspace = seededWorkspace(async (core) => ({ ada: await addPerson(core, 'ada') }));

async function openAttestation(passed = true): Promise<TestCore> {
  const { core } = await workspace.open();
  if (passed) await passKnowledgeCheck(core, MODULE);
  await renderApp(core, `#/training/${MODULE}/attest`);
  await waitFor(() => expect(screen.queryByText('Loading the statement…')).toBeNull());
  return core;
}

const moduleCard = async (core: TestCore) =>
  (await core.services.listTrainingModules({})).modules.find((m) => m.id === MODULE)!;

describe('attestation', () => {
  it('shows the statement and who signs it', async () => {
    await openAttestation();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign the attestation');
    expect(screen.getByText(STATEMENT)).toBeTruthy();
    expect(screen.getByText(/Ada Lovelace \(ada@example\.com\)/)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'I confirm this statement' })).toBeTruthy();
  });

  it('will not sign until the statement is confirmed', async () => {
    const core = await openAttestation();
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    const box = screen.getByRole('checkbox', { name: 'I confirm this statement' });
    expect(screen.getByText('Tick the box to confirm the statement before you sign.')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(box);
    expect(core.bridge.callsTo('attestTrainingModule')).toEqual([]);
  });

  it('signs with the confirmed flag and the content hash, then shows the certificate', async () => {
    const core = await openAttestation();
    const { contentHash } = await moduleCard(core);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I confirm this statement' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    await screen.findByRole('article');
    expect(core.bridge.callsTo('attestTrainingModule')).toEqual([
      { moduleId: MODULE, contentHash, confirmed: true },
    ]);
    const card = await moduleCard(core);
    expect(card.status).toBe('passed');
    expect(window.location.hash).toBe(`#/certificates/${card.lastCompletion!.entryHash}`);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Certificate: Minimisation and purpose: collect less, use it as promised',
    );
  });

  it('sends the learner to the knowledge check when nothing is waiting to be signed', async () => {
    const core = await openAttestation(false);
    expect(screen.getByText('Pass the knowledge check first')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Take the knowledge check' }).getAttribute('href')).toBe(
      `#/training/${MODULE}/quiz`,
    );
    expect(screen.queryByRole('button', { name: 'Sign and complete' })).toBeNull();
    expect(core.bridge.callsTo('attestTrainingModule')).toEqual([]);
  });

  it('walks from a passed knowledge check to a signed certificate', async () => {
    const { core } = await workspace.open();
    await renderApp(core, `#/training/${MODULE}/quiz`);
    await screen.findByRole('button', { name: 'Submit answers' });
    const quiz = await core.services.getQuiz({ moduleId: MODULE });
    const answers = core.content.answers(MODULE, 'right');
    quiz.questions.forEach((q, index) => {
      const group = screen.getByRole('group', { name: new RegExp(`^Question ${index + 1} of `) });
      for (const id of answers[q.id]!) fireEvent.click(group.querySelector(`input[value="${id}"]`)!);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const next = (await screen.findAllByRole('link', { name: 'Continue to attestation' }))[0]!;
    window.location.hash = next.getAttribute('href')!;
    fireEvent.click(await screen.findByRole('checkbox', { name: 'I confirm this statement' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    await screen.findByRole('article');
    expect(core.bridge.callsTo('attestTrainingModule')).toHaveLength(1);
    expect(screen.getByText('Signature verified against the records')).toBeTruthy();
  });
});
