// The one place ipcRenderer is used, and all the page ever gets: window.steward, one named
// function per contract method, each returning the call's envelope. No channel names, no
// generic invoke, no ipcRenderer reach the page. The method names come from main, as the one
// switch it passes this process (see core/contract/channels.ts), so a method added to the
// contract needs no edit here and the preload never imports zod. Bundled to one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { channelFor, methodsFromArgv } from '../core/contract/channels';
import type { StewardBridge } from '../core/contract/methods';
import type { CallResult } from '../core/errors';

async function invoke(method: string, args?: unknown): Promise<CallResult<unknown>> {
  try {
    return (await ipcRenderer.invoke(channelFor(method), args)) as CallResult<unknown>;
  } catch (error) {
    // Only reached if main has no handler or the channel broke; the page still gets an envelope.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `${method} could not reach Steward: ${message}` },
    };
  }
}

const api = Object.freeze(
  Object.fromEntries(
    methodsFromArgv(process.argv).map((method) => [method, (args?: unknown) => invoke(method, args)]),
  ),
) as StewardBridge;

contextBridge.exposeInMainWorld('steward', api);
