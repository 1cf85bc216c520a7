// The app's own services for one CLI command, and which organisation the command works in.
//
// The CLI has no settings of its own (each run has a scratch user-data folder), so it cannot
// remember an organisation a person confirmed. It decides each time, in this order:
// - a deployment pin, as the app reads it (STEWARD_ORG, or deployment.json in the machine-wide
//   folder): the services themselves refuse a workspace that does not hold that organisation;
// - `--org CODE` (or the org id): the same, for this command; given with a deployment pin, it
//   must name the same organisation;
// - neither: the workspace's organisation when it holds exactly one. When it holds several (an
//   insider can set up another in a shared folder), the command refuses and lists them by code:
//   it never picks one.
// Every org command prints the organisation's name and code, and how it was chosen, so the admin
// sees which one they are changing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  contract,
  type ArgsOf,
  type MethodName,
  type ResultOf,
  type Services,
} from '../core/contract/methods';
import { formatReason } from '../core/contract/reasons';
import type { ProfileSummary } from '../core/contract/views/app';
import type { OrganisationView } from '../core/contract/views/org';
import { describeZodError } from '../core/dispatch';
import { StewardError } from '../core/errors';
import { parsePinText, readDeploymentPin } from '../core/org/deployment';
import { sameOrgCode } from '../core/org/roster';
import type { OrgPin } from '../core/org/workspaceOrg';
import { fileOnlyProtector, listLocalKeyIds } from '../core/profiles/keystore';
import { createServices, type HostCapabilities, type ServiceHandle } from '../core/services';
import type { KeyValueStore, SettingsStoreFactory } from '../core/settings/settingsStore';
import {
  contentDirFrom,
  keysDirFrom,
  required,
  switchToProfile,
  UsageError,
  type CliContext,
  type OptionValues,
} from './command';

export const ORG_OPTION_HELP = `--org CODE     the organisation to work in, by its code (or org id); needed when the
                 workspace holds several. Default: the organisation STEWARD_ORG or a
                 deployment.json pins this machine to, else the workspace's only one`;

/** Settings held in memory for one run: the CLI keeps nothing between runs. */
function scratchSettings(): { factory: SettingsStoreFactory; set: (key: string, value: unknown) => void } {
  const data = new Map<string, unknown>();
  const factory: SettingsStoreFactory = (opts) => {
    for (const [k, v] of Object.entries(opts.defaults)) if (!data.has(k)) data.set(k, structuredClone(v));
    const store: KeyValueStore = {
      get: (key) => data.get(key),
      set: (key, value) => void data.set(key, value),
      path: path.join(opts.cwd, `${opts.name}.json`),
    };
    return store;
  };
  return { factory, set: (key, value) => void data.set(key, value) };
}

/**
 * Which of this machine's profiles runs the command: --profile, else the one profile of the
 * workspace whose private key is in --keys. `optional`: none when there is not exactly one.
 */
export function chooseProfile(
  workspace: string,
  values: OptionValues,
  need: 'required' | 'optional',
  why = 'the change is signed with your key',
): string | null {
  if (typeof values.profile === 'string' && values.profile.trim() !== '') return values.profile.trim();
  const keysDir = keysDirFrom(values);
  const local = listLocalKeyIds(keysDir).filter((id) =>
    fs.existsSync(path.join(workspace, 'ledgers', `${id}.jsonl`)),
  );
  if (local.length === 1) return local[0]!;
  if (need === 'optional') return null;
  throw new UsageError(
    local.length === 0
      ? `no profile of this workspace has its key in ${keysDir}: give --keys DIR (${why})`
      : `several profiles have keys in ${keysDir} (${local.join(', ')}): say which one you are with --profile ID`,
  );
}

/** The workspace folder of --workspace, which must be a Steward workspace already. */
export function existingWorkspace(values: OptionValues): string {
  const workspace = path.resolve(required(values, 'workspace'));
  if (!fs.existsSync(path.join(workspace, 'ledgers'))) {
    throw new StewardError(
      'WORKSPACE_INVALID',
      `${workspace} is not a Steward workspace (it has no ledgers folder).`,
    );
  }
  return workspace;
}

