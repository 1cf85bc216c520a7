// The shell around every screen: the navigation, the hash as the address, the profile switcher,
// and the notices core raises on start — over the real core.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../../renderer/App';
import { inFrenchEachTest } from '../support/french';
import { actAs, addPerson } from '../support/people';
import { freshCore, seededWorkspace } from '../support/realBridge';
import { renderApp } from '../support/renderApp';

const h1 = () => screen.getByRole('heading', { level: 1 });
const nav = () => screen.getByRole('navigation', { name: 'Main' });

/** Ada and Grace have profiles on this computer; Ada is the current one. */
const workspace = seededWorkspace(async (core) => {
  const grace = await addPerson(core, 'grace');
  const ada = await addPerson(core, 'ada');
  return { ada, grace };
});

describe('app shell', () => {
  it('shows the six places in the navigation, with Training current', async () => {
    const { core } = await workspace.open();
    await renderApp(core);
    const links = within(nav()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Training',
      'Reviews',
      'Records',
      'Organisation',
      'Content & policy',
      'Settings',
    ]);
    expect(within(nav()).getByRole('link', { name: 'Training' }).getAttribute('aria-current')).toBe('page');
    expect(links.filter((link) => link.hasAttribute('aria-current'))).toHaveLength(1);
    expect(h1().textContent).toBe('Training');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('moves to Records on click: new h1 with focus, aria-current, and the hash', async () => {
    const { core } = await workspace.open();
    await renderApp(core);
    fireEvent.click(within(nav()).getByRole('link', { name: 'Records' }));
    // The link and the hash change at once; the screen once its code has loaded.
    expect(within(nav()).getByRole('link', { name: 'Records' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav()).getByRole('link', { name: 'Training' }).hasAttribute('aria-current')).toBe(false);
    expect(window.location.hash).toBe('#/records');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Records' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('follows the hash when it changes (back/forward, typed address)', async () => {
    const { core } = await workspace.open();
    await renderApp(core);
    fireEvent.click(within(nav()).getByRole('link', { name: 'Settings' }));
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    act(() => {
      window.location.hash = '#/reviews';
    });
    await screen.findByRole('heading', { level: 1, name: 'Reviews' });
    expect(within(nav()).getByRole('link', { name: 'Reviews' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens on the screen the hash names', async () => {
    const { core } = await workspace.open();
    await renderApp(core, '#/settings');
    expect(h1().textContent).toBe('Settings');
  });

  it("shows the current profile's name and team, and switches profile", async () => {
    const { core, seeded } = await workspace.open();
    const bridge = await renderApp(core);
    const toggle = screen.getByRole('button', { name: /^Ada Lovelace, .* switch profile$/ });
    expect(toggle.textContent).toContain('Analytics');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /Grace Hopper/ }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Grace Hopper, .* switch profile$/ })).toBeTruthy(),
    );
    expect(bridge.callsTo('switchProfile')).toEqual([{ profileId: seeded.grace.id }]);
    expect((await core.services.getCurrentProfile({}))?.id).toBe(seeded.grace.id);
  });

  it('"Add a profile" opens the profile form inside the shell', async () => {
    const { core } = await workspace.open();
    await renderApp(core);
    fireEvent.click(screen.getByRole('button', { name: /switch profile$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a profile' }));
    expect(h1().textContent).toBe('Add a profile');
    expect(screen.getByRole('button', { name: 'Create profile' })).toBeTruthy();
    expect(window.location.hash).toBe('#/profiles/new');
  });

  it('makes an added profile the current one and goes to Training', async () => {
    const { core } = await workspace.open();
    const bridge = await renderApp(core);
    fireEvent.click(screen.getByRole('button', { name: /switch profile$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a profile' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Cara Diaz' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'cara@example.com' } });
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'Marketing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    await screen.findByRole('button', { name: /^Cara Diaz, Marketing — switch profile$/ });
    // Core makes a new profile the current one itself: no switch is needed.
    expect(bridge.callsTo('switchProfile')).toEqual([]);
    expect((await core.services.getCurrentProfile({}))?.name).toBe('Cara Diaz');
    expect(h1().textContent).toBe('Training');
    expect(window.location.hash).toBe('#/training');
    fireEvent.click(screen.getByRole('button', { name: /switch profile$/ }));
    expect(screen.getByRole('button', { name: /Ada Lovelace/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Grace Hopper/ })).toBeTruthy();
  });

  it('shows the notices core raised on start by level, and lets them be dismissed', async () => {
    const { core, seeded } = await workspace.open();
    // A settings file that cannot be read, and a signing key that is damaged.
    core.disk.corruptSettings();
    core.disk.damageKey(seeded.ada.id);
    await core.restart();
    // The settings were reset, so Ada is chosen again; her ledger cannot be opened for writing.
    await expect(actAs(core, seeded.ada)).rejects.toMatchObject({ code: 'KEY_UNAVAILABLE' });
    await renderApp(core);
    const warning = screen.getByText(/settings file could not be read/).closest('.banner');
    expect(warning?.getAttribute('role')).toBe('status');
    expect(warning?.textContent).toContain('settings.json.corrupt-');
    const error = screen.getByText(/signing key for profile/).closest('.banner');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('it is unreadable or damaged');
    fireEvent.click(within(warning as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/settings file could not be read/)).toBeNull();
    expect(screen.getByText(/signing key for profile/)).toBeTruthy();
  });

  it('explains itself instead of crashing when there is no window.steward', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/can't start here/);
    expect(screen.getByText(/needs the desktop app or `npm run preview`/)).toBeTruthy();
  });

  it('offers to try again when the first calls fail', async () => {
    const core = await freshCore();
    core.bridge.fail('getAppInfo', { code: 'INTERNAL', message: 'getAppInfo failed.' });
    window.steward = core.bridge;
    render(<App />);
    expect(await screen.findByText('getAppInfo failed.')).toBeTruthy();
    core.bridge.succeed('getAppInfo');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Steward' })).toBeTruthy();
  });
});

describe('app shell in French', () => {
  inFrenchEachTest();

  it('names the navigation and the skip link in French', async () => {
    const { core } = await workspace.open();
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core);
    const menu = screen.getByRole('navigation', { name: 'Menu principal' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Formation', 'Analyses', 'Registres', 'Organisation', 'Contenu et politique', 'Paramètres']);
    expect(screen.getByRole('link', { name: 'Aller au contenu' })).toBeTruthy();
  });
});
