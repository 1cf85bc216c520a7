// A manager's minute in Records, with the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape,
// the arrow keys and typing; nothing is clicked or filled): four people in one workspace, one
// overdue; the overview's numbers; the completion matrix filtered by team and status and searched
// by a name typed without its accent; that filter exported as CSV (BOM, only the filtered people,
// a formula-looking name made harmless) and a PDF report that pdfjs reads back; a bundle from
// another computer imported and marked, a tampered one refused with its reason; a full
// verification that passes, then names the file and entry of a byte changed on disk.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ProfileSummary } from '../../electron/core/contract/views/app';
import { expect, test, type StewardHarness } from './support/fixtures';
import { activate, chooseRadio, goWithKeyboard, selectTab, tabTo, typeInto } from './support/keyboard';
import { pdfPages } from '../support/pdf';
import { bundleFromAnotherComputer, newestExport, readCsvExport } from './support/records';
import { ALL_MODULES, CONTENT_DIR } from '../support/moduleKey';

test.use({ locale: 'en-US', viewport: { width: 1366, height: 768 } });

const SHOTS = path.resolve(import.meta.dirname, '../../reports/screens');

/** Every module's title, in the content's order (the grid's columns). */
function moduleTitles(): string[] {
  const dir = path.join(CONTENT_DIR, 'modules');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const title = /^title: (.*)$/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))![1]!;
      return title.replace(/^"(.*)"$/, '$1');
    });
}

/** Everyone's modules, plus Data Science's own (content/policy.yaml). */
const DATA_SCIENCE_REQUIRED = [
  'law-in-practice',
  'peoples-rights',
  'beyond-compliance',
  'minimisation-and-purpose',
  'privacy-by-design',
  'consent-done-right',
  'ai-and-automated-decisions',
];

interface Team {
  mira: ProfileSummary;
  zoe: ProfileSummary;
  formula: ProfileSummary;
  olu: ProfileSummary;
}

/**
 * Mira (manager, Product) is created through the page by keyboard and completes everything; the
 * others through the services: Zoë and "=SUM(A1)" (Data Science) complete what their team must,
 * Olu (Marketing) nothing. 31 days on, only Olu is overdue (new starters have 30 days).
 */
async function setUpTeam(page: Page, url: string, steward: StewardHarness): Promise<Team> {
  await page.goto(url);
  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type('Mira Okonkwo');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type('mira.okonkwo@example.com');
  await tabTo(page, page.getByLabel('Team'));
  await page.keyboard.type('Product');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Training' })).toBeVisible();
  const services = steward.handle.services;
  const mira = (await services.getCurrentProfile({}))!;
  await steward.completeModules(ALL_MODULES);

  const zoe = await services.createProfile({
    name: 'Zoë Ångström',
    email: 'zoe.angstrom@example.com',
    team: 'Data Science',
  });
  await steward.completeModules(DATA_SCIENCE_REQUIRED);
  const formula = await services.createProfile({
    name: '=SUM(A1)',
    email: 'sum.a1@example.com',
    team: 'Data Science',
  });
  await steward.completeModules(DATA_SCIENCE_REQUIRED);
  const olu = await services.createProfile({
    name: 'Olu Bakare',
    email: 'olu.bakare@example.com',
    team: 'Marketing',
  });
  await services.switchProfile({ profileId: mira.id });
  steward.grantRole(mira, 'managers');
  steward.clock.advanceDays(31);
  // An app restart reads the policy with Mira's new role.
  await steward.restart();
  await page.reload();
  await expect(page.getByRole('button', { name: /switch profile/i })).toContainText('Mira Okonkwo');
  return { mira, zoe, formula, olu };
}

const recordsTabs = (page: Page) => page.getByRole('tablist', { name: 'Records' });
const panel = (page: Page) => page.getByRole('tabpanel');

async function openTab(page: Page, name: string) {
  await selectTab(page, recordsTabs(page), name);
  await expect(panel(page)).toBeVisible();
}

/** The names in the rendered matrix rows (the table is virtualised: few rows, all in view here). */
async function matrixNames(page: Page): Promise<string[]> {
  return page.locator('.matrix tbody tr.matrix__row th .matrix__name').allTextContents();
}

/** Opens a filter menu with Enter, toggles options with Space, closes it with Escape. */
async function pickInFilterMenu(page: Page, menu: string, options: string[]) {
  const button = page.getByRole('button', { name: new RegExp(`^${menu}:`) });
  await activate(page, button);
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const group = page.getByRole('group', { name: menu });
  for (const option of options) {
    const box = group.getByRole('checkbox', { name: option, exact: true });
    const was = await box.isChecked();
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(box).toBeChecked({ checked: !was });
  }
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
}

