import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, createClient } from '../../renderer/api';
import type { StewardBridge } from '../../electron/core/contract/methods';
import { createFakeBridge, makeProfile } from './fakeBridge';

describe('createClient', () => {
  it('resolves with the value of an ok envelope and passes the argument through', async () => {
    const bridge = createFakeBridge({ profiles: [makeProfile({ name: 'Grace Hopper' })] });
    const client = createClient(bridge);
    const profile = await client.getCurrentProfile();
    expect(profile?.name).toBe('Grace Hopper');
    const settings = await client.setWorkspace({ dir: '/shared/steward' });
    expect(settings.workspaceDir).toBe('/shared/steward');
    expect(bridge.callsTo('setWorkspace')).toEqual([{ dir: '/shared/steward' }]);
  });

  it('calls a method without arguments when the client was given none', async () => {
    const getAppInfo = vi.fn(async () => ({ ok: true as const, value: 'info' }));
    const client = createClient({ getAppInfo } as unknown as StewardBridge);
    await client.getAppInfo();
    expect(getAppInfo).toHaveBeenCalledWith();
  });

  it('throws an ApiError carrying the code and message of an error envelope', async () => {
    const bridge = createFakeBridge({
      failures: {
        setWorkspace: { code: 'WORKSPACE_NOT_WRITABLE', message: 'Steward cannot write to /mnt/x.' },
      },
    });
    const client = createClient(bridge);
    const error = await client.setWorkspace({ dir: '/mnt/x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ApiError).code).toBe('WORKSPACE_NOT_WRITABLE');
    expect((error as ApiError).message).toBe('Steward cannot write to /mnt/x.');
    expect((error as ApiError).method).toBe('setWorkspace');
    expect((error as ApiError).toPayload()).toEqual({
      code: 'WORKSPACE_NOT_WRITABLE',
      message: 'Steward cannot write to /mnt/x.',
    });
  });

  it('treats a reply that is not an envelope as an internal error', async () => {
    const client = createClient({
      getSettings: async () => ({ workspaceDir: '/x' }),
    } as unknown as StewardBridge);
    await expect(client.getSettings()).rejects.toMatchObject({ name: 'ApiError', code: 'INTERNAL' });
  });

  it('turns a failing bridge (a dropped connection) into an ApiError', async () => {
    const client = createClient({
      getSettings: async () => {
        throw new Error('socket closed');
      },
    } as unknown as StewardBridge);
    await expect(client.getSettings()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('socket closed'),
    });
  });

  it('reports a method the bridge does not have', async () => {
    const client = createClient({} as StewardBridge);
    await expect(client.getAppInfo()).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('is not mistaken for a promise', async () => {
    const client = createClient(createFakeBridge());
    expect(await Promise.resolve(client)).toBe(client);
  });
});

describe('api()', () => {
  it('says what is missing when there is no window.steward', () => {
    expect(() => api()).toThrow(/needs the desktop app or `npm run preview`/);
  });

  it('uses whichever bridge window.steward holds now', async () => {
    window.steward = createFakeBridge({ appInfo: { version: '1.2.3' } });
    expect((await api().getAppInfo()).version).toBe('1.2.3');
    window.steward = createFakeBridge({ appInfo: { version: '2.0.0' } });
    expect((await api().getAppInfo()).version).toBe('2.0.0');
  });
});
