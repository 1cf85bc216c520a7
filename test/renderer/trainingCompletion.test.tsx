import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../electron/core/contract/views/training';
import { correctAnswers, fakeHash, makeModule } from './fakeTraining';
import { makeProfile } from './fakeBridge';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace', email: 'ada@example.com', team: 'Analytics' });

async function openAttestation(ready = true) {
  const module = makeModule(
    { id: 'sign-me', title: 'Sign me', status: 'inProgress', readyToAttest: ready },
    { attestation: 'I will ask before I reuse customer data for a new purpose.' },
  );
  window.history.replaceState(null, '', '#/training/sign-me/attest');
  const rendered = await renderApp({ profiles: [ada], training: { modules: [module] } });
  await waitFor(() => expect(screen.queryByText('Loading the statement…')).toBeNull());
  return { ...rendered, module };
}

function certificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    name: 'Grace Hopper',
    email: 'grace@example.com',
    team: 'Platform',
    moduleId: 'law-in-practice',
    moduleTitle: 'The law in practice',
    version: '2.1.0',
    contentHash: fakeHash(),
    completedAt: '2026-03-04T10:20:00.000Z',
    score: 83,
    expiresAt: '2027-03-04T10:20:00.000Z',
    entryHash: fakeHash(),
    seq: 12,
    ledgerFile: 'ledgers/p00000000000000000007.jsonl',
    signerFingerprint: 'SHA256:AB12 CD34 EF56 7890 AB12 CD34 EF56 7890',
    verified: true,
    ...overrides,
  };
}

async function openCertificate(cert: Certificate) {
  window.history.replaceState(null, '', `#/certificates/${cert.entryHash}`);
  const rendered = await renderApp({
    profiles: [ada],
    training: { certificates: { [cert.entryHash]: cert } },
  });
  await screen.findByRole('article');
  return rendered;
}

describe('attestation', () => {
  it('shows the statement and who signs it', async () => {
    await openAttestation();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign the attestation');
    expect(screen.getByText('I will ask before I reuse customer data for a new purpose.')).toBeTruthy();
    expect(screen.getByText(/Ada Lovelace \(ada@example\.com\)/)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'I confirm this statement' })).toBeTruthy();
  });

  it('will not sign until the statement is confirmed', async () => {
    const { bridge } = await openAttestation();
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    const box = screen.getByRole('checkbox', { name: 'I confirm this statement' });
    expect(screen.getByText('Tick the box to confirm the statement before you sign.')).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(box);
    expect(bridge.callsTo('attestTrainingModule')).toEqual([]);
  });

  it('signs with the confirmed flag and the content hash, then shows the certificate', async () => {
    const { bridge, module } = await openAttestation();
    fireEvent.click(screen.getByRole('checkbox', { name: 'I confirm this statement' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    await screen.findByRole('article');
    expect(bridge.callsTo('attestTrainingModule')).toEqual([
      { moduleId: 'sign-me', contentHash: module.card.contentHash, confirmed: true },
    ]);
    const entryHash = module.card.lastCompletion!.entryHash;
    expect(window.location.hash).toBe(`#/certificates/${entryHash}`);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Certificate: Sign me');
  });

  it('sends the learner to the knowledge check when nothing is waiting to be signed', async () => {
    const { bridge } = await openAttestation(false);
    expect(screen.getByText('Pass the knowledge check first')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Take the knowledge check' }).getAttribute('href')).toBe(
      '#/training/sign-me/quiz',
    );
    expect(screen.queryByRole('button', { name: 'Sign and complete' })).toBeNull();
    expect(bridge.callsTo('attestTrainingModule')).toEqual([]);
  });

  it('walks from a passed knowledge check to a signed certificate', async () => {
    const module = makeModule({ id: 'whole-way', title: 'Whole way', status: 'inProgress' });
    window.history.replaceState(null, '', '#/training/whole-way/quiz');
    const { bridge } = await renderApp({ profiles: [ada], training: { modules: [module] } });
    await screen.findByRole('button', { name: 'Submit answers' });
    const answers = correctAnswers(module);
    module.questions.forEach((q, index) => {
      const group = screen.getByRole('group', { name: new RegExp(`^Question ${index + 1} of `) });
      for (const id of answers[q.id]!) fireEvent.click(group.querySelector(`input[value="${id}"]`)!);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Submit answers' }));
    const next = (await screen.findAllByRole('link', { name: 'Continue to attestation' }))[0]!;
    window.location.hash = next.getAttribute('href')!;
    fireEvent.click(await screen.findByRole('checkbox', { name: 'I confirm this statement' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign and complete' }));
    await screen.findByRole('article');
    expect(bridge.callsTo('attestTrainingModule')).toHaveLength(1);
    expect(screen.getByText('Signature verified against the records')).toBeTruthy();
  });
});

describe('certificate', () => {
  it('shows who, what, when, score, expiry, and the record to check it against', async () => {
    const cert = certificate();
    await openCertificate(cert);
    const doc = screen.getByRole('article');
    expect(within(doc).getByText('Certificate of completion')).toBeTruthy();
    expect(within(doc).getByText('Grace Hopper')).toBeTruthy();
    expect(within(doc).getByText(/Platform · grace@example\.com/)).toBeTruthy();
    expect(within(doc).getByRole('heading', { level: 2 }).textContent).toBe('The law in practice');
    const fact = (label: string) => within(doc).getByText(label).nextElementSibling?.textContent;
    expect(fact('Completed')).toMatch(/2026/);
    expect(
      within(doc).getByText('Completed').nextElementSibling?.querySelector('time')?.getAttribute('dateTime'),
    ).toBe(cert.completedAt);
    expect(fact('Score')).toBe('83%');
    expect(
      within(doc)
        .getByText('Valid until')
        .nextElementSibling?.querySelector('time')
        ?.getAttribute('dateTime'),
    ).toBe(cert.expiresAt);
    expect(fact('Module version')).toBe('2.1.0');
    expect(fact('Ledger entry hash')).toBe(cert.entryHash);
    expect(fact('Signer fingerprint')).toBe(cert.signerFingerprint);
    expect(fact('Content hash')).toBe(cert.contentHash);
    expect(fact('Ledger')).toContain('ledgers/p00000000000000000007.jsonl, entry 12');
    expect(within(doc).getByText('Signature verified against the records')).toBeTruthy();
    expect(within(doc).getByText(cert.entryHash).tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('warns clearly when the entry does not verify', async () => {
    await openCertificate(certificate({ verified: false }));
    expect(screen.queryByText('Signature verified against the records')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('This certificate could not be verified');
    expect(within(screen.getByRole('article')).getByText(/^Not verified/)).toBeTruthy();
  });

  it('prints with the browser print dialog', async () => {
    await openCertificate(certificate());
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(printed).toBe(1);
  });

  it('says so when there is no such certificate', async () => {
    window.history.replaceState(null, '', `#/certificates/${'a'.repeat(64)}`);
    await renderApp({ profiles: [ada] });
    expect(await screen.findByText('No such certificate')).toBeTruthy();
  });
});
