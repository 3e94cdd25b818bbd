import { isIP } from 'node:net';

/**
 * A rate limit: at most `limit` hits per key inside a fixed window of `windowMs`, counted from the
 * key's first hit. A hit over the limit is refused until the window has passed.
 */
export interface RateLimitPolicy {
  /** Names the counter family ("newsletter-signup-range"); part of every key. */
  name: string;
  limit: number;
  windowMs: number;
}

export interface CounterState {
  hits: number;
  windowStartedAt: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window restarts (0 when allowed). */
  retryAfterMs: number;
}

/** Whether the window that began at `windowStartedAt` is over at `at`. */
export function windowOver(windowStartedAt: string, at: Date, policy: RateLimitPolicy): boolean {
  return at.getTime() - Date.parse(windowStartedAt) >= policy.windowMs;
}

/** The counter after one more hit at `at` (a fresh window when the old one is over). */
export function afterHit(state: CounterState | undefined, at: Date, policy: RateLimitPolicy): CounterState {
  if (!state || windowOver(state.windowStartedAt, at, policy)) {
    return { hits: 1, windowStartedAt: at.toISOString() };
  }
  return { hits: state.hits + 1, windowStartedAt: state.windowStartedAt };
}

/** What a counter (already including this hit) means for the hit. */
export function decide(state: CounterState, at: Date, policy: RateLimitPolicy): RateLimitDecision {
  if (state.hits <= policy.limit) return { allowed: true, hits: state.hits, retryAfterMs: 0 };
  const ends = Date.parse(state.windowStartedAt) + policy.windowMs;
  return { allowed: false, hits: state.hits, retryAfterMs: Math.max(0, ends - at.getTime()) };
}

/**
 * The address range a client address belongs to, as counted: IPv4 by /24, IPv6 by /48 (what one
 * household or small provider typically holds), IPv4-mapped IPv6 as IPv4. Anything unparsable
 * counts as itself, lower-cased, so it is still limited.
 */
export function addressRange(address: string): string {
  let ip = address.trim().toLowerCase();
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) ip = mapped[1]!;
  const kind = isIP(ip);
  if (kind === 4) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  if (kind === 6) return `${expandIpv6(ip).slice(0, 3).join(':')}::/48`;
  return ip;
}

/** The eight groups of an IPv6 address, each without leading zeros. */
function expandIpv6(ip: string): string[] {
  let text = ip;
  // A trailing dotted quad (::1.2.3.4) becomes two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16).toString(16));
}
