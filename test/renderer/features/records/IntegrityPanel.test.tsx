// Records › Integrity over the real core: each ledger of the workspace with its entries, head hash
// and state from core's quick check, the problems it found (worded from core's reasons), and a
// full check of every signature run as a job. The problems are real: an entry backdated on disk.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shortHash } from '../../../../renderer/format';
import { JOB_POLLING } from '../../../../renderer/state/recordsSlice';
import { inFrenchEachTest, NBSP } from '../../support/french';
import { actAs, addPerson } from '../../support/people';
import { seededWorkspace, type TestCore } from '../../support/realBridge';
import { renderApp } from '../../support/renderApp';

/** Grace and Ada each completed a module; Ada is the current profile. */
const workspace = seededWorkspace(async (core) => {
  const grace = await addPerson(core, 'grace');
  await core.completeModules(['law-in-practice']);
  const ada = await addPerson(core, 'ada');
  await core.completeModules(['peoples-rights']);
  return { ada, grace };
});

const interval = JOB_POLLING.intervalMs;
beforeEach(() => {
  JOB_POLLING.intervalMs = 5;
});
afterEach(() => {
  JOB_POLLING.intervalMs = interval;
});

async function openIntegrity(
  before?: (core: TestCore, s: Awaited<ReturnType<typeof workspace.open>>['seeded']) => Promise<void> | void,
) {
  const { core, seeded } = await workspace.open();
  await before?.(core, seeded);
  const bridge = await renderApp(core, '#/records');
  fireEvent.click(await screen.findByRole('tab', { name: 'Integrity' }));
  return { core, bridge, ...seeded };
}

const HASH_MISMATCH = 'the entry does not match its hash (its content was changed)';

