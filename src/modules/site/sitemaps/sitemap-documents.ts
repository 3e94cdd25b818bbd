import type { Db } from '../../../db/connect.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { localized } from '../../../lib/translations.ts';
import { translationKinds, translationsIn } from '../../../lib/translation-store.ts';
import { paths, pathsIn } from '../urls.ts';
import { buildNewsSitemap, MAX_NEWS_URLS, NEWS_WINDOW_HOURS } from './build-news-sitemap.ts';
import { buildRobotsTxt } from './build-robots.ts';
import { buildSitemapIndex, buildUrlset, MAX_SITEMAP_URLS, type SitemapUrl } from './build-sitemap.ts';
import { childSitemapPath, type ChildSitemap } from './sitemap-paths.ts';
import {
  articleChunks,
  articlePage,
  latestPublication,
  listedTaxonomies,
  recentArticles,
} from './sitemap-queries.ts';

/** What the sitemap documents are made from. */
export interface SitemapSource {
  db: Db;
  siteUrl: string;
  publicationName: string;
  /** URLs per child sitemap; the protocol allows MAX_SITEMAP_URLS. */
  pageSize: number;
  now: () => Date;
  /** Languages other than the default with pages of their own (/ru/...), each in its own sitemap. */
  languages?: readonly string[];
}

const newest = (dates: Array<string | null | undefined>) =>
  dates.reduce<string | null>((max, d) => (d && (!max || d > max) ? d : max), null);

/**
 * Home, then sections, then other tags, then authors: everything but articles. Only the home page
 * carries a lastmod (its newest article); finding one per tag would read every published row.
 */
async function pageUrls(source: SitemapSource, language?: string): Promise<SitemapUrl[]> {
  const url = (path: string) => absoluteUrl(source.siteUrl, path);
  const db = source.db.kysely;
  const [{ tags, authors }, latest, tagNames, authorNames] = await Promise.all([
    listedTaxonomies(db),
    latestPublication(db),
    language ? translationsIn(db, translationKinds.tag, language) : new Map(),
    language ? translationsIn(db, translationKinds.author, language) : new Map(),
  ]);
  const urls = language ? pathsIn(`/${language}`) : paths;
  // A language's pages under its own slugs, the default one where a translation has none.
  const slugIn = (row: { id: string; slug: string }, names: Map<string, { slug: string | null }>) =>
    localized({ slug: row.slug }, names.get(row.id)).slug;
  return [
    { loc: url(urls.home()), lastmod: latest },
    ...tags.map((t) => ({ loc: url(urls.tag(slugIn(t, tagNames))) })),
    ...authors.map((a) => ({ loc: url(urls.author(slugIn(a, authorNames))) })),
  ];
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function checkedPageSize(source: SitemapSource): number {
  const size = source.pageSize;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_SITEMAP_URLS) {
    throw new RangeError(`pageSize must be between 1 and ${MAX_SITEMAP_URLS}`);
  }
  return size;
}

/** /sitemap.xml: every child sitemap, with the newest change in each. */
export async function renderSitemapIndex(source: SitemapSource): Promise<string> {
  const size = checkedPageSize(source);
  const url = (path: string) => absoluteUrl(source.siteUrl, path);
  const languages = source.languages ?? [];
  const [pages, articles, ...languagePages] = await Promise.all([
    pageUrls(source),
    articleChunks(source.db.kysely, size),
    ...languages.map((language) => pageUrls(source, language)),
  ]);
  const pageSitemaps = (urlList: SitemapUrl[], language?: string) =>
    chunk(urlList, size).map((urls, i) => ({
      loc: url(childSitemapPath('pages', i + 1, language)),
      lastmod: newest(urls.map((u) => (u.lastmod ? String(u.lastmod) : null))),
    }));
  return buildSitemapIndex([
    ...pageSitemaps(pages),
    ...languages.flatMap((language, i) => pageSitemaps(languagePages[i] as SitemapUrl[], language)),
    ...articles.map((c) => ({ loc: url(childSitemapPath('articles', c.page)), lastmod: c.lastmod })),
  ]);
}

/** One child sitemap; NotFoundError past the last page. */
export async function renderChildSitemap(source: SitemapSource, child: ChildSitemap): Promise<string> {
  const size = checkedPageSize(source);
  const notFound = () =>
    new NotFoundError('sitemap', childSitemapPath(child.kind, child.page, child.language));
  if (child.language && !(source.languages ?? []).includes(child.language)) throw notFound();
  if (child.kind === 'pages') {
    const urls = chunk(await pageUrls(source, child.language), size)[child.page - 1];
    if (!urls) throw notFound();
    return buildUrlset(urls);
  }
  const rows = await articlePage(source.db.kysely, child.page, size);
  if (rows.length === 0) throw notFound();
  return buildUrlset(
    rows.map((r) => ({ loc: absoluteUrl(source.siteUrl, paths.article(r.slug)), lastmod: r.updated_at })),
  );
}

/** /sitemap-news.xml: what was published in the last 48 hours. */
export async function renderNewsSitemap(source: SitemapSource): Promise<string> {
  const since = new Date(source.now().getTime() - NEWS_WINDOW_HOURS * 3_600_000).toISOString();
  const rows = await recentArticles(source.db.kysely, since, MAX_NEWS_URLS);
  return buildNewsSitemap(
    source.publicationName,
    rows.map((r) => ({
      loc: absoluteUrl(source.siteUrl, paths.article(r.slug)),
      title: r.title,
      language: r.language,
      publishedAt: new Date(r.published_at ?? since),
    })),
  );
}

export function renderRobotsTxt(siteUrl: string): string {
  return buildRobotsTxt({
    sitemapUrls: [absoluteUrl(siteUrl, paths.sitemapIndex()), absoluteUrl(siteUrl, paths.newsSitemap())],
  });
}
