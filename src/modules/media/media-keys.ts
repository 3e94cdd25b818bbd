import { IMAGE_EXTENSION, type ImageType } from './sniff-image-type.ts';
import type { VariantFormat } from './variant-plan.ts';

// Storage keys: "YYYY/MM/<id>/original.jpg" and "YYYY/MM/<id>/w800.webp". The id makes every
// key (and so every public URL) unique to one upload, which is what lets media be served as
// immutable; the year and month keep directories small and backups easy to split.

export function mediaKeyPrefix(id: string, createdAt: Date): string {
  const year = createdAt.getUTCFullYear().toString().padStart(4, '0');
  const month = (createdAt.getUTCMonth() + 1).toString().padStart(2, '0');
  return `${year}/${month}/${id}`;
}

export function originalKey(prefix: string, type: ImageType): string {
  return `${prefix}/original.${IMAGE_EXTENSION[type]}`;
}

export function variantKey(prefix: string, width: number, format: VariantFormat): string {
  return `${prefix}/w${width}.${format === 'jpeg' ? 'jpg' : format}`;
}

const ORIGINAL_KEY = /^\d{4}\/\d{2}\/([^/]+)\/original\.[a-z0-9]+$/;

/** The upload id an original's key names, or undefined when `key` is not an original's. */
export function idOfOriginalKey(key: string): string | undefined {
  return ORIGINAL_KEY.exec(key)?.[1];
}
