// Witnessing on screen (issue 14, item 3): Wes's app has seen his colleagues' ledgers; then an
// insider cuts the last 3 lines of Rita's, deletes Gil's ledger and key, and Fay rewrites her own
// last entries with her key. The Integrity tab names each, in English and in French, in a
// manager's words, with file and entry. Then Wes's own ledger is cut back behind his app: the app
// says which entries are missing and that it will not write. Screenshots go to test-results/witness/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { stewardWorkspace } from '../../electron/core/events';
import { createLedger, generateProfileKeys, openLedger, type Workspace } from '../../electron/core/ledger';
import { startedData } from '../core/ledger/helpers';

test.use({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });

const OUT = path.resolve(import.meta.dirname, '../../test-results/witness');

async function shoot(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** A colleague's ledger, written on their own computer (their key is not on Wes's). */
async function colleague(ws: Workspace, name: string, entries: number) {
  const keys = generateProfileKeys();
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  const { profileId } = await createLedger(ws, keys, { name, email: `${slug}@example.com`, team: 'Legal' });
  await append(ws, profileId, keys.privateKeyPem, entries - 1, 'a');
  return { profileId, keys, file: path.join(ws.ledgersDir, `${profileId}.jsonl`) };
}

async function append(ws: Workspace, profileId: string, privateKeyPem: string, n: number, tag: string) {
  const ledger = await openLedger(ws, profileId, privateKeyPem);
  for (let i = 0; i < n; i++) await ledger.append('training.started', startedData(`${tag}${i}`));
  await ledger.close();
}

async function openIntegrity(page: Page, tablist: string, tab: string) {
  await page.getByRole('tablist', { name: tablist }).getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab, selected: true })).toBeVisible();
}

function cutLastLines(file: string, n: number) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  fs.writeFileSync(file, `${lines.slice(0, lines.length - n).join('\n')}\n`);
}

test('the Integrity tab names a rollback, a deletion and a fork in words, in English and French', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(60_000);
  const services = steward.handle.services;
  await services.createProfile({ name: 'Wes Witness', email: 'wes@example.com', team: 'Legal' });
  const ws = stewardWorkspace(steward.workspaceDir);
  const rita = await colleague(ws, 'Rita Reviewer', 6);
  const gil = await colleague(ws, 'Gil Gone', 3);
  const fay = await colleague(ws, 'Fay Forker', 5);
  await services.getWorkspaceStatus({}); // Wes's app witnesses the three (its daily checkpoint)

  cutLastLines(rita.file, 3);
  fs.rmSync(gil.file);
  fs.rmSync(path.join(ws.keysDir, `${gil.profileId}.pub`));
  cutLastLines(fay.file, 2);
  await append(ws, fay.profileId, fay.keys.privateKeyPem, 2, 'other');
  await steward.restart();

  await page.goto(`${renderer.url}#/records`);
  await openIntegrity(page, 'Records', 'Integrity');
  await expect(page.locator('.integrity-summary__title')).toHaveText('3 problems found');
  const banner = page.locator('.banner', {
    hasText: "Records were removed or rewritten after colleagues' apps saw them",
  });
  await expect(banner).toBeVisible();
  const items = page.locator('.problems__item');
  const item = (file: string) => items.filter({ hasText: `ledgers/${file}.jsonl` });
  await expect(item(rita.profileId).locator('.badge')).toHaveText('Cut back');
  await expect(item(rita.profileId).locator('.problems__where')).toHaveText(
    `ledgers/${rita.profileId}.jsonl · entry 4`,
  );
  await expect(item(rita.profileId).locator('.problems__reason')).toContainText(
    'was cut back: entries 4 to 6 are missing. Wes Witness',
  );
  await expect(item(gil.profileId).locator('.badge')).toHaveText('Deleted');
  await expect(item(gil.profileId).locator('.problems__reason')).toContainText(
    `its key file keys/${gil.profileId}.pub is gone too`,
  );
  await expect(item(fay.profileId).locator('.badge')).toHaveText('Rewritten');
  await expect(item(fay.profileId).locator('.problems__where')).toHaveText(
    `ledgers/${fay.profileId}.jsonl · entry 5`, // the entry the witness saw (it commits to 4 too)
  );
  await expect(item(fay.profileId).locator('.problems__reason')).toContainText(
    "The owner's key signed two different histories",
  );
  await shoot(page, 'integrity-en');

  await services.setLocale({ locale: 'fr' });
  await page.reload();
  await openIntegrity(page, 'Registres', 'Intégrité');
  await expect(page.locator('.integrity-summary__title')).toHaveText(/3\sproblèmes détectés/);
  await expect(page.locator('.banner', { hasText: 'supprimés ou réécrits' })).toBeVisible();
  await expect(item(rita.profileId).locator('.badge')).toHaveText('Tronqué');
  await expect(item(rita.profileId).locator('.problems__reason')).toContainText('a été tronqué');
  await expect(item(gil.profileId).locator('.badge')).toHaveText('Supprimé');
  await expect(item(fay.profileId).locator('.badge')).toHaveText('Réécrit');
  await shoot(page, 'integrity-fr');
});

test("Wes's app says his own ledger was cut back and that it will not write", async ({
  page,
  renderer,
  steward,
}) => {
  const services = steward.handle.services;
  const wes = await services.createProfile({ name: 'Wes Witness', email: 'wes@example.com', team: 'Legal' });
  await services.startTrainingModule({ moduleId: 'law-in-practice' });
  await services.startTrainingModule({ moduleId: 'peoples-rights' });
  await services.startTrainingModule({ moduleId: 'beyond-compliance' });
  cutLastLines(path.join(steward.workspaceDir, 'ledgers', `${wes.id}.jsonl`), 2);
  await steward.restart();

  await page.goto(renderer.url);
  const notice = page.locator('.banner', { hasText: 'Your record file was cut back' });
  await expect(notice).toContainText('entries 3 to 4 are missing');
  await expect(notice).toContainText('Steward will not write to it until they are back');
  await expect(notice).toContainText('steward records restore');
  await expect(notice).toContainText('Until then Steward records nothing new for you');
  await expect(notice).not.toContainText('Your existing records are unchanged');
  await shoot(page, 'own-ledger-cut');
});
