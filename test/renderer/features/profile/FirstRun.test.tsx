// The first run: no current profile yet, so the app asks who you are, explains the signing key
// (how this computer protects it comes from core), and offers profiles already on this computer.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { inFrenchEachTest } from '../../support/french';
import { addPerson } from '../../support/people';
import { freshCore, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));

/** The text of the elements an input's aria-describedby points at. */
function description(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

/** The settings file is gone (a reset): the profiles stay on this computer, none is current. */
async function forgetCurrentProfile(core: TestCore): Promise<void> {
  core.disk.removeSettings();
  await core.restart();
}

describe('first run', () => {
  it('asks for name, email and team when there is no profile', async () => {
    const core = await freshCore({ keys: 'os' });
    const { keyProtectionNote } = await core.services.getAppInfo({});
    await renderApp(core);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Steward');
    expect(field('Name').required || field('Name').getAttribute('aria-required')).toBeTruthy();
    expect(field('Email').type).toBe('email');
    expect(field('Team')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create profile' })).toBeTruthy();
    expect(screen.getByText(/signing key/i, { selector: '.feature-list__title' })).toBeTruthy();
    expect(screen.getByText(keyProtectionNote)).toBeTruthy();
    expect(screen.queryByText(/No keychain on this computer/)).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('warns when the key is protected only by file permissions', async () => {
    const core = await freshCore({ keys: 'file' });
    const { keyProtection, keyProtectionNote } = await core.services.getAppInfo({});
    expect(keyProtection).toBe('file');
    await renderApp(core);
    expect(screen.getByText(keyProtectionNote)).toBeTruthy();
    expect(screen.getByText('No keychain on this computer')).toBeTruthy();
    expect(screen.getByText(/anyone who can read your files/)).toBeTruthy();
  });

  it('shows a message next to each empty field and does not call the app', async () => {
    const bridge = await renderApp(await freshCore());
    submit();
    for (const [label, message] of [
      ['Name', 'Enter your name.'],
      ['Email', 'Enter your work email.'],
      ['Team', 'Enter your team.'],
    ] as const) {
      expect(field(label).getAttribute('aria-invalid')).toBe('true');
      expect(description(field(label))).toContain(message);
    }
    expect(document.activeElement).toBe(field('Name'));
    expect(bridge.callsTo('createProfile')).toHaveLength(0);
  });

  it('checks the email shape, and clears a message once fixed', async () => {
    await renderApp(await freshCore());
    type('Name', 'Ada Lovelace');
    type('Email', 'ada-at-example');
    type('Team', 'Analytics');
    submit();
    expect(description(field('Email'))).toContain('Email must look like name@example.com.');
    expect(field('Name').getAttribute('aria-invalid')).toBeNull();
    type('Email', 'ada@example.com');
    expect(field('Email').getAttribute('aria-invalid')).toBeNull();
  });

  it("shows core's refusal in an alert when it judges the form otherwise", async () => {
    const core = await freshCore();
    const bridge = await renderApp(core);
    type('Name', 'Ada Lovelace');
    // Looks like an email to the form; core's stricter check refuses the underscore in the domain.
    type('Email', 'ada@exam_ple.com');
    type('Team', 'Analytics');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('createProfile: email: Email must look like name@example.com');
    expect(bridge.callsTo('createProfile')).toEqual([
      { name: 'Ada Lovelace', email: 'ada@exam_ple.com', team: 'Analytics' },
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Steward');
    expect(await core.services.listProfiles({})).toEqual([]);
  });

  it('opens the app with the new profile on success', async () => {
    const core = await freshCore();
    await renderApp(core);
    type('Name', '  Ada Lovelace ');
    type('Email', 'ada@example.com');
    type('Team', 'Analytics');
    submit();
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Training');
    const who = screen.getByRole('button', { name: /^Ada Lovelace, .* switch profile$/ });
    expect(who.textContent).toContain('Analytics');
    expect(await core.services.getCurrentProfile({})).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      team: 'Analytics',
    });
  });

  it('offers the profiles already on this computer', async () => {
    const core = await freshCore();
    const grace = await addPerson(core, 'grace');
    await forgetCurrentProfile(core);
    const bridge = await renderApp(core);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Steward');
    fireEvent.click(screen.getByRole('button', { name: 'Continue as Grace Hopper' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(bridge.callsTo('switchProfile')).toEqual([{ profileId: grace.id }]);
    expect(screen.getByRole('button', { name: /^Grace Hopper, .* switch profile$/ })).toBeTruthy();
  });
});

describe('first run in French', () => {
  inFrenchEachTest();

  it('welcomes a new person in French and explains mistakes in French', async () => {
    const core = await freshCore();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bienvenue dans Steward');
    fireEvent.click(screen.getByRole('button', { name: 'Créer le profil' }));
    expect(await screen.findByText('Saisissez votre nom.')).toBeTruthy();
    expect(screen.getByText('Saisissez votre adresse e-mail professionnelle.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Équipe' })).toBeTruthy();
  });
});
