// Settings over the real core: the profile and the fingerprint roles are granted to, how the key
// is protected, and the workspace folder, which core checks before it is used.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { inFrenchEachTest } from '../../support/french';
import { addPerson } from '../../support/people';
import { seededWorkspace, type CoreOptions } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

/** Ada's profile, created on 1 November 2026 at 09:30 UTC. */
const workspace = seededWorkspace(async (core) => {
  core.clock.set('2026-11-01T09:30:00.000Z');
  return { ada: await addPerson(core, 'ada') };
});

async function openSettings(options?: CoreOptions) {
  const { core, seeded } = await workspace.open(options);
  const bridge = await renderApp(core, '#/settings');
  return { core, bridge, ...seeded };
}

const folderField = () => screen.getByLabelText('Use a different folder') as HTMLInputElement;

function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('settings', () => {
  it('shows the profile, its fingerprint and what it is for, the key note and the folder', async () => {
    const { core, ada } = await openSettings({ keys: 'os' });
    const fingerprint = screen.getByText(ada.fingerprint);
    expect(fingerprint.tagName).toBe('CODE');
    expect(screen.getByText(/policy file grants roles/)).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    expect(screen.getByText("Your signing key is encrypted with this computer's keychain.")).toBeTruthy();
    expect(screen.getByText(core.workspaceDir, { selector: '.path-display__value' })).toBeTruthy();
    expect(screen.getByText('Default')).toBeTruthy();
  });

  it("shows core's refusal of a folder next to the field", async () => {
    const { core, bridge } = await openSettings();
    // A path core cannot make a workspace of: a folder inside an ordinary file.
    const refused = core.disk.pathThroughAFile();
    fireEvent.change(folderField(), { target: { value: refused } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    await waitFor(() => expect(folderField().getAttribute('aria-invalid')).toBe('true'));
    expect(description(folderField())).toContain(`Steward cannot write to ${refused}`);
    expect(bridge.callsTo('setWorkspace')).toEqual([{ dir: refused }]);
    expect(screen.getByText(core.workspaceDir, { selector: '.path-display__value' })).toBeTruthy();
    expect((await core.services.getSettings({})).workspaceDir).toBe(core.workspaceDir);
    // Typing again clears the stale refusal.
    fireEvent.change(folderField(), { target: { value: '/srv/other' } });
    expect(folderField().getAttribute('aria-invalid')).toBeNull();
  });

  it('moves the workspace to another folder and says so', async () => {
    const { core, ada } = await openSettings();
    const team = core.disk.path('team-steward');
    fireEvent.change(folderField(), { target: { value: team } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    const status = await screen.findByText(/Steward now keeps records in/);
    expect(status.textContent).toContain(team);
    expect(screen.getByText(team, { selector: '.path-display__value' })).toBeTruthy();
    expect((await core.services.getSettings({})).workspaceDir).toBe(team);
    // Ada's ledger came along to the new folder.
    expect(core.disk.list(core.disk.path('team-steward', 'ledgers'))).toContain(`${ada.id}.jsonl`);
  });

  it('asks for a path before calling the app', async () => {
    const { bridge } = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    expect(description(folderField())).toContain('Type the full path of a folder first.');
    expect(bridge.callsTo('setWorkspace')).toHaveLength(0);
  });

  it('offers Browse… only where the host can show a folder picker', async () => {
    await openSettings({ folderPicker: false });
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
  });

  it('Browse… uses the picked folder, and a cancelled picker changes nothing', async () => {
    const { core, bridge } = await openSettings();
    core.host.pickedFolder = null;
    fireEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await waitFor(() => expect(bridge.callsTo('pickWorkspaceFolder')).toHaveLength(1));
    expect(bridge.callsTo('setWorkspace')).toEqual([]);

    const picked = core.disk.path('Team', 'Steward');
    core.host.pickedFolder = picked;
    fireEvent.click(screen.getByRole('button', { name: 'Browse…' }));
    await screen.findByText(/Steward now keeps records in/);
    expect(bridge.callsTo('setWorkspace')).toEqual([{ dir: picked }]);
  });
});

describe('settings in French', () => {
  inFrenchEachTest();

  it('shows the settings screen in French, with the profile date in French', async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/settings');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Paramètres');
    expect(screen.getByText('Créé le')).toBeTruthy();
    expect(screen.getByText('1 novembre 2026')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Apparence' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Contraste élevé' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Français' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('textbox', { name: /^Utiliser un autre dossier/ })).toBeTruthy();
    expect(screen.getByText('Passerelle de test')).toBeTruthy();
  });

  it("words core's refusal of a folder in French", async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/settings');
    const refused = core.disk.pathThroughAFile();
    const input = screen.getByRole('textbox', { name: /^Utiliser un autre dossier/ });
    fireEvent.change(input, { target: { value: refused } });
    fireEvent.click(screen.getByRole('button', { name: 'Utiliser ce dossier' }));
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(description(input)).toContain(`Steward ne peut pas écrire dans ${refused}`);
    expect(description(input)).not.toContain('cannot write');
  });
});
