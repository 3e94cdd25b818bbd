import { z } from 'zod';
import type { MediaRecord, MediaVariant } from './media.types.ts';
import type { VariantFormat } from './variant-plan.ts';

/**
 * What pages, feeds and the APIs show of an image: variants only, never the original's key.
 * Declared once as a schema: the APIs build their answers through it and describe it with it.
 */
export const publicMediaSchema = z.object({
  id: z.string(),
  /** The largest fallback (JPEG or PNG) variant: what `<img src>` points at. */
  url: z.string(),
  /** Of the image at `url`. */
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  caption: z.string(),
  credit: z.string(),
  alt: z.string(),
  /** Narrowest first. */
  variants: z.array(
    z.object({
      url: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      format: z.enum(['webp', 'jpeg', 'png']),
    }),
  ),
  /** Ready for `<source type="image/webp" srcset>` and `<img srcset>`. */
  srcset: z.object({ webp: z.string(), fallback: z.string() }),
});

export type PublicMedia = z.output<typeof publicMediaSchema>;

const VARIANT_MIME: Record<VariantFormat, string> = {
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/**
 * The public shape of a media record. `mediaBaseUrl` is where `GET /media/*` is reachable,
 * e.g. "https://news.example/media" or "/media" (a mirror may use its own).
 */
export function toPublicMedia(record: MediaRecord, mediaBaseUrl: string): PublicMedia {
  const base = mediaBaseUrl.replace(/\/+$/, '');
  const urlOf = (variant: MediaVariant) => `${base}/${variant.key}`;
  const sorted = [...record.variants].sort((a, b) => a.width - b.width);
  const webp = sorted.filter((v) => v.format === 'webp');
  const fallback = sorted.filter((v) => v.format !== 'webp');
  const main = largestVariant(record);
  const srcset = (variants: MediaVariant[]) => variants.map((v) => `${urlOf(v)} ${v.width}w`).join(', ');
  return {
    id: record.id,
    url: urlOf(main),
    width: main.width,
    height: main.height,
    mime: VARIANT_MIME[main.format],
    caption: record.caption,
    credit: record.credit,
    alt: record.alt,
    variants: sorted.map((v) => ({ url: urlOf(v), width: v.width, height: v.height, format: v.format })),
    srcset: { webp: srcset(webp), fallback: srcset(fallback) },
  };
}

/** The largest fallback (JPEG or PNG) variant, which every browser shows: `<img src>`. */
export function largestVariant(record: MediaRecord): MediaVariant {
  const sorted = [...record.variants].sort((a, b) => a.width - b.width);
  const main = sorted.filter((v) => v.format !== 'webp').at(-1) ?? sorted.at(-1);
  if (!main) throw new Error(`media ${record.id} has no variants`);
  return main;
}
