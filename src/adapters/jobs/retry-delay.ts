export interface RetryDelayOptions {
  /** Delay after the first failed attempt. Default 30 s. */
  baseMs?: number;
  /** No delay grows past this. Default 1 hour. */
  maxMs?: number;
  /** Spread each delay by up to ±this fraction, so jobs that failed together do not retry together. */
  jitter?: number;
  /** Source of randomness in [0, 1); injected by tests. */
  random?: () => number;
}

/**
 * How long to wait before attempt `failedAttempts + 1`, after `failedAttempts` failures:
 * doubling from `baseMs` (30 s, 1 min, 2 min, ...) up to `maxMs`, with jitter. With the defaults
 * and 10 attempts a job keeps trying for about four hours, long enough to ride out a mail
 * server or payment provider outage.
 */
export function retryDelayMs(failedAttempts: number, options: RetryDelayOptions = {}): number {
  const { baseMs = 30_000, maxMs = 3_600_000, jitter = 0.1, random = Math.random } = options;
  const exponent = Math.max(0, Math.floor(failedAttempts) - 1);
  const delay = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 52));
  const spread = delay * jitter * (2 * random() - 1);
  return Math.max(0, Math.round(delay + spread));
}
