// An insider's edit to a ledger on disk, for the tests of what the screens show when the records
// do not hold (STYLE 18): one entry backdated by a year without re-signing, so its bytes no longer
// match its hash and the chain breaks there.
import fs from 'node:fs';
import path from 'node:path';
import type { TestCore } from './realBridge';

export function ledgerFile(core: TestCore, profileId: string): string {
  return path.join(core.workspaceDir, 'ledgers', `${profileId}.jsonl`);
}

/** Backdates entry `seq` (1-based) of the profile's ledger by a year. */
export function backdateEntry(core: TestCore, profileId: string, seq: number): void {
  const file = ledgerFile(core, profileId);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines[seq - 1];
  if (line === undefined || !line.includes(`"seq":${seq},`)) throw new Error(`no entry ${seq} in ${file}`);
  lines[seq - 1] = line.replace(/"ts":"(\d{4})/, (_, year: string) => `"ts":"${Number(year) - 1}`);
  fs.writeFileSync(file, lines.join('\n'));
}
