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
import { exportsFolder } from '../../electron/core/paths';
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

test('the preview offers exports as downloads, only with the token and only files of the exports folder', async ({
  page,
}) => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-preview-'));
  const handle = await createServices({
    userDataDir,
    settingsStoreFactory: confStoreFactory,
    secretProtector: fileOnlyProtector,
    capabilities: { host: 'preview' },
    appVersion: '0.0.0-test',
    contentDir: CONTENT_DIR,
  });
  const exportsDir = exportsFolder(userDataDir);
  const server = await startPreviewServer({
    rendererDir: RENDERER_DIR,
    dispatch: createDispatch(handle.services),
    downloadsDir: exportsDir,
  });
  try {
    await page.goto(server.url);
    await page.getByLabel('Name').fill('Grace Kim');
    await page.getByLabel('Email').fill('grace.kim@example.com');
    await page.getByLabel('Team').fill('Product');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Records' }).click();
    await page.getByRole('tab', { name: 'Export' }).click();
    await page.getByRole('button', { name: 'Start export' }).click();
    await expect(page.getByText('Export finished')).toBeVisible({ timeout: 15_000 });

    // The CSV and its ledger heads, each a link that downloads the very bytes the core wrote.
    const written = fs.readdirSync(exportsDir).sort();
    expect(written).toHaveLength(2);
    const csvName = written.find((f) => !f.endsWith('.heads.csv'))!;
    for (const name of written) {
      const link = page.getByRole('link', { name: `Download ${name}` });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(name);
      expect(fs.readFileSync((await download.path())!)).toEqual(fs.readFileSync(path.join(exportsDir, name)));
    }

    // Not without the token, not for another site's request, nothing outside the folder.
    const base = `${server.origin}/__steward/download/`;
    const fetchStatus = (url: string, headers: Record<string, string> = {}) =>
      fetch(url, { headers }).then((r) => r.status);
    const token = `?token=${encodeURIComponent(server.token)}`;
    expect(await fetchStatus(`${base}${encodeURIComponent(csvName)}${token}`)).toBe(200);
    expect(await fetchStatus(`${base}${encodeURIComponent(csvName)}`)).toBe(403);
    expect(await fetchStatus(`${base}${encodeURIComponent(csvName)}?token=wrong`)).toBe(403);
    expect(
      await fetchStatus(`${base}${encodeURIComponent(csvName)}${token}`, { 'Sec-Fetch-Site': 'cross-site' }),
    ).toBe(403);
    fs.writeFileSync(path.join(userDataDir, 'secret.txt'), 'not an export');
    expect(await fetchStatus(`${base}${encodeURIComponent('../secret.txt')}${token}`)).toBe(404);
    expect(await fetchStatus(`${base}..%5Csecret.txt${token}`)).toBe(404);
    fs.symlinkSync(path.join(userDataDir, 'secret.txt'), path.join(exportsDir, 'link.csv'));
    expect(await fetchStatus(`${base}link.csv${token}`)).toBe(404);
    expect(await fetchStatus(`${base}missing.csv${token}`)).toBe(404);
  } finally {
    await server.close();
    await handle.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
});
