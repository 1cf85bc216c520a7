// A certificate over the real core: who completed what, when, with which score and until when,
// and the signed ledger entry it can be checked against — verified, or plainly not.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../../../electron/core/contract/views/training';
import { actAs, addPerson } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

/** Grace completed "The law in practice" (her entries 2 to 5); Ada is the current profile. */
const workspace = seededWorkspace(async (core) => {
  const grace = await addPerson(core, 'grace');
  await core.completeModules(['law-in-practice']);
  const completion = (await core.services.listTrainingModules({})).modules.find(
    (m) => m.id === 'law-in-practice',
  )!.lastCompletion!;
  const ada = await addPerson(core, 'ada');
  return { ada, grace, entryHash: completion.entryHash };
});

async function openCertificate(tamper?: (core: TestCore, grace: { id: string }) => void) {
  const { core, seeded } = await workspace.open();
  tamper?.(core, seeded.grace);
  const cert = await core.services.getCertificate({ entryHash: seeded.entryHash });
  await renderApp(core, `#/certificates/${seeded.entryHash}`);
  await screen.findByRole('article');
  return { core, cert, ...seeded };
}

describe('certificate', () => {
  it('shows who, what, when, score, expiry, and the record to check it against', async () => {
    const { cert, grace } = await openCertificate();
    expect(cert).toMatchObject<Partial<Certificate>>({ name: 'Grace Hopper', verified: true, score: 100 });
    const doc = screen.getByRole('article');
    expect(within(doc).getByText('Certificate of completion')).toBeTruthy();
    expect(within(doc).getByText('Grace Hopper')).toBeTruthy();
    expect(within(doc).getByText(/Platform · grace@example\.com/)).toBeTruthy();
    expect(within(doc).getByRole('heading', { level: 2 }).textContent).toBe(
      'Data protection law in practice',
    );
    const fact = (label: string) => within(doc).getByText(label).nextElementSibling?.textContent;
    expect(
      within(doc).getByText('Completed').nextElementSibling?.querySelector('time')?.getAttribute('dateTime'),
    ).toBe(cert.completedAt);
    expect(fact('Score')).toBe('100%');
    expect(
      within(doc)
        .getByText('Valid until')
        .nextElementSibling?.querySelector('time')
        ?.getAttribute('dateTime'),
    ).toBe(cert.expiresAt);
    expect(fact('Module version')).toBe('1.0.0');
    expect(fact('Ledger entry hash')).toBe(cert.entryHash);
    expect(fact('Signer fingerprint')).toBe(grace.fingerprint);
    expect(fact('Content hash')).toBe(cert.contentHash);
    expect(fact('Ledger')).toContain(`ledgers/${grace.id}.jsonl, entry ${cert.seq}`);
    expect(within(doc).getByText('Signature verified against the records')).toBeTruthy();
    expect(within(doc).getByText(cert.entryHash).tagName).toBe('CODE');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });

  it('warns clearly when the entry does not verify', async () => {
    // An earlier entry of Grace's ledger was backdated: the chain no longer holds up to it.
    const { cert } = await openCertificate((core, grace) => core.disk.backdateEntry(grace.id, 2));
    expect(cert.verified).toBe(false);
    expect(screen.queryByText('Signature verified against the records')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('This certificate could not be verified');
    expect(within(screen.getByRole('article')).getByText(/^Not verified/)).toBeTruthy();
  });

  it('prints with the browser print dialog', async () => {
    await openCertificate();
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(printed).toBe(1);
  });

  it('says so when there is no such certificate', async () => {
    const { core, seeded } = await workspace.open();
    await actAs(core, seeded.ada);
    await renderApp(core, `#/certificates/${'a'.repeat(64)}`);
    expect(await screen.findByText('No such certificate')).toBeTruthy();
  });
});
