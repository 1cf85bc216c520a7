// A managed install's organisation, pinned in advance: an IT department that deploys Steward
// with MDM or a software-distribution tool gives it the org id (or the code people compare) so
// that nobody is asked to confirm a code, and a workspace holding any other organisation is
// refused. Two ways, the first found wins:
//
// - the environment variable STEWARD_ORG=<org id or code>;
// - a file deployment.json, {"org": "<org id or code>"}, in the first of these folders that has
//   one: the app's resources folder (shipped inside the installer), then the machine-wide folder
//   — /etc/steward on Linux, /Library/Application Support/Steward on macOS, %ProgramData%\Steward
//   on Windows.
//
// A deployment file that cannot be read or says something else is reported, and the app pins
// nothing rather than guess.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { reason, type Reason } from '../contract/reasons';
import type { OrgPin } from './workspaceOrg';

export const DEPLOYMENT_ENV = 'STEWARD_ORG';
export const DEPLOYMENT_FILE = 'deployment.json';

const ORG_ID = /^[0-9a-f]{64}$/;
const CODE = /^[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}-?[A-Z0-9]{4}$/;

/** The folders a deployment file is looked for in, in order. */
export function deploymentFolders(opts: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  resourcesDir?: string;
}): string[] {
  const out: string[] = [];
  if (opts.resourcesDir) out.push(opts.resourcesDir);
  if (opts.platform === 'win32') {
    out.push(path.win32.join(opts.env.ProgramData ?? 'C:\\ProgramData', 'Steward'));
  } else if (opts.platform === 'darwin') {
    out.push('/Library/Application Support/Steward');
  } else {
    out.push('/etc/steward');
  }
  return out;
}

/** An org id or code as written by a person or a tool, or null when it is neither. */
export function parsePinText(text: string): OrgPin | null {
  const t = text.trim();
  if (ORG_ID.test(t.toLowerCase())) return { orgId: t.toLowerCase(), by: 'deployment' };
  const code = t.toUpperCase().replace(/\s+/g, '');
  if (CODE.test(code)) return { code, by: 'deployment' };
  return null;
}

const fileSchema = z.object({ org: z.string().max(200) }).strict();

export interface DeploymentPin {
  pin: OrgPin | null;
  /** Where it came from: `STEWARD_ORG` or the file's path. */
  source: string | null;
  /** Why a deployment setting that exists could not be used. */
  problem: Reason | null;
}

export function readDeploymentPin(opts: {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  resourcesDir?: string;
}): DeploymentPin {
  const fromEnv = opts.env[DEPLOYMENT_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const pin = parsePinText(fromEnv);
    return pin
      ? { pin, source: DEPLOYMENT_ENV, problem: null }
      : {
          pin: null,
          source: DEPLOYMENT_ENV,
          problem: reason('deployment.badValue', { source: DEPLOYMENT_ENV }),
        };
  }
  for (const dir of deploymentFolders(opts)) {
    const file = path.join(dir, DEPLOYMENT_FILE);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(file);
    } catch {
      continue;
    }
    if (!st.isFile() || st.size > 64 * 1024) {
      return { pin: null, source: file, problem: reason('deployment.unreadable', { source: file }) };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return { pin: null, source: file, problem: reason('deployment.unreadable', { source: file }) };
    }
    const data = fileSchema.safeParse(parsed);
    const pin = data.success ? parsePinText(data.data.org) : null;
    return pin
      ? { pin, source: file, problem: null }
      : { pin: null, source: file, problem: reason('deployment.badValue', { source: file }) };
  }
  return { pin: null, source: null, problem: null };
}

/** The deployment pin of this process (its environment, platform and resources folder), for createServices. */
export function deploymentOf(resourcesDir?: string): {
  deploymentPin: OrgPin | null;
  deploymentProblem: Reason | null;
} {
  const found = readDeploymentPin({
    env: process.env,
    platform: process.platform,
    ...(resourcesDir ? { resourcesDir } : {}),
  });
  return { deploymentPin: found.pin, deploymentProblem: found.problem };
}
