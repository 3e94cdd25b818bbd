export { createMediaService, type MediaService, type MediaServiceDeps } from './media-service.ts';
export { createMediaRepository, type MediaRepository } from './media-repository.ts';
export { mediaFilesRoute, type MediaFilesOptions } from './media-files-route.ts';
export { processImage, type EncodedImage, type ProcessedImage } from './process-image.ts';
export { createImageWorker, type ImageWorker } from './image-worker.ts';
export { toPublicMedia, type PublicMedia, type PublicMediaVariant } from './public-media.ts';
export {
  checkDimensions,
  checkUploadSize,
  DEFAULT_MEDIA_LIMITS,
  resolveMediaLimits,
  type MediaLimits,
} from './media-limits.ts';
export { planVariants, VARIANT_WIDTHS, type VariantFormat, type VariantPlan } from './variant-plan.ts';
export { IMAGE_MIME, isContainerComplete, sniffImageType, type ImageType } from './sniff-image-type.ts';
export { mediaKeyPrefix, originalKey, variantKey } from './media-keys.ts';
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
