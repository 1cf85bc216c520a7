import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeProfile } from './fakeBridge';
import { renderApp } from './renderApp';

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

describe('first run', () => {
  it('asks for name, email and team when there is no profile', async () => {
    await renderApp({ profiles: [] });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Steward');
    expect(field('Name').required || field('Name').getAttribute('aria-required')).toBeTruthy();
    expect(field('Email').type).toBe('email');
    expect(field('Team')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create profile' })).toBeTruthy();
    expect(screen.getByText(/signing key/i, { selector: '.feature-list__title' })).toBeTruthy();
    expect(
      screen.getByText('Your private key is encrypted with your operating system keychain.'),
    ).toBeTruthy();
    expect(screen.queryByText(/No keychain on this computer/)).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('warns when the key is protected only by file permissions', async () => {
    await renderApp({
      profiles: [],
      appInfo: { keyProtection: 'file', keyProtectionNote: 'Your private key is a file only you can read.' },
    });
    expect(screen.getByText('Your private key is a file only you can read.')).toBeTruthy();
    expect(screen.getByText(/protected only by file permissions/)).toBeTruthy();
  });

  it('shows a message next to each empty field and does not call the app', async () => {
    const { bridge } = await renderApp({ profiles: [] });
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
    await renderApp({ profiles: [] });
    type('Name', 'Ada Lovelace');
    type('Email', 'ada-at-example');
    type('Team', 'Analytics');
    submit();
    expect(description(field('Email'))).toContain('Email must look like name@example.com.');
    expect(field('Name').getAttribute('aria-invalid')).toBeNull();
    type('Email', 'ada@example.com');
    expect(field('Email').getAttribute('aria-invalid')).toBeNull();
  });

  it("shows the app's refusal in an alert", async () => {
    const { bridge } = await renderApp({
      profiles: [],
      failures: {
        createProfile: {
          code: 'INVALID_ARGUMENT',
          message: 'createProfile: email: Email must look like name@example.com',
        },
      },
    });
    type('Name', 'Ada Lovelace');
    type('Email', 'ada@example.com');
    type('Team', 'Analytics');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('createProfile: email: Email must look like name@example.com');
    expect(bridge.callsTo('createProfile')).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.com', team: 'Analytics' },
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to Steward');
  });

  it('opens the app with the new profile on success', async () => {
    await renderApp({ profiles: [] });
    type('Name', '  Ada Lovelace ');
    type('Email', 'ada@example.com');
    type('Team', 'Analytics');
    submit();
    await waitFor(() => expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy());
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Training');
    const who = screen.getByRole('button', { name: /^Ada Lovelace, .* switch profile$/ });
    expect(who.textContent).toContain('Analytics');
  });

  it('offers the profiles already on this computer', async () => {
    const grace = makeProfile({ name: 'Grace Hopper', team: 'Platform' });
    const { bridge } = await renderApp({ profiles: [grace], currentProfileId: null });
    fireEvent.click(screen.getByRole('button', { name: 'Continue as Grace Hopper' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(bridge.callsTo('switchProfile')).toEqual([{ profileId: grace.id }]);
    expect(screen.getByRole('button', { name: /^Grace Hopper, .* switch profile$/ })).toBeTruthy();
  });
});
