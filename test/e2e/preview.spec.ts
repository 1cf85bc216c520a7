// `npm run preview` end to end: the real renderer in Chromium talks to the real core over the
// loopback WebSocket bridge (token + Origin checked), not the test binding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { createDispatch } from '../../electron/core/dispatch';
import { verifyWorkspace } from '../../electron/core/ledger';
import { fileOnlyProtector } from '../../electron/core/profiles/keystore';
import { createServices } from '../../electron/core/services';
import { confStoreFactory } from '../../electron/core/settings/settingsStore';
import { startPreviewServer } from '../../electron/preview/previewServer';
import { CONTENT_DIR, RENDERER_DIR } from './support/fixtures';
import { stewardWorkspace } from '../../electron/core/events';

test('the preview serves the app and carries calls over the token-guarded WebSocket', async ({ page }) => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-preview-'));
  const handle = await createServices({
    userDataDir,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'preview' },
    appVersion: '0.0.0-test',
    contentDir: CONTENT_DIR,
  });
  const server = await startPreviewServer({
    rendererDir: RENDERER_DIR,
    dispatch: createDispatch(handle.services),
  });
  try {
    await page.goto(server.url);
    await page.getByLabel('Name').fill('Grace Kim');
    await page.getByLabel('Email').fill('grace.kim@example.com');
    await page.getByLabel('Team').fill('Product');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Records' })).toBeVisible();
    expect(
      (await verifyWorkspace(stewardWorkspace(path.join(userDataDir, 'workspace')), { depth: 'full' })).ok,
    ).toBe(true);

    // Without the token the same page gets no bridge: every call fails, nothing is written.
    const page2 = await page.context().newPage();
    await page2.goto(`${server.origin}/`);
    const result = await page2.evaluate(() =>
      (globalThis as unknown as { steward: { listProfiles: () => Promise<unknown> } }).steward.listProfiles(),
    );
    expect(result).toMatchObject({ ok: false });
  } finally {
    await server.close();
    await handle.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
});
