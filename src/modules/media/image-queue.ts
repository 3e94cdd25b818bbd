// Decoding an image takes about 4 bytes per pixel, several times over while it is resized and
// encoded: one 50-megapixel photo needs a few hundred megabytes for a few seconds. Uploads that
// all ran at once took a process to 1.4-1.8 GB for eight of them (and the allocator kept most of
// it afterwards), so images are processed a few at a time and the rest wait their turn, in order.

export interface ImageQueue {
  /** Runs `job` when fewer than the queue's concurrency are running; resolves with its result. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running and waiting now (for tests and the benchmark). */
  readonly running: number;
  readonly waiting: number;
}

export function createImageQueue(concurrency: number): ImageQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`image concurrency must be a whole number of at least 1, not ${concurrency}`);
  }
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return {
    async run(job) {
      if (running < concurrency) running++;
      // The slot passes straight from the job that finishes to the next in line.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await job();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
