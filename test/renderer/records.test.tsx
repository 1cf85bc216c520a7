import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeProfile, makeReport } from './fakeBridge';
import { renderApp } from './renderApp';

const ada = makeProfile({ name: 'Ada Lovelace' });
const HASH = 'a3f1c29e0b7d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f';

async function openRecords(options: Parameters<typeof renderApp>[0]) {
  window.history.replaceState(null, '', '#/records');
  return renderApp(options);
}

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
    const table = await screen.findByRole('table');
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

  it('runs a full verification with a busy state and shows the result', async () => {
    const { bridge } = await openRecords({
      profiles: [ada],
      fullReport: makeReport({
        depth: 'full',
        checkedAt: '2030-01-01T00:00:00.000Z',
        ledgers: [{ file: 'ledgers/a.jsonl', profileId: ada.id, entries: 40, headHash: HASH, ok: true }],
      }),
    });
    const release = bridge.hold('verifyWorkspace');
    const button = screen.getByRole('button', { name: 'Verify every signature' });
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
    expect(button.textContent).toContain('Verifying…');
    fireEvent.click(button);
    release();
    await waitFor(() => expect(button.getAttribute('aria-busy')).toBeNull());
    expect(bridge.callsTo('verifyWorkspace')).toEqual([{ depth: 'full' }]);
    expect(screen.getByText(/every signature in 1 ledger is valid/)).toBeTruthy();
    expect(screen.getByText(/Full check: order, links, hashes and every signature/)).toBeTruthy();
    expect(screen.getByText('40')).toBeTruthy();
  });

  it('shows why a full verification could not run', async () => {
    await openRecords({
      profiles: [ada],
      failures: {
        verifyWorkspace: { code: 'LEDGER_LOCKED', message: 'Another Steward holds the ledger lock.' },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Verify every signature' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Another Steward holds the ledger lock.');
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
