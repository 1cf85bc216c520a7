// Help › About Steward: name, version, licence and copyright (from the app's own package.json,
// which ships inside app.asar), and the Electron, Chromium and Node versions it runs on — what a
// bug report needs. A plain message box, the same on every platform.
import fs from 'node:fs';
import path from 'node:path';
import type { App, BrowserWindow, Dialog } from 'electron';

export interface AboutInfo {
  name: string;
  version: string;
  license: string;
  copyright: string;
  electron: string;
  chromium: string;
  node: string;
}

interface PackageFacts {
  license?: unknown;
  author?: unknown;
}

function readPackageFacts(appPath: string): PackageFacts {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(appPath, 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageFacts) : {};
  } catch {
    return {};
  }
}

function authorName(author: unknown): string | null {
  if (typeof author === 'string' && author.trim() !== '') return author.replace(/\s*[<(].*$/, '').trim();
  if (
    typeof author === 'object' &&
    author !== null &&
    typeof (author as { name?: unknown }).name === 'string'
  ) {
    return (author as { name: string }).name;
  }
  return null;
}

export function aboutInfo(
  app: Pick<App, 'getName' | 'getVersion' | 'getAppPath'>,
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>> = process.versions,
  facts: PackageFacts = readPackageFacts(app.getAppPath()),
): AboutInfo {
  const name = app.getName();
  const holder = authorName(facts.author) ?? `${name} contributors`;
  return {
    name,
    version: app.getVersion(),
    license:
      typeof facts.license === 'string' && facts.license !== '' ? facts.license : 'see the LICENSE file',
    copyright: `Copyright © ${holder}`,
    electron: versions.electron ?? 'unknown',
    chromium: versions.chrome ?? 'unknown',
    node: versions.node ?? 'unknown',
  };
}

/** The box's text below its title, one fact a line. */
export function aboutDetail(info: AboutInfo): string {
  return [
    `Version ${info.version}`,
    `Licence: ${info.license}`,
    info.copyright,
    '',
    `Electron ${info.electron}`,
    `Chromium ${info.chromium}`,
    `Node.js ${info.node}`,
  ].join('\n');
}

export async function showAboutDialog(
  dialog: Pick<Dialog, 'showMessageBox'>,
  info: AboutInfo,
  parent?: BrowserWindow | null,
): Promise<void> {
  const options = {
    type: 'info' as const,
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: aboutDetail(info),
    buttons: ['OK'],
    defaultId: 0,
    noLink: true,
  };
  if (parent) await dialog.showMessageBox(parent, options);
  else await dialog.showMessageBox(options);
}
