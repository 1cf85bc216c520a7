// What publishing a content folder would do, before it is done: the folder validated the way
// `steward content check` and every app validate it, and what changes against the content in
// force — module versions, who must take a module again, policy settings, the questionnaire's
// version and the files added, changed and removed.
import type { LedgerRead } from '../ledger';
import type { ReleasePreview, ReleaseModuleChange } from '../contract/views/org';
import { formatReason } from '../contract/reasons';
import type { ContentInForce } from '../org/contentInForce';
import { manifestOfFolder, ReleaseError } from '../org/releases';
import type { WorkspaceOrg } from '../org/workspaceOrg';
import type { Policy } from '../policy/policy';
import { loadQuestionnaire } from '../review/questionnaire';
import { loadContent } from '../training/content';
import { retakeNeeded } from '../training/status';

interface ReadLike {
  ledgers: readonly LedgerRead[];
  wo: WorkspaceOrg;
}

const POLICY_SETTINGS = ['passMark', 'recertifyMonths', 'dueSoonDays', 'newStarterDays', 'retakeOn'] as const;

function policyChanges(from: Policy | null, to: Policy): ReleasePreview['policy'] {
  const out: ReleasePreview['policy'] = [];
  const show = (v: unknown) => (v === undefined ? '—' : Array.isArray(v) ? v.join(', ') || '—' : String(v));
  for (const k of POLICY_SETTINGS) {
    if (!from || from[k] !== to[k]) out.push({ field: k, from: from ? show(from[k]) : '—', to: show(to[k]) });
  }
  const req = (p: Policy | null) => {
    const m = new Map<string, string[]>();
    if (!p) return m;
    m.set('required.everyone', p.required.everyone);
    for (const [team, list] of Object.entries(p.required.teams)) m.set(`required.teams.${team}`, list);
    for (const [role, list] of Object.entries(p.required.roles)) m.set(`required.roles.${role}`, list);
    return m;
  };
  const a = req(from);
  const b = req(to);
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = [...(a.get(key) ?? [])].sort();
    const y = [...(b.get(key) ?? [])].sort();
    if (x.join(',') !== y.join(',')) out.push({ field: key, from: show(x), to: show(y) });
  }
  return out;
}

export function previewRelease(
  dir: string,
  inForce: ContentInForce | null,
  r: ReadLike,
  now: Date,
): ReleasePreview {
  const problems: ReleasePreview['problems'] = [];
  let files: Record<string, string> = {};
  let bytes = 0;
  try {
    ({ files, bytes } = manifestOfFolder(dir));
  } catch (err) {
    if (!(err instanceof ReleaseError)) throw err;
    for (const why of err.reasons)
      problems.push({ file: String(why.params?.file ?? dir), field: null, reason: formatReason(why) });
  }
  const org = r.wo.org;
  const release = (org?.releases.at(-1)?.release ?? 0) + 1;
  if (problems.length > 0) {
    return {
      dir,
      release,
      files: Object.keys(files).length,
      bytes,
      problems,
      modules: [],
      policy: [],
      questionnaire: { from: null, to: null },
      fileChanges: { added: [], changed: [], removed: [] },
    };
  }
  const next = loadContent(dir);
  const nextQ = loadQuestionnaire(dir);
  problems.push(
    ...next.problems,
    ...nextQ.problems.map((p) => ({ file: p.file, field: p.field ?? null, reason: p.reason })),
  );
  if (org) {
    // The policy's team names must be the organisation's: "Product team" where the team is
    // "Product" would silently leave people without their required modules.
    for (const team of Object.keys(next.policy.required.teams)) {
      if (!org.teams.some((t) => t.toLowerCase() === team.toLowerCase())) {
        problems.push({
          file: 'policy.yaml',
          field: `required.teams.${team}`,
          reason: `"${team}" is not one of the organisation's teams (${org.teams.join(', ')})`,
        });
      }
    }
  }

  const current = inForce ? loadContent(inForce.dir) : null;
  const currentQ = inForce ? loadQuestionnaire(inForce.dir) : null;
  const authority = r.wo.authority;
  const modules: ReleaseModuleChange[] = [];
  const ids = new Set([...(current?.modules ?? []).map((m) => m.id), ...next.modules.map((m) => m.id)]);
  for (const id of [...ids].sort()) {
    const before = current?.modules.find((m) => m.id === id) ?? null;
    const after = next.modules.find((m) => m.id === id) ?? null;
    if (before && after && before.contentHash === after.contentHash) continue;
    const retake =
      before !== null && after !== null
        ? retakeNeeded(
            next.policy.retakeOn,
            { version: before.version, contentHash: before.contentHash },
            after,
          )
        : false;
    const mustRetake: ReleaseModuleChange['mustRetake'] = [];
    if (retake && after) {
      for (const l of r.ledgers) {
        if (!authority.enrolledAt(l.profileId, now)) continue;
        let last: { version: string; contentHash: string; expiresAt: string } | null = null;
        for (const e of l.entries) {
          if (e.type !== 'training.completed') continue;
          const d = e.data as { moduleId: string; version: string; contentHash: string; expiresAt: string };
          if (d.moduleId === id) last = d;
        }
        if (!last || last.expiresAt < now.toISOString()) continue;
        if (retakeNeeded(next.policy.retakeOn, last, after)) {
          mustRetake.push({ profileId: l.profileId, name: authority.identityOf(l.profileId).name });
        }
      }
      mustRetake.sort((a, b) => a.name.localeCompare(b.name));
    }
    modules.push({
      moduleId: id,
      title: (after ?? before)!.title,
      from: before?.version ?? null,
      to: after?.version ?? null,
      retake,
      mustRetake,
    });
  }

  let currentFiles: Record<string, string> = inForce?.release?.files ?? {};
  if (inForce && !inForce.release) {
    try {
      currentFiles = manifestOfFolder(inForce.dir).files;
    } catch {
      currentFiles = {};
    }
  }
  const added = Object.keys(files).filter((f) => !(f in currentFiles));
  const changed = Object.keys(files).filter((f) => f in currentFiles && currentFiles[f] !== files[f]);
  const removed = Object.keys(currentFiles).filter((f) => !(f in files));

  return {
    dir,
    release,
    files: Object.keys(files).length,
    bytes,
    problems,
    modules,
    policy: policyChanges(current?.policy ?? null, next.policy),
    questionnaire: {
      from: currentQ?.questionnaire?.version ?? null,
      to: nextQ.questionnaire?.version ?? null,
    },
    fileChanges: { added, changed, removed },
  };
}
