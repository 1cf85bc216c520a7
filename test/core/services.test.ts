// The service table over real temp folders: profiles, switching, workspace changes, settings
// recovery and links — the same object every transport carries calls to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/core/dispatch';
import { StewardError } from '../../electron/core/errors';
import { verifyWorkspace } from '../../electron/core/ledger';
import type { ServiceHandle, HostCapabilities } from '../../electron/core/services';
import { CONTENT_DIR } from '../support/moduleKey';
import { testServices } from '../support/services';
import { stewardWorkspace } from '../../electron/core/events';

let userDataDir: string;
let handles: ServiceHandle[] = [];

async function start(capabilities: HostCapabilities = { host: 'test' }): Promise<ServiceHandle> {
  const h = await testServices({ userDataDir, capabilities, appVersion: '1.2.3', contentDir: CONTENT_DIR });
  handles.push(h);
  return h;
}

const amara = { name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' };
const ben = { name: 'Ben Schmidt', email: 'ben@example.com', team: 'Marketing' };

beforeEach(() => {
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-services-'));
});
afterEach(async () => {
  for (const h of handles) await h.close();
  handles = [];
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

describe('profiles', () => {
  it('creates a profile: key stays local (0600), ledger and public key go to the workspace', async () => {
    const { services } = await start();
    expect(await services.getCurrentProfile({})).toBeNull();
    const p = await services.createProfile(amara);
    expect(p).toMatchObject({ name: 'Amara Okafor', email: 'amara@example.com', team: 'Data Science' });
    expect(p.id).toMatch(/^p[0-9a-f]{20}$/);
    expect(p.fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);

    const ws = path.join(userDataDir, 'workspace');
    expect(fs.existsSync(path.join(ws, 'ledgers', `${p.id}.jsonl`))).toBe(true);
    expect(fs.readFileSync(path.join(ws, 'keys', `${p.id}.pub`), 'utf8').trim().length).toBeGreaterThan(40);
    const keyFile = path.join(userDataDir, 'keys', `${p.id}.key`);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // No private key material anywhere in the workspace.
    const all = fs.readdirSync(ws, { recursive: true }).map(String);
    for (const f of all) {
      const full = path.join(ws, f);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full, 'utf8')).not.toContain('PRIVATE KEY');
    }
    expect((await verifyWorkspace(stewardWorkspace(ws), { depth: 'full' })).ok).toBe(true);
    expect(await services.getCurrentProfile({})).toEqual(p);
  });

  it('remembers the current profile across a restart and switches between local profiles', async () => {
    const first = await start();
    const a = await first.services.createProfile(amara);
    const b = await first.services.createProfile(ben);
    expect((await first.services.getCurrentProfile({}))?.id).toBe(b.id);
    await first.services.switchProfile({ profileId: a.id });
    await first.close();
    handles = [];

    const second = await start();
    expect((await second.services.getCurrentProfile({}))?.id).toBe(a.id);
    expect((await second.services.listProfiles({})).map((p) => p.name)).toEqual([
      'Amara Okafor',
      'Ben Schmidt',
    ]);
    await expect(second.services.switchProfile({ profileId: 'p00000000000000000000' })).rejects.toMatchObject(
      {
        code: 'PROFILE_NOT_FOUND',
      },
    );
  });

  it('holds the ledger lock for the current profile only', async () => {
    const { services } = await start();
    const a = await services.createProfile(amara);
    const lock = path.join(userDataDir, 'workspace', 'ledgers', `${a.id}.lock`);
    expect(fs.existsSync(lock)).toBe(true);
    const b = await services.createProfile(ben);
    expect(fs.existsSync(lock)).toBe(false);
    expect(fs.existsSync(path.join(userDataDir, 'workspace', 'ledgers', `${b.id}.lock`))).toBe(true);
  });

  it('rejects bad profile input through the dispatch, writing nothing', async () => {
    const { services } = await start();
    const dispatch = createDispatch(services);
    const r = await dispatch('createProfile', { name: ' ', email: 'nope', team: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok) {
      expect(r.error.message).toContain('name');
      expect(r.error.message).toContain('email');
    }
    expect(
      fs.readdirSync(path.join(userDataDir, 'workspace', 'ledgers')).filter((f) => f.endsWith('.jsonl')),
    ).toEqual([]);
  });
});

describe('workspace', () => {
  it('refuses a folder that is not writable, with the reason, and keeps the old one', async () => {
    const { services } = await start();
    await services.createProfile(amara);
    const file = path.join(userDataDir, 'a-file.txt');
    fs.writeFileSync(file, 'x');
    for (const dir of [file, path.join(file, 'inside')]) {
      const err = await services.setWorkspace({ dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StewardError);
      expect((err as StewardError).code).toBe('WORKSPACE_NOT_WRITABLE');
      expect((err as StewardError).message).toContain(dir);
    }
    expect((await services.getSettings({})).workspaceDir).toBe(path.join(userDataDir, 'workspace'));
    await expect(services.setWorkspace({ dir: 'relative/path' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('moves to a shared folder carrying the local ledger along, and keeps appending there', async () => {
    const { services } = await start();
    const a = await services.createProfile(amara);
    const shared = path.join(userDataDir, 'shared-drive', 'Steward');
    const view = await services.setWorkspace({ dir: shared });
    expect(view.workspaceDir).toBe(shared);
    expect(fs.existsSync(path.join(shared, 'ledgers', `${a.id}.jsonl`))).toBe(true);
    expect(fs.existsSync(path.join(shared, 'keys', `${a.id}.pub`))).toBe(true);
    expect((await services.getCurrentProfile({}))?.id).toBe(a.id);
    const status = await services.getWorkspaceStatus({});
    expect(status.readOnly).toBeNull();
    expect(status.report.ok).toBe(true);
    expect(status.report.ledgers.map((l) => l.profileId)).toEqual([a.id]);
  });

  it('says when the host has no folder picker, and uses it when it has one', async () => {
    const plain = await start();
    expect((await plain.services.getSettings({})).canPickFolder).toBe(false);
    expect(await plain.services.pickWorkspaceFolder({})).toEqual({ dir: null });
    await plain.close();
    handles = [];
    const withPicker = await start({ host: 'electron', pickFolder: async () => '/chosen' });
    expect((await withPicker.services.getSettings({})).canPickFolder).toBe(true);
    expect(await withPicker.services.pickWorkspaceFolder({})).toEqual({ dir: '/chosen' });
  });
});

describe('settings recovery', () => {
  it('moves a corrupt settings file aside, uses defaults, and tells the user', async () => {
    fs.writeFileSync(
      path.join(userDataDir, 'settings.json'),
      '{"currentProfileId": "p1234", "workspaceDir": ',
    );
    const { services } = await start();
    const info = await services.getAppInfo({});
    const notice = info.notices.find((n) => n.id === 'settings-corrupt');
    expect(notice?.level).toBe('warning');
    const aside = fs.readdirSync(userDataDir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(userDataDir, aside[0]!), 'utf8')).toContain(
      '"currentProfileId": "p1234"',
    );
    expect(notice?.message).toContain(aside[0]!);
    expect((await services.getSettings({})).workspaceDir).toBe(path.join(userDataDir, 'workspace'));
  });

  it('treats a malformed reading-progress entry as corrupt too, keeping the file aside', async () => {
    fs.writeFileSync(
      path.join(userDataDir, 'settings.json'),
      JSON.stringify({
        currentProfileId: null,
        workspaceDir: null,
        readingProgress: { 'not a key': { contentHash: 'x', section: -1 } },
      }),
    );
    const { services } = await start();
    expect((await services.getAppInfo({})).notices.map((n) => n.id)).toContain('settings-corrupt');
    expect(fs.readdirSync(userDataDir).filter((f) => f.startsWith('settings.json.corrupt-'))).toHaveLength(1);
  });

  it('treats a schema violation as corrupt too', async () => {
    fs.writeFileSync(
      path.join(userDataDir, 'settings.json'),
      JSON.stringify({ currentProfileId: 42, workspaceDir: null }),
    );
    const { services } = await start();
    expect((await services.getAppInfo({})).notices.map((n) => n.id)).toContain('settings-corrupt');
  });
});

describe('links', () => {
  it('opens only allowlisted https links, through the host', async () => {
    const opened: string[] = [];
    const { services } = await start({ host: 'electron', openExternal: async (u) => void opened.push(u) });
    expect(await services.openExternalLink({ url: 'https://gdpr-info.eu/art-5-gdpr/' })).toEqual({
      opened: true,
    });
    for (const url of [
      'javascript:alert(1)',
      'http://gdpr-info.eu/',
      'https://gdpr-info.eu.evil.example/',
      'file:///etc/passwd',
    ]) {
      const r = await services.openExternalLink({ url });
      expect(r.opened).toBe(false);
      expect(r.reason).toBeTruthy();
    }
    expect(opened).toEqual(['https://gdpr-info.eu/art-5-gdpr/']);
  });
});