/** Field names of the services' arguments as the options that carry them. */
const OPTION_OF: Record<string, string> = {
  profileIds: '--key',
  profileId: '--key',
  personId: '--person',
  grantId: '--grant',
  on: '--on',
  from: '--from',
  until: '--until',
  name: '--name',
  email: '--email',
  team: '--team',
  teams: '--teams',
  role: '--role',
};

/**
 * Calls a service method with its argument checked by the contract's own schema (as every
 * transport does): a bad value is a usage error naming the option, a refusal a StewardError.
 */
export async function callService<M extends MethodName>(
  services: Services,
  method: M,
  args: ArgsOf<M>,
): Promise<ResultOf<M>> {
  const parsed = (contract[method].args as z.ZodType).safeParse(args);
  if (!parsed.success) {
    const renamed = new z.ZodError(
      parsed.error.issues.map((i) => {
        const [head, ...rest] = i.path;
        const option = typeof head === 'string' ? OPTION_OF[head] : undefined;
        return { ...i, path: option ? [option, ...rest.filter((p) => typeof p === 'string')] : i.path };
      }),
    );
    throw new UsageError(describeZodError(renamed));
  }
  const run = services[method] as (a: unknown) => Promise<ResultOf<M>>;
  return run(parsed.data);
}

export interface CliSession {
  services: Services;
  workspace: string;
  /** The profile the command runs as, or null (read-only commands without a key). */
  me: ProfileSummary | null;
  /** The deployment pin of this machine, and where it came from. */
  deployment: { pin: OrgPin; source: string } | null;
  /** --org as given, parsed. */
  orgOption: { text: string; pin: OrgPin } | null;
  /** Pins this run's services to an organisation (in memory only). */
  pinTo(org: { orgId: string; name: string; code: string }): void;
  close(): Promise<void>;
}

/**
 * The app's services over a scratch user-data folder, on --workspace, switched to the profile the
 * command runs as, with this machine's deployment pin (and --org) as the pin.
 */
