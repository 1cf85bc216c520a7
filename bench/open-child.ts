// Child process of the open benchmark (issue 14): the app's open of a workspace, i.e. a fresh
// process's first read through the shared workspace reader (createWorkspaceReader, as
// services.ts uses it), timed once. With a cache file, the reader uses the app's memory of
// verified heads (<userData>/verified-ledgers.log) as services.ts does: absent = cold (every
// signature checked, then remembered), present = warm. Without one (or on a tree that has none,
// such as main before issue 14), the plain reader. Prints { ms, ledgers, ok } as JSON.
//
//   node --import tsx bench/open-child.ts <workspace> [cache-file]
import * as ledger from '../electron/core/ledger';
import * as events from '../electron/core/events';

const [dir, cacheFile] = process.argv.slice(2) as [string, string | undefined];
const api = ledger as unknown as Record<string, unknown>;
type Heads = unknown;
let verified: Heads | undefined;
if (cacheFile && typeof api.openVerifiedHeads === 'function') {
  const open = api.openVerifiedHeads as (file: string, rules: string) => Heads;
  const rules = api.verificationRules as (ev: unknown, extra?: string) => string;
  verified = open(cacheFile, rules(events.STEWARD_EVENTS, 'bench'));
}
const ws = (events.stewardWorkspace as (d: string, v?: Heads) => ledger.Workspace)(dir, verified);
const started = performance.now();
const { ledgers, report } = await ledger.createWorkspaceReader(ws).read();
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), ledgers: ledgers.length, ok: report.ok })}\n`);
