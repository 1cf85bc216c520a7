import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeProfile } from './fakeBridge';
import { renderApp, withProfile } from './renderApp';

async function openSettings(options = withProfile()) {
  window.history.replaceState(null, '', '#/settings');
  return renderApp(options);
}

const folderField = () => screen.getByLabelText('Use a different folder') as HTMLInputElement;

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('settings', () => {
  it('shows the profile, its fingerprint and what it is for, and the key note', async () => {
    const profile = makeProfile({ name: 'Ada Lovelace', email: 'ada@example.com', team: 'Analytics' });
    await openSettings({ profiles: [profile] });
    const fingerprint = screen.getByText(profile.fingerprint);
    expect(fingerprint.tagName).toBe('CODE');
    expect(screen.getByText(/policy file grants roles/)).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(
      screen.getByText('Your private key is encrypted with your operating system keychain.'),
    ).toBeTruthy();
    expect(screen.getByText('/home/ada/.config/Steward/workspace')).toBeTruthy();
  });

  it('shows a refused folder next to the field, with its message', async () => {
    const { bridge } = await openSettings(
      withProfile({
        failures: {
          setWorkspace: {
            code: 'WORKSPACE_NOT_WRITABLE',
            message: 'Steward cannot write to /mnt/readonly: permission denied.',
          },
        },
      }),
    );
    fireEvent.change(folderField(), { target: { value: '/mnt/readonly' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    await waitFor(() => expect(folderField().getAttribute('aria-invalid')).toBe('true'));
    expect(description(folderField())).toContain('Steward cannot write to /mnt/readonly: permission denied.');
    expect(bridge.callsTo('setWorkspace')).toEqual([{ dir: '/mnt/readonly' }]);
    expect(screen.getByText('/home/ada/.config/Steward/workspace')).toBeTruthy();
    // Typing again clears the stale refusal.
    fireEvent.change(folderField(), { target: { value: '/mnt/other' } });
    expect(folderField().getAttribute('aria-invalid')).toBeNull();
  });

  it('confirms a changed folder', async () => {
    await openSettings();
    fireEvent.change(folderField(), { target: { value: '/srv/team-steward' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    const status = await screen.findByText(/Steward now keeps records in/);
    expect(status.textContent).toContain('/srv/team-steward');
    expect(screen.getByText('/srv/team-steward', { selector: '.path-display__value' })).toBeTruthy();
  });

  it('asks for a path before calling the app', async () => {
    const { bridge } = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    expect(description(folderField())).toContain('Type the full path of a folder first.');
    expect(bridge.callsTo('setWorkspace')).toHaveLength(0);
  });

  it('offers Browse… only where the host can show a folder picker', async () => {
    await openSettings(withProfile({ settings: { canPickFolder: false } }));
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
  });

  it('Browse… uses the picked folder', async () => {
    const { bridge } = await openSettings();
    bridge.pickWorkspaceFolder = async () => ({ ok: true, value: { dir: '/Volumes/Team/Steward' } });
    fireEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByText(/Steward now keeps records in/);
    expect(bridge.callsTo('setWorkspace')).toEqual([{ dir: '/Volumes/Team/Steward' }]);
  });
});
