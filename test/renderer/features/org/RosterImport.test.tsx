// Roster import on the real core: an admin picks a CSV; every bad row is listed with why and there
// is nothing to apply; a good file shows its plan (who is enrolled, the new team, the grants) and
// is applied, and the people appear in the roster.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

function pick(input: HTMLElement, csv: string) {
  fireEvent.change(input, { target: { files: [new File([csv], 'roster.csv', { type: 'text/csv' })] } });
}

describe('roster import', () => {
  it('lists the bad rows of a file and applies a good one after showing its plan', async () => {
    const core = await freshCore();
    const { services } = core;
    await services.createProfile({ name: 'Dana Whitfield', email: 'dana@example.com', team: 'Product' });
    await services.createOrganisation({
      name: 'Acme',
      teams: ['Product'],
      team: 'Product',
      fromPolicy: false,
    });
    await renderApp(core, '#/organisation');
    const panel = await screen.findByRole('region', { name: 'Import a roster file' }, { timeout: 10_000 });
    const file = within(panel).getByLabelText('Roster file (CSV)');

    pick(
      file,
      ['displayName,mail,department', 'Grace Hopper,grace@example.com,Product', 'No Email,,Product'].join(
        '\n',
      ),
    );
    expect(
      await within(panel).findByText(/1 row cannot be taken/, undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(within(panel).getByText(/^Row 3: /)).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Apply/ })).toBeNull();

    pick(
      file,
      [
        'First name,Last name,Primary email,Department,Status,Roles',
        'Grace,Hopper,grace@example.com,Product,ACTIVE,reviewer',
        'Ada,Lovelace,ada@example.com,Sales,ACTIVE,manager:Sales',
      ].join('\n'),
    );
    // Sales is not a team yet: the row is refused until the admin lets the file add teams.
    expect(
      await within(panel).findByText(/1 row cannot be taken/, undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    fireEvent.click(within(panel).getByRole('checkbox', { name: /Add teams the file names/ }));
    expect(await within(panel).findByText('New teams: Sales', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(within(panel).getByText('Row 2: enrol Grace Hopper (grace@example.com, Product)')).toBeTruthy();
    expect(within(panel).getByText('Row 2: Grace Hopper becomes Reviewer')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply 4 changes' }));
    expect(await within(panel).findByText('4 changes applied.', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(
      (await screen.findByRole('list', { name: 'Roles of Ada Lovelace' }, { timeout: 10_000 })).textContent,
    ).toContain('Manager (Sales)');
    const org = (await services.getOrganisation({})).org!;
    expect(org.people.map((p) => p.email).sort()).toEqual([
      'ada@example.com',
      'dana@example.com',
      'grace@example.com',
    ]);
  }, 60_000);
});
