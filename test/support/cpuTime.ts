// For specs that bound how long a computation takes. Wall-clock time on a busy machine counts the
// time spent waiting for a core; the CPU time the computation uses does not grow with the load.

/** Runs `fn`; returns its result and the CPU time (user + system, in ms) this process spent on it. */
export function withCpuTime<T>(fn: () => T): { result: T; cpuMs: number } {
  const before = process.cpuUsage();
  const result = fn();
  const { user, system } = process.cpuUsage(before);
  return { result, cpuMs: (user + system) / 1000 };
}
