// Every contract method is registered by exactly one feature. A method added to the contract
// fails here (and at start-up) until some feature registers it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type MethodName, type Services } from '../../../electron/core/contract';
import { FEATURES, registerFeatures } from '../../../electron/main/features';
import { registerAppFeature } from '../../../electron/main/features/app';
import { registerProfilesFeature } from '../../../electron/main/features/profiles';
import { registerWorkspaceFeature } from '../../../electron/main/features/workspace';
import type { Handle, IpcRegistry } from '../../../electron/main/ipc';
import { resetElectronMock } from '../electron-mock';
import { VALID_ARGS } from '../ipc-support';

function recordingHandle() {
  const seen: MethodName[] = [];
  const fns = new Map<MethodName, (args: unknown) => Promise<unknown>>();
  const handle: Handle = (method, fn) => {
    seen.push(method);
    fns.set(method, fn as (args: unknown) => Promise<unknown>);
  };
  return { seen, fns, handle };
}

function fakeServices(): Services {
  const table = {} as Record<MethodName, unknown>;
  for (const m of METHOD_NAMES) table[m] = vi.fn(async () => `result of ${m}`);
  return table as Services;
}

describe('features', () => {
  beforeEach(() => resetElectronMock());

  it('register every contract method exactly once between them', () => {
    const { seen, handle } = recordingHandle();
    for (const register of FEATURES) register(handle, fakeServices());
    expect([...seen].sort()).toStrictEqual([...METHOD_NAMES].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['app', registerAppFeature, ['getAppInfo', 'openExternalLink']],
    [
      'profiles',
      registerProfilesFeature,
      ['listProfiles', 'getCurrentProfile', 'createProfile', 'switchProfile'],
    ],
    [
      'workspace',
      registerWorkspaceFeature,
      ['getSettings', 'setWorkspace', 'pickWorkspaceFolder', 'getWorkspaceStatus', 'verifyWorkspace'],
    ],
  ] as const)('%s registers its own methods', (_name, register, methods) => {
    const { seen, handle } = recordingHandle();
    register(handle, fakeServices());
    expect(seen).toStrictEqual(methods);
  });

  it('each registered function calls the matching service with the argument it got', async () => {
    const { fns, handle } = recordingHandle();
    const services = fakeServices();
    for (const register of FEATURES) register(handle, services);
    for (const method of METHOD_NAMES) {
      await expect(fns.get(method)!(VALID_ARGS[method])).resolves.toBe(`result of ${method}`);
      expect(services[method]).toHaveBeenCalledExactlyOnceWith(VALID_ARGS[method]);
    }
  });

  it('registerFeatures fails when a contract method is left unregistered', () => {
    const registered: MethodName[] = [];
    const registry: IpcRegistry = {
      handle: (method) => {
        if (method !== 'verifyWorkspace') registered.push(method);
      },
      registered: () => registered,
      assertComplete: () => {
        const missing = METHOD_NAMES.filter((m) => !registered.includes(m));
        if (missing.length) throw new Error(`No IPC handler registered for: ${missing.join(', ')}.`);
      },
      dispose: () => undefined,
    };
    expect(() => registerFeatures(registry, fakeServices())).toThrow(/verifyWorkspace/);
  });
});
