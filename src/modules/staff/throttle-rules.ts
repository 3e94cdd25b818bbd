/**
 * Failed sign-ins counted per account and per client address. After `maxFailures` inside
 * `windowMs`, the key is locked for `lockMs`; a success clears the account's count.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};
/** An address may try more accounts (a newsroom behind one NAT), but not endlessly. */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  maxFailures: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export interface ThrottleState {
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

/** Milliseconds until the key may try again, or 0 when it may now. */
export function lockedFor(state: ThrottleState | undefined, at: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Date.parse(state.lockedUntil) - at.getTime());
}

/** The state after one more failure at `at`. */
export function afterFailure(
  state: ThrottleState | undefined,
  at: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  const now = at.getTime();
  // A new count begins when the window has passed or a lock has run out.
  const lockOver = !!state?.lockedUntil && lockedFor(state, at) === 0;
  const fresh = !state || lockOver || now - Date.parse(state.windowStartedAt) >= policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? at.toISOString() : state.windowStartedAt;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now + policy.lockMs).toISOString() : null;
  return { failures, windowStartedAt, lockedUntil };
}
