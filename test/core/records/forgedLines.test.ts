// The insider with write access to the shared folder and nobody else's key (issue 14, item 1):
// they append correctly chained lines to a colleague's ledger, signed by a key of their own,
// and end with one throw-away line. Before, the everyday read checked only the first and last
// signatures and cut only the last line, so the forged completions showed as passed in the
// manager's matrix and CSV. Every signature is checked before a line is shown now, once per app:
// what this app verified is remembered in its own data folder, never in the workspace.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/core/contract/methods';
import type { JobView } from '../../../electron/core/contract/views/records';
import { decodeLine, encodeEntry, generateProfileKeys } from '../../../electron/core/ledger';
import { signatureStats } from '../../../electron/core/ledger/signatures';
import { STEWARD_EVENTS } from '../../../electron/core/events';
import { VERIFIED_HEADS_FILE } from '../../../electron/core/services';
import { ALL_MODULES, completeModules, SUBMITTER_MODULES } from '../../support/moduleKey';
import { tempServices, testServices, type TempServices } from '../../support/services';
import { grantInPolicy } from '../../support/policy';

const envs: TempServices[] = [];
afterEach(async () => {
  for (const e of envs.splice(0)) await e.close();
});

async function settle(s: Services, job: JobView): Promise<JobView> {
  let current = job;
  for (let i = 0; i < 600 && current.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    current = await s.getJob({ jobId: job.id });
  }
  return current;
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);

/** Zoë completes the submitter modules; Cat completes nothing; Ben manages every team. */
async function team() {
  const env = await tempServices({ prefix: 'steward-forgery-', now: () => new Date('2026-03-02T09:00:00Z') });
  envs.push(env);
  const s = env.services;
  const zoe = await s.createProfile({ name: 'Zoë', email: 'zoe@example.com', team: 'Product' });
  await completeModules(s, SUBMITTER_MODULES, env.contentDir);
  const cat = await s.createProfile({ name: 'Cat', email: 'cat@example.com', team: 'Product' });
  const ben = await s.createProfile({ name: 'Ben', email: 'ben@example.com', team: 'Legal' });
  await completeModules(s, ALL_MODULES, env.contentDir);
  grantInPolicy(env.contentDir, ben, 'managers');
  const ledgers = path.join(env.userDataDir, 'workspace', 'ledgers');
  return { env, s, zoe, cat, ben, file: (id: string) => path.join(ledgers, `${id}.jsonl`) };
}

/**
 * Zoë's training entries, re-chained onto Cat's ledger as Cat's own and signed by a key the
 * insider made, then one throw-away line: what an insider without Cat's key can write.
 */
function forgeOnto(catFile: string, zoeFile: string): number {
  const mallory = generateProfileKeys();
  const cat = lines(catFile).map((l) => {
    const r = decodeLine(l, STEWARD_EVENTS);
    if (!r.ok) throw new Error('fixture');
    return r.entry;
  });
  const head = cat[cat.length - 1]!;
  let prev = head.hash;
  let seq = head.seq;
  const out: string[] = [];
  for (const l of lines(zoeFile)) {
    const r = decodeLine(l, STEWARD_EVENTS);
    if (!r.ok || !r.entry.type.startsWith('training.')) continue;
    const { entry, line } = encodeEntry(
      { seq: ++seq, ts: r.entry.ts, type: r.entry.type, actor: head.actor, data: r.entry.data, prev },
      mallory.privateKeyPem,
    );
    out.push(line);
    prev = entry.hash;
  }
  out.push(`${out[out.length - 1]!.slice(0, -30)}"}\n`); // the throw-away line
  fs.appendFileSync(catFile, out.join(''));
  return head.seq + 1;
}

describe('lines signed by another key are never shown', () => {
  it("forged completions on a colleague's ledger show neither in the matrix nor in the CSV", async () => {
    const { s, zoe, cat, file } = await team();
    const catRows = async () =>
      (await s.getRecords({})).matrix.filter(
        (r) => r.personId === cat.id && SUBMITTER_MODULES.includes(r.moduleId),
      );
    expect((await catRows()).map((r) => r.status)).not.toContain('passed');
    const forgedFrom = forgeOnto(file(cat.id), file(zoe.id));

    const rows = await catRows();
    expect(rows).toHaveLength(SUBMITTER_MODULES.length);
    for (const r of rows) expect(r).toMatchObject({ status: 'notStarted', completedAt: null, attempts: 0 });
    const status = await s.getWorkspaceStatus({});
    expect(status.report.problems).toContainEqual(
      expect.objectContaining({
        file: `ledgers/${cat.id}.jsonl`,
        seq: forgedFrom,
        why: { code: 'ledger.badSignature', params: {} },
      }),
    );

    const job = await settle(s, await s.startExport({ format: 'csv-matrix', pseudonymise: false }));
    expect(job.state).toBe('done');
    const csv = parseCsv(fs.readFileSync(job.file as string, 'utf8').replace(/^\ufeff/, ''), {
      relax_column_count: true,
    }) as string[][];
    const header = csv[0]!;
    const [emailCol, moduleCol, statusCol] = ['email', 'module id', 'status'].map((h) => header.indexOf(h));
    const catCsv = csv.filter(
      (r) => r[emailCol!] === cat.email && SUBMITTER_MODULES.includes(r[moduleCol!]!),
    );
    expect(catCsv).toHaveLength(SUBMITTER_MODULES.length);
    for (const r of catCsv) expect(r[statusCol!]).not.toBe('passed');
  });

  it('checks each signature once per app: the memory is in the app data folder, and a reopen checks none again', async () => {
    const { env, zoe } = await team();
    await env.services.getWorkspaceStatus({});
    const memory = path.join(env.userDataDir, VERIFIED_HEADS_FILE);
    expect(fs.existsSync(memory)).toBe(true);
    const inWorkspace = fs.readdirSync(path.join(env.userDataDir, 'workspace'), { recursive: true });
    expect(inWorkspace.map(String).filter((n) => n.includes('verified'))).toEqual([]);

    // The app opens again (a new service table, as after a restart): no signature is checked.
    await env.handle.close();
    const again = await testServices({ userDataDir: env.userDataDir, contentDir: env.contentDir });
    try {
      const before = signatureStats.checked;
      expect((await again.services.getWorkspaceStatus({})).report.ok).toBe(true);
      expect(signatureStats.checked).toBe(before);
      // Entries appended since (Zoë starts a module; her app adds its daily witness checkpoint):
      // each new line's signature once, and only those, whichever reads (her own ledger's, the
      // shared reader's) see them.
      const zoeFile = path.join(env.userDataDir, 'workspace', 'ledgers', `${zoe.id}.jsonl`);
      const linesOf = () => fs.readFileSync(zoeFile, 'utf8').split('\n').length - 1;
      const linesBefore = linesOf();
      await again.services.switchProfile({ profileId: zoe.id });
      await again.services.startTrainingModule({ moduleId: ALL_MODULES[0]! });
      expect((await again.services.getWorkspaceStatus({})).report.ok).toBe(true);
      const added = linesOf() - linesBefore;
      expect(added).toBeGreaterThanOrEqual(1);
      expect(signatureStats.checked - before).toBe(added);
    } finally {
      await again.close();
    }
  });
});
