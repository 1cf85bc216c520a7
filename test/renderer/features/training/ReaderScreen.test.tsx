// Reading a real module (consent-done-right, eight sections) over the real core: the reading
// position is core's, saved on each move and resumed on the next visit.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addPerson } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

const workspace = seededWorkspace(async (core) => ({ ada: await addPerson(core, 'ada') }));

const SECTIONS = [
  'Why consent is harder than a tick box',
  'Freely given and specific',
  'Informed and unambiguous',
  'Leaving must be as easy as arriving',
  'Children and young people',
  'When consent is the wrong basis',
  "Deceptive design: when a 'yes' stops counting",
  'Key takeaways',
];

const progressbar = () => screen.getByRole('progressbar');
const sectionTitle = () => document.getElementById('reader-section-title')!;

/** Opens the reader; `readUpTo` is a position saved earlier (zero-based), as core keeps it. */
async function openReader(readUpTo: number | null = null): Promise<{ core: TestCore }> {
  const { core } = await workspace.open();
  if (readUpTo !== null) {
    await core.services.startTrainingModule({ moduleId: 'consent-done-right' });
    await core.services.saveReadingProgress({ moduleId: 'consent-done-right', section: readUpTo });
  }
  await renderApp(core, '#/training/consent-done-right');
  await waitFor(() =>
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Consent done right'),
  );
  await screen.findByRole('progressbar');
  return { core };
}

describe('training reader', () => {
  it('opens the module and shows the first section with a progress bar', async () => {
    const { core } = await openReader();
    expect(core.bridge.callsTo('startTrainingModule')).toEqual([{ moduleId: 'consent-done-right' }]);
    expect(progressbar().getAttribute('aria-valuenow')).toBe('1');
    expect(progressbar().getAttribute('aria-valuemax')).toBe('8');
    expect(progressbar().getAttribute('aria-valuetext')).toBe('Section 1 of 8');
    expect(screen.getAllByText('Section 1 of 8').length).toBeGreaterThan(0);
    expect(sectionTitle().textContent).toBe(SECTIONS[0]);
    expect(screen.getByText(/^Consent feels like the safest ground to stand on/)).toBeTruthy();
    // On the first section there is nothing before it: the way back is to the catalogue.
    expect(screen.queryByRole('button', { name: /^Previous/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'All modules' })).toBeTruthy();
    // Opening a module is recorded: the catalogue now shows it in progress.
    const card = (await core.services.listTrainingModules({})).modules.find(
      (m) => m.id === 'consent-done-right',
    );
    expect(card?.status).toBe('inProgress');
  });

  it('moves with Next and Previous, saving the position each time and focusing the section title', async () => {
    const { core } = await openReader();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('2');
    expect(sectionTitle().textContent).toBe(SECTIONS[1]);
    expect(document.activeElement).toBe(sectionTitle());
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Previous/ }));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('2');
    await waitFor(() =>
      expect(core.bridge.callsTo('saveReadingProgress')).toEqual([
        { moduleId: 'consent-done-right', section: 1 },
        { moduleId: 'consent-done-right', section: 2 },
        { moduleId: 'consent-done-right', section: 1 },
      ]),
    );
  });

  it('resumes at the saved section', async () => {
    const { core } = await openReader(3);
    expect(progressbar().getAttribute('aria-valuenow')).toBe('4');
    expect(sectionTitle().textContent).toBe(SECTIONS[3]);
    // Opening is not moving: nothing to save yet.
    expect(core.bridge.callsTo('saveReadingProgress')).toEqual([]);
    const list = screen.getByRole('navigation', { name: 'Sections' });
    expect(
      within(list)
        .getByRole('button', { name: new RegExp(SECTIONS[3]!) })
        .getAttribute('aria-current'),
    ).toBe('step');
    expect(within(list).getByRole('button', { name: /Freely given and specific,? read/ })).toBeTruthy();
  });

  it('jumps to a section from the list and saves it', async () => {
    const { core } = await openReader();
    const list = screen.getByRole('navigation', { name: 'Sections' });
    fireEvent.click(within(list).getByRole('button', { name: /Informed and unambiguous/ }));
    expect(sectionTitle().textContent).toBe(SECTIONS[2]);
    await waitFor(() =>
      expect(core.bridge.callsTo('saveReadingProgress')).toEqual([
        { moduleId: 'consent-done-right', section: 2 },
      ]),
    );
  });

  it('offers the knowledge check after the last section', async () => {
    await openReader(6);
    expect(screen.queryByRole('link', { name: 'Take the knowledge check' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(sectionTitle().textContent).toBe('Key takeaways');
    expect(screen.queryByRole('button', { name: /^Next/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Take the knowledge check' }).getAttribute('href')).toBe(
      '#/training/consent-done-right/quiz',
    );
    expect(screen.getByText(/8 questions; you need 80% to pass/)).toBeTruthy();
  });

  it('resumes where the learner left off when they come back', async () => {
    const { core } = await openReader();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    await waitFor(() => expect(core.bridge.callsTo('saveReadingProgress')).toHaveLength(2));
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Training' }),
    );
    const start = await screen.findByRole('link', { name: 'Continue: Consent done right' });
    expect(screen.getByText('Reading section 3 of 8')).toBeTruthy();
    window.location.hash = start.getAttribute('href')!;
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3'));
  });

  it('explains a module that cannot be opened', async () => {
    const { core } = await workspace.open();
    await renderApp(core, '#/training/gone-module');
    expect(await screen.findByText('This module could not be opened')).toBeTruthy();
    expect(screen.getByText('There is no training module "gone-module".')).toBeTruthy();
  });

  it('says so when the position could not be saved, and keeps reading', async () => {
    const { core } = await openReader();
    core.bridge.fail('saveReadingProgress', { code: 'INTERNAL', message: 'The settings file is read-only.' });
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(await screen.findByText('Your place could not be saved')).toBeTruthy();
    expect(sectionTitle().textContent).toBe(SECTIONS[1]);
  });
});
