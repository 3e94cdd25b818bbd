// The one way tests wait for something another process, poller or timer does. A test that sleeps a
// fixed time is either slow (the thing happened long before) or flaky (on a busy machine it had not
// happened yet); polling a condition is neither. Fixed pauses remain only where a test proves that
// something does NOT happen ("no second run"): name them with `settle`, so they are easy to find.

export interface WaitOptions {
  /** Give up after this long (default 3 s). */
  timeoutMs?: number;
  /** Time between checks (default 10 ms). */
  intervalMs?: number;
  /** Said in the error when the condition never holds: what was awaited (default: its source). */
  message?: string;
}

/**
 * Resolves with how long it took once `predicate` returns true (awaited if it is async); rejects
 * with `message` when it still does not after `timeoutMs`. An exception thrown by the predicate
 * counts as "not yet", and the last one is quoted in the timeout error.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  { timeoutMs = 3000, intervalMs = 10, message = predicate.toString() }: WaitOptions = {},
): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      if (await predicate()) return Date.now() - started;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() - started >= timeoutMs) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor: ${message} did not hold within ${timeoutMs} ms${cause}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * A fixed pause, for the one case polling cannot express: giving something time to happen that
 * must not happen (a second run, a process applying its own change). Say why at each call.
 */
export function settle(ms: number): Promise<void> {
  return sleep(ms);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
