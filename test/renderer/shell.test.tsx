import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { createFakeBridge, makeProfile } from './fakeBridge';
import { renderApp, withProfile } from './renderApp';

const h1 = () => screen.getByRole('heading', { level: 1 });
const nav = () => screen.getByRole('navigation', { name: 'Main' });

describe('app shell', () => {
  it('shows the five places in the navigation, with Training current', async () => {
    await renderApp(withProfile());
    const links = within(nav()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Training',
      'Reminders',
      'Reviews',
      'Records',
      'Settings',
    ]);
    expect(within(nav()).getByRole('link', { name: 'Training' }).getAttribute('aria-current')).toBe('page');
    expect(links.filter((link) => link.hasAttribute('aria-current'))).toHaveLength(1);
    expect(h1().textContent).toBe('Training');
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });

  it('moves to Records on click: new h1 with focus, aria-current, and the hash', async () => {
    await renderApp(withProfile());
    fireEvent.click(within(nav()).getByRole('link', { name: 'Records' }));
    // The link and the hash change at once; the screen once its code has loaded.
    expect(within(nav()).getByRole('link', { name: 'Records' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav()).getByRole('link', { name: 'Training' }).hasAttribute('aria-current')).toBe(false);
    expect(window.location.hash).toBe('#/records');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Records' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('follows the hash when it changes (back/forward, typed address)', async () => {
    await renderApp(withProfile());
    fireEvent.click(within(nav()).getByRole('link', { name: 'Settings' }));
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    act(() => {
      window.location.hash = '#/reviews';
    });
    await screen.findByRole('heading', { level: 1, name: 'Reviews' });
    expect(within(nav()).getByRole('link', { name: 'Reviews' }).getAttribute('aria-current')).toBe('page');
  });

  it('opens on the screen the hash names', async () => {
    window.history.replaceState(null, '', '#/settings');
    await renderApp(withProfile());
    expect(h1().textContent).toBe('Settings');
  });

  it("shows the current profile's name and team, and switches profile", async () => {
    const ada = makeProfile({ name: 'Ada Lovelace', team: 'Analytics' });
    const grace = makeProfile({ name: 'Grace Hopper', team: 'Platform' });
    const { bridge } = await renderApp({ profiles: [ada, grace], currentProfileId: ada.id });
    const toggle = screen.getByRole('button', { name: /^Ada Lovelace, .* switch profile$/ });
    expect(toggle.textContent).toContain('Analytics');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /Grace Hopper/ }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /^Grace Hopper, .* switch profile$/ })).toBeTruthy(),
    );
    expect(bridge.callsTo('switchProfile')).toEqual([{ profileId: grace.id }]);
  });

  it('"Add a profile" opens the profile form inside the shell', async () => {
    await renderApp(withProfile());
    fireEvent.click(screen.getByRole('button', { name: /switch profile$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a profile' }));
    expect(h1().textContent).toBe('Add a profile');
    expect(screen.getByRole('button', { name: 'Create profile' })).toBeTruthy();
    expect(window.location.hash).toBe('#/profiles/new');
  });

  it('makes an added profile the current one, also when the app did not switch to it', async () => {
    const ada = makeProfile({ name: 'Ada Lovelace', team: 'Analytics' });
    const { bridge } = await renderApp({ profiles: [ada] });
    const createInFake = bridge.createProfile;
    bridge.createProfile = async (args) => {
      const result = await createInFake(args);
      bridge.state.currentProfileId = ada.id; // this host leaves the current profile alone
      return result;
    };
    fireEvent.click(screen.getByRole('button', { name: /switch profile$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a profile' }));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Grace Hopper' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'grace@example.com' } });
    fireEvent.change(screen.getByLabelText('Team'), { target: { value: 'Platform' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create profile' }));
    await screen.findByRole('button', { name: /^Grace Hopper, Platform — switch profile$/ });
    expect(bridge.callsTo('switchProfile')).toHaveLength(1);
    expect(h1().textContent).toBe('Training');
    expect(window.location.hash).toBe('#/training');
  });

  it('shows notices from the app by level and lets them be dismissed', async () => {
    await renderApp(
      withProfile({
        appInfo: {
          notices: [
            { id: 'n1', level: 'warning', message: 'Your settings file was corrupt; it was moved aside.' },
            { id: 'n2', level: 'error', message: 'The keys folder could not be read.' },
          ],
        },
      }),
    );
    const warning = screen.getByText(/settings file was corrupt/).closest('.banner');
    expect(warning?.getAttribute('role')).toBe('status');
    const error = screen.getByText(/keys folder/).closest('.banner');
    expect(error?.getAttribute('role')).toBe('alert');
    fireEvent.click(within(warning as HTMLElement).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/settings file was corrupt/)).toBeNull();
    expect(screen.getByText(/keys folder/)).toBeTruthy();
  });

  it('explains itself instead of crashing when there is no window.steward', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/can't start here/);
    expect(screen.getByText(/needs the desktop app or `npm run preview`/)).toBeTruthy();
  });

  it('offers to try again when the first calls fail', async () => {
    const bridge = createFakeBridge({
      failures: { getAppInfo: { code: 'INTERNAL', message: 'getAppInfo failed.' } },
    });
    window.steward = bridge;
    render(<App />);
    expect(await screen.findByText('getAppInfo failed.')).toBeTruthy();
    bridge.succeed('getAppInfo');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to Steward' })).toBeTruthy();
  });
});
