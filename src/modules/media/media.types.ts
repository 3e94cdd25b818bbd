import { z } from 'zod';
import { ValidationError } from '../../domain/errors.ts';
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

export const listMediaSchema = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).default(0),
});
export type ListMediaOptions = z.input<typeof listMediaSchema>;

export interface MediaPage {
  items: MediaRecord[];
  total: number;
}

/** Parses input from outside, turning zod's complaint into a ValidationError naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || what,
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new ValidationError(`${what}: ${first.field} ${first.message}`, issues);
}
