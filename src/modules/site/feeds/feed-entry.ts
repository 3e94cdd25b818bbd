import type { Article } from '../../articles/index.ts';
import { excerpt } from '../../articles/document/index.ts';
import { renderArticleHtml, type PublicMedia } from '../../articles/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { paths, type FeedFormat } from '../urls.ts';
import { absolutizeHtml } from './absolute-urls.ts';

/** The hero picture as a feed attaches it. */
export interface FeedImage {
  url: string;
  mime: string;
  width: number;
  height: number;
  /** Size of the file at `url`; RSS enclosures require it. */
  bytes: number | null;
  caption: string;
  credit: string;
  alt: string;
}

/**
 * One article as every feed format sees it: public fields only, URLs absolute. Every string is
 * plain text except `contentHtml`; each builder escapes a field for the type its element declares
 * (feed-fields.property.test.ts checks them all against a real feed parser).
 */
export interface FeedEntry {
  /** Never changes, even when the slug does: `urn:uuid:...` for our UUIDs. */
  id: string;
  url: string;
  /** Text. */
  title: string;
  /** Text: the standfirst, else an excerpt of the body. */
  summary: string;
  /** HTML: the full article body as the site renders it, URLs absolute. */
  contentHtml: string;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
  /** Bylines as published: a pen name is the name. */
  authors: Array<{ name: string; url: string }>;
  categories: Array<{ name: string; url: string }>;
  image: FeedImage | null;
}

/** The feed as a whole: the site, one tag or section, or one author. All strings are text. */
export interface FeedChannel {
  title: string;
  /** The tag's description, the author's bio or the site's description. */
  description: string;
  language: string;
  /** The HTML page this feed follows. */
  homeUrl: string;
  /** This feed in each format, for `rel="self"` and discovery. */
  feedUrls: Record<FeedFormat, string>;
  /** Newest change among the entries; the time of rendering when there are none. */
  updatedAt: Date;
  /** The publication, the feed's author of last resort (Atom requires one). */
  publisher: { name: string; url: string };
  /**
   * The ways to reach the site when it is blocked (modules/mirrors), at the feed's level: each
   * feed names the mirrors page and every address. Absent when none is listed.
   */
  mirrors?: {
    pageUrl: string;
    listUrl: string;
    /** "If this site is blocked: <page URL>", in the feed's language. */
    title: string;
    entries: Array<{ url: string; kind: string; note: string }>;
  };
}

/** Feed readers download the hero on every refresh: a column-width copy is plenty. */
export const FEED_IMAGE_MAX_WIDTH = 1200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function stableEntryId(articleId: string, url: string): string {
  return UUID.test(articleId) ? `urn:uuid:${articleId.toLowerCase()}` : url;
}

/** The widest JPEG/PNG copy no wider than FEED_IMAGE_MAX_WIDTH (else the narrowest one). */
export function feedImageOf(hero: PublicMedia, byteSizes: ReadonlyMap<string, number>): FeedImage {
  const fallbacks = hero.variants.filter((v) => v.format !== 'webp');
  const fitting = fallbacks.filter((v) => v.width <= FEED_IMAGE_MAX_WIDTH);
  const chosen = fitting.at(-1) ?? fallbacks[0];
  const url = chosen?.url ?? hero.url;
  return {
    url,
    mime: chosen ? (chosen.format === 'png' ? 'image/png' : 'image/jpeg') : hero.mime,
    width: chosen?.width ?? hero.width,
    height: chosen?.height ?? hero.height,
    bytes: byteSizes.get(url) ?? null,
    caption: hero.caption,
    credit: hero.credit,
    alt: hero.alt,
  };
}

export interface FeedEntryContext {
  siteUrl: string;
  /** Every media item the article shows (hero and figures), as `lookupMedia` returns them. */
  media: ReadonlyMap<string, PublicMedia>;
  /** File sizes by absolute URL, for enclosures. */
  byteSizes?: ReadonlyMap<string, number>;
}

export function toFeedEntry(article: Article, ctx: FeedEntryContext): FeedEntry {
  const url = absoluteUrl(ctx.siteUrl, paths.article(article.slug));
  const hero = article.heroMediaId ? ctx.media.get(article.heroMediaId) : undefined;
  const published = new Date(article.publishedAt ?? article.updatedAt);
  return {
    id: stableEntryId(article.id, url),
    url,
    title: article.title,
    summary: article.standfirst || excerpt(article.body, 300),
    contentHtml: absolutizeHtml(renderArticleHtml(article.body, new Map(ctx.media)), url),
    language: article.language,
    publishedAt: published,
    updatedAt: new Date(Math.max(published.getTime(), Date.parse(article.updatedAt))),
    authors: article.authors.map((a) => ({
      name: a.name,
      url: absoluteUrl(ctx.siteUrl, paths.author(a.slug)),
    })),
    categories: article.tags.map((t) => ({ name: t.name, url: absoluteUrl(ctx.siteUrl, paths.tag(t.slug)) })),
    image: hero ? feedImageOf(hero, ctx.byteSizes ?? new Map()) : null,
  };
}
