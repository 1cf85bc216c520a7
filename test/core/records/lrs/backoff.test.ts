// Retry delays: 5 s doubling to 30 min, jittered within the upper half of each step.
import { describe, expect, it } from 'vitest';
import { RETRY_BASE_MS, RETRY_MAX_MS, retryDelayMs } from '../../../../electron/core/records/lrs/backoff';

describe('retryDelayMs', () => {
  it('doubles from the base up to the ceiling', () => {
    const top = (n: number) => retryDelayMs(n, () => 1);
    expect(top(1)).toBe(RETRY_BASE_MS);
    expect(top(2)).toBe(2 * RETRY_BASE_MS);
    expect(top(3)).toBe(4 * RETRY_BASE_MS);
    expect(top(20)).toBe(RETRY_MAX_MS);
    expect(top(10_000)).toBe(RETRY_MAX_MS);
  });

  it('jitters between half and all of the step', () => {
    expect(retryDelayMs(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(1, () => 0.5)).toBe(RETRY_BASE_MS * 0.75);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(4)));
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(4 * RETRY_BASE_MS);
      expect(d).toBeLessThanOrEqual(8 * RETRY_BASE_MS);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
