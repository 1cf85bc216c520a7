import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, createClient } from '../../renderer/api';
import type { StewardBridge } from '../../electron/core/contract/methods';
import { addPerson } from './support/people';
import { freshCore } from './support/realBridge';

describe('createClient', () => {
  it('resolves with the value of an ok envelope and passes the argument through', async () => {
    const core = await freshCore();
    await addPerson(core, 'grace');
    const client = createClient(core.bridge);
    const profile = await client.getCurrentProfile();
    expect(profile?.name).toBe('Grace Hopper');
    const shared = core.disk.path('shared', 'steward');
    const settings = await client.setWorkspace({ dir: shared });
    expect(settings.workspaceDir).toBe(shared);
    expect(core.bridge.callsTo('setWorkspace')).toEqual([{ dir: shared }]);
  });

  it('calls a method without arguments when the client was given none', async () => {
    const getAppInfo = vi.fn(async () => ({ ok: true as const, value: 'info' }));
    const client = createClient({ getAppInfo } as unknown as StewardBridge);
    await client.getAppInfo();
    expect(getAppInfo).toHaveBeenCalledWith();
  });

  it('throws an ApiError carrying the code, message and reasons of an error envelope', async () => {
    const core = await freshCore();
    const dir = core.disk.pathThroughAFile();
    const client = createClient(core.bridge);
    const error = await client.setWorkspace({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ApiError).code).toBe('WORKSPACE_NOT_WRITABLE');
    expect((error as ApiError).message).toBe(`Steward cannot write to ${dir}: not a folder.`);
    expect((error as ApiError).method).toBe('setWorkspace');
    const reasons = [
      { code: 'workspace.notWritable', params: { dir, why: { code: 'fs.notAFolder', params: {} } } },
    ];
    expect((error as ApiError).reasons).toEqual(reasons);
    expect((error as ApiError).toPayload()).toEqual({
      code: 'WORKSPACE_NOT_WRITABLE',
      message: `Steward cannot write to ${dir}: not a folder.`,
      reasons,
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
    const client = createClient((await freshCore()).bridge);
    expect(await Promise.resolve(client)).toBe(client);
  });
});

describe('api()', () => {
  it('says what is missing when there is no window.steward', () => {
    expect(() => api()).toThrow(/needs the desktop app or `npm run preview`/);
  });

  it('uses whichever bridge window.steward holds now', async () => {
    const [first, second] = [await freshCore(), await freshCore()];
    await addPerson(first, 'ada');
    await addPerson(second, 'grace');
    window.steward = first.bridge;
    expect((await api().getCurrentProfile())?.name).toBe('Ada Lovelace');
    window.steward = second.bridge;
    expect((await api().getCurrentProfile())?.name).toBe('Grace Hopper');
  });
});
