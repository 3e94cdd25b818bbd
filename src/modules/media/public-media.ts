import type { MediaRecord, MediaVariant } from './media.types.ts';
import type { VariantFormat } from './variant-plan.ts';

export interface PublicMediaVariant {
  url: string;
  width: number;
  height: number;
  format: VariantFormat;
}

/** What pages, feeds and the API show of an image: variants only, never the original's key. */
export interface PublicMedia {
  id: string;
  /** The largest fallback (JPEG or PNG) variant: what `<img src>` points at. */
  url: string;
  /** Of the image at `url`. */
  width: number;
  height: number;
  mime: string;
  caption: string;
  credit: string;
  alt: string;
  /** Narrowest first. */
  variants: PublicMediaVariant[];
  /** Ready for `<source type="image/webp" srcset>` and `<img srcset>`. */
  srcset: { webp: string; fallback: string };
}

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
