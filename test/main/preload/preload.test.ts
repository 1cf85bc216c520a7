// The page gets window.steward and nothing else: one named function per contract method (named by
// the switch main passes, see core/contract/channels.ts), each invoking its own channel and
// handing back the envelope main returned.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelFor, methodsArgument } from '../../../electron/core/contract/channels';
import { METHOD_NAMES, type MethodName } from '../../../electron/core/contract/methods';
import type * as ElectronMock from '../electron-mock';
import { VALID_ARGS } from '../ipc-support';

let electron: typeof ElectronMock;
let api: Record<string, (...args: unknown[]) => Promise<unknown>>;

const argv = [...process.argv];

async function loadPreload(extraArgv: string[]): Promise<void> {
  vi.resetModules();
  process.argv.splice(0, process.argv.length, ...argv, ...extraArgv);
  electron = await import('../electron-mock');
  electron.resetElectronMock();
  electron.ipcRenderer.invoke.mockImplementation(async (channel: string) => ({
    ok: true,
    value: `from ${channel}`,
  }));
  await import('../../../electron/preload/index');
  api = electron.contextBridge.exposed.steward as typeof api;
  process.argv.splice(0, process.argv.length, ...argv);
}

beforeEach(async () => {
  await loadPreload([methodsArgument(METHOD_NAMES)]);
});

const NO_ARGS = METHOD_NAMES.filter((m) => Object.keys(VALID_ARGS[m]).length === 0);
const WITH_ARGS = METHOD_NAMES.filter((m) => Object.keys(VALID_ARGS[m]).length > 0);

describe('preload', () => {
  it('exposes exactly one key, "steward", once', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('steward', expect.any(Object));
    expect(Object.keys(electron.contextBridge.exposed)).toStrictEqual(['steward']);
  });

  it('exposes a frozen object', () => {
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes exactly the contract methods, each a function', () => {
    expect(Object.keys(api).sort()).toStrictEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof api[name]).toBe('function');
  });

  it('exposes no ipcRenderer, no generic invoke/send/on', () => {
    for (const key of ['ipcRenderer', 'invoke', 'send', 'on', 'call', 'request', 'channelFor']) {
      expect(api).not.toHaveProperty(key);
    }
    for (const value of Object.values(api)) expect(value).not.toBe(electron.ipcRenderer.invoke);
  });

  it.each(WITH_ARGS)(
    '%s invokes its own channel with the argument and returns the envelope',
    async (method) => {
      const result = await api[method]!(VALID_ARGS[method as MethodName]);
      expect(result).toStrictEqual({ ok: true, value: `from ${channelFor(method)}` });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(
        channelFor(method),
        VALID_ARGS[method],
      );
    },
  );

  it.each(NO_ARGS)('%s invokes its own channel (main refuses anything the page adds)', async (method) => {
    const result = await api[method]!();
    expect(result).toStrictEqual({ ok: true, value: `from ${channelFor(method)}` });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channelFor(method), undefined);
  });

  it('exposes nothing callable when main passed no method names (fails closed)', async () => {
    await loadPreload([]);
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('steward', {});
  });

  it('ignores a switch entry that is not a method name', async () => {
    await loadPreload(['--steward-methods=getAppInfo,--inspect,constructor x,__proto__']);
    expect(Object.keys(api)).toStrictEqual(['getAppInfo']);
  });

  it('passes a refusal envelope through unchanged', async () => {
    const refusal = {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'createProfile: email: Email must look like name@example.com',
      },
    };
    electron.ipcRenderer.invoke.mockResolvedValueOnce(refusal);
    await expect(api.createProfile!({ name: 'A', email: 'x', team: 'T' })).resolves.toStrictEqual(refusal);
  });

  it('turns a broken channel into an INTERNAL envelope instead of a rejected promise', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("No handler registered for 'steward:getAppInfo'"),
    );
    await expect(api.getAppInfo!()).resolves.toStrictEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('getAppInfo') },
    });
  });

  it('imports neither zod nor the contract table at run time, so a new method needs no edit here', () => {
    const source = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../../electron/preload/index.ts'),
      'utf8',
    );
    expect(source).not.toMatch(/from ['"]zod['"]/);
    expect(source).not.toMatch(/^import (?!type)[^;]*from '\.\.\/core\/contract\/methods'/m);
    expect(source).not.toMatch(/METHOD_NAMES/);
  });
});
