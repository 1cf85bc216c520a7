// Which content this app uses: the newest valid release of its organisation, checked file by file
// against the signed manifest and read from the app's own copy; never a release older than the
// newest one it has used. Without an organisation, or before its first release, the content
// bundled with the app.
import fs from 'node:fs';
import path from 'node:path';
import { reason, type Reason } from '../contract/reasons';
import { materialiseRelease, ReleaseError } from './releases';
import type { ContentRelease, OrgState } from './roster';

export interface SeenRelease {
  orgId: string;
  release: number;
  manifestHash: string;
}

export interface ContentInForce {
  /** The folder to read policy, modules, translations and questionnaire from. */
  dir: string;
  /** The release in force, or null for the bundled content. */
  release: ContentRelease | null;
  /** What went wrong on the way (a release refused, the chain rolled back): shown as notices. */
  problems: Reason[];
  /** What the app should remember as the newest release it has used. */
  seen: SeenRelease | null;
}

const COMPLETE = '.steward-release-complete';

export function resolveContentInForce(input: {
  org: OrgState | null;
  workspaceDir: string;
  cacheDir: string;
  bundledDir: string;
  seen: SeenRelease | null;
}): ContentInForce {
  const { org, workspaceDir, cacheDir, bundledDir } = input;
  const seen = input.seen && org && input.seen.orgId === org.orgId ? input.seen : null;
  const bundled = (problems: Reason[]): ContentInForce => ({
    dir: bundledDir,
    release: null,
    problems,
    seen,
  });
  if (!org) return bundled([]);
  const problems: Reason[] = [];
  const newestFirst = [...org.releases].sort((a, b) => b.release - a.release);
  for (const r of newestFirst) {
    if (seen && r.release < seen.release) break;
    try {
      const dir = materialiseRelease(workspaceDir, cacheDir, r);
      const next =
        !seen || r.release > seen.release
          ? { orgId: org.orgId, release: r.release, manifestHash: r.manifestHash }
          : seen;
      return { dir, release: r, problems, seen: next };
    } catch (err) {
      if (!(err instanceof ReleaseError)) throw err;
      problems.push(...err.reasons);
    }
  }
  if (seen) {
    // The release this app used last is missing from the chain, or no longer valid there: keep
    // using this app's own copy of it rather than take an older one.
    const newest = newestFirst[0]?.release ?? 0;
    if (newest < seen.release) {
      problems.unshift(reason('release.rolledBack', { seen: seen.release, newest }));
    }
    const local = path.join(cacheDir, seen.manifestHash);
    if (fs.existsSync(path.join(local, COMPLETE))) {
      const kept = org.releases.find((r) => r.manifestHash === seen.manifestHash) ?? {
        release: seen.release,
        manifestHash: seen.manifestHash,
        files: {},
        at: '',
        by: '',
        entryHash: '',
      };
      return {
        dir: local,
        release: kept,
        problems: [...problems, reason('release.keptSeen', { release: seen.release })],
        seen,
      };
    }
  }
  return bundled(org.releases.length > 0 ? [...problems, reason('release.noneValid')] : problems);
}
