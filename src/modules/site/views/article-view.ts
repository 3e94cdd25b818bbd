import type { Article } from '../../articles/index.ts';
import type { PublicMedia } from '../../media/index.ts';
import { languageName, quoteText, translate } from '../../../i18n/index.ts';
import { renderArticleParts, type ArticleParts } from '../rendered-parts/article-parts.ts';
import { paths as defaultPaths, type SitePaths } from '../urls.ts';
import { bylinesOf, sectionOf, SIZES, toCard, toPicture, toTimeView } from './cards.ts';
import { newsArticleJsonLd } from './json-ld.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { pageMeta } from './page-meta.ts';
import type { CardView, LinkView, PageMeta, PictureView, TimeView } from './view-types.ts';

export interface ArticlePageInput {
  article: Article;
  /** Media of the article and of its Read more cards, with site-relative URLs. */
  media: Map<string, PublicMedia>;
  /** Published translations of the article (never the article itself). */
  translations: Array<{ language: string; slug: string; title: string }>;
  readMore: Article[];
  /**
   * The body's parts as stored when the article was saved, when they are still what would be
   * rendered now (rendered-parts-store.ts); rendered here when absent.
   */
  parts?: ArticleParts;
  /** The addresses of the article language's pages (/ru/tag/...); the default's when omitted. */
  paths?: SitePaths;
  site: {
    url: string;
    name: string;
    timeZone: string;
    defaultLanguage: string;
    /** Site-relative logo URL and size, for the publisher in JSON-LD. */
    logo: { url: string; width: number; height: number } | null;
  };
}

export interface ArticleView {
  url: string;
  lang: string;
  title: string;
  standfirst: string;
  section: LinkView | null;
  authors: LinkView[];
  published: TimeView;
  /** Shown only when the article changed well after it was published. */
  updated: TimeView | null;
  hero: PictureView | null;
  /** Rendered from the document tree with every text and attribute escaped: printed raw. */
  bodyHtml: string;
  tags: LinkView[];
  translations: Array<{ lang: string; languageName: string; title: string; url: string }>;
}

export interface ArticlePageView {
  page: PageMeta;
  article: ArticleView;
  readMore: CardView[];
}

/** An edit within this long of publication is part of publishing, not an update worth a line. */
const UPDATE_THRESHOLD_MS = 10 * 60_000;

export function articlePageView(input: ArticlePageInput): ArticlePageView {
  const { article, media, site } = input;
  const paths = input.paths ?? defaultPaths;
  const lang = article.language;
  const title = quoteText(article.title, lang);
  const publishedAt = article.publishedAt ?? article.updatedAt;
  const heroMedia = article.heroMediaId ? media.get(article.heroMediaId) : undefined;
  const hero = heroMedia ? toPicture(heroMedia, SIZES.hero, true) : null;
  const path = paths.article(article.slug);
  const section = sectionOf(article, paths);
  const authors = bylinesOf(article, lang, paths);
  const parts = input.parts ?? renderArticleParts(article, media, site.url);
  const description = article.seoDescription || article.standfirst || parts.excerpt;
  const updated =
    Date.parse(article.updatedAt) - Date.parse(publishedAt) > UPDATE_THRESHOLD_MS
      ? toTimeView(article.updatedAt, lang, site.timeZone, true)
      : null;

  const group = [{ language: lang, slug: article.slug }, ...input.translations];
  const xDefault = group.find((t) => t.language === site.defaultLanguage);
  const alternates = input.translations.length
    ? [
        ...group.map((t) => ({ hreflang: t.language, url: paths.article(t.slug) })),
        ...(xDefault ? [{ hreflang: 'x-default', url: paths.article(xDefault.slug) }] : []),
      ]
    : [];

  // The layout links the site-wide feeds; a page adds its section's and its authors'.
  const feeds = [
    ...article.tags
      .filter((t) => t.isSection)
      .map((t) => ({
        type: 'application/rss+xml',
        title: translate(lang, 'feed.tag', { name: site.name, tag: t.name }),
        url: paths.tagFeed(t.slug, 'rss'),
      })),
    ...article.authors.map((a) => ({
      type: 'application/rss+xml',
      title: translate(lang, 'feed.author', { name: site.name, author: a.name }),
      url: paths.authorFeed(a.slug, 'rss'),
    })),
  ];

  const jsonLd = newsArticleJsonLd({
    url: absoluteUrl(site.url, article.canonicalUrl ?? path),
    headline: article.title,
    description,
    language: lang,
    datePublished: publishedAt,
    dateModified: article.updatedAt,
    images: heroMedia ? [absoluteUrl(site.url, heroMedia.url)] : [],
    authors: authors.map((a) => ({ name: a.name, url: absoluteUrl(site.url, a.url) })),
    section: section?.name ?? null,
    keywords: article.tags.map((t) => t.name),
    publisher: {
      name: site.name,
      url: absoluteUrl(site.url, paths.home()),
      logo: site.logo ? { ...site.logo, url: absoluteUrl(site.url, site.logo.url) } : null,
    },
  });

  const page = pageMeta({
    kind: 'article',
    lang,
    siteUrl: site.url,
    siteName: site.name,
    title: article.seoTitle ? quoteText(article.seoTitle, lang) : title,
    description,
    canonical: article.canonicalUrl ?? path,
    image: hero,
    ogType: 'article',
    extra: [
      { property: 'article:published_time', content: publishedAt },
      { property: 'article:modified_time', content: article.updatedAt },
      ...(section ? [{ property: 'article:section', content: section.name }] : []),
      ...article.tags.filter((t) => !t.isSection).map((t) => ({ property: 'article:tag', content: t.name })),
    ],
    alternates,
    feeds,
    jsonLd,
  });

  return {
    page,
    article: {
      url: path,
      lang,
      title,
      standfirst: quoteText(article.standfirst, lang),
      section,
      authors,
      published: toTimeView(publishedAt, lang, site.timeZone, true),
      updated,
      hero,
      bodyHtml: parts.bodyHtml,
      tags: article.tags.map((t) => ({ url: paths.tag(t.slug), name: t.name })),
      translations: input.translations.map((t) => ({
        lang: t.language,
        languageName: languageName(t.language),
        title: quoteText(t.title, t.language),
        url: paths.article(t.slug),
      })),
    },
    readMore: input.readMore
      .filter((a) => a.id !== article.id)
      .slice(0, 4)
      .map((a) => toCard(a, media, { lang, timeZone: site.timeZone, sizes: SIZES.card, paths })),
  };
}
