// Records › Export over the real core: exports run as core's jobs and write real files (the save
// dialog and the PDF printer are the test's host), bundles carry one person's signed records to
// another workspace, and what core refuses or fails at is shown in its words.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JOB_POLLING } from '../../../../renderer/state/recordsSlice';
import { useStewardStore } from '../../../../renderer/state/store';
import { seededWorkspace } from '../../support/realBridge';
import { bundleFromAnotherComputer, seedOrganisation } from '../../support/records';
import { renderApp } from '../../support/renderApp';

const workspace = seededWorkspace(seedOrganisation);

const interval = JOB_POLLING.intervalMs;
beforeEach(() => {
  JOB_POLLING.intervalMs = 5;
});
afterEach(() => {
  JOB_POLLING.intervalMs = interval;
  vi.useRealTimers();
});

async function openExport() {
  const { core, seeded } = await workspace.open();
  const bridge = await renderApp(core, '#/records');
  fireEvent.click(await screen.findByRole('tab', { name: 'Export' }));
  await screen.findByRole('button', { name: 'Start export' });
  return { core, bridge, ...seeded };
}

const startButton = () => screen.getByRole('button', { name: 'Start export' });

describe('records: export', () => {
  it('starts an export with the chosen format and options, shows progress, then the file', async () => {
    const { core, bridge } = await openExport();
    const file = core.disk.path('reviews register.csv');
    core.host.savePath = file;
    fireEvent.click(screen.getByRole('radio', { name: 'Reviews register (CSV)' }));
    const pseudonymise = screen.getByRole('checkbox', { name: 'Pseudonymise people' });
    expect(document.getElementById(pseudonymise.getAttribute('aria-describedby')!)?.textContent).toBe(
      'People become stable pseudonyms; teams and dates stay.',
    );
    fireEvent.click(pseudonymise);
    // The register is not filtered by the matrix filter, so the option is not offered for it.
    expect(screen.queryByRole('checkbox', { name: 'Apply the current matrix filter' })).toBeNull();
    const release = bridge.hold('getJob');
    fireEvent.click(startButton());
    const bar = await screen.findByRole('progressbar', { name: 'Exporting the reviews register as CSV' });
    expect(bar.getAttribute('aria-valuetext')).toBe('Starting…');
    expect(screen.getByRole('radio', { name: 'Reviews register (CSV)' }).hasAttribute('disabled')).toBe(true);
    release();
    const done = await screen.findByText('Export finished');
    expect(done.closest('.banner')?.textContent).toContain(file);
    expect(bridge.callsTo('startExport')).toEqual([{ format: 'csv-reviews', pseudonymise: true }]);
    expect(bridge.callsTo('getJob').length).toBeGreaterThan(0);
    expect(core.disk.list(core.dir)).toContain('reviews register.csv');
    fireEvent.click(screen.getByRole('button', { name: 'Export something else' }));
    expect(startButton()).toBeTruthy();
    // The choices are kept for the next export.
    expect((screen.getByRole('radio', { name: 'Reviews register (CSV)' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('sends the current matrix filter when asked to', async () => {
    const { core, bridge } = await openExport();
    const view = await core.services.getRecords({});
    fireEvent.click(screen.getByRole('tab', { name: 'Completion matrix' }));
    fireEvent.change(screen.getByLabelText('Search by name or email'), { target: { value: 'Rosa' } });
    fireEvent.click(screen.getByRole('button', { name: /^Team:/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Product' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Export' }));
    const apply = screen.getByRole('checkbox', { name: 'Apply the current matrix filter' });
    const shown = view.matrix.filter((r) => r.team === 'Product' && r.name.startsWith('Rosa')).length;
    expect(shown).toBeGreaterThan(0);
    expect(document.getElementById(apply.getAttribute('aria-describedby')!)?.textContent).toBe(
      `Only the ${shown} of ${view.matrix.length} matrix rows the filter shows now.`,
    );
    fireEvent.click(apply);
    fireEvent.click(startButton());
    await screen.findByText('Export finished');
    expect(bridge.callsTo('startExport')).toEqual([
      { format: 'csv-matrix', pseudonymise: false, filter: { teams: ['Product'], search: 'Rosa' } },
    ]);
  });

  it('cancels a running export', async () => {
    const { core, bridge } = await openExport();
    // The report is printed to PDF; the printer does not finish until the test lets it.
    core.host.holdPrinting();
    fireEvent.click(screen.getByRole('radio', { name: 'Report (PDF)' }));
    fireEvent.click(startButton());
    await screen.findByRole('progressbar');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Export cancelled')).toBeTruthy();
    expect(bridge.callsTo('cancelJob')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(core.host.printed).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Back to the export options' }));
    expect(startButton()).toBeTruthy();
  });

  it('stops polling when the screen goes away, and watches the same job again on return', async () => {
    const { core, bridge } = await openExport();
    const releasePrinting = core.host.holdPrinting();
    fireEvent.click(screen.getByRole('radio', { name: 'Report (PDF)' }));
    fireEvent.click(startButton());
    await waitFor(() => expect(bridge.callsTo('getJob').length).toBeGreaterThan(1));
    useStewardStore.getState().navigate('training');
    await screen.findByRole('heading', { level: 1, name: 'Training' });
    // From here the polling timer is the test's: time passes without waiting.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const elapse = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    await elapse(10);
    const polls = bridge.callsTo('getJob').length;
    await elapse(100 * JOB_POLLING.intervalMs);
    expect(bridge.callsTo('getJob')).toHaveLength(polls);
    // Back on the screen, the same job (still printing) is watched again.
    act(() => useStewardStore.getState().navigate('records'));
    await elapse(10 * JOB_POLLING.intervalMs);
    expect(bridge.callsTo('getJob').length).toBeGreaterThan(polls);
    expect(screen.getByRole('progressbar')).toBeTruthy();
    releasePrinting();
  });

  it('says why an export failed and what to do, and why one could not start', async () => {
    const { core, bridge } = await openExport();
    // The folder chosen in the save dialog does not exist.
    core.host.savePath = core.disk.path('no such folder', 'matrix.csv');
    fireEvent.click(startButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The export failed');
    expect(alert.textContent).toContain('no such folder');
    expect(alert.textContent).toContain('start the export again');
    fireEvent.click(within(alert).getByRole('button', { name: 'Back to the export options' }));
    bridge.fail('startExport', {
      code: 'NOT_ALLOWED',
      message: 'Only managers may export other people’s records.',
    });
    fireEvent.click(startButton());
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Only managers may export other people’s records.',
    );
  });

  it('says so when it loses track of a job, and checks again on request', async () => {
    const { bridge } = await openExport();
    bridge.fail('getJob', { code: 'INTERNAL', message: 'Steward could not reach the app (closed).' });
    fireEvent.click(startButton());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Steward lost track of this job');
    expect(alert.textContent).toContain('Steward could not reach the app (closed).');
    bridge.succeed('getJob');
    fireEvent.click(within(alert).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('Export finished')).toBeTruthy();
  });
});

describe('records: bundles', () => {
  it('exports my records to the chosen file, and shows nothing when the dialog is cancelled', async () => {
    const { core, bridge } = await openExport();
    const file = core.disk.path('ada.stewardbundle');
    core.host.savePath = file;
    fireEvent.click(screen.getByRole('button', { name: 'Export my records' }));
    const done = await screen.findByText(/^Exported \d+ entries$/);
    expect(done.closest('.banner')?.textContent).toContain(file);
    expect(core.disk.list(core.dir)).toContain('ada.stewardbundle');
    core.host.savePath = null;
    fireEvent.click(screen.getByRole('button', { name: 'Export my records' }));
    await waitFor(() => expect(bridge.callsTo('exportMyRecords')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByText(/^Exported/)).toBeNull());
  });

  it('imports a bundle: what happened to each person, then the dashboard reloads', async () => {
    const { core, bridge } = await openExport();
    // Ben sends his records from another computer.
    const file = core.disk.path('ben.stewardbundle');
    const ben = await bundleFromAnotherComputerAs(file);
    core.host.openFile = file;
    const loads = bridge.callsTo('getRecords').length;
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    const table = await screen.findByRole('table', { name: 'What the import did' });
    const row = within(table).getByRole('rowheader', { name: ben.name }).closest('tr') as HTMLElement;
    expect(within(row).getByText(/^Added/)).toBeTruthy();
    expect(screen.getByText(`Imported ${file}`)).toBeTruthy();
    await waitFor(() => expect(bridge.callsTo('getRecords').length).toBe(loads + 1));
    expect((await core.services.getRecords({})).people.some((p) => p.id === ben.id)).toBe(true);

    // The same file again: nothing new.
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'What the import did' }))
          .getByRole('rowheader', { name: ben.name })
          .closest('tr')?.textContent,
      ).toContain('Unchanged'),
    );

    // Ada's own records are refused: this computer already writes her ledger.
    const own = core.disk.path('own.stewardbundle');
    core.host.savePath = own;
    await core.services.exportMyRecords({});
    core.host.openFile = own;
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was not imported');
    expect(alert.textContent).toContain('Cannot import own.stewardbundle: this is your own ledger');
  });

  it('shows why a bundle was refused', async () => {
    const { core } = await openExport();
    const file = core.disk.path('ben.stewardbundle');
    await bundleFromAnotherComputerAs(file);
    // Changed on its way here: a module id in one of Ben's signed entries.
    core.disk.editFile(file, (text) => text.replace('law-in-practice', 'law-in-practise'));
    core.host.openFile = file;
    fireEvent.click(screen.getByRole('button', { name: 'Import records…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was not imported');
    expect(alert.textContent).toContain(
      'entry 2 is not valid: the entry does not match its hash (its content was changed)',
    );
    expect(screen.queryByRole('table', { name: 'What the import did' })).toBeNull();
  });
});

/** Ben, on another computer, completes a module and exports his records to `file`. */
function bundleFromAnotherComputerAs(file: string) {
  return bundleFromAnotherComputer(file, ['law-in-practice'], 'ben');
}
