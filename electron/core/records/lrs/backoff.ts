// How long the outbox waits after a failed attempt: exponential (5 s doubling up to 30 min) with
// "equal jitter" (a random point in the upper half), so many desktops that lost the same LRS do
// not all come back in the same second.
export const RETRY_BASE_MS = 5_000;
export const RETRY_MAX_MS = 30 * 60_000;

/** Delay before the next attempt after `failures` consecutive failures (1 = the first failure). */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
