import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { Actor } from '../staff/index.ts';
import type { MediaStorage } from '../../adapters/storage/index.ts';
import type { SafeFetch } from '../../adapters/http-fetch/index.ts';
import { importMediaFromUrl, type RemoteImportResult } from './import-media-from-url.ts';
import { createImageQueue } from './image-queue.ts';
import type { ImageWorker } from './image-worker.ts';
import { resolveMediaLimits, type MediaLimits } from './media-limits.ts';
import { mediaKeyPrefix, originalKey, variantKey } from './media-keys.ts';
import { createMediaRepository } from './media-repository.ts';
import { toPublicMedia, type PublicMedia } from './public-media.ts';
import {
  uploadMediaSchema,
  type ListMediaOptions,
  type MediaDetails,
  type MediaPage,
  type MediaRecord,
  type MediaVariant,
  type UploadMediaInput,
} from './media.types.ts';

export interface MediaServiceDeps {
  db: Db;
  storage: MediaStorage;
  now?: () => Date;
  limits?: Partial<MediaLimits>;
  /**
   * Throws ForbiddenError unless `actor` may change or delete this photo; the articles module
   * decides, since what matters is which articles show it (see canChangeMediaUsedBy).
   */
  assertMayChange?: (actor: Actor, mediaId: string) => Promise<void>;
  /** Images processed at once (IMAGE_CONCURRENCY); further uploads wait in line. Default 1. */
  imageConcurrency?: number;
  /** Process images in this worker process (the server does); otherwise in this process. */
  imageWorker?: ImageWorker;
  /** Fetches images from other sites (importFromUrl); without it every import is refused. */
  fetchRemote?: SafeFetch;
}

export interface MediaService {
  /** Checks, cleans and stores an image with its variants. See processImage for refusals. */
  upload(input: UploadMediaInput): Promise<MediaRecord>;
  /**
   * Fetches an image from another site once and stores it as upload does. A refusal (private
   * address, too large, not an image, 404, too slow...) is an answer, not an error.
   */
  importFromUrl(url: string, details?: MediaDetails, signal?: AbortSignal): Promise<RemoteImportResult>;
  /** Throws NotFoundError. */
  get(id: string): Promise<MediaRecord>;
  /** The records that exist among `ids` (missing ones are simply absent). */
  getMany(ids: readonly string[]): Promise<MediaRecord[]>;
  list(options?: ListMediaOptions): Promise<MediaPage>;
  updateDetails(actor: Actor, id: string, details: MediaDetails): Promise<MediaRecord>;
  /** Removes the files, then the record. Throws NotFoundError. */
  delete(actor: Actor, id: string): Promise<void>;
  toPublicMedia(record: MediaRecord, mediaBaseUrl: string): PublicMedia;
}

interface PendingFile {
  key: string;
  data: Buffer;
  contentType: string;
}

const VARIANT_MIME = { webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png' } as const;

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { storage } = deps;
  const now = deps.now ?? (() => new Date());
  const limits = resolveMediaLimits(deps.limits);
  const repository = createMediaRepository(deps.db.kysely);
  const queue = createImageQueue(deps.imageConcurrency ?? 1);

  async function get(id: string): Promise<MediaRecord> {
    const record = await repository.findById(id);
    if (!record) throw new NotFoundError('media', id);
    return record;
  }

  async function removeFiles(keys: string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => storage.delete(key)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  // sharp (libvips) loads with the first image this process handles itself, not at start: most
  // processes (web processes serving pages) never handle one.
  async function processHere(file: Buffer) {
    const { processImage } = await import('./process-image.ts');
    return processImage(file, limits);
  }

  async function upload(input: UploadMediaInput): Promise<MediaRecord> {
    const { bytes, caption, credit, alt } = parseInput(uploadMediaSchema, input);
    const file = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const { imageWorker } = deps;
    const processed = await queue.run(() =>
      imageWorker ? imageWorker.process(file, limits) : processHere(file),
    );

    const id = randomUUID();
    const createdAt = now();
    const prefix = mediaKeyPrefix(id, createdAt);
    const original = processed.original;
    const files: PendingFile[] = [
      { key: originalKey(prefix, original.format), data: original.data, contentType: original.mime },
    ];
    const variants: MediaVariant[] = processed.variants.map((v) => {
      const key = variantKey(prefix, v.width, v.format);
      files.push({ key, data: v.data, contentType: VARIANT_MIME[v.format] });
      return { key, width: v.width, height: v.height, format: v.format, bytes: v.bytes };
    });
    const record: MediaRecord = {
      id,
      mime: original.mime,
      width: original.width,
      height: original.height,
      bytes: original.bytes,
      originalKey: files[0]!.key,
      variants,
      caption: caption ?? '',
      credit: credit ?? '',
      alt: alt ?? '',
      createdAt: createdAt.toISOString(),
    };

    // Files first, row last: a crash in between leaves unreferenced files (harmless, under a
    // fresh id) but never a row pointing at files that are not there.
    try {
      for (const file of files) await storage.put(file.key, file.data, file.contentType);
      await repository.insert(record);
    } catch (err) {
      await removeFiles(files.map((f) => f.key)).catch(() => undefined);
      throw err;
    }
    return record;
  }

  return {
    upload,

    async importFromUrl(url, details = {}, signal) {
      if (!deps.fetchRemote)
        return { ok: false, reason: 'network', detail: 'fetching from other sites is off' };
      return importMediaFromUrl(deps.fetchRemote, upload, url, details, signal);
    },

    get,

    getMany: (ids) => repository.findByIds(ids),

    // Typed input: the Admin API's route has parsed and bounded it already.
    async list({ limit = 20, offset = 0 } = {}) {
      const [items, total] = await Promise.all([repository.list(limit, offset), repository.count()]);
      return { items, total };
    },

    async updateDetails(actor, id, details) {
      // Typed input: the Admin API's route parsed it with mediaDetailsSchema (trimmed, capped).
      await deps.assertMayChange?.(actor, id);
      const record = await repository.updateDetails(id, details);
      if (!record) throw new NotFoundError('media', id);
      return record;
    },

    async delete(actor, id) {
      const record = await get(id);
      await deps.assertMayChange?.(actor, id);
      // Files first: a deleted photo must stop being served even if the process dies midway.
      // If it does, the row survives and deleting again finishes the job.
      await removeFiles([record.originalKey, ...record.variants.map((v) => v.key)]);
      await repository.delete(id);
    },

    toPublicMedia,
  };
}
