// Photos: local disk storage, decoding in a child process, remote fetches through the safe fetch.
import { join } from 'node:path';
import { createSafeFetch, refusedAddresses } from '../adapters/http-fetch/index.ts';
import { LocalDiskStorage, type MediaStorage } from '../adapters/storage/index.ts';
import type { Config } from '../config/config.schema.ts';
import type { ArticleService, MediaLookup } from '../modules/articles/index.ts';
import {
  createImageWorker,
  createMediaService,
  toPublicMedia,
  type MediaService,
} from '../modules/media/index.ts';
import { paths } from '../modules/site/index.ts';
import type { Context } from './context.ts';

/** Where public photo URLs start. */
export const mediaBaseUrl = (config: Config) => `${config.SITE_URL}${paths.media('')}`.replace(/\/$/, '');

export function buildMedia(
  { config, dataDir, db, clock }: Context,
  deps: { articles: ArticleService; clearAll: () => void },
): { storage: MediaStorage; media: MediaService; lookupMedia: MediaLookup; close(): void } {
  const storage = new LocalDiskStorage(join(dataDir, 'media'));
  // Decodes uploads in a child process that exits when they stop, so memory returns after a burst.
  const imageWorker = createImageWorker();
  const mediaService = createMediaService({
    db,
    storage,
    ...clock,
    limits: {
      maxBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
      maxPixels: Math.round(config.MAX_IMAGE_MEGAPIXELS * 1_000_000),
    },
    imageConcurrency: config.IMAGE_CONCURRENCY,
    imageWorker,
    assertMayChange: deps.articles.assertMayChangeMedia,
    fetchRemote: createSafeFetch({
      maxBytes: config.MAX_UPLOAD_MB * 1024 * 1024,
      timeoutMs: config.REMOTE_FETCH_TIMEOUT_S * 1000,
      refuseAddress: refusedAddresses(config.REMOTE_FETCH_ALLOW_ADDRESSES),
    }),
  });
  // A caption, credit or deletion shows on every page using the photo: clear the page cache.
  const media: MediaService = {
    ...mediaService,
    async updateDetails(actor, id, details) {
      const record = await mediaService.updateDetails(actor, id, details);
      deps.clearAll();
      return record;
    },
    async delete(actor, id) {
      await mediaService.delete(actor, id);
      deps.clearAll();
    },
  };
  const baseUrl = mediaBaseUrl(config);
  const lookupMedia: MediaLookup = async (ids) => {
    const records = await media.getMany([...new Set(ids)]);
    return new Map(records.map((r) => [r.id, toPublicMedia(r, baseUrl)]));
  };
  return { storage, media, lookupMedia, close: () => imageWorker.close() };
}
