import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CompletionSummary } from '../../electron/core/contract/views/training';
import { fakeHash, makeModule } from './fakeTraining';
import { renderApp, withProfile } from './renderApp';

function completion(overrides: Partial<CompletionSummary> = {}): CompletionSummary {
  return {
    completedAt: '2026-01-10T10:00:00.000Z',
    expiresAt: '2027-01-10T10:00:00.000Z',
    score: 88,
    version: '1.0.0',
    contentHash: fakeHash(),
    entryHash: fakeHash(),
    ...overrides,
  };
}

/** One module in every status, deliberately not in display order. */
function everyStatus() {
  return [
    makeModule({
      id: 'opt-passed',
      title: 'Optional passed',
      status: 'passed',
      lastCompletion: completion(),
    }),
    makeModule({
      id: 'req-not-started',
      title: 'Required not started',
      required: true,
      dueAt: '2026-12-20T00:00:00.000Z',
    }),
    makeModule({
      id: 'opt-expired',
      title: 'Optional expired',
      status: 'expired',
      lastCompletion: completion({ expiresAt: '2026-10-01T00:00:00.000Z' }),
    }),
    makeModule({
      id: 'req-overdue',
      title: 'Required overdue',
      required: true,
      status: 'overdue',
      dueAt: '2026-11-01T00:00:00.000Z',
    }),
    makeModule({
      id: 'req-due-soon',
      title: 'Required due soon',
      required: true,
      status: 'dueSoon',
      lastCompletion: completion({ expiresAt: '2026-12-15T00:00:00.000Z' }),
    }),
    makeModule({
      id: 'opt-updated',
      title: 'Optional updated',
      status: 'updated',
      lastCompletion: completion(),
    }),
    makeModule({
      id: 'opt-in-progress',
      title: 'Optional in progress',
      status: 'inProgress',
      progress: { section: 2, sections: 5 },
    }),
  ];
}

const cardFor = (title: string) =>
  screen.getByRole('heading', { level: 3, name: title }).closest('li') as HTMLElement;

describe('training catalogue', () => {
  it('lists required modules first, each group in the catalogue order', async () => {
    await renderApp(withProfile({ training: { modules: everyStatus() } }));
    await screen.findByRole('heading', { level: 3, name: 'Required overdue' });
    const groups = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(groups.slice(0, 2)).toEqual(['Required for you', 'Other modules']);
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual([
      'Required not started',
      'Required overdue',
      'Required due soon',
      'Optional passed',
      'Optional expired',
      'Optional updated',
      'Optional in progress',
    ]);
    const required = screen.getByRole('region', { name: 'Required for you' });
    expect(within(required).getAllByText('Required')).toHaveLength(3);
    expect(screen.getByText('1 of 3 required modules current.')).toBeTruthy();
  });

  it('shows every status in words, with its date and the right action', async () => {
    await renderApp(withProfile({ training: { modules: everyStatus() } }));
    await screen.findByRole('heading', { level: 3, name: 'Required overdue' });
    const expectations: [string, string, RegExp | null, string[]][] = [
      ['Required not started', 'Not started', /^Due by /, ['Start']],
      ['Required overdue', 'Overdue', /^Was due /, ['Start']],
      ['Required due soon', 'Due soon', /^Expires .*retake before then/, ['Retake', 'View certificate']],
      ['Optional passed', 'Passed', /^Valid until /, ['View certificate']],
      ['Optional expired', 'Expired', /^Expired /, ['Retake', 'View certificate']],
      ['Optional updated', 'Updated', /retake needed$/, ['Retake', 'View certificate']],
      ['Optional in progress', 'In progress', null, ['Continue']],
    ];
    for (const [title, label, date, actions] of expectations) {
      const card = cardFor(title);
      expect(card.querySelector('.badge')?.textContent, title).toBe(label);
      if (date) expect(card.querySelector('.module-card__date')?.textContent, title).toMatch(date);
      const links = within(card).getAllByRole('link');
      expect(
        links.map((link) => link.textContent?.replace(`: ${title}`, '')),
        title,
      ).toEqual(actions);
    }
    expect(cardFor('Optional in progress').textContent).toContain('Reading section 3 of 5');
  });

  it('points actions at the reader, the attestation and the certificate', async () => {
    const modules = everyStatus();
    modules.push(
      makeModule({ id: 'ready-to-sign', title: 'Ready to sign', status: 'inProgress', readyToAttest: true }),
    );
    await renderApp(withProfile({ training: { modules } }));
    await screen.findByRole('heading', { level: 3, name: 'Ready to sign' });
    expect(within(cardFor('Required not started')).getByRole('link').getAttribute('href')).toBe(
      '#/training/req-not-started',
    );
    expect(
      within(cardFor('Ready to sign'))
        .getByRole('link', { name: /Sign attestation/ })
        .getAttribute('href'),
    ).toBe('#/training/ready-to-sign/attest');
    const passed = modules[0]!.card.lastCompletion!;
    expect(
      within(cardFor('Optional passed'))
        .getByRole('link', { name: /View certificate/ })
        .getAttribute('href'),
    ).toBe(`#/certificates/${passed.entryHash}`);
    // Every action names its module for screen readers, not only "Start".
    expect(screen.getByRole('link', { name: 'Start: Required not started' })).toBeTruthy();
  });

  it('lists content that could not be loaded with file, field and reason', async () => {
    await renderApp(
      withProfile({
        training: {
          modules: [makeModule({ title: 'Works' })],
          unavailable: [
            { file: 'modules/09-broken.md', field: 'quiz[2].options', reason: 'No option is marked correct' },
            { file: 'modules/10-bad.md', field: null, reason: 'The frontmatter is not valid YAML' },
          ],
        },
      }),
    );
    const panel = await screen.findByRole('region', { name: 'Modules that could not be loaded' });
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['modules/09-broken.md', 'quiz[2].options', 'No option is marked correct'],
      ['modules/10-bad.md', 'Whole file', 'The frontmatter is not valid YAML'],
    ]);
    expect(screen.getByRole('heading', { level: 3, name: 'Works' })).toBeTruthy();
  });

  it('explains a failed load and tries again', async () => {
    const { bridge } = await renderApp(
      withProfile({
        training: { modules: [makeModule({ title: 'Back again' })] },
        failures: { listTrainingModules: { code: 'INTERNAL', message: 'The content folder is unreadable.' } },
      }),
    );
    expect(await screen.findByText('The content folder is unreadable.')).toBeTruthy();
    bridge.succeed('listTrainingModules');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Back again' })).toBeTruthy();
  });

  it('keeps Training current in the navigation on every training screen', async () => {
    const module = makeModule({ id: 'nav-check', title: 'Nav check' });
    window.history.replaceState(null, '', '#/training/nav-check');
    await renderApp(withProfile({ training: { modules: [module] } }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Nav check'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Training' }).getAttribute('aria-current')).toBe('true');
  });
});
