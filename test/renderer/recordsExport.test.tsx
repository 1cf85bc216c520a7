import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_POLLING } from '../../renderer/state/recordsSlice';
import { makeProfile } from './fakeBridge';
import { makeRecordsView } from './fakeRecords';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });

async function openExport(options: Parameters<typeof renderApp>[0] = {}) {
  window.history.replaceState(null, '', '#/records');
  const result = await renderApp({
    profiles: [ada],
    records: { view: makeRecordsView({ people: 20, modules: 3 }), ...options.records },
    ...options,
  });
  fireEvent.click(await screen.findByRole('tab', { name: 'Export' }));
  return result;
}

const interval = JOB_POLLING.intervalMs;
beforeEach(() => {
  JOB_POLLING.intervalMs = 5;
});
afterEach(() => {
  JOB_POLLING.intervalMs = interval;
});

describe('records: export', () => {
  it('starts an export with the chosen format and options, shows progress, then the file', async () => {
    const { bridge } = await openExport();
    bridge.state.records.jobPlan = {
      ...bridge.state.records.jobPlan,
      steps: 2,
      total: 200,
      file: '/home/ada/Steward exports/reviews.csv',
    };
    fireEvent.click(screen.getByRole('radio', { name: 'Reviews register (CSV)' }));
    const pseudonymise = screen.getByRole('checkbox', { name: 'Pseudonymise people' });
    expect(document.getElementById(pseudonymise.getAttribute('aria-describedby')!)?.textContent).toBe(
      'People become stable pseudonyms; teams and dates stay.',
    );
    fireEvent.click(pseudonymise);
    // The register is not filtered by the matrix filter, so the option is not offered for it.
    expect(screen.queryByRole('checkbox', { name: 'Apply the current matrix filter' })).toBeNull();
    const release = bridge.hold('getJob');
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    const bar = await screen.findByRole('progressbar', { name: 'Exporting csv-reviews' });
    expect(bar.getAttribute('aria-valuetext')).toBe('0% · 0 of 200');
    expect(screen.getByRole('radio', { name: 'Reviews register (CSV)' }).hasAttribute('disabled')).toBe(true);
    release();
    const done = await screen.findByText('Export finished');
    expect(done.closest('.banner')?.textContent).toContain('/home/ada/Steward exports/reviews.csv');
    expect(bridge.callsTo('startExport')).toEqual([{ format: 'csv-reviews', pseudonymise: true }]);
    expect(bridge.callsTo('getJob')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Export something else' }));
    expect(screen.getByRole('button', { name: 'Start export' })).toBeTruthy();
    // The choices are kept for the next export.
    expect((screen.getByRole('radio', { name: 'Reviews register (CSV)' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('sends the current matrix filter when asked to', async () => {
    const { bridge } = await openExport();
    fireEvent.click(screen.getByRole('tab', { name: 'Completion matrix' }));
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: 'Zoë' } });
    fireEvent.click(screen.getByRole('button', { name: /^Team:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sales' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Export' }));
    const apply = screen.getByRole('checkbox', { name: 'Apply the current matrix filter' });
    expect(document.getElementById(apply.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^Only the \d+ of 60 matrix rows the filter shows now\.$/,
    );
    fireEvent.click(apply);
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    await screen.findByText('Export finished');
    expect(bridge.callsTo('startExport')).toEqual([
      { format: 'csv-matrix', pseudonymise: false, filter: { teams: ['Sales'], search: 'Zoë' } },
    ]);
  });

  it('cancels a running export', async () => {
    const { bridge } = await openExport();
    bridge.state.records.jobPlan = { ...bridge.state.records.jobPlan, steps: 1000 };
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    await screen.findByRole('progressbar');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Export cancelled')).toBeTruthy();
    expect(bridge.callsTo('cancelJob')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Back to the export options' }));
    expect(screen.getByRole('button', { name: 'Start export' })).toBeTruthy();
  });

  it('says why an export failed and what to do, and why one could not start', async () => {
    const { bridge } = await openExport();
    bridge.state.records.jobPlan = {
      ...bridge.state.records.jobPlan,
      outcome: 'failed',
      error: 'The disk is full. Free some space and export again.',
    };
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The export failed');
    expect(alert.textContent).toContain('The disk is full. Free some space and export again.');
    expect(alert.textContent).toContain('start the export again');
    fireEvent.click(within(alert).getByRole('button', { name: 'Back to the export options' }));
    bridge.fail('startExport', {
      code: 'NOT_ALLOWED',
      message: 'Only managers may export other people’s records.',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Only managers may export other people’s records.',
    );
  });

  it('says so when it loses track of a job, and checks again on request', async () => {
    const { bridge } = await openExport();
    bridge.state.records.jobPlan = { ...bridge.state.records.jobPlan, steps: 2 };
    bridge.fail('getJob', { code: 'INTERNAL', message: 'Steward could not reach the app (closed).' });
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Steward could not reach the app (closed).');
    bridge.succeed('getJob');
    fireEvent.click(within(alert).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('Export finished')).toBeTruthy();
  });
});

describe('records: bundles', () => {
  it('exports my records to the chosen file, and shows nothing when the dialog is cancelled', async () => {
    const { bridge } = await openExport();
    fireEvent.click(screen.getByRole('button', { name: 'Export my records' }));
    const done = await screen.findByText('Exported 12 entries');
    expect(done.closest('.banner')?.textContent).toContain('/home/ada/ada.stewardbundle');
    bridge.state.records.bundle = { file: null, entries: 0, headHash: null };
    fireEvent.click(screen.getByRole('button', { name: 'Export my records' }));
    await waitFor(() => expect(bridge.callsTo('exportMyRecords')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByText('Exported 12 entries')).toBeNull());
    expect(screen.queryByText(/Exported/)).toBeNull();
  });

  it('imports a bundle: what happened to each person, then the dashboard reloads', async () => {
    const { bridge } = await openExport({
      records: {
        importResult: {
          file: '/home/ada/grace.stewardbundle',
          kind: 'bundle',
          profiles: [
            { profileId: 'p1', name: 'Grace Hopper', added: 14, status: 'added' },
            { profileId: 'p2', name: 'Alan Turing', added: 3, status: 'extended' },
            { profileId: 'p3', name: 'Hedy Lamarr', added: 0, status: 'unchanged' },
          ],
          skipped: [{ profileId: 'p4', name: 'Ada Lovelace', reason: 'this is your own ledger' }],
          warnings: ['The file was made by a newer Steward.'],
        },
      },
    });
    const loads = bridge.callsTo('getRecords').length;
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    const table = await screen.findByRole('table', { name: 'What the import did' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
    expect(within(row('Grace Hopper')).getByText('14')).toBeTruthy();
    expect(within(row('Grace Hopper')).getByText(/^Added/)).toBeTruthy();
    expect(within(row('Alan Turing')).getByText(/^Extended/)).toBeTruthy();
    expect(screen.getByText('Ada Lovelace: this is your own ledger')).toBeTruthy();
    expect(screen.getByText('The file was made by a newer Steward.')).toBeTruthy();
    expect(within(row('Hedy Lamarr')).getByText(/^Unchanged/)).toBeTruthy();
    expect(screen.getByText('Imported /home/ada/grace.stewardbundle')).toBeTruthy();
    await waitFor(() => expect(bridge.callsTo('getRecords').length).toBe(loads + 1));
  });

  it('shows why a bundle was refused', async () => {
    await openExport({
      records: {
        importResult: {
          code: 'INVALID_ARGUMENT',
          message: 'The bundle’s signature does not match its public key: refused.',
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was not imported');
    expect(alert.textContent).toContain('The bundle’s signature does not match its public key: refused.');
    expect(screen.queryByRole('table', { name: 'What the import did' })).toBeNull();
  });
});
