import { z } from 'zod';
import { APPEAL_EVENTS } from './appeal-service.ts';
import { variantIdSchema } from './appeal-settings.ts';

// The browser's anonymous counts: {variant, event}, sent by sendBeacon (text/plain) or as JSON.

export const appealEventSchema = z
  .object({ variant: variantIdSchema, event: z.enum(APPEAL_EVENTS) })
  .strict();

/**
 * A coarse limit on counts, so one script cannot inflate a variant: at most `perWindow` events
 * per address range per window, in memory only (never stored, never logged; forgotten when the
 * window turns). Ranges: IPv4 /24, IPv6 /48.
 */
export class EventThrottle {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly perWindow = 60,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  static range(ip: string): string {
    const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
    if (v4) return v4[1]!;
    return ip.split(':').slice(0, 3).join(':');
  }

  /** True when this event may be counted. */
  allow(ip: string): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.counts.clear();
    }
    const key = EventThrottle.range(ip);
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n <= this.perWindow;
  }
}
