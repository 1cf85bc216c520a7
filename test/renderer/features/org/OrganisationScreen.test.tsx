// The Organisation screen on the real core: a DPO sets it up (the teams the bundled policy names are
// offered, the code is shown), enrols a join request and grants a manager role for one team; a
// colleague compares the code before asking to join (a wrong code asks nothing) and sees the roster
// read-only; Settings shows your roles and sends a change request to an admin.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useStewardStore } from '../../../../renderer/state/store';
import { freshCore, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@example.com', team: 'Privacy Office' };
const BEN = { name: 'Ben Schmidt', email: 'ben.schmidt@example.com', team: 'Privacy Office' };

async function openAt(core: TestCore, hash: string) {
  await renderApp(core, hash);
}

/** Leaves the screen and comes back, as a person would (the screen reads the organisation again). */
async function reopen(name: string) {
  const nav = screen.getByRole('navigation', { name: 'Main' });
  fireEvent.click(within(nav).getByRole('link', { name: 'Training' }));
  await screen.findByRole('heading', { level: 1, name: 'Training' });
  fireEvent.click(within(nav).getByRole('link', { name }));
  await screen.findByRole('heading', { level: 1, name });
}

describe('Organisation screen', () => {
  it('a DPO sets it up, enrols a join request and grants a manager role for one team', async () => {
    const core = await freshCore();
    const { services } = core;
    const dana = await services.createProfile(DANA);
    await openAt(core, '#/organisation');

    const setup = await screen.findByRole('form', { name: 'Set up your organisation' }, { timeout: 10_000 });
    const teams = within(setup).getByRole('textbox', { name: 'Teams' }) as HTMLTextAreaElement;
    expect(teams.value.split('\n')).toEqual(
      expect.arrayContaining(['Product', 'Engineering', 'Privacy Office']),
    );
    // No name: said under the field, nothing created.
    fireEvent.click(within(setup).getByRole('button', { name: 'Set up the organisation' }));
    expect(await within(setup).findByText("Type your organisation's name.")).toBeTruthy();
    expect((await services.getOrganisation({})).state).toBe('none');

    fireEvent.change(within(setup).getByRole('textbox', { name: 'Organisation name' }), {
      target: { value: 'Acme Analytics' },
    });
    fireEvent.click(within(setup).getByRole('button', { name: 'Set up the organisation' }));
    await screen.findByText('Acme Analytics is set up', undefined, { timeout: 10_000 });
    const org = (await services.getOrganisation({})).org!;
    expect(screen.getAllByText(org.code).length).toBeGreaterThan(0);
    expect(org.people.map((p) => p.name)).toEqual([dana.name]);

    // Ben asks to join on his own profile (through the services: not this screen's subject).
    const ben = await services.createProfile(BEN);
    await services.confirmOrganisation({ orgId: org.orgId, code: org.code });
    await services.switchProfile({ profileId: dana.id });
    // The page learns of the switch as it would after a reload.
    await act(() => useStewardStore.getState().bootstrap());
    await reopen('Organisation');

    const requests = await screen.findByRole('region', { name: 'Join requests' });
    expect(await within(requests).findByText(ben.fingerprint)).toBeTruthy();
    const enrol = within(requests).getByRole('form', { name: 'Enrol Ben Schmidt' });
    expect((within(enrol).getByRole('radio', { name: 'A new person' }) as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.click(within(enrol).getByRole('button', { name: 'Enrol Ben Schmidt' }));
    expect(
      await within(requests).findByText('No one is waiting to be enrolled.', undefined, { timeout: 10_000 }),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Grant a role to Ben Schmidt' }));
    const grant = screen.getByRole('form', { name: 'Grant a role to Ben Schmidt' });
    fireEvent.click(within(grant).getByRole('radio', { name: /^Manager/ }));
    const managed = within(grant).getByRole('group', { name: /Teams managed/ });
    fireEvent.click(within(managed).getByRole('checkbox', { name: 'every team' }));
    fireEvent.click(within(managed).getByRole('checkbox', { name: 'Product' }));
    fireEvent.click(within(grant).getByRole('button', { name: 'Grant Manager to Ben Schmidt' }));
    const roles = await screen.findByRole('list', { name: 'Roles of Ben Schmidt' }, { timeout: 10_000 });
    expect(roles.textContent).toContain('Manager (Product)');
    expect(roles.textContent).toContain('In force');

    const benPerson = (await services.getOrganisation({})).org!.people.find((p) => p.email === BEN.email)!;
    expect(benPerson.grants.map((g) => [g.role, g.teams])).toEqual([['manager', ['Product']]]);
  }, 60_000);

  it('a colleague compares the code before asking to join, and sees the roster read-only', async () => {
    const core = await freshCore();
    const { services } = core;
    await services.createProfile(DANA);
    await services.createOrganisation({
      name: 'Acme Analytics',
      teams: ['Privacy Office'],
      team: 'Privacy Office',
      fromPolicy: false,
    });
    const ben = await services.createProfile(BEN);
    await openAt(core, '#/organisation');

    const join = await screen.findByRole('form', { name: 'Confirm Acme Analytics' }, { timeout: 10_000 });
    fireEvent.change(within(join).getByRole('textbox', { name: /The code your admin gave you/ }), {
      target: { value: 'AAAA-BBBB-CCCC-DDDD' },
    });
    fireEvent.click(within(join).getByRole('button', { name: 'Ask to join Acme Analytics' }));
    expect(await within(join).findByText(/That is not this organisation's code/)).toBeTruthy();
    expect((await services.getOrganisation({})).org!.joinRequests).toEqual([]);

    fireEvent.click(within(join).getByRole('checkbox', { name: /matches the one my admin gave me/ }));
    fireEvent.click(within(join).getByRole('button', { name: 'Ask to join Acme Analytics' }));
    expect(
      await screen.findByText('Waiting for an admin to enrol you', undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.getAllByText(ben.fingerprint).length).toBeGreaterThan(0);
    await waitFor(async () =>
      expect((await services.getOrganisation({})).org!.joinRequests.map((j) => j.profileId)).toEqual([
        ben.id,
      ]),
    );

    // Read-only: who holds which role, but no emails, keys, requests or admin actions.
    const people = screen.getByRole('region', { name: /^People/ });
    expect(within(people).getByRole('list', { name: 'Roles of Dana Whitfield' }).textContent).toContain(
      'Admin',
    );
    expect(screen.queryByText(DANA.email, { exact: false })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Join requests' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Grant a role/ })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Keys of Dana Whitfield' })).toBeNull();
  }, 60_000);

  it('Settings shows your roles and sends a change of team to an admin', async () => {
    const core = await freshCore();
    const { services } = core;
    await services.createProfile(DANA);
    await services.createOrganisation({
      name: 'Acme Analytics',
      teams: ['Privacy Office', 'Legal'],
      team: 'Privacy Office',
      fromPolicy: false,
    });
    await openAt(core, '#/settings');

    const roles = await screen.findByRole('region', { name: 'Your roles' }, { timeout: 10_000 });
    expect((await within(roles).findByRole('list', { name: 'Your roles' })).textContent).toContain('Admin');
    fireEvent.click(within(roles).getByRole('button', { name: 'Ask for a change of name, email or team' }));
    const form = within(roles).getByRole('form', { name: 'Ask for a change' });
    fireEvent.click(within(form).getByRole('radio', { name: 'Legal' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Send to an admin' }));
    expect(
      await within(roles).findByText('Your change request is waiting for an admin', undefined, {
        timeout: 10_000,
      }),
    ).toBeTruthy();
    expect(roles.textContent).toContain('Team: Privacy Office → Legal');
    const org = (await services.getOrganisation({})).org!;
    expect(org.changeRequests.map((c) => c.requested)).toEqual([{ team: 'Legal' }]);
  }, 60_000);

  it('draws the first hundred people of a large roster and finds the others by search', async () => {
    const core = await freshCore();
    const { services } = core;
    await services.createProfile(DANA);
    await services.createOrganisation({
      name: 'Acme',
      teams: ['Product'],
      team: 'Product',
      fromPolicy: false,
    });
    const rows = Array.from({ length: 150 }, (_, i) => `Person ${i + 1},person${i + 1}@example.com,Product`);
    await services.importRoster({ csv: ['name,email,team', ...rows].join('\n') });
    await openAt(core, '#/organisation');

    const people = await screen.findByRole('region', { name: /^People/ }, { timeout: 10_000 });
    expect(
      await within(people).findByText('151 people match; the first 100 are shown: search to narrow'),
    ).toBeTruthy();
    expect(within(people).getAllByRole('heading', { level: 3 })).toHaveLength(100);
    fireEvent.change(within(people).getByRole('searchbox', { name: 'Search by name or team' }), {
      target: { value: 'Person 149' },
    });
    expect(await within(people).findByText('1 person shown')).toBeTruthy();
    expect(within(people).getByRole('heading', { level: 3, name: 'Person 149' })).toBeTruthy();
  }, 60_000);
});
