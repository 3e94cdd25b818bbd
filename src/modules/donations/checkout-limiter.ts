// Card testers try many small checkouts from one network or for one address. Limits per address
// range (IPv4 /24, IPv6 /48) and per e-mail address, in fixed windows, per process.

export interface CheckoutLimiter {
  /** Counts one attempt for each key; false when any of them is over its limit. */
  allow(keys: { range?: string; email?: string }): boolean | Promise<boolean>;
}

export interface LimiterOptions {
  perRange: number;
  perEmail: number;
  windowMs: number;
  now?: () => number;
}

/**
 * The limits shared by every process: counters in the database (modules/rate-limits), keyed by a
 * hash of the range or address, never the address itself.
 */
export function sharedCheckoutLimiter(
  hit: (
    policy: { name: string; limit: number; windowMs: number },
    subject: string,
  ) => Promise<{ allowed: boolean }>,
  options: Omit<LimiterOptions, 'now'>,
): CheckoutLimiter {
  const range = { name: 'donation-checkout-range', limit: options.perRange, windowMs: options.windowMs };
  const email = { name: 'donation-checkout-email', limit: options.perEmail, windowMs: options.windowMs };
  return {
    async allow(keys) {
      const a = keys.range ? (await hit(range, keys.range)).allowed : true;
      const b = keys.email ? (await hit(email, keys.email)).allowed : true;
      return a && b;
    },
  };
}

export function createCheckoutLimiter(options: LimiterOptions): CheckoutLimiter {
  const now = options.now ?? Date.now;
  const counts = new Map<string, { start: number; n: number }>();
  function hit(key: string, limit: number): boolean {
    const t = now();
    const entry = counts.get(key);
    if (!entry || t - entry.start >= options.windowMs) {
      if (counts.size > 100_000) counts.clear();
      counts.set(key, { start: t, n: 1 });
      return true;
    }
    entry.n += 1;
    return entry.n <= limit;
  }
  return {
    allow({ range, email }) {
      const a = range ? hit(`r:${range}`, options.perRange) : true;
      const b = email ? hit(`e:${email}`, options.perEmail) : true;
      return a && b;
    },
  };
}
