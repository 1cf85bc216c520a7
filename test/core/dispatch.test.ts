import { describe, expect, it, vi } from 'vitest';
import type { Services } from '../../electron/core/contract/methods';
import { createDispatch } from '../../electron/core/dispatch';
import { StewardError } from '../../electron/core/errors';

describe('createDispatch', () => {
  const services = {
    getSettings: vi.fn(async () => ({ workspaceDir: '/w', defaultWorkspaceDir: '/w', canPickFolder: false })),
    setWorkspace: vi.fn(async () => {
      throw new StewardError('WORKSPACE_NOT_WRITABLE', 'Steward cannot write to /x: read-only file system');
    }),
    verifyWorkspace: vi.fn(async () => {
      throw new Error('secret internal path /home/x at line 3');
    }),
  } as unknown as Services;
  const logged: string[] = [];
  const dispatch = createDispatch(services, { logError: (m) => logged.push(m) });

  it('validates, runs, and wraps the result', async () => {
    expect(await dispatch('getSettings', undefined)).toEqual({
      ok: true,
      value: { workspaceDir: '/w', defaultWorkspaceDir: '/w', canPickFolder: false },
    });
  });

  it('maps a StewardError to its code and message', async () => {
    expect(await dispatch('setWorkspace', { dir: '/x' })).toEqual({
      ok: false,
      error: { code: 'WORKSPACE_NOT_WRITABLE', message: 'Steward cannot write to /x: read-only file system' },
    });
  });

  it('hides unexpected errors behind a generic message and logs them', async () => {
    const r = await dispatch('verifyWorkspace', { depth: 'full' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('/home/x');
    expect(logged).toEqual(['verifyWorkspace']);
  });

  it('refuses unknown and inherited method names and bad arguments without calling anything', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(await dispatch('verifyWorkspace', { depth: 'deep' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('depth') },
    });
    expect(await dispatch('getSettings', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(services.getSettings).not.toHaveBeenCalled();
    expect(await dispatch('getSettings', new Date())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});
