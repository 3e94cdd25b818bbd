import { afterEach, describe, expect, it } from 'vitest';
import { TooLargeError, UnsupportedMediaError, ValidationError } from '../../domain/errors.ts';
import {
  cameraJpeg,
  leaksMetadata,
  photoPixels,
  pngDeclaring,
} from '../../../test/support/image-fixtures.ts';
import { createImageWorker, type ImageWorker } from './image-worker.ts';
import { DEFAULT_MEDIA_LIMITS } from './media-limits.ts';
import { processImage } from './process-image.ts';

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('image worker process', () => {
  let worker: ImageWorker | undefined;
  afterEach(() => worker?.close());

  it('processes an upload in another process, with the same result as in this one', async () => {
    worker = createImageWorker();
    const photo = await cameraJpeg(900, 600);
    const result = await worker.process(photo, DEFAULT_MEDIA_LIMITS);
    expect(worker.pid).toBeDefined();
    expect(worker.pid).not.toBe(process.pid);
    const local = await processImage(photo);
    expect(Buffer.isBuffer(result.original.data)).toBe(true);
    expect(leaksMetadata(result.original.data)).toBe(false);
    expect(result.original.data.equals(local.original.data)).toBe(true);
    expect(
      result.variants.map(({ data, ...v }) => ({
        ...v,
        same: data.equals(local.variants.find((l) => l.width === v.width && l.format === v.format)!.data),
      })),
    ).toEqual(local.variants.map(({ data: _, ...v }) => ({ ...v, same: true })));
  });

  it('passes refusals back as the domain errors they are', async () => {
    worker = createImageWorker();
    await expect(
      worker.process(Buffer.from('not an image at all'), DEFAULT_MEDIA_LIMITS),
    ).rejects.toBeInstanceOf(UnsupportedMediaError);
    await expect(
      worker.process(await pngDeclaring(100_000, 100_000), DEFAULT_MEDIA_LIMITS),
    ).rejects.toBeInstanceOf(TooLargeError);
    const jpeg = await (await photoPixels(400, 300)).jpeg().toBuffer();
    await expect(
      worker.process(jpeg.subarray(0, jpeg.length / 2), DEFAULT_MEDIA_LIMITS),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('exits when idle, so the memory a burst took goes back, and starts again for the next upload', async () => {
    worker = createImageWorker({ idleMs: 200 });
    const jpeg = await (await photoPixels(400, 300)).jpeg().toBuffer();
    await worker.process(jpeg, DEFAULT_MEDIA_LIMITS);
    const first = worker.pid;
    expect(alive(first)).toBe(true);
    await sleep(1000);
    expect(alive(first)).toBe(false);
    expect(worker.pid).toBeUndefined();
    expect((await worker.process(jpeg, DEFAULT_MEDIA_LIMITS)).variants.length).toBeGreaterThan(0);
    expect(worker.pid).not.toBe(first);
  });

  it('fails the upload it held when the worker dies (e.g. out of memory), and recovers', async () => {
    worker = createImageWorker();
    const photo = await cameraJpeg(2400, 1600);
    const job = worker.process(photo, DEFAULT_MEDIA_LIMITS);
    await sleep(50);
    process.kill(worker.pid!, 'SIGKILL');
    await expect(job).rejects.toThrow(/the image worker stopped \(SIGKILL\)/);
    const jpeg = await (await photoPixels(400, 300)).jpeg().toBuffer();
    expect((await worker.process(jpeg, DEFAULT_MEDIA_LIMITS)).original.width).toBe(400);
  });
});
