import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { formatDate, formatDateTime, isoInTimeZone, listSeparators, quoteText } from '../../../i18n/index.ts';
import { paths, type SitePaths } from '../urls.ts';
import type { CardView, LinkView, PictureView, TimeView } from './view-types.ts';

export interface CardOptions {
  /** The page's language: cards in another language are marked as such. */
  lang: string;
  timeZone: string;
  /** The `sizes` attribute for this card's slot in the layout. */
  sizes: string;
  /** With the time of day (article pages) or the date only (listings). */
  withTime?: boolean;
  eager?: boolean;
  /** The page language's addresses (/ru/tag/...); the default language's when omitted. */
  paths?: SitePaths;
}

export function toTimeView(instant: string, lang: string, timeZone: string, withTime = false): TimeView {
  return {
    iso: isoInTimeZone(instant, timeZone),
    text: withTime ? formatDateTime(instant, lang, timeZone) : formatDate(instant, lang, timeZone),
  };
}

export function toPicture(media: PublicMedia, sizes: string, eager = false): PictureView {
  const fallback = media.srcset.fallback || `${media.url} ${media.width}w`;
  return {
    src: media.url,
    width: media.width,
    height: media.height,
    alt: media.alt,
    srcset: fallback,
    webpSrcset: media.srcset.webp,
    sizes,
    caption: media.caption,
    credit: media.credit,
    eager,
  };
}

/** The article's section: its first tag that is a navigation section. */
export function sectionOf(article: Pick<Article, 'tags'>, urls: SitePaths = paths): LinkView | null {
  const section = article.tags.find((t) => t.isSection);
  return section ? { url: urls.tag(section.slug), name: section.name } : null;
}

/** Bylines: only the public name, which for a pen name is the pen name. */
export function bylinesOf(
  article: Pick<Article, 'authors'>,
  lang: string,
  urls: SitePaths = paths,
): LinkView[] {
  const separators = listSeparators(
    article.authors.map((a) => a.name),
    lang,
  );
  return article.authors.map((a, i) => ({
    url: urls.author(a.slug),
    name: a.name,
    separator: separators[i] ?? '',
  }));
}

export function toCard(article: Article, media: Map<string, PublicMedia>, options: CardOptions): CardView {
  const hero = article.heroMediaId ? media.get(article.heroMediaId) : undefined;
  return {
    id: article.id,
    url: paths.article(article.slug),
    title: quoteText(article.title, article.language),
    standfirst: quoteText(article.standfirst, article.language),
    lang: article.language,
    foreign: article.language !== options.lang,
    section: sectionOf(article, options.paths),
    authors: bylinesOf(article, options.lang, options.paths),
    published: toTimeView(
      article.publishedAt ?? article.updatedAt,
      options.lang,
      options.timeZone,
      options.withTime,
    ),
    picture: hero ? toPicture(hero, options.sizes, options.eager) : null,
  };
}

/** `sizes` for the slots the default theme lays cards out in (a theme may ignore them). */
export const SIZES = {
  lead: '(min-width: 64em) 42rem, 100vw',
  card: '(min-width: 64em) 15rem, (min-width: 40em) 45vw, 100vw',
  thumb: '8rem',
  /** A row card's picture beside its text (site.css .card--row: 6.5rem, 12rem from 40em). */
  row: '(min-width: 40em) 12rem, 6.5rem',
  /** A row card in the home page's "more" grid, which keeps the narrow picture at every width. */
  moreRow: '6.5rem',
  hero: '(min-width: 64em) 60rem, 100vw',
} as const;
