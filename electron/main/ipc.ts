// The one place ipcMain is used. registerContract() registers every contract method by iterating
// the table (no per-method code anywhere in main); each call is checked for its sender (the app's own top frame, nothing else) and then handed to the
// shared dispatch in core, so argument validation and error mapping live in one place for every
// transport. A handler never throws: the page always gets a { ok, ... } envelope back.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { channelFor } from '../core/contract/channels';
import { METHOD_NAMES, type MethodName, type Services } from '../core/contract/methods';
import { createDispatch, isMethodName } from '../core/dispatch';
import type { CallResult } from '../core/errors';
import { isTrustedUrl } from './origin';

export type Handle = <M extends MethodName>(method: M, fn: Services[M]) => void;

export interface IpcRegistry {
  handle: Handle;
  /** Contract methods registered so far, in registration order. */
  registered(): MethodName[];
  /** Throws, naming them, when some contract methods have no handler. */
  assertComplete(): void;
  /** Removes every handler this registry added. */
  dispose(): void;
}

export interface IpcRegistryOptions {
  origins: readonly string[];
  logError?: (where: string, error: unknown) => void;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Why a call must be refused, or null when it comes from the app's own top-level frame. */
export function senderRefusal(event: SenderEvent, origins: readonly string[]): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null || frame !== event.sender?.mainFrame)
    return 'calls are accepted only from the top frame';
  if (!isTrustedUrl(frame.url, origins)) return 'the calling page is not part of Steward';
  return null;
}

export function createIpcRegistry({ origins, logError }: IpcRegistryOptions): IpcRegistry {
  const table: Partial<Record<MethodName, (args: never) => Promise<unknown>>> = {};
  // Dispatch reads the table at call time, so methods may be registered in any order.
  const dispatch = createDispatch(table as Services, { logError: (m, e) => logError?.(`ipc:${m}`, e) });
  const order: MethodName[] = [];

  const handle: Handle = (method, fn) => {
    if (!isMethodName(method)) throw new Error(`"${String(method)}" is not a method of the IPC contract.`);
    if (table[method]) throw new Error(`The IPC method "${method}" is already registered.`);
    if (typeof fn !== 'function') throw new Error(`The IPC method "${method}" needs a function.`);
    table[method] = fn as (args: never) => Promise<unknown>;
    order.push(method);
    ipcMain.handle(
      channelFor(method),
      async (event: IpcMainInvokeEvent, args: unknown): Promise<CallResult<unknown>> => {
        try {
          const refusal = senderRefusal(event, origins);
          if (refusal !== null) {
            return {
              ok: false,
              error: { code: 'FORBIDDEN_SENDER', message: `${method} refused: ${refusal}.` },
            };
          }
          return await dispatch(method, args);
        } catch (error) {
          logError?.(`ipc:${method}`, error);
          return {
            ok: false,
            error: {
              code: 'INTERNAL',
              message: `${method} failed unexpectedly. Details were written to the app log.`,
            },
          };
        }
      },
    );
  };

  return {
    handle,
    registered: () => [...order],
    assertComplete() {
      const missing = METHOD_NAMES.filter((m) => !table[m]);
      if (missing.length > 0) throw new Error(`No IPC handler registered for: ${missing.join(', ')}.`);
    },
    dispose() {
      for (const method of order) ipcMain.removeHandler(channelFor(method));
      order.length = 0;
      for (const key of Object.keys(table) as MethodName[]) delete table[key];
    },
  };
}

/**
 * Registers every method of the contract onto the services, in one loop: a method added to the
 * contract is served as soon as core implements it. A feature module exists in main only where a
 * capability has real shell logic (dialogs, printing), and it reaches core as a host capability.
 */
export function registerContract(ipc: IpcRegistry, services: Services): void {
  for (const method of METHOD_NAMES) {
    const fn = services[method] as (args: never) => Promise<unknown>;
    if (typeof fn !== 'function') throw new Error(`Core has no service for the IPC method "${method}".`);
    ipc.handle(method, ((args: never) => fn(args)) as never);
  }
  ipc.assertComplete();
}
