// One way to carry a call from any transport (Electron IPC, the preview WebSocket, the e2e
// bridge) to the services: look the method up in the contract, validate the argument with its
// schema, run it, and turn any failure into { code, message }. Transports add only their own
// checks (sender frame, token, origin) in front of this.
import type { z } from 'zod';
import { contract, type MethodName, type Services } from './contract/methods';
import { StewardError, type CallResult } from './errors';

export type Dispatch = (method: string, rawArgs: unknown) => Promise<CallResult<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors are reported with their stack; the caller only sees a generic message. */
  logError?: (method: string, error: unknown) => void;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Formats a zod failure as "field: problem; field: problem" so a person can find what to fix. */
export function describeZodError(error: z.ZodError): string {
  // Clipped: a hostile argument (10,000 unknown keys, a 100 kB key) must not echo back whole.
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'argument';
      return `${clip(where, 80)}: ${clip(issue.message, 200)}`;
    })
    .join('; ');
}

export function createDispatch(services: Services, options: DispatchOptions = {}): Dispatch {
  return async (method, rawArgs) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_METHOD',
          message: `There is no method called "${String(method).slice(0, 80)}".`,
        },
      };
    }
    const args = rawArgs === undefined ? {} : rawArgs;
    // Every method takes one plain object; a Date, Map or class instance is not one, whatever
    // zod's object check would let through.
    const proto = typeof args === 'object' && args !== null ? Object.getPrototypeOf(args) : undefined;
    if (proto !== Object.prototype && proto !== null) {
      return {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `${method}: argument: expected an object` },
      };
    }
    const parsed = contract[method].args.safeParse(args);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: `${method}: ${describeZodError(parsed.error)}` },
      };
    }
    try {
      const run = services[method] as (args: unknown) => Promise<unknown>;
      const value = await run(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      if (error instanceof StewardError) return { ok: false, error: error.toPayload() };
      options.logError?.(method, error);
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: `${method} failed unexpectedly. Details were written to the app log.`,
        },
      };
    }
  };
}
