// A cap on messages handed on per second, shared by every concurrent sender of one process:
// each take() reserves the next free slot (1/rate apart) and waits for it. No burst beyond one
// slot, so a relay that counts per second never sees more than the cap.

export interface RateLimiter {
  take(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(
  perSecond: number,
  clock: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): RateLimiter {
  if (!(perSecond > 0)) return { take: async () => {} };
  const interval = 1000 / perSecond;
  let nextSlot = -Infinity;
  return {
    async take() {
      const now = clock();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval;
      if (slot > now) await sleep(slot - now);
    },
  };
}
