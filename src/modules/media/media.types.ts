import { z } from 'zod';
import { multiLine } from '../../lib/text-schemas.ts';
import type { VariantFormat } from './variant-plan.ts';

/** One resized copy of an image, as stored. */
export interface MediaVariant {
  key: string;
  width: number;
  height: number;
  format: VariantFormat;
  bytes: number;
}

/** An uploaded image as the newsroom side sees it. */
export interface MediaRecord {
  id: string;
  /** Of the stored (cleaned) original. */
  mime: string;
  width: number;
  height: number;
  bytes: number;
  originalKey: string;
  /** Narrowest first; each width as WebP and as the fallback format. */
  variants: MediaVariant[];
  caption: string;
  credit: string;
  alt: string;
  createdAt: string;
}

export const variantsSchema = z.array(
  z.object({
    key: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    format: z.enum(['webp', 'jpeg', 'png']),
    bytes: z.number().int().nonnegative(),
  }),
);

/** Caption, credit ("Photographer / Agency") and alt text; every field optional. */
export const mediaDetailsSchema = z.strictObject({
  caption: multiLine(1000).trim().optional(),
  credit: multiLine(300).trim().optional(),
  alt: multiLine(1000).trim().optional(),
});
export type MediaDetails = z.infer<typeof mediaDetailsSchema>;

export const uploadMediaSchema = mediaDetailsSchema.extend({
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'must be the file contents' }),
  /** Accepted for the caller's convenience, never trusted for the type and never stored:
   * camera file names can identify a device or a person. */
  filename: z.string().max(1000).optional(),
});
export type UploadMediaInput = z.input<typeof uploadMediaSchema>;

/** A page of the library; the Admin API's route bounds both (limit 1 to 100). */
export interface ListMediaOptions {
  limit?: number;
  offset?: number;
}

export interface MediaPage {
  items: MediaRecord[];
  total: number;
}
