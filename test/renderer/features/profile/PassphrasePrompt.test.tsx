// Switching to a profile with a passphrase, on the real core: the switcher asks for it; an empty
// one is asked again here, a wrong one is refused by core (the other profile stays in use), after
// three wrong ones core makes the next try wait and the prompt says how long; the right one, once
// the wait is over, switches.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

const PASS = 'the admin knows this';

describe('passphrase prompt', () => {
  it('asks for the passphrase, refuses wrong ones, makes a guesser wait, then switches', async () => {
    const core = await freshCore();
    const { services } = core;
    const dana = await services.createProfile({
      name: 'Dana Whitfield',
      email: 'dana@example.com',
      team: 'Privacy Office',
      passphrase: PASS,
    });
    await services.createProfile({
      name: 'Eve Moneypenny',
      email: 'eve@example.com',
      team: 'Privacy Office',
    });
    await renderApp(core);

    const toggle = screen.getByRole('button', { name: /switch profile/i });
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: /^Dana Whitfield.*has a passphrase/ }));
    const prompt = screen.getByRole('form', { name: 'Unlock Dana Whitfield' });
    const field = within(prompt).getByLabelText(/Passphrase of Dana Whitfield/);
    expect(document.activeElement).toBe(field);

    fireEvent.click(within(prompt).getByRole('button', { name: 'Unlock' }));
    expect(await within(prompt).findByText('Type the passphrase.')).toBeTruthy();

    for (let i = 0; i < 3; i += 1) {
      fireEvent.change(field, { target: { value: `guess number ${i}` } });
      fireEvent.click(within(prompt).getByRole('button', { name: 'Unlock' }));
      expect(
        await within(prompt).findByText('That is not the passphrase of this profile.', undefined, {
          timeout: 10_000,
        }),
      ).toBeTruthy();
    }
    expect(toggle.textContent).toContain('Eve Moneypenny');
    fireEvent.change(field, { target: { value: PASS } });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Unlock' }));
    expect(
      await within(prompt).findByText(
        'Too many wrong passphrases: wait 5 seconds before you try again.',
        undefined,
        {
          timeout: 10_000,
        },
      ),
    ).toBeTruthy();
    expect((await services.getCurrentProfile({}))?.name).toBe('Eve Moneypenny');

    core.clock.set(new Date(core.clock.now().getTime() + 6_000));
    fireEvent.change(field, { target: { value: PASS } });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Unlock' }));
    await within(screen.getByRole('complementary')).findByText('Dana Whitfield', undefined, {
      timeout: 10_000,
    });
    expect((await services.getCurrentProfile({}))?.id).toBe(dana.id);
  }, 60_000);
});