/** Waits for the export job's outcome and returns the path the page says it saved to. */
async function waitForExport(page: Page): Promise<string> {
  const finished = page.locator('.banner', { hasText: 'Export finished' });
  await expect(finished).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Export something else' })).toBeVisible();
  const savedTo = finished.locator('.path-display', {
    has: page.locator('.path-display__label', { hasText: /^Saved to$/ }),
  });
  return (await savedTo.locator('.path-display__value').textContent()) ?? '';
}

test('a manager reads, filters, exports, imports and verifies the records with the keyboard alone', async ({
  page,
  renderer,
  steward,
}) => {
  test.setTimeout(240_000);
  const { mira, zoe, formula, olu } = await setUpTeam(page, renderer.url, steward);

  // ---- overview ----------------------------------------------------------------------------------
  await goWithKeyboard(page, 'Records');
  await expect(page.locator('.records-scope__who')).toHaveText('All teams');
  await expect(recordsTabs(page).getByRole('tab', { selected: true })).toHaveText('Overview');
  const stat = (label: string) =>
    page.locator('.records-stat', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  // Required rows: Mira 9 (everyone 3, Product 5, manager 1), Zoë 7, "=SUM(A1)" 7, Olu 5 (everyone
  // 3, Marketing 2) = 28; current: all but Olu's 5 = 23 → 82% (82.1, rounded down).
  await expect(stat('People').locator('dd')).toHaveText('4');
  await expect(stat('People overdue').locator('dd')).toHaveText('1');
  await expect(stat('People due soon').locator('dd')).toHaveText('0');
  await expect(stat('Required training current').locator('dd')).toHaveText('82%');
  await expect(stat('Reviews decided').locator('dd')).toHaveText('0');
  const overdue = page.locator('.panel', {
    has: page.getByRole('heading', { name: 'Overdue', exact: true }),
  });
  await expect(overdue.locator('.attention-list__name')).toHaveText([olu.name]);
  await expect(
    overdue.getByRole('list', { name: `What ${olu.name} still needs` }).getByRole('listitem'),
  ).toHaveCount(5);

  // ---- completion matrix: people × modules, then the detailed list a click away ------------------
  await openTab(page, 'Completion matrix');
  const count = page.locator('.matrix-count');
  const grid = page.getByRole('table', { name: /one row per person, one column per module/ });
  await expect(count).toHaveText('Showing 4 of 4 people');
  // One column per module, headed by its whole title; one row per person, headed by the name.
  // (Long words carry soft hyphens, so a narrow column breaks them instead of cutting them off.)
  const headings = await grid.locator('thead th').allTextContents();
  expect(headings.map((h) => h.replaceAll('\u00ad', ''))).toEqual(['Person', ...moduleTitles()]);
  for (const title of moduleTitles()) {
    await expect(grid.getByRole('columnheader', { name: title, exact: true })).toBeVisible();
  }
  // Sorted by name, as the list is.
  await expect(grid.locator('tbody th .completion-grid__name')).toHaveText([
    formula.name,
    mira.name,
    olu.name,
    zoe.name,
  ]);
  const oluRow = grid.getByRole('row', { name: new RegExp(olu.name) });
  // Olu's five required modules are overdue; the others optional and not started.
  await expect(oluRow.getByRole('cell', { name: /Overdue/ })).toHaveCount(5);
  await expect(oluRow.getByRole('cell', { name: /Not started\s*Optional/ })).toHaveCount(4);
  await page.screenshot({ path: path.join(SHOTS, 'records-matrix-grid-1366.png'), fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  // Still every person after the window grows (the rows are virtualised: they follow the size).
  await expect(grid.locator('tbody th .completion-grid__name')).toHaveCount(4);
  await page.screenshot({ path: path.join(SHOTS, 'records-matrix-grid-1920.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  // The detailed list (one row per person and module) is a click away.
  const layout = page.getByRole('group', { name: 'Show the matrix as' });
  await activate(page, layout.getByRole('button', { name: 'Detailed list' }));
  await expect(layout.getByRole('button', { name: 'Detailed list' })).toHaveAttribute('aria-pressed', 'true');
  // Every person has a row for every module (required or optional): 4 × 9.
  await expect(count).toHaveText('Showing 36 of 36 rows (one per person and module)');
  await pickInFilterMenu(page, 'Team', ['Data Science']);
  await expect(page.getByRole('button', { name: /^Team:/ })).toContainText('Data Science');
  await expect(count).toHaveText('Showing 18 of 36 rows (one per person and module)');
  await pickInFilterMenu(page, 'Status', ['Passed']);
  await expect(count).toHaveText('Showing 14 of 36 rows (one per person and module)');
  expect(new Set(await matrixNames(page))).toEqual(new Set([zoe.name, formula.name]));
  const search = page.getByRole('searchbox', { name: 'Search by name or email' });
  await tabTo(page, search, { back: true });
  await page.keyboard.type('zoe');
  await expect(count).toHaveText('Showing 7 of 36 rows (one per person and module)');
  expect(new Set(await matrixNames(page))).toEqual(new Set([zoe.name]));
  const rows = page.locator('.matrix tbody tr.matrix__row');
  await expect(rows).toHaveCount(7);
  for (const row of await rows.all()) {
    await expect(row.locator('td').nth(0)).toHaveText('Data Science');
    await expect(row.locator('.badge')).toHaveText('Passed');
    await expect(row.locator('td.data-table__number')).toHaveText('100%');
  }
  // The filter applies to the grid too: Zoë alone, her seven passed modules, the rest outside it.
  await activate(page, layout.getByRole('button', { name: 'People × modules' }));
  await expect(count).toHaveText('Showing 1 of 4 people');
  await expect(grid.getByRole('cell', { name: /Passed/ })).toHaveCount(7);
  await expect(grid.getByRole('cell', { name: 'Not in the filter' })).toHaveCount(2);
  await activate(page, layout.getByRole('button', { name: 'Detailed list' }));
  // Statuses are either-or: Overdue instead of Passed finds nobody in Data Science; Olu is in Marketing.
  await pickInFilterMenu(page, 'Status', ['Passed', 'Overdue']);
  await expect(count).toHaveText('Showing 0 of 36 rows (one per person and module)');
  await expect(page.getByText('No rows match these filters.')).toBeVisible();
  await pickInFilterMenu(page, 'Status', ['Overdue', 'Passed']);
  await expect(page.getByRole('button', { name: /^Status:/ })).toContainText('Passed');
  await typeInto(page, search, '');
  await expect(count).toHaveText('Showing 14 of 36 rows (one per person and module)');

  // ---- export the filtered matrix as CSV ---------------------------------------------------------
  await openTab(page, 'Export');
  const format = page.getByRole('group', { name: 'Format' });
  await chooseRadio(page, format, 'csv-matrix');
  const applyFilter = page.getByRole('checkbox', { name: 'Apply the current matrix filter' });
  await tabTo(page, applyFilter);
  await page.keyboard.press('Space');
  await expect(applyFilter).toBeChecked();
  await expect(page.getByText('Only the 14 of 36 matrix rows the filter shows now.')).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Start export' }));
  const csvShown = await waitForExport(page);
  const csvFile = newestExport(steward.exportsDir, '.csv');
  expect(csvShown).toBe(csvFile);
  const csv = readCsvExport(csvFile);
  expect(csv.bom, 'the CSV starts with a UTF-8 BOM').toBe(true);
  expect(csv.header[0]).toBe('name');
  expect(csv.rows).toHaveLength(14);
  // One table: the ledger heads are in a file of their own beside it.
  expect(csv.text.split('\r\n').filter((line) => line === '')).toEqual(['']);
  const headsFile = csvFile.replace(/\.csv$/, '.heads.csv');
  // The page names the heads file too.
  await expect(
    page.locator('.path-display', { hasText: 'Ledger heads saved to' }).locator('.path-display__value'),
  ).toHaveText(headsFile);
  expect(fs.readFileSync(headsFile, 'utf8').split('\r\n')[0]).toBe('\uFEFFprofileId,entries,headHash');
  expect(new Set(csv.rows.map((row) => row.email))).toEqual(new Set([zoe.email, formula.email]));
  expect(csv.rows.every((row) => row.team === 'Data Science' && row.status === 'passed')).toBe(true);
  expect(csv.rows.filter((row) => row.name === 'Zoë Ångström')).toHaveLength(7);
  // The formula-looking name is text in a spreadsheet: one quote in front, never a bare "=".
  expect(csv.rows.filter((row) => row.name === "'=SUM(A1)")).toHaveLength(7);
  expect(csv.text).not.toMatch(/(^|\r\n|,)=SUM/);
  expect(csv.text).not.toContain(olu.email);
  expect(csv.text).not.toContain(mira.email);

  // ---- and a PDF report ----------------------------------------------------------------------------
  await activate(page, page.getByRole('button', { name: 'Export something else' }));
  await chooseRadio(page, page.getByRole('group', { name: 'Format' }), 'pdf-report');
  await tabTo(page, applyFilter);
  await page.keyboard.press('Space');
  await expect(applyFilter).not.toBeChecked();
  await activate(page, page.getByRole('button', { name: 'Start export' }));
  const pdfShown = await waitForExport(page);
  const pdfFile = newestExport(steward.exportsDir, '.pdf');
  expect(pdfShown).toBe(pdfFile);
  expect(fs.readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = await pdfPages(pdfFile);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  const pdfText = pages.join('\n').replace(/\s+/g, ' ');
  expect(pdfText).toContain('Olu Bakare');
  expect(pdfText).toContain('Zoë Ångström');

  // ---- bundles: a tampered one is refused, the real one is imported and marked ---------------------
  const priya = await bundleFromAnotherComputer({
    contentDir: steward.contentDir,
    clock: steward.clock,
    person: { name: 'Priya Natarajan', email: 'priya.natarajan@example.com', team: 'Data Science' },
    modules: DATA_SCIENCE_REQUIRED,
  });
  try {
    const bundle = JSON.parse(fs.readFileSync(priya.bundle, 'utf8')) as { lines: string[] };
    const tamperedFile = path.join(steward.userDataDir, 'priya-tampered.stewardbundle');
    // One score changed in a signed entry: the lines no longer match their hashes.
    const index = bundle.lines.findIndex((line) => line.includes('"score":100'));
    expect(index).toBeGreaterThan(0);
    bundle.lines[index] = bundle.lines[index]!.replace('"score":100', '"score":99');
    fs.writeFileSync(tamperedFile, JSON.stringify(bundle));

    const importButton = page.getByRole('button', { name: 'Import records…' });
    steward.files.nextOpen = tamperedFile;
    await activate(page, importButton);
    const refused = page.locator('.banner', { hasText: 'The file was not imported' });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('priya-tampered.stewardbundle');
    await expect(refused).toContainText(`entry ${index + 1} is not valid`);
    await expect(refused).toContainText('Nothing from it was added.');

    steward.files.nextOpen = priya.bundle;
    await activate(page, importButton);
    const imported = page.locator('.banner', { hasText: `Imported ${priya.bundle}` });
    await expect(imported).toBeVisible();
    await expect(imported).toContainText('1 person in the file.');
    await expect(refused).toHaveCount(0);
    const what = page.getByRole('table', { name: 'What the import did' });
    await expect(what.getByRole('row', { name: /Priya Natarajan/ })).toContainText(
      'Added: new to this workspace',
    );
  } finally {
    priya.dispose();
  }

  await openTab(page, 'Completion matrix');
  await tabTo(page, search);
  await page.keyboard.type('priya');
  await expect(count).toHaveText('Showing 7 of 45 rows (one per person and module)');
  const priyaRows = page.locator('.matrix tbody tr.matrix__row');
  await expect(priyaRows).toHaveCount(7);
  for (const row of await priyaRows.all()) {
    await expect(row.locator('th .tag')).toHaveText('Imported');
    await expect(row.locator('th .matrix__name')).toHaveText('Priya Natarajan');
  }

  // ---- integrity: every signature verified, then a changed byte named by file and entry ------------
  await openTab(page, 'Integrity');
  const verify = page.getByRole('button', { name: 'Verify now' });
  await activate(page, verify);
  const finished = page.locator('.banner', { hasText: /^Full check finished/ });
  await expect(finished).toHaveText(/Full check finished: every signature in 5 ledgers is valid\./, {
    timeout: 30_000,
  });
  await expect(page.locator('.integrity-summary__title')).toHaveText('All 5 ledgers intact');
  await expect(page.locator('.integrity-summary__meta')).toContainText('every signature');

  const oluLedger = path.join(steward.workspaceDir, 'ledgers', `${olu.id}.jsonl`);
  const text = fs.readFileSync(oluLedger, 'utf8');
  const at = text.indexOf('olu.bakare@example.com');
  expect(at).toBeGreaterThan(0);
  // One byte: "olu" becomes "olv" in the first entry's email.
  fs.writeFileSync(oluLedger, `${text.slice(0, at + 2)}v${text.slice(at + 3)}`);

  await activate(page, verify);
  await expect(finished).toHaveText(/Full check finished: \d+ problems? found\./, { timeout: 30_000 });
  await expect(page.locator('.integrity-summary__title')).toHaveText(/problems? found/);
  const problem = page.locator('.problems__item').first();
  await expect(problem.locator('.problems__where')).toHaveText(`ledgers/${olu.id}.jsonl · entry 1`);
  await expect(problem.locator('.problems__reason')).not.toBeEmpty();
  const ledgerRow = page.getByRole('row', { name: new RegExp(olu.id) });
  await expect(ledgerRow).toContainText('Problem');
});