export async function openCliSession(
  values: OptionValues,
  ctx: CliContext,
  opts: {
    profile: 'required' | 'optional';
    /** Whether --org is one of the command's options (org init has none: it makes one). */
    orgOption: boolean;
    host?: Pick<HostCapabilities, 'chooseSavePath' | 'pickOpenFile'>;
  },
): Promise<CliSession> {
  const workspace = existingWorkspace(values);
  const profileId = chooseProfile(workspace, values, opts.profile);
  const found = readDeploymentPin({ env: process.env, platform: process.platform });
  if (found.problem) {
    throw new StewardError('WORKSPACE_REFUSED', formatReason(found.problem), { reasons: [found.problem] });
  }
  const deployment = found.pin && found.source ? { pin: found.pin, source: found.source } : null;
  let orgOption: CliSession['orgOption'] = null;
  if (opts.orgOption && values.org !== undefined) {
    const text = String(values.org);
    const pin = parsePinText(text);
    if (!pin)
      throw new UsageError(
        `--org must be an organisation's code (XXXX-XXXX-XXXX-XXXX) or id (got "${text}")`,
      );
    orgOption = { text, pin };
  }
  const settings = scratchSettings();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
  let handle: ServiceHandle | null = null;
  const close = async () => {
    if (handle) await handle.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    handle = await createServices({
      userDataDir: scratch,
      keysDir: keysDirFrom(values),
      contentDir: contentDirFrom(values, ctx),
      settingsStoreFactory: settings.factory,
      secretProtector: fileOnlyProtector,
      capabilities: { host: 'test', ...opts.host },
      appVersion: process.env.npm_package_version ?? '0.0.0',
      deploymentPin: deployment?.pin ?? orgOption?.pin ?? null,
    });
    const services = handle.services;
    await services.setWorkspace({ dir: workspace });
    let me: ProfileSummary | null = null;
    if (profileId) me = await switchToProfile(services, profileId);
    return {
      services,
      workspace,
      me,
      deployment,
      orgOption,
      pinTo(org) {
        settings.set('org', { ...org, pinnedAt: new Date().toISOString() });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface ResolvedOrg {
  /** The organisation view, as a member (state 'member'), or state 'none' when `allowNone`. */
  view: OrganisationView;
  /** The line every org command prints first: name, code and how it was chosen. */
  header: string;
}

const listCandidates = (view: OrganisationView) =>
  view.candidates.map((c) => `${c.name} ${c.code}`).join(', ');

/**
 * The organisation the command works in (see the top of this file). Refuses, in one line, a
 * workspace without the pinned organisation, with several and no choice, or with none (unless
 * `allowNone`: profile show then answers from policy.yaml).
 */
export async function resolveOrganisation(
  session: CliSession,
  opts: { allowNone?: boolean } = {},
): Promise<ResolvedOrg> {
  const s = session.services;
  let view = await s.getOrganisation({});
  const ws = session.workspace;
  let how: string;
  if (session.deployment) how = `pinned by ${session.deployment.source}`;
  else if (session.orgOption) how = 'chosen by --org';
  else how = 'the only organisation in this workspace';

  if (view.state === 'refused') {
    if (!session.deployment && session.orgOption) {
      throw new StewardError(
        'WORKSPACE_REFUSED',
        `${ws} holds no organisation with the code ${session.orgOption.text}${view.candidates.length > 0 ? ` (it holds: ${listCandidates(view)})` : ''}.`,
      );
    }
    const why = view.refusal ? formatReason(view.refusal) : 'the workspace is refused';
    throw new StewardError('WORKSPACE_REFUSED', `${how}: ${why}`);
  }
  if (view.state === 'none') {
    if (opts.allowNone) return { view, header: `organisation: none in ${ws} (roles come from policy.yaml)` };
    throw new StewardError('NOT_FOUND', `${ws} holds no organisation: set one up with "steward org init".`);
  }
  if (view.state === 'confirm') {
    if (view.candidates.length !== 1) {
      throw new StewardError(
        'CONFLICT',
        `${ws} holds ${view.candidates.length} organisations (${listCandidates(view)}): say which is yours with --org CODE, checking the code with your admin.`,
      );
    }
    const only = view.candidates[0]!;
    session.pinTo({ orgId: only.orgId, name: only.name, code: only.code });
    view = await s.getOrganisation({});
  }
  const org = view.org;
  if (view.state !== 'member' || !org) {
    throw new StewardError('INTERNAL', `the organisation of ${ws} could not be read.`);
  }
  if (session.deployment && session.orgOption) {
    const p = session.orgOption.pin;
    const same = 'orgId' in p ? p.orgId === org.orgId : sameOrgCode(org.orgId, p.code);
    if (!same) {
      throw new StewardError(
        'CONFLICT',
        `--org ${session.orgOption.text} is not the organisation this machine is pinned to by ${session.deployment.source} (${org.name}, ${org.code}).`,
      );
    }
  }
  const others = view.candidates.filter((c) => c.orgId !== org.orgId);
  const note =
    others.length > 0
      ? `; this workspace also holds ${others.length === 1 ? 'another organisation' : `${others.length} other organisations`}: ${others.map((c) => `${c.name} ${c.code}`).join(', ')}`
      : '';
  return { view, header: `organisation: ${org.name}  code ${org.code}  (${how}${note})` };
}

/** Opens a session, resolves the organisation, runs `body`, and closes whatever happens. */
export async function withOrganisation<T>(
  values: OptionValues,
  ctx: CliContext,
  opts: { profile: 'required' | 'optional'; allowNone?: boolean },
  body: (session: CliSession, org: ResolvedOrg) => Promise<T>,
): Promise<T> {
  const session = await openCliSession(values, ctx, { profile: opts.profile, orgOption: true });
  try {
    const org = await resolveOrganisation(session, { allowNone: opts.allowNone ?? false });
    return await body(session, org);
  } finally {
    await session.close();
  }
}
