// First run in the real renderer: create a profile, land in the shell, find the signed entry on
// disk, survive a reload and a restart, add a second profile and switch between them.
import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES } from '../../electron/core/contract/methods';
import { verifyWorkspace } from '../../electron/core/ledger';
import { expect, test } from './support/fixtures';
import { stewardWorkspace } from '../../electron/core/events';

const SHOTS = path.resolve(import.meta.dirname, '../../reports/screens');

test('first run creates a signed profile and opens the shell', async ({ page, renderer, steward }) => {
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'first-run.png'), fullPage: true });

  await page.getByLabel('Name').fill('Amara Okafor');
  await page.getByLabel('Email').fill('amara.okafor@example.com');
  await page.getByLabel('Team').fill('Data Science');
  await page.getByRole('button', { name: 'Create profile' }).click();

  const nav = page.getByRole('navigation');
  for (const item of ['Training', 'Reviews', 'Records', 'Settings']) {
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  }
  await expect(page.getByText('Amara Okafor').first()).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'shell.png'), fullPage: true });

  // The entry is on disk, in the profile's own ledger, and the whole workspace verifies.
  const ledgers = fs
    .readdirSync(path.join(steward.workspaceDir, 'ledgers'))
    .filter((f) => f.endsWith('.jsonl'));
  expect(ledgers).toHaveLength(1);
  const lines = fs
    .readFileSync(path.join(steward.workspaceDir, 'ledgers', ledgers[0]!), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0]!) as { type: string; seq: number; data: { email: string } };
  expect(entry).toMatchObject({
    type: 'profile.created',
    seq: 1,
    data: { email: 'amara.okafor@example.com' },
  });
  const report = await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);

  // Reload keeps the profile; so does a restart of the services (an app relaunch).
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Training' })).toBeVisible();
  await expect(page.getByText('Amara Okafor').first()).toBeVisible();
  await steward.restart();
  await page.reload();
  await expect(page.getByText('Amara Okafor').first()).toBeVisible();
});

test('a second profile on the same machine, and switching between them', async ({
  page,
  renderer,
  steward,
}) => {
  await page.goto(renderer.url);
  await page.getByLabel('Name').fill('Amara Okafor');
  await page.getByLabel('Email').fill('amara.okafor@example.com');
  await page.getByLabel('Team').fill('Data Science');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Training' })).toBeVisible();

  await page.getByRole('button', { name: /switch profile/i }).click();
  await page.getByRole('button', { name: /add a profile/i }).click();
  await page.getByLabel('Name').fill('Ben Schmidt');
  await page.getByLabel('Email').fill('ben.schmidt@example.com');
  await page.getByLabel('Team').fill('Marketing');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Ben Schmidt');

  await page.getByRole('button', { name: /switch profile/i }).click();
  await page.getByRole('button', { name: /^Amara Okafor/ }).click();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Amara Okafor');

  const profiles = await steward.handle.services.listProfiles({});
  expect(profiles.map((p) => p.name)).toEqual(['Amara Okafor', 'Ben Schmidt']);
  expect((await steward.handle.services.getCurrentProfile({}))?.name).toBe('Amara Okafor');
  expect(
    fs.readdirSync(path.join(steward.workspaceDir, 'ledgers')).filter((f) => f.endsWith('.jsonl')),
  ).toHaveLength(2);
  expect((await verifyWorkspace(stewardWorkspace(steward.workspaceDir), { depth: 'full' })).ok).toBe(true);
});

test('the page has no Node and exactly the contract on window.steward', async ({ page, renderer }) => {
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  const seen = await page.evaluate(() => ({
    require: typeof (globalThis as unknown as { require?: unknown }).require,
    process: typeof (globalThis as unknown as { process?: unknown }).process,
    module: typeof (globalThis as unknown as { module?: unknown }).module,
    methods: Object.keys((globalThis as unknown as { steward: object }).steward).sort(),
    frozen: Object.isFrozen((globalThis as unknown as { steward: object }).steward),
  }));
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.module).toBe('undefined');
  expect(seen.methods).toEqual([...METHOD_NAMES].sort());
  expect(seen.frozen).toBe(true);
});

test('a malformed call from the page is refused with a typed error and writes nothing', async ({
  page,
  renderer,
  steward,
}) => {
  await page.goto(renderer.url);
  await expect(page.getByRole('button', { name: 'Create profile' })).toBeVisible();
  const result = await page.evaluate(() =>
    (
      globalThis as unknown as { steward: { createProfile: (a: unknown) => Promise<unknown> } }
    ).steward.createProfile({
      name: '',
      email: 'not-an-email',
      team: 42,
      extra: true,
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  const ledgersDir = path.join(steward.workspaceDir, 'ledgers');
  expect(
    fs.existsSync(ledgersDir) ? fs.readdirSync(ledgersDir).filter((f) => f.endsWith('.jsonl')) : [],
  ).toEqual([]);
});