describe('records: integrity', () => {
  it('lists each ledger with entries, a shortened head hash and its state, and the problems', async () => {
    const { core, ada, grace } = await openIntegrity((core, s) => core.disk.backdateEntry(s.grace.id, 2));
    const { report } = await core.services.getWorkspaceStatus({});
    const table = await screen.findByRole('table', { name: 'Ledgers in this workspace' });
    const row = (profileId: string) =>
      within(table).getByText(`ledgers/${profileId}.jsonl`).closest('tr') as HTMLElement;
    const own = report.ledgers.find((l) => l.profileId === ada.id)!;
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const hash = within(row(ada.id)).getByTitle(own.headHash!);
    expect(hash.textContent).toBe(shortHash(own.headHash!));
    expect(within(row(ada.id)).getByText(String(own.entries))).toBeTruthy();
    expect(within(row(ada.id)).getByText('Yours')).toBeTruthy();
    expect(within(row(ada.id)).getByText('Intact')).toBeTruthy();
    expect(within(row(grace.id)).getByText('Problem')).toBeTruthy();

    expect(report.problems).toHaveLength(1);
    const [problem] = report.problems;
    expect(screen.getByText('1 problem found')).toBeTruthy();
    const item = screen.getByText(/entry 2/).closest('li') as HTMLElement;
    expect(item.textContent).toContain(`ledgers/${grace.id}.jsonl`);
    expect(within(item).getByText(/^the entry does not match its hash/).textContent).toBe(
      `${HASH_MISMATCH} (${problem!.laterLinesNotRead} later lines not read)`,
    );
  });

  it("names a ledger cut back after Ada's app saw it, in a manager's words", async () => {
    let entries = 0;
    const { grace } = await openIntegrity(async (core, s) => {
      await core.services.getWorkspaceStatus({}); // Ada's app witnesses Grace's ledger
      const file = `${core.workspaceDir}/ledgers/${s.grace.id}.jsonl`;
      core.disk.editFile(file, (text) => {
        const lines = text.split('\n').filter(Boolean);
        entries = lines.length - 2;
        return `${lines.slice(0, entries).join('\n')}\n`;
      });
    });
    expect(
      await screen.findByText("Records were removed or rewritten after colleagues' apps saw them"),
    ).toBeTruthy();
    const item = screen.getByText('Cut back').closest('li') as HTMLElement;
    expect(item.textContent).toContain(`ledgers/${grace.id}.jsonl · entry ${entries + 1}`);
    expect(item.textContent).toContain(`entries ${entries + 1} to ${entries + 2} are missing`);
    expect(screen.getByText('1 problem found')).toBeTruthy();
  });

  it('runs "Verify now" as a job: progress, then the full report in place of the quick one', async () => {
    const { bridge } = await openIntegrity();
    await screen.findByText(/Quick check: order, links and hashes/);
    const release = bridge.hold('getJob');
    const button = screen.getByRole('button', { name: 'Verify now' });
    fireEvent.click(button);
    const bar = await screen.findByRole('progressbar', {
      name: 'Verifying every signature in the workspace',
    });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(screen.getAllByRole('status').some((s) => s.textContent === 'Full check started.')).toBe(true);
    await waitFor(() => expect(bridge.callsTo('getJob')).toHaveLength(1));
    release();
    expect(
      await screen.findByText('Full check finished: every signature in 2 ledgers is valid.'),
    ).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText(/Full check: order, links, hashes and every signature/)).toBeTruthy();
    expect(bridge.callsTo('startVerify')).toHaveLength(1);
  });

  it('finds in the full check what the quick one found', async () => {
    await openIntegrity((core, s) => core.disk.backdateEntry(s.grace.id, 2));
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText('Full check finished: 1 problem found.')).toBeTruthy();
    expect(screen.getByText(/^the entry does not match its hash/)).toBeTruthy();
  });

  it('shows why a verification could not start or finish', async () => {
    const { core, bridge } = await openIntegrity();
    bridge.fail('startVerify', { code: 'LEDGER_LOCKED', message: 'Another Steward holds the ledger lock.' });
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The full check could not start');
    expect(alert.textContent).toContain('Another Steward holds the ledger lock.');
    bridge.succeed('startVerify');
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText(/^Full check finished/)).toBeTruthy();
    // The ledgers folder is gone from under the app: the check stops and says why.
    const putBack = core.disk.replaceFolderWithFile(core.disk.path('user', 'workspace', 'ledgers'));
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    const failed = (await screen.findByText('The full check could not finish')).closest('.banner')!;
    expect(failed.textContent).toContain('not a directory');
    expect(core.loggedErrors).toEqual([expect.stringMatching(/^job verify: ENOTDIR/)]);
    putBack();
  });

  it('warns prominently when the own ledger is read-only, naming the file and entry', async () => {
    const { ada } = await openIntegrity(async (core, s) => {
      // Ada's own ledger was edited on disk: at the next start it opens read-only.
      core.disk.backdateEntry(s.ada.id, 2);
      await core.restart();
      await actAs(core, s.ada);
    });
    const alert = (await screen.findByText("Steward can't add to your records")).closest('.banner')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(
      `Your ledger ledgers/${ada.id}.jsonl has a problem at entry 2: ${HASH_MISMATCH}.`,
    );
  });
});

describe('records: integrity in French', () => {
  inFrenchEachTest();

  it("words core's integrity problems in French", async () => {
    const { core, seeded } = await workspace.open();
    core.disk.backdateEntry(seeded.grace.id, 2);
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/records');
    fireEvent.click(await screen.findByRole('tab', { name: 'Intégrité' }));
    expect(await screen.findByText('1 problème détecté')).toBeTruthy();
    const reason = screen.getByText(/^l'entrée ne correspond pas à son empreinte/);
    expect(reason.textContent).toMatch(
      /^l'entrée ne correspond pas à son empreinte \(son contenu a été modifié\) \(\d+ lignes suivantes non lues\)$/,
    );
    expect(screen.queryByText(/does not match its hash/)).toBeNull();
  });

  it('words the read-only warning in French', async () => {
    const { core, seeded } = await workspace.open();
    core.disk.backdateEntry(seeded.ada.id, 2);
    await core.restart();
    await actAs(core, seeded.ada);
    await core.services.setLocale({ locale: 'fr' });
    await renderApp(core, '#/records');
    const banner = (await screen.findByText('Steward ne peut plus rien ajouter à vos registres')).closest(
      '.banner',
    )!;
    expect(banner.textContent).toContain(
      `Votre registre ledgers/${seeded.ada.id}.jsonl présente un problème à l'entrée 2${NBSP}: l'entrée ne correspond pas à son empreinte (son contenu a été modifié).`,
    );
  });
});
