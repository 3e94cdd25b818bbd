import { describe, expect, it } from 'vitest';
import { createImageQueue } from './image-queue.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('image queue', () => {
  it('never runs more jobs at once than its concurrency, and runs the others in order', async () => {
    const queue = createImageQueue(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let peak = 0;
    let now = 0;
    const results = gates.map((gate, i) =>
      queue.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++now);
        await gate.promise;
        now--;
        return i * 10;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([queue.running, queue.waiting]).toEqual([2, 3]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a job that fails, and passes the failure to its caller', async () => {
    const queue = createImageQueue(1);
    const failing = queue.run(async () => {
      throw new Error('corrupt image');
    });
    const next = queue.run(async () => 'next ran');
    await expect(failing).rejects.toThrow('corrupt image');
    expect(await next).toBe('next ran');
    expect(queue.running).toBe(0);
  });

  it('refuses a concurrency that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => createImageQueue(bad)).toThrow();
  });
});
