// IPC channel naming, kept free of zod so the sandboxed preload bundle stays small: it imports
// this module and only types from contract.ts. contract.ts re-exports channelFor.
import type { MethodName } from './contract';

/** IPC channel for a method; the only channel naming rule in the app. */
export const channelFor = (m: MethodName): string => `steward:${m}`;
