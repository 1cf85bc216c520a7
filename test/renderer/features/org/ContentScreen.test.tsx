// Content & policy on the real core: the release in force, and an admin publishing from a folder —
// a folder with a broken module shows its problem and offers no Publish; a folder that changes the
// pass mark shows the change, publishes release 2, and release 2 is then in force.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

describe('Content & policy screen', () => {
  it('checks a folder before publishing it: problems block it, a clean change becomes the release in force', async () => {
    const core = await freshCore();
    const { services } = core;
    await services.createProfile({
      name: 'Dana Whitfield',
      email: 'dana@example.com',
      team: 'Privacy Office',
    });
    await services.createOrganisation({
      name: 'Acme Analytics',
      teams: ['Privacy Office'],
      team: 'Privacy Office',
      fromPolicy: false,
    });
    await renderApp(core, '#/content');

    const inForce = await screen.findByRole('region', { name: 'In force' }, { timeout: 10_000 });
    expect(inForce.textContent).toContain('Dana Whitfield');
    const publish = await screen.findByRole('region', { name: 'Publish a release' });

    // A broken module: its problem, file by file, and nothing to publish.
    core.content.write('modules/99-broken.md', '---\nid: broken\n---\nNo title, no questions.\n');
    fireEvent.change(within(publish).getByRole('textbox', { name: /Content folder/ }), {
      target: { value: core.content.dir },
    });
    fireEvent.click(within(publish).getByRole('button', { name: 'Check the folder' }));
    const problems = await within(publish).findByText(/this folder cannot be published/, undefined, {
      timeout: 10_000,
    });
    expect(problems.closest('.banner')?.textContent).toContain('modules/99-broken.md');
    expect(within(publish).queryByRole('button', { name: /^Publish release/ })).toBeNull();
    fireEvent.click(within(publish).getByRole('button', { name: 'Cancel' }));

    // A clean change: the pass mark, shown before it is published.
    core.content.remove('modules/99-broken.md');
    core.content.editYaml<{ passMark: number }>('policy.yaml', (p) => {
      p.passMark = 90;
    });
    fireEvent.change(within(publish).getByRole('textbox', { name: /Content folder/ }), {
      target: { value: core.content.dir },
    });
    fireEvent.click(within(publish).getByRole('button', { name: 'Check the folder' }));
    expect(
      await within(publish).findByText('passMark: 80 → 90', undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(within(publish).getByText('Changed: policy.yaml')).toBeTruthy();
    fireEvent.click(within(publish).getByRole('button', { name: 'Publish release 2' }));
    expect(
      await within(publish).findByText(/Release 2 is published/, undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    const after = await services.getOrganisation({});
    expect(after.content.release?.release).toBe(2);
    expect(within(screen.getByRole('region', { name: 'In force' })).getByText('2')).toBeTruthy();
  }, 60_000);
});
