export { createMediaService, type MediaService } from './media-service.ts';
export { mediaFilesRoute } from './media-files-route.ts';
export { createImageWorker } from './image-worker.ts';
export { publicMediaSchema, toPublicMedia, type PublicMedia } from './public-media.ts';
export { DEFAULT_MEDIA_LIMITS } from './media-limits.ts';
export { planVariants } from './variant-plan.ts';
export { originalKey } from './media-keys.ts';
export { mediaDetailsSchema } from './media.types.ts';
export type {
  ListMediaOptions,
  MediaDetails,
  MediaPage,
  MediaRecord,
  MediaVariant,
  UploadMediaInput,
} from './media.types.ts';
export type { RemoteImportRefusal, RemoteImportResult } from './import-media-from-url.ts';
