import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LrsSettings, splitLrsError } from '../../renderer/features/settings/LrsSettings';
import { createFakeBridge, makeProfile, type FakeBridgeOptions } from './fakeBridge';
import { defaultRecordsState } from './fakeRecords';

async function renderLrs(
  lrs: Partial<ReturnType<typeof defaultRecordsState>['lrs']> = {},
  options: FakeBridgeOptions = {},
) {
  const bridge = createFakeBridge({
    profiles: [makeProfile()],
    records: { lrs: { ...defaultRecordsState().lrs, ...lrs } },
    ...options,
  });
  window.steward = bridge;
  render(<LrsSettings />);
  await screen.findByLabelText(/^Endpoint/);
  return bridge;
}

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('settings: learning record store', () => {
  it('saves the endpoint, key, secret and switch, and keeps the secret write-only', async () => {
    const bridge = await renderLrs();
    fireEvent.change(screen.getByLabelText(/^Endpoint/), {
      target: { value: ' https://lrs.example.com/xapi/ ' },
    });
    fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: 'steward' } });
    const secret = screen.getByLabelText(/^Secret/) as HTMLInputElement;
    expect(secret.type).toBe('password');
    fireEvent.change(secret, { target: { value: 's3cret' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Send completions to this LRS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('LRS settings saved.')).toBeTruthy();
    expect(bridge.callsTo('setLrs')).toEqual([
      { endpoint: 'https://lrs.example.com/xapi/', key: 'steward', secret: 's3cret', enabled: true },
    ]);
    expect(secret.value).toBe('');
    expect(description(secret)).toContain('Leave blank to keep the stored secret.');
    expect(description(secret)).toContain('operating system keychain');

    // Saved again with the secret left blank: the stored one is kept (no secret sent).
    fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: 'steward-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.callsTo('setLrs')).toHaveLength(2));
    expect(bridge.callsTo('setLrs')[1]).toEqual({
      endpoint: 'https://lrs.example.com/xapi/',
      key: 'steward-2',
      enabled: true,
    });
    expect(bridge.state.records.lrs.hasSecret).toBe(true);
  });

  it('shows a refused endpoint under its field and moves focus there', async () => {
    const bridge = await renderLrs();
    const endpoint = screen.getByLabelText(/^Endpoint/);
    fireEvent.change(endpoint, { target: { value: 'ftp://lrs.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(endpoint.getAttribute('aria-invalid')).toBe('true'));
    expect(description(endpoint)).toContain(
      'The endpoint must start with https:// (or http:// for a server on this computer)',
    );
    expect(description(endpoint)).not.toContain('setLrs');
    expect(document.activeElement).toBe(endpoint);
    expect(bridge.state.records.lrs.endpoint).toBe('');
  });

  it('asks for an endpoint before turning sending on', async () => {
    const bridge = await renderLrs();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Send completions to this LRS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const endpoint = screen.getByLabelText(/^Endpoint/);
    expect(endpoint.getAttribute('aria-invalid')).toBe('true');
    expect(description(endpoint)).toContain('Enter the endpoint to send statements to, or turn sending off.');
    expect(bridge.callsTo('setLrs')).toEqual([]);
  });

  it('forgets the stored secret after a confirmation', async () => {
    const bridge = await renderLrs({
      endpoint: 'https://lrs.example.com/xapi/',
      key: 'k',
      hasSecret: true,
      enabled: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Forget secret' }));
    const confirm = screen.getByRole('group', { name: 'Forget the stored secret?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Forget secret' }));
    expect(await screen.findByText('The secret is forgotten.')).toBeTruthy();
    expect(bridge.callsTo('setLrs')).toEqual([
      { endpoint: 'https://lrs.example.com/xapi/', key: 'k', enabled: true, secret: '' },
    ]);
    expect(screen.queryByRole('button', { name: 'Forget secret' })).toBeNull();
  });

  it('shows the outbox, sends now, and lists refused statements with their reasons', async () => {
    const bridge = await renderLrs({
      endpoint: 'https://lrs.example.com/xapi/',
      enabled: true,
      outbox: { pending: 4, sent: 10, failed: 1 },
      lastAttemptAt: '2026-11-29T08:00:00.000Z',
      nextAttemptAt: '2026-11-29T08:05:00.000Z',
      lastError: 'The LRS answered 503 Service Unavailable.',
      refused: [{ statementId: '6f1c2a9e-0000-4000-8000-000000000001', reason: 'verb.id is not an IRI' }],
    });
    const counts = (label: string) =>
      screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(counts('Waiting')).toBe('4');
    expect(counts('Sent')).toBe('10');
    expect(counts('Refused')).toBe('1');
    expect(screen.getByText('The LRS answered 503 Service Unavailable.')).toBeTruthy();
    expect(
      screen.getByText('Next attempt').nextElementSibling?.querySelector('time')?.getAttribute('dateTime'),
    ).toBe('2026-11-29T08:05:00.000Z');
    const refused = screen.getByRole('table', { name: 'Statements the LRS refused' });
    expect(within(refused).getByText('verb.id is not an IRI')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(await screen.findByText('Send finished: 0 still waiting.')).toBeTruthy();
    expect(counts('Sent')).toBe('14');
    expect(bridge.callsTo('sendLrsNow')).toHaveLength(1);
  });

  it('cannot send before an endpoint is saved and sending is on, and says why', async () => {
    await renderLrs();
    const send = screen.getByRole('button', { name: 'Send now' });
    expect(send.hasAttribute('disabled')).toBe(true);
    expect(description(send)).toBe('Save an endpoint and turn sending on first.');
  });

  it('says when the settings cannot be read', async () => {
    const bridge = createFakeBridge({
      failures: { getLrs: { code: 'INTERNAL', message: 'The LRS outbox is being built.' } },
    });
    window.steward = bridge;
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
