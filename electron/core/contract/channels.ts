// IPC channel naming and how main tells the sandboxed preload which methods exist: zod-free and
// importing nothing, so the preload bundle stays one small file and the contract has no circle.

/** IPC channel for a method; the only channel naming rule in the app. */
export const channelFor = (method: string): string => `steward:${method}`;

const METHODS_ARG = '--steward-methods=';
const METHOD_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * The command-line switch main gives the page's process (webPreferences.additionalArguments) so
 * the preload can expose one function per contract method without importing the contract.
 */
export function methodsArgument(methods: readonly string[]): string {
  for (const m of methods) if (!METHOD_NAME.test(m)) throw new Error(`"${m}" is not a method name.`);
  return `${METHODS_ARG}${methods.join(',')}`;
}

/** The method names main passed, read back from the process's arguments (empty when absent). */
export function methodsFromArgv(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(METHODS_ARG));
  if (!arg) return [];
  return arg
    .slice(METHODS_ARG.length)
    .split(',')
    .filter((m) => METHOD_NAME.test(m));
}
