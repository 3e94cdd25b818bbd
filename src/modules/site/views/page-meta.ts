import { textDirection } from '../../../i18n/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import type { AlternateView, FeedLinkView, PageMeta, PaginationView, PictureView } from './view-types.ts';

export interface MetaInput {
  kind: PageMeta['kind'];
  lang: string;
  siteUrl: string;
  siteName: string;
  title: string;
  description: string;
  /** Site-relative path of the canonical address, or an absolute URL (an article's own canonical_url). */
  canonical: string | null;
  image?: PictureView | null;
  ogType?: 'website' | 'article';
  extra?: PageMeta['og']['extra'];
  alternates?: AlternateView[];
  feeds?: FeedLinkView[];
  pagination?: PaginationView | null;
  jsonLd?: string | null;
  robots?: string | null;
}

/** Meta descriptions are read in search results: one line, cut at a word near 160 characters. */
export function metaDescription(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?—–-]+$/u, '')}…`;
}

/** Everything in `<head>` a page says about itself: title, canonical, OpenGraph, Twitter, links. */
export function pageMeta(input: MetaInput): PageMeta {
  const canonical = input.canonical === null ? null : absoluteUrl(input.siteUrl, input.canonical);
  // The home page's title already is the publication ("Ilmara: independent news…"): no suffix.
  const title =
    input.kind === 'home' || input.title === input.siteName
      ? input.title
      : `${input.title} — ${input.siteName}`;
  const description = metaDescription(input.description);
  const image = input.image
    ? {
        url: absoluteUrl(input.siteUrl, input.image.src),
        width: input.image.width,
        height: input.image.height,
        alt: input.image.alt,
      }
    : null;
  const pagination = input.pagination ?? null;
  return {
    kind: input.kind,
    lang: input.lang,
    dir: textDirection(input.lang),
    title,
    description,
    canonical,
    robots: input.robots ?? null,
    og: {
      type: input.ogType ?? 'website',
      title: input.title,
      description,
      url: canonical,
      locale: input.lang.replace('-', '_'),
      image,
      extra: input.extra ?? [],
    },
    twitterCard: image ? 'summary_large_image' : 'summary',
    alternates: (input.alternates ?? []).map((a) => ({ ...a, url: absoluteUrl(input.siteUrl, a.url) })),
    feeds: input.feeds ?? [],
    prev: pagination?.prev ?? null,
    next: pagination?.next ?? null,
    jsonLd: input.jsonLd ?? null,
  };
}
