// ipc.ts is the one door from the page to the services: it registers contract methods only, once
// each, refuses every frame but the app's own top frame, and always answers with an envelope.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelFor } from '../../electron/core/contract/channels';
import { METHOD_NAMES, type MethodName } from '../../electron/core/contract/methods';
import { StewardError } from '../../electron/core/errors';
import { createIpcRegistry, registerContract, senderRefusal } from '../../electron/main/ipc';
import { trustedOrigins } from '../../electron/main/origin';
import { ipcMain, resetElectronMock } from './electron-mock';
import {
  VALID_ARGS,
  foreignEvents,
  ledgerExists,
  ledgerWritingSpies,
  registerAll,
  trustedEvent,
  type SpyServices,
} from './ipc-support';

let dir: string;
let services: SpyServices;

beforeEach(() => {
  resetElectronMock();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-ipc-'));
  services = ledgerWritingSpies(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const call = (method: MethodName, args: unknown, event = trustedEvent()) =>
  ipcMain.invokeAs(event, channelFor(method), args);

describe('registration', () => {
  it('puts one ipcMain handler on each contract channel', () => {
    registerAll(services);
    expect(ipcMain.handle).toHaveBeenCalledTimes(METHOD_NAMES.length);
    expect([...ipcMain.handlers.keys()].sort()).toStrictEqual(METHOD_NAMES.map(channelFor).sort());
  });

  it('refuses to register a method twice', () => {
    const registry = createIpcRegistry({ origins: trustedOrigins() });
    registry.handle('getAppInfo', services.getAppInfo);
    expect(() => registry.handle('getAppInfo', services.getAppInfo)).toThrow(/already registered/);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
  });

  it.each(['nope', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'steward:getAppInfo', ''])(
    'refuses to register "%s", which is not in the contract',
    (name) => {
      const registry = createIpcRegistry({ origins: trustedOrigins() });
      expect(() => registry.handle(name as MethodName, vi.fn() as never)).toThrow(
        /not a method of the IPC contract/,
      );
      expect(ipcMain.handle).not.toHaveBeenCalled();
    },
  );

  it('refuses a handler that is not a function', () => {
    const registry = createIpcRegistry({ origins: trustedOrigins() });
    expect(() => registry.handle('getAppInfo', 'not a function' as never)).toThrow(/needs a function/);
  });

  it('assertComplete names the methods nobody registered', () => {
    const registry = createIpcRegistry({ origins: trustedOrigins() });
    registry.handle('getAppInfo', services.getAppInfo);
    expect(() => registry.assertComplete()).toThrow(/listProfiles/);
    expect(() => registry.assertComplete()).not.toThrow(/getAppInfo,/);
  });

  it('registerContract serves every method from the table and fails naming a method core lacks', async () => {
    const partial = { ...services } as Record<string, unknown>;
    delete partial.markConditionMet;
    expect(() =>
      registerContract(createIpcRegistry({ origins: trustedOrigins() }), partial as never),
    ).toThrow(/no service for the IPC method "markConditionMet"/);
    resetElectronMock();
    registerAll(services);
    for (const method of METHOD_NAMES) {
      await expect(call(method, VALID_ARGS[method])).resolves.toMatchObject({ ok: true });
      expect(services[method]).toHaveBeenCalledExactlyOnceWith(VALID_ARGS[method]);
    }
  });

  it('dispose removes every handler it added', () => {
    const registry = registerAll(services);
    registry.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(registry.registered()).toStrictEqual([]);
  });
});

describe('a call from the app', () => {
  it.each(METHOD_NAMES)('%s reaches its service with the validated argument', async (method) => {
    registerAll(services);
    const result = await call(method, VALID_ARGS[method]);
    expect(result).toStrictEqual({ ok: true, value: { method } });
    expect(services[method]).toHaveBeenCalledTimes(1);
    for (const other of METHOD_NAMES.filter((m) => m !== method))
      expect(services[other]).not.toHaveBeenCalled();
  });

  it('passes the parsed (trimmed) argument, not the raw one', async () => {
    registerAll(services);
    await call('createProfile', { name: '  Ada  ', email: ' ada@example.org ', team: 'Analytics ' });
    expect(services.createProfile).toHaveBeenCalledWith({
      name: 'Ada',
      email: 'ada@example.org',
      team: 'Analytics',
    });
  });

  it('accepts a no-argument method called with no argument', async () => {
    registerAll(services);
    expect(await call('getAppInfo', undefined)).toStrictEqual({ ok: true, value: { method: 'getAppInfo' } });
  });

  it('maps a StewardError from a service to its code and message', async () => {
    services.switchProfile.mockRejectedValueOnce(
      new StewardError('PROFILE_NOT_FOUND', 'No such profile here.'),
    );
    registerAll(services);
    expect(await call('switchProfile', VALID_ARGS.switchProfile)).toStrictEqual({
      ok: false,
      error: { code: 'PROFILE_NOT_FOUND', message: 'No such profile here.' },
    });
  });

  it('turns an unexpected error into INTERNAL without leaking its text, and logs it', async () => {
    const logError = vi.fn();
    const secret = new Error('EACCES /home/ada/.config/Steward/keys/p1.key');
    services.createProfile.mockRejectedValueOnce(secret);
    const registry = createIpcRegistry({ origins: trustedOrigins(), logError });
    registry.handle('createProfile', services.createProfile);
    const result = (await call('createProfile', VALID_ARGS.createProfile)) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toContain('EACCES');
    expect(logError).toHaveBeenCalledWith('ipc:createProfile', secret);
  });

  it('trusts the dev server origin when the registry is built with it', async () => {
    const registry = createIpcRegistry({ origins: trustedOrigins('http://localhost:5173/') });
    registry.handle('getAppInfo', services.getAppInfo);
    expect(await call('getAppInfo', undefined, trustedEvent('http://localhost:5173/'))).toMatchObject({
      ok: true,
    });
    expect(await call('getAppInfo', undefined, trustedEvent('http://localhost:5174/'))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });
});

describe('a call from anywhere else', () => {
  for (const [name, event] of foreignEvents()) {
    it(`is refused with FORBIDDEN_SENDER for ${name}, for every method`, async () => {
      registerAll(services);
      for (const method of METHOD_NAMES) {
        const result = (await call(method, VALID_ARGS[method], event)) as {
          ok: boolean;
          error: { code: string; message: string };
        };
        expect(result.ok).toBe(false);
        expect(result.error.code).toBe('FORBIDDEN_SENDER');
        expect(result.error.message).toContain(method);
        expect(services[method]).not.toHaveBeenCalled();
      }
      expect(ledgerExists(dir)).toBe(false);
    });
  }

  it('senderRefusal accepts only the app top frame', () => {
    expect(senderRefusal(trustedEvent(), trustedOrigins())).toBeNull();
    for (const [, event] of foreignEvents())
      expect(senderRefusal(event, trustedOrigins())).toEqual(expect.any(String));
  });

  it('a missing sender is refused rather than crashing the handler', async () => {
    registerAll(services);
    const result = await call('getAppInfo', undefined, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});
