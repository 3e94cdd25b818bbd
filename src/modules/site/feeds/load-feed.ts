import type { SiteServices } from '../site-services.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Article } from '../../articles/index.ts';
import { mediaIdsOf, type PublicMedia } from '../../articles/index.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';
import { localized } from '../../../lib/translations.ts';
import { translate } from '../../../i18n/index.ts';
import { noteIn } from '../../mirrors/index.ts';
import { pathsIn, type FeedFormat } from '../urls.ts';
import { toFeedEntry, type FeedChannel, type FeedEntry } from './feed-entry.ts';

/**
 * Which articles a feed carries. With `language` (a language with pages of its own other than the
 * default), only articles in that language, under that language's addresses (/ru/feed.xml).
 */
export type FeedScope = (
  { kind: 'site' } | { kind: 'tag'; slug: string } | { kind: 'author'; slug: string }
) & { language?: string };

export type FeedServices = Pick<
  SiteServices,
  'articles' | 'tags' | 'authors' | 'settings' | 'lookupMedia' | 'media' | 'config'
> &
  Partial<Pick<SiteServices, 'mirrors'>>;

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];
export const FEED_SIZE = 20;

export interface LoadedFeed {
  channel: FeedChannel;
  entries: FeedEntry[];
  /** The articles shown, for cache dependencies. */
  articleIds: string[];
}

/** Where this feed lives in each format. */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const paths = pathsIn(scope.language ? `/${scope.language}` : '');
  if (scope.kind === 'tag') return paths.tagFeed(scope.slug, format);
  if (scope.kind === 'author') return paths.authorFeed(scope.slug, format);
  return paths.feed(format);
}

/**
 * The newest published articles of the site, a tag or an author, ready for any feed builder.
 * Unknown tags and authors are a NotFoundError; drafts, scheduled and unpublished work never load.
 */
export async function loadFeed(
  services: FeedServices,
  scope: FeedScope,
  options: { limit?: number; now?: () => Date } = {},
): Promise<LoadedFeed> {
  const siteUrl = services.config.SITE_URL;
  const site = services.settings.get();
  const url = (path: string) => absoluteUrl(siteUrl, path);
  const lang = scope.language;
  const paths = pathsIn(lang ? `/${lang}` : '');
  const siteDescription = (lang && site.descriptions[lang]) || site.description;
  let title = site.name;
  let description = siteDescription;
  let homeUrl = url(paths.home());
  const query: { limit: number; tag?: string; author?: string; language?: string } = {
    limit: options.limit ?? FEED_SIZE,
    ...(lang ? { language: lang } : {}),
  };

  if (scope.kind === 'tag') {
    const found = lang
      ? await services.tags.findBySlugIn(lang, scope.slug)
      : await services.tags.findBySlug(scope.slug);
    if (!found) throw new NotFoundError('tag', scope.slug);
    const tag = localized(
      { name: found.name, slug: found.slug, description: found.description },
      lang ? found.translations?.[lang] : undefined,
    );
    title = `${site.name}: ${tag.name}`;
    description = tag.description || siteDescription;
    homeUrl = url(paths.tag(tag.slug));
    query.tag = found.slug;
  } else if (scope.kind === 'author') {
    const found = lang
      ? await services.authors.findBySlugIn(lang, scope.slug)
      : await services.authors.findBySlug(scope.slug);
    if (!found) throw new NotFoundError('author', scope.slug);
    const author = localized(
      { name: found.name, slug: found.slug, bio: found.bio },
      lang ? found.translations?.[lang] : undefined,
    );
    title = `${site.name}: ${author.name}`;
    description = author.bio || siteDescription;
    homeUrl = url(paths.author(author.slug));
    query.author = found.slug;
  }

  const { items } = await services.articles.list(query, { readerVisible: true }, { count: false });
  const media = await services.lookupMedia(items.flatMap(mediaIdsOf));
  const byteSizes = await heroByteSizes(services, items, media);
  const entries = items.map((article) => toFeedEntry(article, { siteUrl, media, byteSizes }));
  const newest = Math.max(...entries.map((e) => e.updatedAt.getTime()));
  const channel: FeedChannel = {
    title,
    description,
    language: lang ?? services.config.DEFAULT_LANGUAGE,
    homeUrl,
    feedUrls: {
      rss: url(feedPath(scope, 'rss')),
      atom: url(feedPath(scope, 'atom')),
      json: url(feedPath(scope, 'json')),
    },
    // An empty feed has never changed: a fixed date, so the same content gives the same bytes
    // (the feed's ETag, a static mirror) instead of a new date on every render.
    updatedAt: entries.length ? new Date(newest) : (options.now?.() ?? new Date(0)),
    publisher: { name: site.name, url: url(paths.home()) },
  };
  const mirrors = services.mirrors?.list() ?? [];
  if (mirrors.length > 0) {
    const language = channel.language;
    channel.mirrors = {
      pageUrl: url(paths.mirrors()),
      listUrl: url(paths.mirrorList()),
      title: translate(language, 'feed.mirrors', { url: url(paths.mirrors()) }),
      entries: mirrors.map((m) => ({ url: m.url, kind: m.kind, note: noteIn(m, language) })),
    };
  }
  return { channel, entries, articleIds: items.map((a) => a.id) };
}

/** File sizes of the hero images' copies by public URL (RSS enclosures must state a length). */
async function heroByteSizes(
  services: FeedServices,
  articles: Article[],
  media: ReadonlyMap<string, PublicMedia>,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const heroIds = [...new Set(articles.flatMap((a) => (a.heroMediaId ? [a.heroMediaId] : [])))];
  const records = await Promise.all(
    heroIds.map((id) =>
      services.media.get(id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      }),
    ),
  );
  for (const record of records) {
    const hero = record && media.get(record.id);
    if (!record || !hero) continue;
    for (const variant of hero.variants) {
      const stored = record.variants.find((v) => variant.url.endsWith(`/${v.key}`));
      if (stored) sizes.set(variant.url, stored.bytes);
    }
  }
  return sizes;
}
