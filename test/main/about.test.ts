// Help › About: the facts it shows (version, licence from package.json, copyright, runtime
// versions) and that it is one plain message box, parented to the window when there is one.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aboutDetail, aboutInfo, showAboutDialog } from '../../electron/main/about';
import { BrowserWindow, app, resetElectronMock } from './electron-mock';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  author: string;
};
const VERSIONS = { electron: '45.5.0', chrome: '142.0.7444.52', node: '22.20.0' };

beforeEach(() => resetElectronMock());

function fakeDialog() {
  return { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })) };
}

describe('aboutInfo', () => {
  it("reads the licence and copyright holder from the app's package.json", () => {
    app.getAppPath.mockReturnValue(ROOT);
    app.getVersion.mockReturnValue(pkg.version);
    const info = aboutInfo(app, VERSIONS);
    expect(info).toStrictEqual({
      name: 'Steward',
      version: pkg.version,
      license: 'MIT',
      copyright: 'Copyright © Steward contributors',
      electron: '45.5.0',
      chromium: '142.0.7444.52',
      node: '22.20.0',
    });
    expect(pkg.license).toBe('MIT');
  });

  it('still says something true when package.json cannot be read', () => {
    app.getAppPath.mockReturnValue('/nowhere/at/all');
    const info = aboutInfo(app, {});
    expect(info.license).toBe('see the LICENSE file');
    expect(info.copyright).toBe('Copyright © Steward contributors');
    expect(info.electron).toBe('unknown');
  });

  it('takes the name from an author object, or the part before an email', () => {
    expect(aboutInfo(app, VERSIONS, { author: 'Ada Lovelace <ada@example.com>' }).copyright).toBe(
      'Copyright © Ada Lovelace',
    );
    expect(aboutInfo(app, VERSIONS, { author: { name: 'Example Org' } }).copyright).toBe(
      'Copyright © Example Org',
    );
  });
});

describe('showAboutDialog', () => {
  it('shows the name and version as the message and every fact in the detail', async () => {
    const dialog = fakeDialog();
    app.getAppPath.mockReturnValue(ROOT);
    const info = aboutInfo(app, VERSIONS);
    await showAboutDialog(dialog, info);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [options] = dialog.showMessageBox.mock.calls[0]! as [Record<string, unknown>];
    expect(options).toMatchObject({ type: 'info', title: 'About Steward', message: 'Steward 0.1.0-test' });
    expect(options.detail).toBe(aboutDetail(info));
    expect(String(options.detail).split('\n')).toStrictEqual([
      'Version 0.1.0-test',
      'Licence: MIT',
      'Copyright © Steward contributors',
      '',
      'Electron 45.5.0',
      'Chromium 142.0.7444.52',
      'Node.js 22.20.0',
    ]);
  });

  it('is modal to the window when there is one', async () => {
    const dialog = fakeDialog();
    const window = new BrowserWindow();
    await showAboutDialog(dialog, aboutInfo(app, VERSIONS, {}), window as never);
    expect(dialog.showMessageBox.mock.calls[0]![0]).toBe(window);
    expect(dialog.showMessageBox.mock.calls[0]![1]).toMatchObject({ title: 'About Steward' });
  });
});
