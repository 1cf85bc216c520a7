// What the records specs need around the page: a bundle made on "another computer" (its own
// user-data folder, keys and workspace, the real exportMyRecords), the CSV an export wrote split
// into BOM and rows, and a workspace with something in every part of the dashboard. (The PDF an
// export wrote is read back with test/support/pdf.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProfileSummary } from '../../../electron/core/contract/views/app';
import { fileOnlyProtector } from '../../../electron/core/profiles/keystore';
import { createServices } from '../../../electron/core/services';
import { confStoreFactory } from '../../../electron/core/settings/settingsStore';
import { ALL_MODULES, completeModules } from '../../support/moduleKey';
import type { StewardHarness, TestClock } from './fixtures';
import { isoIn, seedReviewAwaitingVersion2Decision } from './reviewAnswers';

export interface OtherComputer {
  profile: ProfileSummary;
  /** The .stewardbundle file exportMyRecords wrote. */
  bundle: string;
  /** Removes the other computer's folders. */
  dispose(): void;
}

/**
 * A person on another machine — not sharing the workspace folder — completes modules and exports
 * their records as a signed bundle, as they would hand it to a manager.
 */
export async function bundleFromAnotherComputer(options: {
  contentDir: string;
  clock: TestClock;
  person: { name: string; email: string; team: string };
  modules: readonly string[];
}): Promise<OtherComputer> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-e2e-other-'));
  const handle = await createServices({
    userDataDir,
    contentDir: options.contentDir,
    now: options.clock.now,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'test' },
    appVersion: '0.0.0-test',
  });
  try {
    const profile = await handle.services.createProfile(options.person);
    await completeModules(handle.services, options.modules, options.contentDir);
    const exported = await handle.services.exportMyRecords({});
    if (!exported.file) throw new Error('exportMyRecords wrote no bundle');
    // Out of the other computer's folder, so disposing of it leaves the bundle for the test.
    const bundle = path.join(os.tmpdir(), `steward-e2e-${profile.id}.stewardbundle`);
    fs.copyFileSync(exported.file, bundle);
    return {
      profile,
      bundle,
      dispose() {
        fs.rmSync(userDataDir, { recursive: true, force: true });
        fs.rmSync(bundle, { force: true });
      },
    };
  } finally {
    await handle.close();
  }
}

export interface CsvExport {
  bom: boolean;
  header: string[];
  rows: Record<string, string>[];
  /** The raw text after the BOM. */
  text: string;
}

/** One RFC 4180 record per CRLF line (the exports quote any line break inside a cell). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** The data part of a CSV export: its header and rows, up to the blank row before the ledger heads. */
export function readCsvExport(file: string): CsvExport {
  const raw = fs.readFileSync(file, 'utf8');
  const bom = raw.startsWith('\uFEFF');
  const text = bom ? raw.slice(1) : raw;
  const lines = text.split('\r\n');
  const end = lines.indexOf('');
  const [headerLine, ...dataLines] = lines.slice(0, end < 0 ? lines.length : end);
  const header = parseCsvLine(headerLine ?? '');
  const rows = dataLines.map((line) => {
    const cells = parseCsvLine(line);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
  return { bom, header, rows, text };
}

/** The newest file in the exports folder whose name ends with `ext` (a CSV's heads file is not the CSV). */
export function newestExport(exportsDir: string, ext: string): string {
  const files = fs
    .readdirSync(exportsDir)
    .filter((f) => f.endsWith(ext) && (ext.endsWith('.heads.csv') || !f.endsWith('.heads.csv')))
    .map((f) => path.join(exportsDir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`No ${ext} export in ${exportsDir}`);
  return files[0]!;
}

/**
 * A workspace with something in every part of the dashboard: Amara's churn review decided by Ben
 * (approved with a condition), Mira as manager of all teams with all her training, and the clock
 * 31 days on, so Amara (who has only the submitter modules) is overdue. Mira is current; the
 * services have been restarted so the roles are read.
 */
export async function seedManagerWorkspace(steward: StewardHarness): Promise<{ reviewId: string }> {
  const { reviewId, ben } = await seedReviewAwaitingVersion2Decision(steward);
  const services = steward.handle.services;
  await services.switchProfile({ profileId: ben.id });
  await services.decideReview({
    reviewId,
    version: 2,
    decision: 'approvedWithConditions',
    rationale: 'Low residual risk once fairness is monitored.',
    conditions: [{ text: 'Report fairness metrics monthly.', owner: 'Amara Okafor', dueDate: isoIn(90) }],
    reReviewDate: isoIn(365),
    dpoAdvice: { followed: true },
  });
  const mira = await services.createProfile({
    name: 'Mira Okonkwo',
    email: 'mira.okonkwo@example.com',
    team: 'Product',
  });
  await steward.completeModules(ALL_MODULES);
  steward.grantRole(mira, 'managers');
  steward.clock.advanceDays(31);
  await steward.restart();
  return { reviewId };
}
