// Child process of the memory benchmark: does one thing to a workspace and prints its peak RSS.
//   open  <dir> : readWorkspace at quick depth, keeping what it returns (entries not made)
//   made  <dir> : the same, then every ledger's entries made and kept
//   bytes <dir> : reads every ledger file and keeps the bytes (the raw lines, held once)
// With a cache file (open, made), the reader uses the app's memory of verified heads as the app
// does (<userData>/verified-ledgers.log): absent = cold (every signature checked, then
// remembered in it), present = warm.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryCount, openVerifiedHeads, readWorkspace, verificationRules } from '../electron/core/ledger';
import { STEWARD_EVENTS, stewardWorkspace } from '../electron/core/events';

const [mode, dir, cacheFile] = process.argv.slice(2) as [string, string, string | undefined];
const ws = stewardWorkspace(
  dir,
  cacheFile ? openVerifiedHeads(cacheFile, verificationRules(STEWARD_EVENTS, 'bench')) : undefined,
);
let kept: unknown;
let entries = 0;
if (mode === 'open' || mode === 'made') {
  const { ledgers } = await readWorkspace(ws, { depth: 'quick' });
  entries = ledgers.reduce((n, l) => n + (mode === 'made' ? l.entries.length : entryCount(l)), 0);
  kept = ledgers;
} else {
  const bufs = readdirSync(ws.ledgersDir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => readFileSync(join(ws.ledgersDir, f)));
  for (const b of bufs) for (let p = 0; p < b.length; p = b.indexOf(0x0a, p) + 1) entries++;
  kept = bufs;
}
const rss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  JSON.stringify({ rss, entries, heap: process.memoryUsage().heapUsed, kept: kept !== null }),
);
