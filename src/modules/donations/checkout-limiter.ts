import { isIPv4 } from 'node:net';

// Card testers try many small checkouts from one network or for one address. Limits per address
// range (IPv4 /24, IPv6 /48) and per e-mail address, in fixed windows, per process.

export interface CheckoutLimiter {
  /** Counts one attempt for each key; false when any of them is over its limit. */
  allow(keys: { range?: string; email?: string }): boolean;
}

export interface LimiterOptions {
  perRange: number;
  perEmail: number;
  windowMs: number;
  now?: () => number;
}

/** The range an address belongs to, as the limit counts it. */
export function addressRange(address: string): string {
  const a = address.replace(/^::ffff:/, '');
  if (isIPv4(a)) return `${a.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = a.split('::')[0]!.split(':');
  return `${groups.slice(0, 3).join(':')}::/48`;
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
