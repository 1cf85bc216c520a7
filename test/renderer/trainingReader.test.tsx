import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeModule, makeSections } from './fakeTraining';
import { renderApp, withProfile } from './renderApp';

const progressbar = () => screen.getByRole('progressbar');
const sectionTitle = () => document.getElementById('reader-section-title')!;

async function openReader(progress: { section: number; sections: number } | null = null) {
  const module = makeModule(
    {
      id: 'consent-basics',
      title: 'Consent basics',
      progress,
      status: progress ? 'inProgress' : 'notStarted',
    },
    { sections: makeSections(5) },
  );
  window.history.replaceState(null, '', '#/training/consent-basics');
  const rendered = await renderApp(withProfile({ training: { modules: [module] } }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Consent basics'));
  await screen.findByRole('progressbar');
  return { ...rendered, module };
}

describe('training reader', () => {
  it('opens the module and shows the first section with a progress bar', async () => {
    const { bridge } = await openReader();
    expect(bridge.callsTo('startTrainingModule')).toEqual([{ moduleId: 'consent-basics' }]);
    expect(progressbar().getAttribute('aria-valuenow')).toBe('1');
    expect(progressbar().getAttribute('aria-valuemax')).toBe('5');
    expect(progressbar().getAttribute('aria-valuetext')).toBe('Section 1 of 5');
    expect(screen.getAllByText('Section 1 of 5').length).toBeGreaterThan(0);
    expect(sectionTitle().textContent).toBe('Section title 1');
    expect(screen.getByText('Body of section 1.')).toBeTruthy();
    // On the first section there is nothing before it: the way back is to the catalogue.
    expect(screen.queryByRole('button', { name: /^Previous/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'All modules' })).toBeTruthy();
  });

  it('moves with Next and Previous, saving the position each time and focusing the section title', async () => {
    const { bridge } = await openReader();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('2');
    expect(sectionTitle().textContent).toBe('Section title 2');
    expect(document.activeElement).toBe(sectionTitle());
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Previous/ }));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('2');
    await waitFor(() =>
      expect(bridge.callsTo('saveReadingProgress')).toEqual([
        { moduleId: 'consent-basics', section: 1 },
        { moduleId: 'consent-basics', section: 2 },
        { moduleId: 'consent-basics', section: 1 },
      ]),
    );
  });

  it('resumes at the saved section', async () => {
    const { bridge } = await openReader({ section: 3, sections: 5 });
    expect(progressbar().getAttribute('aria-valuenow')).toBe('4');
    expect(sectionTitle().textContent).toBe('Section title 4');
    // Opening is not moving: nothing to save yet.
    expect(bridge.callsTo('saveReadingProgress')).toEqual([]);
    const list = screen.getByRole('navigation', { name: 'Sections' });
    expect(
      within(list)
        .getByRole('button', { name: /Section title 4/ })
        .getAttribute('aria-current'),
    ).toBe('step');
    expect(within(list).getByRole('button', { name: /Section title 2,? read/ })).toBeTruthy();
  });

  it('jumps to a section from the list and saves it', async () => {
    const { bridge } = await openReader();
    const list = screen.getByRole('navigation', { name: 'Sections' });
    fireEvent.click(within(list).getByRole('button', { name: /Section title 3/ }));
    expect(sectionTitle().textContent).toBe('Section title 3');
    await waitFor(() =>
      expect(bridge.callsTo('saveReadingProgress')).toEqual([{ moduleId: 'consent-basics', section: 2 }]),
    );
  });

  it('offers the knowledge check after the last section', async () => {
    await openReader({ section: 3, sections: 5 });
    expect(screen.queryByRole('link', { name: 'Take the knowledge check' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(sectionTitle().textContent).toBe('Key takeaways');
    expect(screen.queryByRole('button', { name: /^Next/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Take the knowledge check' }).getAttribute('href')).toBe(
      '#/training/consent-basics/quiz',
    );
    expect(screen.getByText(/6 questions; you need 80% to pass/)).toBeTruthy();
  });

  it('resumes where the learner left off when they come back', async () => {
    const { bridge } = await openReader();
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    await waitFor(() => expect(bridge.callsTo('saveReadingProgress')).toHaveLength(2));
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Training' }),
    );
    const start = await screen.findByRole('link', { name: 'Continue: Consent basics' });
    expect(screen.getByText('Reading section 3 of 5')).toBeTruthy();
    window.location.hash = start.getAttribute('href')!;
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3'));
  });

  it('explains a module that cannot be opened', async () => {
    window.history.replaceState(null, '', '#/training/gone-module');
    await renderApp(withProfile());
    expect(await screen.findByText('This module could not be opened')).toBeTruthy();
    expect(screen.getByText('There is no module "gone-module".')).toBeTruthy();
  });

  it('says so when the position could not be saved, and keeps reading', async () => {
    const { bridge } = await openReader();
    bridge.fail('saveReadingProgress', { code: 'LEDGER_READ_ONLY', message: 'Your ledger is read-only.' });
    fireEvent.click(screen.getByRole('button', { name: /^Next/ }));
    expect(await screen.findByText('Your place could not be saved')).toBeTruthy();
    expect(sectionTitle().textContent).toBe('Section title 2');
  });
});
