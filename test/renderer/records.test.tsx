import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatShortDate } from '../../renderer/format';
import { JOB_POLLING } from '../../renderer/state/recordsSlice';
import { useStewardStore } from '../../renderer/state/store';
import { makeProfile, makeReport } from './fakeBridge';
import { makeRecordsView } from './fakeRecords';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });
const HASH = 'a3f1c29e0b7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f';

async function openRecords(options: Parameters<typeof renderApp>[0]) {
  window.history.replaceState(null, '', '#/records');
  return renderApp(options);
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
}

const interval = JOB_POLLING.intervalMs;
beforeEach(() => {
  JOB_POLLING.intervalMs = 5;
});
afterEach(() => {
  JOB_POLLING.intervalMs = interval;
});

describe('records: the screen', () => {
  it('says whose records these are and as of when, and offers five keyboard-operable tabs', async () => {
    await openRecords({
      profiles: [ada],
      records: {
        view: makeRecordsView({ people: 12, scope: { kind: 'teams', teams: ['Sales', 'Support'] } }),
      },
    });
    expect(await screen.findByText('Teams: Sales, Support')).toBeTruthy();
    expect(screen.getByText(/As of/).querySelector('time')?.getAttribute('dateTime')).toBe(
      '2026-11-29T09:00:00.000Z',
    );
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      'Overview',
      'Completion matrix',
      'Reviews register',
      'Integrity',
      'Export',
    ]);
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1']);
    tabs[0]!.focus();
    fireEvent.keyDown(tabs[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    fireEvent.keyDown(tabs[1]!, { key: 'End' });
    expect(document.activeElement).toBe(tabs[4]);
    expect(screen.getByRole('heading', { name: 'Export' })).toBeTruthy();
    fireEvent.keyDown(tabs[4]!, { key: 'ArrowRight' });
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('shows the overview: headline numbers, who is overdue with what they need, and charts with their numbers', async () => {
    const view = makeRecordsView({ people: 24, modules: 4 });
    await openRecords({ profiles: [ada], records: { view } });
    expect(await screen.findByText('All teams')).toBeTruthy();
    const overdue = screen.getByRole('region', { name: 'Overdue' });
    const first = view.overdue[0]!;
    const item = within(overdue).getByText(first.name).closest('li') as HTMLElement;
    for (const module of first.modules)
      expect(within(item).getByText(module.title, { exact: false })).toBeTruthy();
    expect(screen.getByText('People overdue').nextElementSibling?.textContent).toBe(
      String(view.overdue.length),
    );
    // Each chart is one image with a text alternative, and its numbers are in a table.
    const byTeam = screen.getByText('By team', { selector: 'figcaption' }).closest('figure') as HTMLElement;
    const image = within(byTeam).getByRole('img');
    const sales = view.byTeam.find((r) => r.key === 'Sales')!;
    const rate = Math.floor((sales.current / sales.required) * 100);
    expect(image.getAttribute('aria-label')).toContain(`Sales: ${rate}% current`);
    const table = within(byTeam).getByRole('table', { name: 'By team' });
    const salesRow = within(table).getByRole('rowheader', { name: 'Sales' }).closest('tr') as HTMLElement;
    expect(within(salesRow).getByText(`${rate}%`)).toBeTruthy();
    expect(screen.getByText('Review outcomes per month', { selector: 'figcaption' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Median days to decision per month' })).toBeTruthy();
  });

  it('shows an employee their own records, without team charts or people columns', async () => {
    const view = makeRecordsView({ people: 1, modules: 5, scope: { kind: 'self', teams: [] } });
    await openRecords({ profiles: [ada], records: { view } });
    expect(await screen.findByText('Your own records')).toBeTruthy();
    expect(screen.queryByText('By team')).toBeNull();
    expect(screen.queryByText('Review outcomes per month')).toBeNull();
    expect(screen.getByText('Required modules current')).toBeTruthy();
    openTab('Your modules');
    const table = screen.getByRole('table', { name: 'Your modules' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).not.toContain('Person');
    expect(headers).not.toContain('Team');
    expect(screen.queryByLabelText('Search by name or email')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Team:/ })).toBeNull();
    expect(screen.getByText('Showing 5 of 5 modules')).toBeTruthy();
  });

  it('explains what will appear while there is nothing yet', async () => {
    await openRecords({ profiles: [ada] });
    expect(await screen.findByText('Nothing recorded yet')).toBeTruthy();
    openTab('Your modules');
    expect(screen.getByText('No training records yet')).toBeTruthy();
    openTab('Your reviews');
    expect(screen.getByText('No reviews yet')).toBeTruthy();
  });

  it('says when the records cannot be loaded, keeps Integrity working, and retries', async () => {
    const { bridge } = await openRecords({
      profiles: [ada],
      failures: { getRecords: { code: 'INTERNAL', message: 'The records dashboard is being built.' } },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The records dashboard is being built.');
    openTab('Integrity');
    expect(screen.getByRole('button', { name: 'Verify now' })).toBeTruthy();
    openTab('Overview');
    bridge.succeed('getRecords');
    bridge.state.records.view = makeRecordsView({ people: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('All teams')).toBeTruthy();
  });
});

describe('records: reviews register', () => {
  it('lists every review with decision, reviewer, conditions and days to decision, filtered by state', async () => {
    const view = makeRecordsView({ people: 6, reviews: 8 });
    await openRecords({ profiles: [ada], records: { view } });
    await screen.findByText('All teams');
    openTab('Reviews register');
    const table = screen.getByRole('table', { name: 'Reviews register' });
    expect(within(table).getAllByRole('row')).toHaveLength(view.reviews.length + 1);
    const withConditions = view.reviews.find((r) => r.decision === 'approvedWithConditions')!;
    const row = within(table).getByText(withConditions.title).closest('tr') as HTMLElement;
    expect(within(row).getByText('Delete raw transcripts after 30 days')).toBeTruthy();
    // A met condition says when; an open one does not.
    const met = within(row).getByText('Name a retention owner').closest('li') as HTMLElement;
    expect(met.textContent).toContain(`met ${formatShortDate('2026-12-01T10:00:00.000Z')}`);
    const open = within(row).getByText('Delete raw transcripts after 30 days').closest('li') as HTMLElement;
    expect(open.textContent).not.toMatch(/\bmet\b/);
    expect(within(row).getByText(withConditions.reviewer!.name)).toBeTruthy();
    expect(within(row).getByText(String(withConditions.daysToDecision))).toBeTruthy();
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'rejected' } });
    const rejected = view.reviews.filter((r) => r.status === 'rejected');
    expect(within(screen.getByRole('table', { name: 'Reviews register' })).getAllByRole('row')).toHaveLength(
      rejected.length + 1,
    );
    expect(screen.getByText(`Showing ${rejected.length} of ${view.reviews.length} reviews`)).toBeTruthy();
    // The choice survives a visit to another tab.
    openTab('Overview');
    openTab('Reviews register');
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('rejected');
  });
});

describe('records: integrity', () => {
  it('lists each ledger with entries, a shortened head hash and its state, and the problems', async () => {
    await openRecords({
      profiles: [ada],
      workspaceStatus: {
        workspaceDir: '/w',
        readOnly: null,
        report: makeReport({
          ok: false,
          ledgers: [
            { file: `ledgers/${ada.id}.jsonl`, profileId: ada.id, entries: 12, headHash: HASH, ok: true },
            {
              file: 'ledgers/p00000000000000000099.jsonl',
              profileId: 'p00000000000000000099',
              entries: 3,
              headHash: null,
              ok: false,
            },
          ],
          problems: [
            {
              file: 'ledgers/p00000000000000000099.jsonl',
              seq: 2,
              reason: 'prev does not match the hash of entry 1',
              severity: 'error',
            },
          ],
        }),
      },
    });
    openTab('Integrity');
    const table = await screen.findByRole('table', { name: 'Ledgers in this workspace' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const hash = within(rows[1] as HTMLElement).getByTitle(HASH);
    expect(hash.textContent).toBe(`${HASH.slice(0, 12)}…`);
    expect(within(rows[1] as HTMLElement).getByText('12')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Intact')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Problem')).toBeTruthy();
    expect(screen.getByText('1 problem found')).toBeTruthy();
    expect(screen.getByText(/entry 2/).textContent).toContain('ledgers/p00000000000000000099.jsonl');
    expect(screen.getByText('prev does not match the hash of entry 1')).toBeTruthy();
  });

  it('runs "Verify now" as a job: progress, then the full report in place of the quick one', async () => {
    const { bridge } = await openRecords({ profiles: [ada] });
    bridge.state.records.jobPlan = {
      ...bridge.state.records.jobPlan,
      steps: 3,
      total: 30,
      report: makeReport({
        depth: 'full',
        checkedAt: '2030-01-01T00:00:00.000Z',
        ledgers: [{ file: 'ledgers/a.jsonl', profileId: ada.id, entries: 40, headHash: HASH, ok: true }],
      }),
    };
    openTab('Integrity');
    let release = bridge.hold('getJob');
    const button = screen.getByRole('button', { name: 'Verify now' });
    fireEvent.click(button);
    const bar = await screen.findByRole('progressbar', { name: 'Verifying every signature' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(screen.getAllByRole('status').some((s) => s.textContent === 'Full check started.')).toBe(true);
    // Let one poll through: a third of the way.
    await waitFor(() => expect(bridge.callsTo('getJob')).toHaveLength(1));
    release();
    release = bridge.hold('getJob');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('10'));
    expect(bar.getAttribute('aria-valuetext')).toBe('33% · 10 of 30');
    expect(screen.getAllByRole('status').some((s) => s.textContent === 'Full check: 25% done.')).toBe(true);
    release();
    expect(await screen.findByText(/every signature in 1 ledger is valid/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/Full check: order, links, hashes and every signature/)).toBeTruthy();
    expect(screen.getByText('40')).toBeTruthy();
    expect(bridge.callsTo('startVerify')).toHaveLength(1);
    expect(bridge.callsTo('getJob')).toHaveLength(3);
  });

  it('cancels a running verification and keeps the last finished report', async () => {
    const { bridge } = await openRecords({ profiles: [ada] });
    bridge.state.records.jobPlan = { ...bridge.state.records.jobPlan, steps: 1000 };
    openTab('Integrity');
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Full check cancelled')).toBeTruthy();
    expect(bridge.callsTo('cancelJob')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/Quick check: order, links and hashes/)).toBeTruthy();
    // No more polling once the job has ended.
    const polls = bridge.callsTo('getJob').length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(bridge.callsTo('getJob')).toHaveLength(polls);
  });

  it('shows why a verification could not start or finish', async () => {
    const { bridge } = await openRecords({
      profiles: [ada],
      failures: { startVerify: { code: 'LEDGER_LOCKED', message: 'Another Steward holds the ledger lock.' } },
    });
    openTab('Integrity');
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Another Steward holds the ledger lock.',
    );
    bridge.succeed('startVerify');
    bridge.state.records.jobPlan = {
      ...bridge.state.records.jobPlan,
      outcome: 'failed',
      error: 'A ledger file vanished.',
    };
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText('A ledger file vanished.')).toBeTruthy();
    expect(screen.getByText('The full check could not finish')).toBeTruthy();
  });

  it('stops polling when the screen goes away', async () => {
    const { bridge } = await openRecords({ profiles: [ada] });
    bridge.state.records.jobPlan = { ...bridge.state.records.jobPlan, steps: 1000 };
    openTab('Integrity');
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(bridge.callsTo('getJob').length).toBeGreaterThan(1));
    useStewardStore.getState().navigate('training');
    await screen.findByRole('heading', { level: 1, name: 'Training' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const polls = bridge.callsTo('getJob').length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(bridge.callsTo('getJob')).toHaveLength(polls);
    // Back on the screen, the same job is watched again.
    useStewardStore.getState().navigate('records');
    await waitFor(() => expect(bridge.callsTo('getJob').length).toBeGreaterThan(polls));
    expect(screen.getByRole('progressbar')).toBeTruthy();
  });

  it('warns prominently when the own ledger is read-only, naming the file and entry', async () => {
    await openRecords({
      profiles: [ada],
      workspaceStatus: {
        workspaceDir: '/w',
        readOnly: { file: `ledgers/${ada.id}.jsonl`, seq: 7, reason: 'the hash does not match the entry' },
        report: makeReport(),
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`ledgers/${ada.id}.jsonl`);
    expect(alert.textContent).toContain('entry 7');
    expect(alert.textContent).toContain('the hash does not match the entry');
  });
});
