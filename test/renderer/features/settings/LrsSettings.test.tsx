// Settings › Learning record store over the real core: the settings are saved by core (which
// checks the endpoint), the secret is write-only, and the outbox is core's, sending to an LRS
// on this computer that the test scripts.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LrsSettings, splitLrsError } from '../../../../renderer/features/settings/LrsSettings';
import { addPerson } from '../../support/people';
import { freshCore, startTestLrs, type CoreOptions, type TestCore } from '../../support/realBridge';

async function adaWithLrs(options: CoreOptions = {}) {
  const core = await freshCore(options);
  await addPerson(core, 'ada');
  return core;
}

async function renderLrs(core: TestCore) {
  window.steward = core.bridge;
  render(<LrsSettings />);
  await screen.findByLabelText(/^Endpoint/);
  return core.bridge;
}

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const counts = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('settings: learning record store', () => {
  it('saves the endpoint, key, secret and switch, and keeps the secret write-only', async () => {
    const lrs = await startTestLrs();
    const core = await adaWithLrs({ keys: 'os' });
    const bridge = await renderLrs(core);
    fireEvent.change(screen.getByLabelText(/^Endpoint/), { target: { value: ` ${lrs.endpoint} ` } });
    fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: 'steward' } });
    const secret = screen.getByLabelText(/^Secret/) as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.change(secret, { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Send completions to this LRS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('LRS settings saved.')).toBeTruthy();
    expect(bridge.callsTo('setLrs')).toEqual([
      { endpoint: lrs.endpoint, key: 'steward', secret: 's3cret', enabled: true },
    ]);
    expect(secret.value).toBe('');
    expect(description(secret)).toContain('Leave blank to keep the stored secret.');
    expect(description(secret)).toContain('operating system keychain');

    // Saved again with the secret left blank: the stored one is kept (no secret sent).
    fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: 'steward-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.callsTo('setLrs')).toHaveLength(2));
    expect(bridge.callsTo('setLrs')[1]).toEqual({ endpoint: lrs.endpoint, key: 'steward-2', enabled: true });
    await waitFor(async () =>
      expect(await core.services.getLrs({})).toMatchObject({ key: 'steward-2', hasSecret: true }),
    );
  });

  it("shows core's refusal of an endpoint under its field and moves focus there", async () => {
    const core = await adaWithLrs();
    await renderLrs(core);
    const endpoint = screen.getByLabelText(/^Endpoint/);
    fireEvent.change(endpoint, { target: { value: 'ftp://lrs.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(endpoint.getAttribute('aria-invalid')).toBe('true'));
    expect(description(endpoint)).toContain(
      'The endpoint must start with https:// (or http:// for a server on this computer)',
    );
    expect(description(endpoint)).not.toContain('setLrs');
    expect(document.activeElement).toBe(endpoint);
    expect((await core.services.getLrs({})).endpoint).toBe('');
  });

  it('asks for an endpoint before turning sending on', async () => {
    const core = await adaWithLrs();
    const bridge = await renderLrs(core);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Send completions to this LRS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const endpoint = screen.getByLabelText(/^Endpoint/);
    expect(endpoint.getAttribute('aria-invalid')).toBe('true');
    expect(description(endpoint)).toContain('Enter the endpoint to send statements to, or turn sending off.');
    expect(bridge.callsTo('setLrs')).toEqual([]);
  });

  it('forgets the stored secret after a confirmation', async () => {
    const lrs = await startTestLrs();
    const core = await adaWithLrs();
    await core.services.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: false });
    const bridge = await renderLrs(core);
    fireEvent.click(screen.getByRole('button', { name: 'Forget secret' }));
    const confirm = screen.getByRole('group', { name: 'Forget the stored secret?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Forget secret' }));
    expect(await screen.findByText('The secret is forgotten.')).toBeTruthy();
    expect(bridge.callsTo('setLrs')).toEqual([
      { endpoint: lrs.endpoint, key: 'k', enabled: false, secret: '' },
    ]);
    expect(screen.queryByRole('button', { name: 'Forget secret' })).toBeNull();
    expect((await core.services.getLrs({})).hasSecret).toBe(false);
  });

  it('says why core keeps the secret while sending is on', async () => {
    const lrs = await startTestLrs();
    const core = await adaWithLrs();
    await core.services.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });
    await renderLrs(core);
    fireEvent.click(screen.getByRole('button', { name: 'Forget secret' }));
    const confirm = screen.getByRole('group', { name: 'Forget the stored secret?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Forget secret' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The settings were not saved');
    expect(alert.textContent).toContain('needs an endpoint, a key and a secret; missing: secret');
    expect((await core.services.getLrs({})).hasSecret).toBe(true);
  });

  it('shows the outbox and the last failure, sends now, and lists refused statements with their reasons', async () => {
    const lrs = await startTestLrs();
    const core = await adaWithLrs();
    await core.completeModules(['law-in-practice']);
    // The LRS is down when sending is turned on: the first round fails and is retried later.
    lrs.mode = 'down';
    await core.services.setLrs({ endpoint: lrs.endpoint, key: 'k', secret: 's', enabled: true });
    await waitFor(async () => expect((await core.services.getLrs({})).lastError).not.toBeNull());
    const before = await core.services.getLrs({});
    expect(before.outbox.pending).toBeGreaterThan(1);

    await renderLrs(core);
    expect(counts('Waiting')).toBe(String(before.outbox.pending));
    expect(counts('Sent')).toBe('0');
    expect(counts('Refused')).toBe('0');
    expect(screen.getByText(/had a problem \(HTTP 503: Service Unavailable\)/)).toBeTruthy();
    // Core retries on its own a few seconds later: the page shows when, after the last attempt.
    const next = screen
      .getByText('Next attempt')
      .nextElementSibling?.querySelector('time')
      ?.getAttribute('dateTime');
    expect(Date.parse(next!)).toBeGreaterThan(Date.parse(before.lastAttemptAt!));

    // Back up, but refusing the "attempted" statements.
    lrs.mode = 'up';
    lrs.refuses = (s) =>
      s.verb?.id?.endsWith('/attempted') ? 'verb "attempted" is not accepted here' : null;
    fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(await screen.findByText('Send finished: 0 still waiting.')).toBeTruthy();
    const after = await core.services.getLrs({});
    expect(after.refused.length).toBeGreaterThan(0);
    expect(counts('Sent')).toBe(String(lrs.stored.length));
    expect(counts('Refused')).toBe(String(after.refused.length));
    expect(lrs.stored.length + after.refused.length).toBe(before.outbox.pending);
    const refused = screen.getByRole('table', { name: 'Statements the LRS refused' });
    expect(within(refused).getAllByText('HTTP 400: verb "attempted" is not accepted here').length).toBe(
      after.refused.length,
    );
    expect(within(refused).getByText(after.refused[0]!.statementId)).toBeTruthy();
  });

  it('cannot send before an endpoint is saved and sending is on, and says why', async () => {
    await renderLrs(await adaWithLrs());
    const send = screen.getByRole('button', { name: 'Send now' });
    expect(send.hasAttribute('disabled')).toBe(true);
    expect(description(send)).toBe('Save an endpoint and turn sending on first.');
  });

  it('says when the settings cannot be read', async () => {
    const core = await adaWithLrs();
    core.bridge.fail('getLrs', { code: 'INTERNAL', message: 'The LRS outbox is being built.' });
    window.steward = core.bridge;
    render(<LrsSettings />);
    expect((await screen.findByRole('alert')).textContent).toContain('The LRS outbox is being built.');
  });
});

describe('splitLrsError', () => {
  it('puts each problem under its field and keeps the rest', () => {
    expect(
      splitLrsError('setLrs: endpoint: Endpoint too long; key: Key too long; argument: expected an object'),
    ).toEqual({
      fields: { endpoint: 'Endpoint too long', key: 'Key too long' },
      other: 'argument: expected an object',
    });
    expect(splitLrsError('The LRS outbox is locked.')).toEqual({
      fields: {},
      other: 'The LRS outbox is locked.',
    });
  });
});
